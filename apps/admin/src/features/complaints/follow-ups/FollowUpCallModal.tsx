import { Alert, Descriptions, Form, Input, Modal, Radio, Steps, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FollowUpAnswersDto } from '../../../api/generated';
import type { Problem } from '../../../api/problem';
import { showFieldErrors } from '../../../shared/forms';
import { complaintProblemText } from '../problems';
import { useComplaintCommand } from '../queries';

export interface CallTarget {
  complaintId: string;
  complainantName: string;
  contact: string;
  content?: string;
  resolution?: string | null;
}

interface FollowUpCallModalProps {
  target: CallTarget | null;
  /** CMP-10: a score at or below this reopens the complaint (the site's policy). */
  lowScoreAtMost: number | undefined;
  onClose: () => void;
  onBookLater?: () => void;
}

const SCORES = Array.from({ length: 10 }, (_, i) => i + 1);

/**
 * CMP-7 follow-up call (回访) with its script: greet, then ask whether the problem was solved, how the
 * staff's attitude was, whether anything was charged, a score from 1 to 10 and suggestions; close. Not
 * solved or a low score reopens the complaint one level up (CMP-10) — the form says so before saving.
 */
export function FollowUpCallModal({ target, lowScoreAtMost, onClose, onBookLater }: FollowUpCallModalProps) {
  const { t } = useTranslation();
  const formId = useId();
  const [form] = Form.useForm<FollowUpAnswersDto>();
  const mutation = useComplaintCommand();
  const [problem, setProblem] = useState<Problem | null>(null);
  const solved = Form.useWatch('solved', form);
  const score = Form.useWatch('score', form);
  const reopens = solved === false || (typeof score === 'number' && lowScoreAtMost !== undefined && score <= lowScoreAtMost);

  const close = () => {
    setProblem(null);
    onClose();
  };
  const submit = async (v: FollowUpAnswersDto) => {
    if (!target) return;
    setProblem(null);
    try {
      await mutation.mutateAsync({ id: target.complaintId, action: { type: 'record_follow_up', body: { answers: { ...v, suggestions: (v.suggestions ?? '').trim() } } } });
      close();
    } catch (e) {
      const p = e as Problem;
      setProblem(p);
      showFieldErrors(form, p);
    }
  };
  const required = { required: true, message: t('complaints.command.required') };
  const yesNo = [
    { value: true, label: t('complaints.call.yes') },
    { value: false, label: t('complaints.call.no') },
  ];

  return (
    <Modal
      open={target !== null}
      title={t('complaints.call.title')}
      okText={t('complaints.call.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: formId, loading: mutation.isPending, danger: reopens }}
      onCancel={close}
      width={720}
      destroyOnHidden
      footer={(_, { OkBtn, CancelBtn }) => (
        <>
          {onBookLater && (
            <a onClick={onBookLater} style={{ float: 'left', lineHeight: '32px' }}>
              {t('complaints.call.bookLater')}
            </a>
          )}
          <CancelBtn />
          <OkBtn />
        </>
      )}
    >
      {target && (
        <Descriptions size="small" column={2} style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('complaints.field.complainant')}>{target.complainantName}</Descriptions.Item>
          <Descriptions.Item label={t('complaints.field.contact')}>{target.contact}</Descriptions.Item>
          {target.content && (
            <Descriptions.Item label={t('complaints.field.content')} span={2}>
              {target.content}
            </Descriptions.Item>
          )}
          {target.resolution && (
            <Descriptions.Item label={t('complaints.detail.resolution')} span={2}>
              {target.resolution}
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      {problem && <Alert type="error" showIcon title={complaintProblemText(problem, t)} style={{ marginBottom: 16 }} />}
      <Form<FollowUpAnswersDto> id={formId} form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ suggestions: '' }}>
        <Steps
          direction="vertical"
          size="small"
          current={-1}
          items={[
            { title: t('complaints.call.script.greet'), description: <Typography.Text italic>{t('complaints.call.script.greetText', { name: target?.complainantName ?? '' })}</Typography.Text> },
            {
              title: t('complaints.call.script.solved'),
              description: (
                <div data-testid="q-solved">
                  <Form.Item name="solved" rules={[required]} style={{ marginBottom: 0 }}>
                    <Radio.Group aria-label={t('complaints.call.script.solved')} optionType="button" options={yesNo} />
                  </Form.Item>
                </div>
              ),
            },
            {
              title: t('complaints.call.script.attitude'),
              description: (
                <div data-testid="q-attitude">
                  <Form.Item name="attitude" rules={[required]} style={{ marginBottom: 0 }}>
                    <Radio.Group
                      aria-label={t('complaints.call.script.attitude')}
                      optionType="button"
                      options={(['satisfied', 'neutral', 'unsatisfied'] as const).map((a) => ({ value: a, label: t(`complaints.attitude.${a}`) }))}
                    />
                  </Form.Item>
                </div>
              ),
            },
            {
              title: t('complaints.call.script.charged'),
              description: (
                <div data-testid="q-charged">
                  <Form.Item name="charged" rules={[required]} style={{ marginBottom: 0 }}>
                    <Radio.Group aria-label={t('complaints.call.script.charged')} optionType="button" options={yesNo} />
                  </Form.Item>
                </div>
              ),
            },
            {
              title: t('complaints.call.script.score'),
              description: (
                <div data-testid="q-score">
                  <Form.Item name="score" rules={[required]} style={{ marginBottom: 0 }}>
                    <Radio.Group aria-label={t('complaints.call.script.score')} optionType="button" options={SCORES.map((s) => ({ value: s, label: String(s) }))} />
                  </Form.Item>
                </div>
              ),
            },
            {
              title: t('complaints.call.script.suggestions'),
              description: (
                <div data-testid="q-suggestions">
                  <Form.Item name="suggestions" style={{ marginBottom: 0 }}>
                    <Input.TextArea aria-label={t('complaints.call.script.suggestions')} rows={2} maxLength={2000} />
                  </Form.Item>
                </div>
              ),
            },
            { title: t('complaints.call.script.close'), description: <Typography.Text italic>{t('complaints.call.script.closeText')}</Typography.Text> },
          ]}
        />
      </Form>
      {reopens && <Alert type="warning" showIcon title={t('complaints.call.reopens', { n: lowScoreAtMost ?? '' })} data-testid="call-reopens" />}
    </Modal>
  );
}
