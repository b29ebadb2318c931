import { Flex, Layout, theme } from 'antd';
import { Outlet } from 'react-router-dom';
import { Brand } from '../features/shell/Brand';
import { UserLanguageSwitch } from '../features/shell/LanguageSwitch';
import { SiteSwitcher } from '../features/shell/SiteSwitcher';
import { UserMenu } from '../features/shell/UserMenu';
import { SideNav } from './SideNav';

/** The signed-in console: header (product, site, language, user), navigation, the page. */
export function AppLayout() {
  const { token } = theme.useToken();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 24,
          paddingInline: 24,
          background: token.colorBgContainer,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
          position: 'sticky',
          top: 0,
          zIndex: 10,
        }}
      >
        <Brand />
        <SiteSwitcher />
        <Flex flex={1} justify="flex-end" align="center" gap={16}>
          <UserLanguageSwitch />
          <UserMenu />
        </Flex>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={220} theme="light" breakpoint="lg" collapsedWidth={0} style={{ borderInlineEnd: `1px solid ${token.colorBorderSecondary}` }}>
          <SideNav />
        </Layout.Sider>
        <Layout.Content style={{ padding: 24, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
