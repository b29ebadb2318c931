import { DownOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useMe } from '../auth/me';
import { signOut } from '../auth/queries';

export function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'profile', icon: <UserOutlined />, label: t('nav.profile'), onClick: () => void navigate('/profile') },
          { type: 'divider' },
          { key: 'sign-out', icon: <LogoutOutlined />, label: t('auth.signOut'), onClick: () => void signOut() },
        ],
      }}
    >
      <Button type="text" aria-label={t('shell.userMenu')} style={{ height: 40 }}>
        <Avatar size="small" style={{ backgroundColor: '#1677ff' }}>
          {me.displayName.slice(0, 1)}
        </Avatar>
        {me.displayName}
        <DownOutlined style={{ fontSize: 10 }} />
      </Button>
    </Dropdown>
  );
}
