import { Result, Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { PageTitle } from '../../shared/ui/PageTitle';
import { PartnerPage } from '../partner/PartnerPage';
import { useCurrentSite } from '../shell/current-site';
import { clientsAccess, type ClientsAccess } from './access';
import { CustomerPage } from './customers/CustomerPage';
import { CustomersPage } from './customers/CustomersPage';
import { AgentsPage } from './agents/AgentsPage';
import { CommissionsPage } from './commissions/CommissionsPage';
import { DailyWorkPage } from './daily/DailyWorkPage';
import { DisputesPage } from './disputes/DisputesPage';
import { FollowUpsPage } from './follow-ups/FollowUpsPage';
import { PartnerInboxPage } from './inbox/PartnerInboxPage';
import { ClientPolicyPage } from './policy/ClientPolicyPage';
import { PoolPage } from './pool/PoolPage';
import { ReportsPage } from './reports/ReportsPage';
import { RotationBoardPage } from './rotation/RotationBoardPage';
import { SmsOutboxPage } from './sms/SmsOutboxPage';

type Section = 'rotation' | 'customers' | 'followUps' | 'daily' | 'pool' | 'inbox' | 'disputes' | 'reports' | 'commissions' | 'agents' | 'sms' | 'policy';

interface SectionEntry {
  key: Section;
  /** Relative to /client-attribution; '' is the module's start page. */
  path: string;
  element: ReactNode;
  allowed: (a: ClientsAccess) => boolean;
}

const SECTIONS: readonly SectionEntry[] = [
  { key: 'rotation', path: '', element: <RotationBoardPage />, allowed: (a) => a.staff },
  { key: 'customers', path: 'customers', element: <CustomersPage />, allowed: (a) => a.staff },
  { key: 'followUps', path: 'follow-ups', element: <FollowUpsPage />, allowed: (a) => a.sales },
  { key: 'daily', path: 'daily', element: <DailyWorkPage />, allowed: (a) => a.consultant || a.overseer },
  { key: 'pool', path: 'pool', element: <PoolPage />, allowed: (a) => a.sales },
  { key: 'inbox', path: 'inbox', element: <PartnerInboxPage />, allowed: (a) => a.readsInbox },
  { key: 'disputes', path: 'disputes', element: <DisputesPage />, allowed: (a) => a.consultant || a.manages },
  { key: 'reports', path: 'reports', element: <ReportsPage />, allowed: (a) => a.sales },
  { key: 'commissions', path: 'commissions', element: <CommissionsPage />, allowed: (a) => a.manages },
  { key: 'agents', path: 'agents', element: <AgentsPage />, allowed: (a) => a.manages },
  { key: 'sms', path: 'sms', element: <SmsOutboxPage />, allowed: (a) => a.overseer },
  { key: 'policy', path: 'policy', element: <ClientPolicyPage />, allowed: (a) => a.overseer },
];

export const CLIENTS_BASE = '/client-attribution';

/**
 * The client-attribution module (SPEC section 2): one entry in the navigation, its pages as tabs, each
 * shown to the roles it serves. A channel partner (no staff role on the site) gets the agency's own view.
 */
export function ClientsPage() {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const access = clientsAccess(site);
  const location = useLocation();
  const navigate = useNavigate();
  if (access.partnerOnly) return <PartnerPage />;

  const sections = SECTIONS.filter((s) => s.allowed(access));
  const sub = location.pathname.slice(CLIENTS_BASE.length).replace(/^\//, '').split('/')[0] ?? '';
  const active = SECTIONS.find((s) => s.path === sub)?.key ?? 'rotation';
  const forbidden = <Result status="403" title={t('errors.forbiddenTitle')} subTitle={t('errors.forbidden')} />;

  return (
    <>
      <PageTitle title={t('nav.clientAttribution')} subtitle={t(`clients.sections.${active}Hint`)} />
      <Tabs
        activeKey={active}
        onChange={(key) => void navigate(`${CLIENTS_BASE}/${SECTIONS.find((s) => s.key === key)?.path ?? ''}`.replace(/\/$/, ''))}
        items={sections.map((s) => ({ key: s.key, label: t(`clients.sections.${s.key}`) }))}
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
        <Route path="customers/:id" element={access.readsCustomers ? <CustomerPage /> : forbidden} />
        <Route path="*" element={<Navigate to={CLIENTS_BASE} replace />} />
      </Routes>
    </>
  );
}
