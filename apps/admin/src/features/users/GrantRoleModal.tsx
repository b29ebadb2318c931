import { App, Form, Modal } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '@sitedesk/domain';
import type { UserDto } from '../../api/generated';
import { showFieldErrors } from '../../shared/forms';
import { ProblemAlert } from '../../shared/ui/ProblemAlert';
import { useCurrentSite } from '../shell/current-site';
import { useGrantRole } from './queries';
import { RoleSelect, SiteSelect } from './RoleFields';
import { siteIdOf } from './roles';

interface GrantValues {
  site: string;
  role: Role;
}

/** Grants one more role to a user, on the current site by default. */
export function GrantRoleModal({ user, onClose }: { user: UserDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const grant = useGrantRole();
  const formId = useId();
  const [form] = Form.useForm<GrantValues>();
  const close = () => {
    grant.reset();
    onClose();
  };
  return (
    <Modal
      open={user !== null}
      title={user && t('users.grantTitle', { name: user.displayName })}
      okText={t('users.grant')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: formId, loading: grant.isPending }}
      onCancel={close}
      destroyOnHidden
    >
      <ProblemAlert problem={grant.error} />
      <Form<GrantValues>
        id={formId}
        form={form}
        layout="vertical"
        initialValues={{ site: site.siteId }}
        onFinish={(values) => {
          if (!user) return;
          grant.mutate(
            { path: { id: user.id }, body: { role: values.role, siteId: siteIdOf(values.site) } },
            {
              onSuccess: () => {
                void message.success(t('users.granted'));
                close();
              },
              onError: (problem) => showFieldErrors(form, problem),
            },
          );
        }}
      >
        <Form.Item name="site" label={t('users.site')} rules={[{ required: true }]}>
          <SiteSelect />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('users.roleRequired') }]}>
          <RoleSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}
