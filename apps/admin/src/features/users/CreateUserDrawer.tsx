import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Flex, Form, Input, Select } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '@sitedesk/domain';
import type { CreateUserDto } from '../../api/generated';
import { LANGUAGES, type Language } from '../../i18n';
import { showFieldErrors } from '../../shared/forms';
import { ProblemAlert } from '../../shared/ui/ProblemAlert';
import { useCurrentSite } from '../shell/current-site';
import { useAgencies, useCreateUser } from './queries';
import { RoleSelect, SiteSelect } from './RoleFields';
import { siteIdOf } from './roles';

interface CreateValues {
  login: string;
  displayName: string;
  password: string;
  locale: Language;
  agencyId?: string;
  roles: { site: string; role: Role }[];
}

/** A new account with its first roles; a channel partner also names its agency. */
export function CreateUserDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const create = useCreateUser();
  const formId = useId();
  const [form] = Form.useForm<CreateValues>();
  const roles = Form.useWatch('roles', form);
  const needsAgency = roles?.some((r) => r?.role === 'partner') ?? false;
  const agencies = useAgencies(open);

  const close = () => {
    create.reset();
    form.resetFields();
    onClose();
  };

  const submit = (values: CreateValues) => {
    const body: CreateUserDto = {
      login: values.login.trim(),
      displayName: values.displayName.trim(),
      password: values.password,
      locale: values.locale,
      roles: values.roles.map((r) => ({ role: r.role, siteId: siteIdOf(r.site) })),
      ...(needsAgency && values.agencyId ? { agencyId: values.agencyId } : {}),
    };
    create.mutate(
      { body },
      {
        onSuccess: () => {
          void message.success(t('users.created'));
          close();
        },
        onError: (problem) => showFieldErrors(form, problem),
      },
    );
  };

  return (
    <Drawer
      open={open}
      title={t('users.createTitle')}
      size={520}
      onClose={close}
      extra={
        <Button type="primary" htmlType="submit" form={formId} loading={create.isPending}>
          {t('common.create')}
        </Button>
      }
    >
      <ProblemAlert problem={create.error} />
      <Form<CreateValues> id={formId} form={form} layout="vertical" initialValues={{ locale: 'zh-CN', roles: [{ site: site.siteId }] }} onFinish={submit}>
        <Form.Item name="login" label={t('users.login')} rules={[{ required: true, type: 'email', message: t('users.loginRequired') }]}>
          <Input autoComplete="off" placeholder="name@company.com" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('users.nameRequired') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="password" label={t('users.password')} extra={t('users.passwordHint')} rules={[{ required: true, min: 10, message: t('users.passwordRequired') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="locale" label={t('users.locale')}>
          <Select options={LANGUAGES.map((value) => ({ value, label: t(`language.${value}`) }))} />
        </Form.Item>
        <Form.List name="roles" rules={[{ validator: async (_, value: unknown[]) => (value?.length ? undefined : Promise.reject(new Error(t('users.rolesRequired')))) }]}>
          {(fields, { add, remove }, { errors }) => (
            <Form.Item label={t('users.roles')} required>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="baseline">
                  <Form.Item name={[field.name, 'site']} rules={[{ required: true }]}>
                    <SiteSelect />
                  </Form.Item>
                  <Form.Item name={[field.name, 'role']} rules={[{ required: true, message: t('users.roleRequired') }]}>
                    <RoleSelect />
                  </Form.Item>
                  <MinusCircleOutlined aria-label={t('users.removeRole')} onClick={() => remove(field.name)} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ site: site.siteId })}>
                {t('users.addRole')}
              </Button>
              <Form.ErrorList errors={errors} />
            </Form.Item>
          )}
        </Form.List>
        {needsAgency && (
          <Form.Item name="agencyId" label={t('users.agency')} extra={t('users.agencyHint')} rules={[{ required: true, message: t('users.agencyHint') }]}>
            <Select loading={agencies.isPending} options={agencies.data?.map((a) => ({ value: a.id, label: a.name }))} />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
