import { App, Button, Card, DatePicker, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { VehicleFileDto } from '../../../api/generated';
import type { Problem } from '../../../api/problem';
import { useCurrentSite } from '../../shell/current-site';
import { useServiceReminderSent, useVehicleFileList, type VehiclesQuery } from '../queries';
import { repairMoreAccess } from '../settings/access';
import { moreProblemText } from '../settings/problems';
import { PlateSearch } from '../PlateSearch';

const PAGE_SIZE = 20;
export const REMINDER_COLOR: Record<VehicleFileDto['reminderState'], string> = { none: 'default', pending: 'blue', due: 'orange', sent: 'green' };

/**
 * RO-1 customer and vehicle files of the site (by plate, newest first, paged) and RO-10's next-service
 * reminders: filter the files whose reminder is due (or pending, sent) or whose next service falls on
 * or before a day, and record "reminder sent" once per next service (advisors and management).
 */
export function VehiclesPage() {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const [plate, setPlate] = useState('');
  const [reminder, setReminder] = useState<VehiclesQuery['reminder']>();
  const [dueBy, setDueBy] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const files = useVehicleFileList({ siteId: site.siteId, plate: plate.trim() || undefined, reminder, dueBy, page, pageSize: PAGE_SIZE });
  const filtered = !!(plate || reminder || dueBy);
  const reset = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };
  return (
    <Card
      size="small"
      title={t('repairOrders.more.vehicles.title')}
      data-testid="vehicle-files"
      extra={
        <Space wrap>
          <Select
            allowClear
            placeholder={t('repairOrders.more.vehicles.anyReminder')}
            style={{ width: 150 }}
            value={reminder}
            onChange={reset(setReminder)}
            options={(['due', 'pending', 'sent'] as const).map((r) => ({ value: r, label: t(`repairOrders.more.vehicles.reminder.${r}`) }))}
          />
          <DatePicker placeholder={t('repairOrders.more.vehicles.dueBy')} value={dueBy ? dayjs(dueBy) : null} onChange={(d) => reset(setDueBy)(d ? d.format('YYYY-MM-DD') : undefined)} />
          <PlateSearch onSearch={reset(setPlate)} />
        </Space>
      }
    >
      <Table<VehicleFileDto>
        size="small"
        rowKey="id"
        loading={files.isFetching}
        dataSource={files.data?.items ?? []}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={files.isError ? moreProblemText(files.error as Problem, t) : filtered ? t('repairOrders.more.vehicles.noneFiltered') : t('repairOrders.more.vehicles.none')}
            />
          ),
        }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: files.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        onRow={(v) => ({ 'data-testid': 'vehicle-file', 'data-plate': v.plate }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('repairOrders.field.plate'), render: (_, v) => <Link to={`/repair-orders/vehicles/${v.id}`}>{v.plate}</Link> },
          { title: t('repairOrders.field.name'), dataIndex: 'name' },
          { title: t('repairOrders.field.phone'), dataIndex: 'phone' },
          { title: t('repairOrders.field.model'), dataIndex: 'model' },
          { title: t('repairOrders.more.vehicles.nextService'), render: (_, v) => <NextService file={v} /> },
          { title: t('repairOrders.more.vehicles.reminderTitle'), render: (_, v) => <ReminderCell file={v} /> },
        ]}
      />
    </Card>
  );
}

export function NextService({ file }: { file: VehicleFileDto }) {
  const { t } = useTranslation();
  const n = file.nextService;
  if (!n.dueDate && n.byKm == null) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return (
    <Space size={4} wrap>
      {n.dueDate && <span>{n.dueDate}</span>}
      {n.byKm != null && <Typography.Text type="secondary">{t('repairOrders.more.vehicles.byKm', { km: n.byKm })}</Typography.Text>}
      {file.serviceDue && <Tag color="red">{t('repairOrders.more.vehicles.serviceDue')}</Tag>}
    </Space>
  );
}

/** The reminder's state and, when it is pending or due, "reminder sent" for the roles the API admits. */
export function ReminderCell({ file }: { file: VehicleFileDto }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const access = repairMoreAccess(site);
  const sent = useServiceReminderSent();
  return (
    <Space size={4} wrap data-testid="reminder" data-state={file.reminderState}>
      <Tag color={REMINDER_COLOR[file.reminderState]}>{t(`repairOrders.more.vehicles.reminder.${file.reminderState}`)}</Tag>
      {file.reminderAt && file.reminderState !== 'sent' && <Typography.Text type="secondary">{dayjs(file.reminderAt).format('YYYY-MM-DD')}</Typography.Text>}
      {access.remindsService && (file.reminderState === 'due' || file.reminderState === 'pending') && (
        <Button
          size="small"
          loading={sent.isPending}
          onClick={() =>
            sent
              .mutateAsync({ path: { id: file.id } })
              .then(() => void message.success(t('repairOrders.more.vehicles.reminderRecorded')))
              .catch((e: unknown) => void message.error(moreProblemText(e as Problem, t)))
          }
        >
          {t('repairOrders.more.vehicles.reminderSent')}
        </Button>
      )}
    </Space>
  );
}
