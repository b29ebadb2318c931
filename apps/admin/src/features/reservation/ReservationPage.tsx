import { Result, Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { PageTitle } from '../../shared/ui/PageTitle';
import { useCurrentSite } from '../shell/current-site';
import { ReservationApprovalsPage } from './approvals/ReservationApprovalsPage';
import { ReservationPolicyPage } from './policy/ReservationPolicyPage';
import { reservationAccess, type ReservationAccess } from './access';
import { SalesBoardPage } from './board/SalesBoardPage';
import { CashierPage } from './cashier/CashierPage';
import { LiveContext, useReservationLive } from './live';
import { OrdersPage } from './orders/OrdersPage';
import { UnitDrawer } from './unit/UnitDrawer';
import { UnitsPage } from './units/UnitsPage';

type Section = 'board' | 'orders' | 'cashier' | 'approvals' | 'units' | 'policy';

interface SectionEntry {
  key: Section;
  /** Relative to /reservation; '' is the module's start page. */
  path: string;
  element: ReactNode;
  allowed: (a: ReservationAccess) => boolean;
}

const SECTIONS: readonly SectionEntry[] = [
  { key: 'board', path: '', element: <SalesBoardPage />, allowed: (a) => a.staff },
  { key: 'orders', path: 'orders', element: <OrdersPage />, allowed: (a) => a.staff },
  { key: 'cashier', path: 'cashier', element: <CashierPage />, allowed: (a) => a.cashier || a.holds },
  { key: 'approvals', path: 'approvals', element: <ReservationApprovalsPage />, allowed: (a) => a.staff },
  { key: 'units', path: 'units', element: <UnitsPage />, allowed: (a) => a.staff },
  { key: 'policy', path: 'policy', element: <ReservationPolicyPage />, allowed: (a) => a.staff },
];

export const RESERVATION_BASE = '/reservation';

/**
 * The reservation module (SPEC section 3, sales): the live sales board, the orders, the cashier's
 * screen and the unit inventory as tabs, each for the roles it serves; a unit opens in a drawer.
 */
export function ReservationPage() {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const access = reservationAccess(site);
  const location = useLocation();
  const navigate = useNavigate();
  const live = useReservationLive(site.siteId);
  const forbidden = <Result status="403" title={t('errors.forbiddenTitle')} subTitle={t('errors.forbidden')} />;
  if (!access.staff) return forbidden;

  const sections = SECTIONS.filter((s) => s.allowed(access));
  const sub = location.pathname.slice(RESERVATION_BASE.length).replace(/^\//, '').split('/')[0] ?? '';
  const active = SECTIONS.find((s) => s.path === sub)?.key ?? 'board';

  return (
    <LiveContext value={live}>
      <PageTitle title={t('nav.reservation')} subtitle={t(`reservation.sections.${active}Hint`)} />
      <Tabs
        activeKey={active}
        onChange={(key) => void navigate(`${RESERVATION_BASE}/${SECTIONS.find((s) => s.key === key)?.path ?? ''}`.replace(/\/$/, ''))}
        items={sections.map((s) => ({ key: s.key, label: t(`reservation.sections.${s.key}`) }))}
        style={{ marginBottom: 8 }}
      />
      <Routes>
        {SECTIONS.map((s) =>
          s.path === '' ? (
            <Route key={s.key} index element={s.allowed(access) ? s.element : forbidden} />
          ) : (
            <Route key={s.key} path={s.path} element={s.allowed(access) ? s.element : forbidden} />
          ),
        )}
        <Route path="*" element={<Navigate to={RESERVATION_BASE} replace />} />
      </Routes>
      <UnitDrawer />
    </LiveContext>
  );
}
