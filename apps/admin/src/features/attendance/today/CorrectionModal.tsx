import { Alert, App, Form, Input, Modal, Radio, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DayDto } from '../../../api/generated';
import type { Problem } from '../../../api/problem';
import { useCurrentSite } from '../../shell/current-site';
import { formatDay, siteClock, siteInstant } from '../dates';
import { attendanceProblemText } from '../problems';
import { useCorrectPunch } from '../queries';

interface CorrectionValues {
  kind: 'in' | 'out';
  time: string;
  reason: string;
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/** ATT-15: a manager enters someone's real arrival or departure, with a reason; marked as corrected everywhere. */
export function CorrectionModal({ person, onClose }: { person: { userId: string; name: string; day: DayDto }; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const formId = useId();
  const [problem, setProblem] = useState<Problem | null>(null);
  const correct = useCorrectPunch();
  const { day } = person;
  return (
    <Modal
      open
      title={t('attendance.correction.title', { name: person.name })}
      okText={t('attendance.correction.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: formId, loading: correct.isPending }}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {formatDay(day.date, i18n.language)} · {siteClock(day.scheduledStart, site.timeZone)} – {siteClock(day.scheduledEnd, site.timeZone)}
      </Typography.Paragraph>
      {problem && <Alert type="error" showIcon title={attendanceProblemText(problem, t)} style={{ marginBottom: 16 }} />}
      <Form<CorrectionValues>
        id={formId}
        layout="vertical"
        initialValues={{ kind: day.firstIn ? 'out' : 'in' }}
        onFinish={(v) =>
          correct.mutate(
            { body: { siteId: site.siteId, userId: person.userId, kind: v.kind, at: siteInstant(day.date, v.time, site.timeZone), reason: v.reason.trim() } },
            {
              onSuccess: () => {
                void message.success(t('attendance.correction.saved'));
                onClose();
              },
              onError: setProblem,
            },
          )
        }
      >
        <Form.Item name="kind" label={t('attendance.missed.kind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'in', label: t('attendance.punchKinds.in') },
              { value: 'out', label: t('attendance.punchKinds.out') },
            ]}
          />
        </Form.Item>
        <Form.Item name="time" label={t('attendance.missed.time')} rules={[{ required: true, pattern: CLOCK, message: t('attendance.form.clockInvalid') }]} extra={t('attendance.correction.timeHint')}>
          <Input placeholder="08:25" style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="reason" label={t('attendance.leave.reason')} rules={[{ required: true, whitespace: true, message: t('attendance.leave.reasonRequired') }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
