import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../api/problem';
import { useCurrentSite } from '../../shell/current-site';
import { siteInstant } from '../dates';
import { attendanceProblemText } from '../problems';
import { useRecordEveningMeeting } from '../queries';

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/** ATT-1 case site: the supervisor records when the evening meeting ended; the working day ends then. */
export function EveningMeetingModal({ open, date, onClose }: { open: boolean; date: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const formId = useId();
  const [problem, setProblem] = useState<Problem | null>(null);
  const record = useRecordEveningMeeting();
  const close = () => {
    setProblem(null);
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('attendance.meeting.title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: formId, loading: record.isPending }}
      onCancel={close}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('attendance.meeting.hint')}</Typography.Paragraph>
      {problem && <Alert type="error" showIcon title={attendanceProblemText(problem, t)} style={{ marginBottom: 16 }} />}
      <Form<{ time: string }>
        id={formId}
        layout="vertical"
        onFinish={({ time }) =>
          record.mutate(
            { body: { siteId: site.siteId, date, endedAt: siteInstant(date, time, site.timeZone) } },
            {
              onSuccess: () => {
                void message.success(t('attendance.meeting.saved'));
                close();
              },
              onError: setProblem,
            },
          )
        }
      >
        <Form.Item name="time" label={t('attendance.meeting.endedAt')} rules={[{ required: true, pattern: CLOCK, message: t('attendance.form.clockInvalid') }]} extra={site.timeZone}>
          <Input placeholder="19:40" style={{ width: 100 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
