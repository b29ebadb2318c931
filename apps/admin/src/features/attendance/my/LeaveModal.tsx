import { Alert, Checkbox, DatePicker, Form, Input, Radio, Segmented, Space, type GetProps } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateLeaveDto } from '../../../api/generated';
import { useCurrentSite } from '../../shell/current-site';
import { RequestModal, useRequestSubmit } from './RequestModal';
import { siteInstant, wholeDays, type PickedDate } from '../dates';
import { useRequestLeave } from '../queries';

type LeaveType = CreateLeaveDto['type'];
type Span = 'days' | 'hours';
type RangeValue = GetProps<typeof DatePicker.RangePicker>['value'];
type DateValue = PickedDate | null;

interface LeaveValues {
  type: LeaveType;
  range?: RangeValue;
  day?: DateValue;
  fromTime?: string;
  toTime?: string;
  emergency?: boolean;
  reason: string;
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/** ATT-7/ATT-8: personal or annual leave, or a sick report, for whole days or part of one, in the site's time. */
export function LeaveModal({ open, type, onClose }: { open: boolean; type: LeaveType; onClose: () => void }) {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const formId = useId();
  const [form] = Form.useForm<LeaveValues>();
  const [span, setSpan] = useState<Span>('days');
  const request = useRequestLeave();
  const chosenType = Form.useWatch('type', form) ?? type;

  const { problem, close, run } = useRequestSubmit(request, form, t('attendance.leave.sent'), () => {
    setSpan('days');
    onClose();
  });

  const submit = (v: LeaveValues) => {
    let period: { from: string; to: string };
    if (span === 'days') {
      const [first, last] = v.range ?? [];
      if (!first || !last) return;
      period = wholeDays(first.format('YYYY-MM-DD'), last.format('YYYY-MM-DD'), site.timeZone);
    } else {
      if (!v.day || !v.fromTime || !v.toTime) return;
      const date = v.day.format('YYYY-MM-DD');
      period = { from: siteInstant(date, v.fromTime, site.timeZone), to: siteInstant(date, v.toTime, site.timeZone) };
    }
    run({ body: { siteId: site.siteId, type: v.type, ...period, reason: v.reason.trim(), ...(v.type !== 'sick' && v.emergency ? { emergency: true } : {}) } });
  };

  return (
    <RequestModal
      open={open}
      title={type === 'sick' ? t('attendance.leave.sickTitle') : t('attendance.leave.title')}
      formId={formId}
      pending={request.isPending}
      problem={problem}
      onCancel={close}
      width={560}
    >
      <Form<LeaveValues> id={formId} form={form} layout="vertical" initialValues={{ type }} onFinish={submit} preserve={false}>
        <Form.Item name="type" label={t('attendance.leave.type')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={(['personal', 'annual', 'sick'] as const).map((value) => ({ value, label: t(`attendance.leaveTypes.${value}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('attendance.leave.span')}>
          <Segmented<Span>
            value={span}
            onChange={setSpan}
            options={[
              { value: 'days', label: t('attendance.leave.wholeDays') },
              { value: 'hours', label: t('attendance.leave.partOfDay') },
            ]}
          />
        </Form.Item>
        {span === 'days' ? (
          <Form.Item name="range" label={t('attendance.leave.dates')} rules={[{ required: true, message: t('attendance.leave.datesRequired') }]} extra={t('attendance.leave.siteTimeHint', { zone: site.timeZone })}>
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
        ) : (
          <Space align="start" wrap>
            <Form.Item name="day" label={t('attendance.leave.day')} rules={[{ required: true, message: t('attendance.leave.datesRequired') }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="fromTime" label={t('attendance.leave.fromTime')} rules={[{ required: true, pattern: CLOCK, message: t('attendance.form.clockInvalid') }]}>
              <Input placeholder="09:00" style={{ width: 100 }} />
            </Form.Item>
            <Form.Item name="toTime" label={t('attendance.leave.toTime')} rules={[{ required: true, pattern: CLOCK, message: t('attendance.form.clockInvalid') }]}>
              <Input placeholder="12:00" style={{ width: 100 }} />
            </Form.Item>
          </Space>
        )}
        {chosenType !== 'sick' && (
          <Form.Item name="emergency" valuePropName="checked" extra={t('attendance.leave.emergencyHint')}>
            <Checkbox>{t('attendance.leave.emergency')}</Checkbox>
          </Form.Item>
        )}
        {chosenType === 'sick' && <Alert type="info" showIcon title={t('attendance.leave.sickHint')} style={{ marginBottom: 16 }} />}
        <Form.Item name="reason" label={t('attendance.leave.reason')} rules={[{ required: true, whitespace: true, message: t('attendance.leave.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </RequestModal>
  );
}
