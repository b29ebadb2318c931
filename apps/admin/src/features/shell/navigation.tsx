import {
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  ClockCircleOutlined,
  CustomerServiceOutlined,
  FileProtectOutlined,
  HomeOutlined,
  ScheduleOutlined,
  IdcardOutlined,
  TeamOutlined,
  ToolOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Access } from './access';
import { useCurrentSite } from './current-site';

export const MODULES = ['attendance', 'clientAttribution', 'reservation', 'complaints', 'repairOrders'] as const;
export type ModuleKey = (typeof MODULES)[number];
export type PageKey = 'home' | ModuleKey | 'appointments' | 'approvals' | 'discipline' | 'users' | 'audit' | 'organization' | 'apiKeys' | 'profile';

export interface NavEntry {
  key: PageKey;
  path: string;
  icon: ReactNode;
  group: 'top' | 'modules' | 'platform';
  /** Who may use the page on the current site; everyone when absent. */
  allowed?: (access: Access) => boolean;
  /** The page has pages of its own under its path (`/attendance/rota` …), routed by the page. */
  nested?: boolean;
}

const managesSite = (a: Access) => a.managesSite;

/** Every page of the console, in navigation order. */
export const NAVIGATION: readonly NavEntry[] = [
  { key: 'home', path: '/', icon: <HomeOutlined />, group: 'top' },
  { key: 'attendance', path: '/attendance', icon: <ClockCircleOutlined />, group: 'modules', nested: true },
  { key: 'clientAttribution', path: '/client-attribution', icon: <UserSwitchOutlined />, group: 'modules', nested: true },
  { key: 'reservation', path: '/reservation', icon: <CalendarOutlined />, group: 'modules', nested: true },
  { key: 'appointments', path: '/appointments', icon: <ScheduleOutlined />, group: 'modules', nested: true },
  { key: 'complaints', path: '/complaints', icon: <CustomerServiceOutlined />, group: 'modules', nested: true },
  { key: 'repairOrders', path: '/repair-orders', icon: <ToolOutlined />, group: 'modules', nested: true },
  { key: 'approvals', path: '/approvals', icon: <CheckSquareOutlined />, group: 'platform' },
  { key: 'discipline', path: '/discipline', icon: <FileProtectOutlined />, group: 'platform' },
  { key: 'users', path: '/users', icon: <TeamOutlined />, group: 'platform', allowed: managesSite },
  { key: 'audit', path: '/audit', icon: <AuditOutlined />, group: 'platform', allowed: managesSite },
  { key: 'organization', path: '/organization', icon: <ApartmentOutlined />, group: 'platform', allowed: (a) => a.orgAdmin },
  // Not /api-keys: the API keeps every path starting with /api for itself (no index.html fallback).
  { key: 'apiKeys', path: '/keys', icon: <ApiOutlined />, group: 'platform', allowed: (a) => a.orgAdmin },
  { key: 'profile', path: '/profile', icon: <IdcardOutlined />, group: 'platform' },
];

/** The pages of a partner agency's agent: their reports, appeals and commissions live under client attribution. */
const PARTNER_PAGES: ReadonlySet<PageKey> = new Set(['home', 'clientAttribution', 'profile']);

export const isAllowed = (entry: NavEntry, access: Access) =>
  (!access.partnerOnly || PARTNER_PAGES.has(entry.key)) && (!entry.allowed || entry.allowed(access));

/** The pages the signed-in user's roles on the current site can use. */
export function useNavigation(): NavEntry[] {
  const { access } = useCurrentSite();
  return NAVIGATION.filter((entry) => isAllowed(entry, access));
}
