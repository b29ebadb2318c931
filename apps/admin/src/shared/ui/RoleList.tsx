import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '@sitedesk/domain';

/** Role names as tags, in the console's language. */
export function RoleList({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      {roles.map((role) => (
        <Tag key={role} color="blue">
          {t(`roles.${role}`)}
        </Tag>
      ))}
    </Space>
  );
}
