import { Button, Result, Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Link } from 'react-router-dom';
import { ApiKeysPage } from '../features/api-keys/ApiKeysPage';
import { ApprovalsPage } from '../features/approvals/ApprovalsPage';
import { AuditPage } from '../features/audit/AuditPage';
import { LoginPage } from '../features/auth/LoginPage';
import { RequireSession } from '../features/auth/RequireSession';
import { DisciplinePage } from '../features/discipline/DisciplinePage';
import { HomePage } from '../features/home/HomePage';
import { KioskPage } from '../features/kiosk/KioskPage';
import { OrganizationPage } from '../features/organization/OrganizationPage';
import { ProfilePage } from '../features/profile/ProfilePage';
import { CurrentSiteProvider, useCurrentSite } from '../features/shell/current-site';
import { isAllowed, NAVIGATION, type NavEntry, type PageKey } from '../features/shell/navigation';
import { UsersPage } from '../features/users/UsersPage';
import { AppLayout } from './AppLayout';

// Each module's pages are their own chunk, loaded when first opened: the shell stays small.
const AttendancePage = lazy(() => import('../features/attendance/AttendancePage').then((m) => ({ default: m.AttendancePage })));
const ClientsPage = lazy(() => import('../features/clients/ClientsPage').then((m) => ({ default: m.ClientsPage })));
const ReservationPage = lazy(() => import('../features/reservation/ReservationPage').then((m) => ({ default: m.ReservationPage })));
const AppointmentsPage = lazy(() => import('../features/appointments/AppointmentsPage').then((m) => ({ default: m.AppointmentsPage })));
const ComplaintsPage = lazy(() => import('../features/complaints/ComplaintsPage').then((m) => ({ default: m.ComplaintsPage })));
const RepairOrdersPage = lazy(() => import('../features/repair-orders/RepairOrdersPage').then((m) => ({ default: m.RepairOrdersPage })));

const PAGES: Record<PageKey, ReactNode> = {
  home: <HomePage />,
  attendance: <AttendancePage />,
  clientAttribution: <ClientsPage />,
  reservation: <ReservationPage />,
  appointments: <AppointmentsPage />,
  complaints: <ComplaintsPage />,
  repairOrders: <RepairOrdersPage />,
  approvals: <ApprovalsPage />,
  discipline: <DisciplinePage />,
  users: <UsersPage />,
  audit: <AuditPage />,
  organization: <OrganizationPage />,
  apiKeys: <ApiKeysPage />,
  profile: <ProfilePage />,
};

/** A page, or a refusal when the user's roles on the current site do not reach it. */
function Guarded({ entry }: { entry: NavEntry }) {
  const { t } = useTranslation();
  const { access } = useCurrentSite();
  if (!isAllowed(entry, access)) return <Result status="403" title={t('errors.forbiddenTitle')} subTitle={t('errors.forbidden')} extra={<HomeLink />} />;
  return <Suspense fallback={<Spin style={{ display: 'block', margin: '64px auto' }} />}>{PAGES[entry.key]}</Suspense>;
}

function NotFound() {
  const { t } = useTranslation();
  return <Result status="404" title={t('errors.notFoundTitle')} subTitle={t('errors.notFound')} extra={<HomeLink />} />;
}

function HomeLink() {
  const { t } = useTranslation();
  return (
    <Link to="/">
      <Button type="primary">{t('errors.backHome')}</Button>
    </Link>
  );
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  // The shared clock-in device: no one signs in there (the device token identifies it).
  { path: '/kiosk', element: <KioskPage /> },
  {
    element: (
      <RequireSession>
        <CurrentSiteProvider>
          <AppLayout />
        </CurrentSiteProvider>
      </RequireSession>
    ),
    children: [...NAVIGATION.map((entry) => ({ path: entry.nested ? `${entry.path}/*` : entry.path, element: <Guarded entry={entry} /> })), { path: '*', element: <NotFound /> }],
  },
]);
