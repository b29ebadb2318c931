import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../api/problem';
import { showFieldErrors } from '../../../shared/forms';
import { useMe } from '../../auth/me';
import { useCurrentSite } from '../../shell/current-site';
import { siteToday, type PickedDate } from '../dates';
import { attendanceProblemText } from '../problems';
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
  const { message } = App.useApp();
  const me = useMe();
  const { site } = useCurrentSite();
  const formId = useId();
  const [form] = Form.useForm<SwapValues>();
  const [problem, setProblem] = useState<Problem | null>(null);
  const staff = useStaffNames(site.siteId, siteToday(site.timeZone));
  const request = useRequestSwap();

  const close = () => {
    setProblem(null);
    request.reset();
    onClose();
  };

  const submit = (v: SwapValues) => {
    if (!v.requesterDate || !v.colleagueDate) return;
    setProblem(null);
    request.mutate(
      {
        body: {
          siteId: site.siteId,
          colleagueId: v.colleagueId,
          requesterDate: v.requesterDate.format('YYYY-MM-DD'),
          colleagueDate: v.colleagueDate.format('YYYY-MM-DD'),
          reason: v.reason.trim(),
        },
      },
      {
        onSuccess: () => {
          void message.success(t('attendance.swap.sent'));
          close();
        },
        onError: (p) => {
          setProblem(p);
          showFieldErrors(form, p);
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('attendance.swap.title')}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: formId, loading: request.isPending }}
      onCancel={close}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('attendance.swap.hint')} style={{ marginBottom: 16 }} />
      {problem && <Alert type="error" showIcon title={attendanceProblemText(problem, t)} style={{ marginBottom: 16 }} />}
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
    </Modal>
  );
}
