import { addDays, daySlots } from '@sitedesk/domain';
import { App, DatePicker, Form, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MoveInAppointmentDto } from '../../../api/generated';
import type { Problem } from '../../../api/problem';
import { showFieldErrors } from '../../../shared/forms';
import { siteToday } from '../../attendance/dates';
import { useCurrentSite } from '../../shell/current-site';
import { FormModal } from '../FormModal';
import { useAppointmentPolicy, useReschedule } from '../queries';

/** RES-7: sales gives a missed (or waiting) owner a new time; the old line stays, marked rescheduled. */
export function RescheduleModal({ appointment: a, onClose }: { appointment: MoveInAppointmentDto; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const policy = useAppointmentPolicy(site.siteId);
  const [form] = Form.useForm<{ date: Dayjs; time: string }>();
  const formId = useId();
  const reschedule = useReschedule();
  const [problem, setProblem] = useState<Problem | null>(null);
  const picked: Dayjs | undefined = Form.useWatch('date', form);
  const date = picked ? picked.format('YYYY-MM-DD') : addDays(siteToday(site.timeZone), 1);
  const now = Date.now();
  const times = policy.data ? daySlots(date, policy.data.policy, site.timeZone).filter((s) => s.startsAt.getTime() > now) : [];

  return (
    <FormModal title={t('appointments.reschedule.title', { name: a.ownerName, unit: a.unitLabel })} formId={formId} pending={reschedule.isPending} problem={problem} onCancel={onClose} hint={t('appointments.reschedule.hint')}>
      <Form
        id={formId}
        form={form}
        layout="vertical"
        initialValues={{ date: dayjs(addDays(siteToday(site.timeZone), 1)) }}
        onFinish={(v) => {
          setProblem(null);
          reschedule.mutate(
            { path: { id: a.id }, body: { date: v.date.format('YYYY-MM-DD'), time: v.time } },
            {
              onSuccess: (next) => {
                void message.success(t('appointments.reschedule.done', { name: next.ownerName, date: next.date, time: next.time }));
                onClose();
              },
              onError: (p) => {
                setProblem(p);
                showFieldErrors(form, p);
              },
            },
          );
        }}
      >
        <Form.Item name="date" label={t('appointments.reschedule.date')} rules={[{ required: true }]}>
          <DatePicker allowClear={false} style={{ width: '100%' }} onChange={() => form.setFieldValue('time', undefined)} />
        </Form.Item>
        <Form.Item name="time" label={t('appointments.reschedule.time')} rules={[{ required: true, message: t('appointments.booking.required') }]}>
          <Select options={times.map((s) => ({ value: s.time, label: s.time }))} notFoundContent={t('appointments.reschedule.noSlot')} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
