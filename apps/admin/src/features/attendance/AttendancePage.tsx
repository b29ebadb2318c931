import { Result, Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { PageTitle } from '../../shared/ui/PageTitle';
import { useCurrentSite } from '../shell/current-site';
import { attendanceAccess, type AttendanceAccess } from './access';
import { RequestsInboxPage } from './inbox/RequestsInboxPage';
import { KioskDevicesPage } from './kiosks/KioskDevicesPage';
import { MyAttendancePage } from './my/MyAttendancePage';
import { PolicyPage } from './policy/PolicyPage';
import { RecordsPage } from './records/RecordsPage';
import { MonthlyReportPage } from './report/MonthlyReportPage';
import { RotaPage } from './rota/RotaPage';
import { TodayBoardPage } from './today/TodayBoardPage';
import { WagesPage } from './wages/WagesPage';

type Section = 'mine' | 'today' | 'inbox' | 'records' | 'rota' | 'report' | 'wages' | 'policy' | 'kiosks';

interface SectionEntry {
  key: Section;
  /** Relative to /attendance; '' is the section's start page. */
  path: string;
  element: ReactNode;
  allowed: (a: AttendanceAccess) => boolean;
}

const SECTIONS: readonly SectionEntry[] = [
  { key: 'mine', path: '', element: <MyAttendancePage />, allowed: () => true },
  { key: 'today', path: 'today', element: <TodayBoardPage />, allowed: (a) => a.overseer },
  { key: 'inbox', path: 'inbox', element: <RequestsInboxPage />, allowed: (a) => a.overseer },
  { key: 'records', path: 'records', element: <RecordsPage />, allowed: (a) => a.overseer },
  { key: 'rota', path: 'rota', element: <RotaPage />, allowed: () => true },
  { key: 'report', path: 'report', element: <MonthlyReportPage />, allowed: (a) => a.overseer },
  { key: 'wages', path: 'wages', element: <WagesPage />, allowed: (a) => a.manages },
  { key: 'policy', path: 'policy', element: <PolicyPage />, allowed: (a) => a.manages },
  { key: 'kiosks', path: 'kiosks', element: <KioskDevicesPage />, allowed: (a) => a.manages },
];

const BASE = '/attendance';

/** The attendance module: one entry in the navigation, its pages as tabs, each shown to the roles it serves. */
export function AttendancePage() {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const access = attendanceAccess(site);
  const location = useLocation();
  const navigate = useNavigate();
  const sections = SECTIONS.filter((s) => s.allowed(access));
  const sub = location.pathname.slice(BASE.length).replace(/^\/|\/$/g, '');
  const active = SECTIONS.find((s) => s.path === sub)?.key ?? 'mine';

  return (
    <>
      <PageTitle title={t('nav.attendance')} subtitle={t(`attendance.sections.${active}Hint`)} />
      <Tabs
        activeKey={active}
        onChange={(key) => void navigate(`${BASE}/${SECTIONS.find((s) => s.key === key)?.path ?? ''}`.replace(/\/$/, ''))}
        items={sections.map((s) => ({ key: s.key, label: t(`attendance.sections.${s.key}`) }))}
        style={{ marginBottom: 8 }}
      />
      <Routes>
        {SECTIONS.map((s) =>
          s.path === '' ? (
            <Route key={s.key} index element={s.element} />
          ) : (
            <Route key={s.key} path={s.path} element={s.allowed(access) ? s.element : <Result status="403" title={t('errors.forbiddenTitle')} subTitle={t('errors.forbidden')} />} />
          ),
        )}
        <Route path="*" element={<Navigate to={BASE} replace />} />
      </Routes>
    </>
  );
}
