import { DatePicker, Form, Input, Radio, Space } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentSite } from '../../shell/current-site';
import { RequestModal, useRequestSubmit } from './RequestModal';
import { siteInstant, type PickedDate } from '../dates';
import { useRequestMissedPunch } from '../queries';

type DateValue = PickedDate | null;
interface MissedValues {
  kind: 'in' | 'out';
  day: DateValue;
  time: string;
  reason: string;
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/** ATT-15: ask for a missed clock-in or clock-out to be entered (补卡); a manager decides in Approvals. */
export function MissedPunchModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const formId = useId();
  const [form] = Form.useForm<MissedValues>();
  const request = useRequestMissedPunch();

  const { problem, close, run } = useRequestSubmit(request, form, t('attendance.missed.sent'), onClose);

  const submit = (v: MissedValues) => {
    if (!v.day) return;
    run({ body: { siteId: site.siteId, kind: v.kind, at: siteInstant(v.day.format('YYYY-MM-DD'), v.time, site.timeZone), reason: v.reason.trim() } });
  };

  return (
    <RequestModal
      open={open}
      title={t('attendance.missed.title')}
      formId={formId}
      pending={request.isPending}
      problem={problem}
      onCancel={close}
    >
      <Form<MissedValues> id={formId} form={form} layout="vertical" initialValues={{ kind: 'in' }} onFinish={submit} preserve={false}>
        <Form.Item name="kind" label={t('attendance.missed.kind')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'in', label: t('attendance.punchKinds.in') },
              { value: 'out', label: t('attendance.punchKinds.out') },
            ]}
          />
        </Form.Item>
        <Space align="start" wrap>
          <Form.Item name="day" label={t('attendance.missed.day')} rules={[{ required: true, message: t('attendance.leave.datesRequired') }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="time" label={t('attendance.missed.time')} rules={[{ required: true, pattern: CLOCK, message: t('attendance.form.clockInvalid') }]} extra={site.timeZone}>
            <Input placeholder="08:25" style={{ width: 100 }} />
          </Form.Item>
        </Space>
        <Form.Item name="reason" label={t('attendance.leave.reason')} rules={[{ required: true, whitespace: true, message: t('attendance.leave.reasonRequired') }]}>
          <Input.TextArea rows={2} maxLength={500} placeholder={t('attendance.missed.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </RequestModal>
  );
}
