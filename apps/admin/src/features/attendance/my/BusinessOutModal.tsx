import { DatePicker, Form, Input, Select, Space } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentSite } from '../../shell/current-site';
import { RequestModal, useRequestSubmit } from './RequestModal';
import { siteInstant, siteToday, type PickedDate } from '../dates';
import { useRegisterBusinessOut, useStaffNames } from '../queries';

interface OutValues {
  userId?: string;
  day: PickedDate | null;
  fromTime: string;
  toTime: string;
  whereabouts: string;
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * ATT-10: a business out (公出), registered before leaving — the whereabouts board; it counts as present.
 * `forOthers`: a manager registers someone of the site (the person is picked first).
 */
export function BusinessOutModal({ open, onClose, forOthers = false }: { open: boolean; onClose: () => void; forOthers?: boolean }) {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const formId = useId();
  const [form] = Form.useForm<OutValues>();
  const register = useRegisterBusinessOut();
  const staff = useStaffNames(site.siteId, siteToday(site.timeZone));

  const { problem, close, run } = useRequestSubmit(register, form, t('attendance.businessOut.sent'), onClose);

  const submit = (v: OutValues) => {
    if (!v.day) return;
    const date = v.day.format('YYYY-MM-DD');
    run({ body: { siteId: site.siteId, ...(forOthers && v.userId ? { userId: v.userId } : {}), from: siteInstant(date, v.fromTime, site.timeZone), to: siteInstant(date, v.toTime, site.timeZone), whereabouts: v.whereabouts.trim() } });
  };

  return (
    <RequestModal
      open={open}
      title={t('attendance.businessOut.title')}
      formId={formId}
      pending={register.isPending}
      problem={problem}
      onCancel={close}
      hint={t('attendance.businessOut.hint')}
    >
      <Form<OutValues> id={formId} form={form} layout="vertical" onFinish={submit} preserve={false}>
        {forOthers && (
          <Form.Item name="userId" label={t('attendance.records.person')} rules={[{ required: true, message: t('attendance.records.personRequired') }]}>
            <Select showSearch optionFilterProp="label" options={staff.people.map((p) => ({ value: p.userId, label: p.displayName }))} style={{ width: 240 }} />
          </Form.Item>
        )}
        <Space align="start" wrap>
          <Form.Item name="day" label={t('attendance.leave.day')} rules={[{ required: true, message: t('attendance.leave.datesRequired') }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="fromTime" label={t('attendance.leave.fromTime')} rules={[{ required: true, pattern: CLOCK, message: t('attendance.form.clockInvalid') }]}>
            <Input placeholder="14:00" style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="toTime" label={t('attendance.leave.toTime')} rules={[{ required: true, pattern: CLOCK, message: t('attendance.form.clockInvalid') }]}>
            <Input placeholder="16:30" style={{ width: 100 }} />
          </Form.Item>
        </Space>
        <Form.Item name="whereabouts" label={t('attendance.businessOut.whereabouts')} rules={[{ required: true, whitespace: true, message: t('attendance.businessOut.whereaboutsRequired') }]}>
          <Input maxLength={200} placeholder={t('attendance.businessOut.whereaboutsPlaceholder')} />
        </Form.Item>
      </Form>
    </RequestModal>
  );
}
