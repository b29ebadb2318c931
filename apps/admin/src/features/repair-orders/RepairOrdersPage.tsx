import { Result, Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { PageTitle } from '../../shared/ui/PageTitle';
import { useCurrentSite } from '../shell/current-site';
import { repairAccess, type RepairAccess } from './access';
import { DeskPage } from './desk/DeskPage';
import { useRepairLive } from './live';
import { RepairOrderDetailPage } from './detail/RepairOrderDetailPage';
import { PrintPage } from './print/PrintPage';
import { StatisticsPage } from './statistics/StatisticsPage';
import { TicketsPage } from './tickets/TicketsPage';
import { WorkshopPage } from './workshop/WorkshopPage';
import { SettingsPage } from './settings/SettingsPage';
import { VehicleFilePage } from './vehicles/VehicleFilePage';
import { VehiclesPage } from './vehicles/VehiclesPage';
import { WarrantyPage } from './warranty/WarrantyPage';

type Section = 'desk' | 'workshop' | 'tickets' | 'statistics' | 'vehicles' | 'warranty' | 'settings';

interface SectionEntry {
  key: Section;
  /** Relative to /repair-orders. */
  path: string;
  element: ReactNode;
  allowed: (a: RepairAccess) => boolean;
}

const SECTIONS: readonly SectionEntry[] = [
  { key: 'desk', path: 'desk', element: <DeskPage />, allowed: (a) => a.readsOrders },
  { key: 'workshop', path: 'workshop', element: <WorkshopPage />, allowed: (a) => a.readsOrders },
  { key: 'tickets', path: 'tickets', element: <TicketsPage />, allowed: (a) => a.readsTickets },
  { key: 'statistics', path: 'statistics', element: <StatisticsPage />, allowed: (a) => a.statistics },
  // Issue #7: vehicle files and reminders (RO-1, RO-10), warranty claims (RO-10), key cabinet and policy.
  { key: 'vehicles', path: 'vehicles', element: <VehiclesPage />, allowed: (a) => a.readsOrders },
  { key: 'warranty', path: 'warranty', element: <WarrantyPage />, allowed: (a) => a.readsOrders },
  { key: 'settings', path: 'settings', element: <SettingsPage />, allowed: (a) => a.readsOrders },
];

const BASE = '/repair-orders';

/**
 * The repair-order module (SPEC section 5): the service advisor's desk, one order's page through its
 * steps with its print views, the technicians' workshop view, property repair tickets (call-centre
 * intake, department boards, fees) and statistics. Each person starts on the first section they may use.
 */
export function RepairOrdersPage() {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const access = repairAccess(site);
  useRepairLive(site.siteId);
  const location = useLocation();
  const navigate = useNavigate();
  const forbidden = <Result status="403" title={t('errors.forbiddenTitle')} subTitle={t('errors.forbidden')} />;
  if (!access.any) return forbidden;
  const sections = SECTIONS.filter((s) => s.allowed(access));
  const sub = location.pathname.slice(BASE.length).replace(/^\/|\/$/g, '');
  const section = SECTIONS.find((s) => s.path === sub);
  // The advisor starts at the desk, the workshop at its view, everybody else (cashier, call centre) at their first section.
  const first = (access.advises ? undefined : access.works ? sections.find((s) => s.key === 'workshop') : undefined) ?? sections[0];
  const isPrint = /\/print\//.test(sub);

  return (
    <>
      {!isPrint && (
        <div className="ro-no-print">
          <PageTitle title={t('nav.repairOrders')} subtitle={section ? t(`repairOrders.sections.${section.key}Hint`) : undefined} />
          {sections.length > 1 && (section || sub === '') && (
            <Tabs
              activeKey={section?.key ?? first?.key}
              onChange={(key) => void navigate(`${BASE}/${SECTIONS.find((s) => s.key === key)?.path ?? ''}`)}
              items={sections.map((s) => ({ key: s.key, label: t(`repairOrders.sections.${s.key}`) }))}
              style={{ marginBottom: 8 }}
            />
          )}
        </div>
      )}
      <Routes>
        <Route index element={first ? <Navigate to={`${BASE}/${first.path}`} replace /> : forbidden} />
        {SECTIONS.map((s) => (
          <Route key={s.key} path={s.path} element={s.allowed(access) ? s.element : forbidden} />
        ))}
        <Route path="vehicles/:id" element={access.readsOrders ? <VehicleFilePage /> : forbidden} />
        <Route path=":id" element={access.readsOrders ? <RepairOrderDetailPage /> : forbidden} />
        <Route path=":id/print/:doc" element={access.readsOrders ? <PrintPage /> : forbidden} />
        <Route path="*" element={<Navigate to={BASE} replace />} />
      </Routes>
    </>
  );
}
