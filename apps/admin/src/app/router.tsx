import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Link } from 'react-router-dom';
import { ApiKeysPage } from '../features/api-keys/ApiKeysPage';
import { AppointmentsPage } from '../features/appointments/AppointmentsPage';
import { ApprovalsPage } from '../features/approvals/ApprovalsPage';
import { AttendancePage } from '../features/attendance/AttendancePage';
import { AuditPage } from '../features/audit/AuditPage';
import { ClientsPage } from '../features/clients/ClientsPage';
import { ComplaintsPage } from '../features/complaints/ComplaintsPage';
import { RepairOrdersPage } from '../features/repair-orders/RepairOrdersPage';
import { LoginPage } from '../features/auth/LoginPage';
import { RequireSession } from '../features/auth/RequireSession';
import { DisciplinePage } from '../features/discipline/DisciplinePage';
import { HomePage } from '../features/home/HomePage';
import { KioskPage } from '../features/kiosk/KioskPage';
import { ProfilePage } from '../features/profile/ProfilePage';
import { ReservationPage } from '../features/reservation/ReservationPage';
import { CurrentSiteProvider, useCurrentSite } from '../features/shell/current-site';
import { isAllowed, NAVIGATION, type NavEntry, type PageKey } from '../features/shell/navigation';
import { UsersPage } from '../features/users/UsersPage';
import { AppLayout } from './AppLayout';

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
  apiKeys: <ApiKeysPage />,
  profile: <ProfilePage />,
};

/** A page, or a refusal when the user's roles on the current site do not reach it. */
function Guarded({ entry }: { entry: NavEntry }) {
  const { t } = useTranslation();
  const { access } = useCurrentSite();
  if (!isAllowed(entry, access)) return <Result status="403" title={t('errors.forbiddenTitle')} subTitle={t('errors.forbidden')} extra={<HomeLink />} />;
  return PAGES[entry.key];
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
