import { DatePicker, Form, Input, Radio, Select } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/me';
import { useCurrentSite } from '../../shell/current-site';
import { RequestModal, useRequestSubmit } from '../my/RequestModal';
import { siteToday, type PickedDate } from '../dates';
import { useRecordIncident, useStaffNames } from '../queries';

interface IncidentValues {
  userId: string;
  day: PickedDate | null;
  kind: 'unapproved_swap' | 'left_post';
  note: string;
}

/** A manager records a swap done without approval (ATT-9: both read absent) or leaving the post (ATT-6). Never against oneself. */
export function IncidentModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { site } = useCurrentSite();
  const formId = useId();
  const [form] = Form.useForm<IncidentValues>();
  const record = useRecordIncident();
  const staff = useStaffNames(site.siteId, siteToday(site.timeZone));
  const { problem, close, run } = useRequestSubmit(record, form, t('attendance.records.incidentSaved'), onClose);

  return (
    <RequestModal open={open} title={t('attendance.records.incidentTitle')} formId={formId} pending={record.isPending} problem={problem} onCancel={close} hint={t('attendance.records.incidentHint')}>
      <Form<IncidentValues>
        id={formId}
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ kind: 'left_post' }}
        onFinish={(v) => v.day && run({ body: { siteId: site.siteId, userId: v.userId, date: v.day.format('YYYY-MM-DD'), kind: v.kind, note: v.note.trim() } })}
      >
        <Form.Item name="userId" label={t('attendance.records.person')} rules={[{ required: true, message: t('attendance.records.personRequired') }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={staff.people.filter((p) => p.userId !== me.id).map((p) => ({ value: p.userId, label: p.displayName }))}
            style={{ width: 240 }}
          />
        </Form.Item>
        <Form.Item name="day" label={t('attendance.leave.day')} rules={[{ required: true, message: t('attendance.leave.datesRequired') }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="kind" label={t('attendance.records.kind')}>
          <Radio.Group
            options={[
              { value: 'left_post', label: t('attendance.records.kinds.left_post') },
              { value: 'unapproved_swap', label: t('attendance.records.kinds.unapproved_swap') },
            ]}
          />
        </Form.Item>
        <Form.Item name="note" label={t('attendance.records.note')} rules={[{ required: true, whitespace: true, message: t('attendance.records.noteRequired') }]}>
          <Input.TextArea maxLength={500} rows={3} placeholder={t('attendance.records.notePlaceholder')} />
        </Form.Item>
      </Form>
    </RequestModal>
  );
}
