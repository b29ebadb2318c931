import { App, Button, Card, Col, Descriptions, Form, Input, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { showFieldErrors } from '../../shared/forms';
import { ProblemAlert } from '../../shared/ui/ProblemAlert';
import { PageTitle } from '../../shared/ui/PageTitle';
import { RoleList } from '../../shared/ui/RoleList';
import { useMe } from '../auth/me';
import { useUpdateMe } from '../auth/queries';
import { UserLanguageSwitch } from '../shell/LanguageSwitch';
import { PasswordCard } from './PasswordCard';

export function ProfilePage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t('profile.title')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <AccountCard />
        </Col>
        <Col xs={24} xl={12}>
          <PasswordCard />
        </Col>
        <Col span={24}>
          <SitesCard />
        </Col>
      </Row>
    </>
  );
}

function AccountCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const update = useUpdateMe();
  const [form] = Form.useForm<{ displayName: string }>();
  const save = ({ displayName }: { displayName: string }) =>
    update.mutate(
      { body: { displayName: displayName.trim() } },
      { onSuccess: () => void message.success(t('common.saved')), onError: (problem) => showFieldErrors(form, problem) },
    );
  return (
    <Card title={t('profile.account')}>
      <Descriptions
        column={1}
        size="small"
        style={{ marginBottom: 16 }}
        items={[
          { key: 'login', label: t('profile.login'), children: me.login },
          { key: 'org', label: t('profile.organization'), children: me.organizationName },
          ...(me.agencyName ? [{ key: 'agency', label: t('profile.agency'), children: me.agencyName }] : []),
          { key: 'language', label: t('profile.language'), children: <UserLanguageSwitch /> },
        ]}
      />
      <ProblemAlert problem={update.error} />
      <Form<{ displayName: string }> form={form} layout="vertical" initialValues={{ displayName: me.displayName }} onFinish={save}>
        <Form.Item name="displayName" label={t('profile.displayName')} rules={[{ required: true, whitespace: true, message: t('profile.nameRequired') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}

function SitesCard() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Card title={t('profile.sitesAndRoles')}>
      <Descriptions
        column={1}
        size="small"
        items={[
          ...(me.organizationRoles.length
            ? [{ key: 'org', label: t('profile.organizationRoles'), children: <RoleList roles={me.organizationRoles} /> }]
            : []),
          ...me.sites.map((s) => ({ key: s.siteId, label: `${s.name} (${s.code})`, children: <RoleList roles={s.roles} /> })),
        ]}
      />
    </Card>
  );
}
