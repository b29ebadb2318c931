import { Card, Col, Descriptions, Flex, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { RoleList } from '../../shared/ui/RoleList';
import { ClockCard } from '../attendance/my/ClockCard';
import { useMe } from '../auth/me';
import { useCurrentSite, useSiteTime } from '../shell/current-site';
import { useNavigation } from '../shell/navigation';
import { MyDay } from './MyDay';

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  // Everyone of the site's staff clocks in here too (ATT-4); a partner's agent does not.
  const staff = site.roles.some((r) => r !== 'partner');
  return (
    <Flex vertical gap={16}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('home.greeting', { name: me.displayName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {me.organizationName}
          {me.agencyName && ` · ${t('home.agency', { agency: me.agencyName })}`}
        </Typography.Paragraph>
        <Descriptions
          layout="vertical"
          column={{ xs: 1, md: 2, xl: 4 }}
          items={[
            { key: 'site', label: t('home.currentSite'), children: `${site.name} (${t(`siteKinds.${site.kind}`)})` },
            { key: 'tz', label: t('home.timeZone'), children: site.timeZone },
            { key: 'time', label: t('home.localTime'), children: siteTime(new Date().toISOString()) },
            { key: 'roles', label: t('home.roles'), children: <RoleList roles={site.roles} /> },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        {staff && (
          <Col xs={24} lg={10}>
            <ClockCard />
          </Col>
        )}
        <Col xs={24} lg={staff ? 14 : 24}>
          <MyDay />
        </Col>
      </Row>
      <QuickLinks />
    </Flex>
  );
}

function QuickLinks() {
  const { t } = useTranslation();
  const entries = useNavigation().filter((e) => e.group === 'platform');
  return (
    <Card title={t('home.quickLinks')}>
      <Row gutter={[12, 12]}>
        {entries.map((entry) => (
          <Col key={entry.key} xs={12} md={8}>
            <Link to={entry.path}>
              <Card size="small" hoverable>
                <Flex gap={8} align="center">
                  {entry.icon}
                  {t(`nav.${entry.key}`)}
                </Flex>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
