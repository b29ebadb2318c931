import { Result, Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { PageTitle } from '../../shared/ui/PageTitle';
import { useCurrentSite } from '../shell/current-site';
import { complaintAccess, type ComplaintAccess } from './access';
import { ComplaintDetailPage } from './detail/ComplaintDetailPage';
import { FollowUpReportPage } from './follow-up-report/FollowUpReportPage';
import { FollowUpCallsPage } from './follow-ups/FollowUpCallsPage';
import { InboxPage } from './inbox/InboxPage';
import { PolicyPage } from './policy/PolicyPage';
import { StatisticsPage } from './statistics/StatisticsPage';

type Section = 'inbox' | 'followUps' | 'statistics' | 'followUpReport' | 'policy';

interface SectionEntry {
  key: Section;
  /** Relative to /complaints; '' is the module's start page. */
  path: string;
  element: ReactNode;
  allowed: (a: ComplaintAccess) => boolean;
}

const SECTIONS: readonly SectionEntry[] = [
  { key: 'inbox', path: '', element: <InboxPage />, allowed: (a) => a.registers },
  { key: 'followUps', path: 'follow-ups', element: <FollowUpCallsPage />, allowed: (a) => a.supervises },
  { key: 'statistics', path: 'statistics', element: <StatisticsPage />, allowed: (a) => a.supervises },
  // CMP-8: read by everyone on the inbox (the agents make the calls), written by the supervisor and the manager.
  { key: 'followUpReport', path: 'follow-up-report', element: <FollowUpReportPage />, allowed: (a) => a.readsInbox },
  { key: 'policy', path: 'policy', element: <PolicyPage />, allowed: (a) => a.readsInbox },
];

const BASE = '/complaints';

/** The complaint module (SPEC section 4): the inbox and intake, one complaint's page, follow-up calls, statistics. */
export function ComplaintsPage() {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const access = complaintAccess(site);
  const location = useLocation();
  const navigate = useNavigate();
  const forbidden = <Result status="403" title={t('errors.forbiddenTitle')} subTitle={t('errors.forbidden')} />;
  if (!access.registers) return forbidden;
  const sections = SECTIONS.filter((s) => s.allowed(access));
  const sub = location.pathname.slice(BASE.length).replace(/^\/|\/$/g, '');
  const active = SECTIONS.find((s) => s.path === sub)?.key ?? 'inbox';

  return (
    <>
      <PageTitle title={t('nav.complaints')} subtitle={t(`complaints.sections.${active}Hint`)} />
      {sections.length > 1 && (
        <Tabs
          activeKey={active}
          onChange={(key) => void navigate(`${BASE}/${SECTIONS.find((s) => s.key === key)?.path ?? ''}`.replace(/\/$/, ''))}
          items={sections.map((s) => ({ key: s.key, label: t(`complaints.sections.${s.key}`) }))}
          style={{ marginBottom: 8 }}
        />
      )}
      <Routes>
        {SECTIONS.map((s) =>
          s.path === '' ? <Route key={s.key} index element={s.element} /> : <Route key={s.key} path={s.path} element={s.allowed(access) ? s.element : forbidden} />,
        )}
        <Route path=":id" element={<ComplaintDetailPage />} />
        <Route path="*" element={<Navigate to={BASE} replace />} />
      </Routes>
    </>
  );
}
