import { DatePicker, Form, Input, Select } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/me';
import { useCurrentSite } from '../../shell/current-site';
import { RequestModal, useRequestSubmit } from './RequestModal';
import { siteToday, type PickedDate } from '../dates';
import { useRequestSwap, useStaffNames } from '../queries';

type DateValue = PickedDate | null;
interface SwapValues {
  colleagueId: string;
  requesterDate: DateValue;
  colleagueDate: DateValue;
  reason: string;
}

/** ATT-9: ask a colleague to swap working days; they accept, then the approver decides before the first shift. */
export function SwapModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { site } = useCurrentSite();
  const formId = useId();
  const [form] = Form.useForm<SwapValues>();
  const staff = useStaffNames(site.siteId, siteToday(site.timeZone));
  const request = useRequestSwap();

  const { problem, close, run } = useRequestSubmit(request, form, t('attendance.swap.sent'), onClose);

  const submit = (v: SwapValues) => {
    if (!v.requesterDate || !v.colleagueDate) return;
    run({
        body: {
          siteId: site.siteId,
          colleagueId: v.colleagueId,
          requesterDate: v.requesterDate.format('YYYY-MM-DD'),
          colleagueDate: v.colleagueDate.format('YYYY-MM-DD'),
          reason: v.reason.trim(),
        },
      });
  };

  return (
    <RequestModal
      open={open}
      title={t('attendance.swap.title')}
      formId={formId}
      pending={request.isPending}
      problem={problem}
      onCancel={close}
      hint={t('attendance.swap.hint')}
    >
      <Form<SwapValues> id={formId} form={form} layout="vertical" onFinish={submit} preserve={false}>
        <Form.Item name="colleagueId" label={t('attendance.swap.colleague')} rules={[{ required: true, message: t('attendance.swap.colleagueRequired') }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={staff.isPending}
            options={staff.people.filter((p) => p.userId !== me.id).map((p) => ({ value: p.userId, label: p.displayName }))}
          />
        </Form.Item>
        <Form.Item name="requesterDate" label={t('attendance.swap.myDate')} rules={[{ required: true, message: t('attendance.leave.datesRequired') }]} extra={t('attendance.swap.myDateHint')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="colleagueDate" label={t('attendance.swap.theirDate')} rules={[{ required: true, message: t('attendance.leave.datesRequired') }]} extra={t('attendance.swap.theirDateHint')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label={t('attendance.leave.reason')} rules={[{ required: true, whitespace: true, message: t('attendance.leave.reasonRequired') }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </RequestModal>
  );
}
