import { Result, Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { PageTitle } from '../../shared/ui/PageTitle';
import { useCurrentSite } from '../shell/current-site';
import { appointmentsAccess } from './access';
import { MoveInBoardPage } from './move-in/MoveInBoardPage';
import { AppointmentPolicyPage } from './policy/AppointmentPolicyPage';
import { RegisterPage } from './service/RegisterPage';
import { ServiceDayPage } from './service/ServiceDayPage';

type Section = 'service' | 'register' | 'moveIn' | 'policy';

const SECTIONS: readonly { key: Section; path: string; element: ReactNode }[] = [
  { key: 'service', path: 'service', element: <ServiceDayPage /> },
  { key: 'register', path: 'register', element: <RegisterPage /> },
  { key: 'moveIn', path: 'move-in', element: <MoveInBoardPage /> },
  { key: 'policy', path: 'policy', element: <AppointmentPolicyPage /> },
];

const BASE = '/appointments';

/**
 * Appointments (issue #5): service appointments with their bays (RES-9, RES-10) and the move-in day
 * (RES-7, RES-8). Every page is read by the staff of the site; the forms show to the roles the API admits.
 * The start page follows the site: a service centre opens on its slots, a sales office on the move-in board.
 */
export function AppointmentsPage() {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const access = appointmentsAccess(site);
  const location = useLocation();
  const navigate = useNavigate();
  const start = site.kind === 'service_centre' ? 'service' : 'move-in';
  const sub = location.pathname.slice(BASE.length).replace(/^\/|\/$/g, '');
  const active = SECTIONS.find((s) => s.path === (sub || start))?.key ?? 'service';

  if (!access.reads) return <Result status="403" title={t('errors.forbiddenTitle')} subTitle={t('errors.forbidden')} />;
  return (
    <>
      <PageTitle title={t('nav.appointments')} subtitle={t(`appointments.sections.${active}Hint`)} />
      <Tabs
        activeKey={active}
        onChange={(key) => void navigate(`${BASE}/${SECTIONS.find((s) => s.key === key)?.path ?? ''}`)}
        items={SECTIONS.map((s) => ({ key: s.key, label: t(`appointments.sections.${s.key}`) }))}
        style={{ marginBottom: 8 }}
      />
      <Routes>
        <Route index element={<Navigate to={`${BASE}/${start}`} replace />} />
        {SECTIONS.map((s) => (
          <Route key={s.key} path={s.path} element={s.element} />
        ))}
        <Route path="*" element={<Navigate to={BASE} replace />} />
      </Routes>
    </>
  );
}
