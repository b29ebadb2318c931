import { Menu, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { useNavigation, type NavEntry } from '../features/shell/navigation';

/** The pages the user's roles on the current site can use, grouped: modules, then platform. */
export function SideNav() {
  const { t } = useTranslation();
  const location = useLocation();
  const entries = useNavigation();
  const item = (e: NavEntry) => ({ key: e.path, icon: e.icon, label: <Link to={e.path}>{t(`nav.${e.key}`)}</Link> });
  const group = (key: 'modules' | 'platform') => ({ type: 'group' as const, key, label: t(`nav.${key}`), children: entries.filter((e) => e.group === key).map(item) });
  const items: MenuProps['items'] = [...entries.filter((e) => e.group === 'top').map(item), group('modules'), group('platform')];
  const selected = entries.find((e) => e.path !== '/' && location.pathname.startsWith(e.path))?.path ?? (location.pathname === '/' ? '/' : '');
  return (
    <nav aria-label={t('app.name')}>
      <Menu mode="inline" items={items} selectedKeys={[selected]} style={{ borderInlineEnd: 'none' }} />
    </nav>
  );
}
