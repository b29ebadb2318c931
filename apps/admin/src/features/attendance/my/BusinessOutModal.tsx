import { DatePicker, Form, Input, Space } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentSite } from '../../shell/current-site';
import { RequestModal, useRequestSubmit } from './RequestModal';
import { siteInstant, type PickedDate } from '../dates';
import { useRegisterBusinessOut } from '../queries';

interface OutValues {
  day: PickedDate | null;
  fromTime: string;
  toTime: string;
  whereabouts: string;
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/** ATT-10: a business out (公出), registered before leaving — the whereabouts board; it counts as present. */
export function BusinessOutModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const formId = useId();
  const [form] = Form.useForm<OutValues>();
  const register = useRegisterBusinessOut();

  const { problem, close, run } = useRequestSubmit(register, form, t('attendance.businessOut.sent'), onClose);

  const submit = (v: OutValues) => {
    if (!v.day) return;
    const date = v.day.format('YYYY-MM-DD');
    run({ body: { siteId: site.siteId, from: siteInstant(date, v.fromTime, site.timeZone), to: siteInstant(date, v.toTime, site.timeZone), whereabouts: v.whereabouts.trim() } });
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
