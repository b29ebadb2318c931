import { ArrowRightOutlined, CheckSquareOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Flex, Row, Skeleton, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { problemText } from '../../shared/problem-text';
import { RoleList } from '../../shared/ui/RoleList';
import { usePendingApprovalCount } from '../approvals/queries';
import { useMe } from '../auth/me';
import { useCurrentSite, useSiteTime } from '../shell/current-site';
import { useNavigation } from '../shell/navigation';

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
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
        <Col xs={24} lg={8}>
          <PendingApprovalsCard siteId={site.siteId} />
        </Col>
        <Col xs={24} lg={16}>
          <QuickLinks />
        </Col>
      </Row>
    </Flex>
  );
}

function PendingApprovalsCard({ siteId }: { siteId: string }) {
  const { t } = useTranslation();
  const pending = usePendingApprovalCount(siteId);
  return (
    <Card style={{ height: '100%' }}>
      {pending.isPending ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : pending.isError ? (
        <Typography.Text type="danger">{problemText(pending.error, t)}</Typography.Text>
      ) : (
        <Statistic title={t('home.pendingApprovals')} value={pending.data} prefix={<CheckSquareOutlined />} />
      )}
      <Link to="/approvals" style={{ display: 'inline-block', marginTop: 12 }}>
        {t('home.openApprovals')} <ArrowRightOutlined />
      </Link>
    </Card>
  );
}

function QuickLinks() {
  const { t } = useTranslation();
  const entries = useNavigation().filter((e) => e.group === 'platform');
  return (
    <Card title={t('home.quickLinks')} style={{ height: '100%' }}>
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
