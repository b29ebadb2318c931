import { Card, DatePicker, Segmented, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDownload } from '../../../shared/use-download';
import { useCurrentSite } from '../../shell/current-site';
import { REFRESH_MS, useAppointmentEvents } from '../live';
import { LiveBadge } from '../LiveBadge';
import { appointmentsProblemText } from '../problems';
import { downloadRegister } from '../queries';
import { RegisterTable } from './RegisterTable';

const PAGE_SIZE = 20;
type StatusFilter = 'all' | 'booked' | 'cancelled';

/** The appointment register (预约统计表, RES-9) of the site: by day and status, paged. Live. */
export function RegisterPage() {
  const { t, i18n } = useTranslation();
  const { site } = useCurrentSite();
  const [date, setDate] = useState<string | undefined>();
  const [status, setStatus] = useState<StatusFilter>('all');
  const [page, setPage] = useState(1);
  const live = useAppointmentEvents(site.siteId, 'service');
  const filter = { siteId: site.siteId, date, status: status === 'all' ? undefined : status };
  // The register as a file: every appointment the filters find, not the page on screen.
  const { button } = useDownload(
    (format: 'csv' | 'xlsx') => downloadRegister(filter, format),
    (problem) => appointmentsProblemText(problem, t, i18n.language),
  );
  return (
    <Card
      title={
        <Space>
          {t('appointments.register.title')}
          <LiveBadge live={live} />
        </Space>
      }
      extra={
        <Space wrap>
          <DatePicker
            aria-label={t('appointments.register.day')}
            placeholder={t('appointments.register.allDays')}
            value={date ? dayjs(date) : null}
            onChange={(d) => {
              setDate(d ? d.format('YYYY-MM-DD') : undefined);
              setPage(1);
            }}
          />
          <Segmented<StatusFilter>
            value={status}
            onChange={(s) => {
              setStatus(s);
              setPage(1);
            }}
            options={[
              { value: 'all', label: t('appointments.register.allStatuses') },
              { value: 'booked', label: t('appointments.status.booked') },
              { value: 'cancelled', label: t('appointments.status.cancelled') },
            ]}
          />
          {button('csv', t('appointments.register.exportCsv'))}
          {button('xlsx', t('appointments.register.exportXlsx'))}
        </Space>
      }
    >
      <RegisterTable
        filter={{ ...filter, page, pageSize: PAGE_SIZE }}
        refetchInterval={live === 'live' ? false : REFRESH_MS}
        emptyText={date || status !== 'all' ? t('appointments.register.emptyFiltered') : t('appointments.register.empty')}
        onPage={setPage}
      />
    </Card>
  );
}
