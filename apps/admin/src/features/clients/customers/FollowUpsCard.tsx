import { Alert, App, Button, Card, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FollowUpDto, FollowUpOutcomeDto } from '../../../api/generated';
import { showFieldErrors } from '../../../shared/forms';
import { TextModal } from '../../../shared/ui/TextModal';
import { useSiteTime } from '../../shell/current-site';
import { ClientsProblem, clientsProblemText } from '../problems';
import { useFollowUps, useRecordFollowUp, useRequestRenewal } from '../queries';
import { yuan } from '../shared';
import { AnswerModal } from '../../../shared/ui/AnswerModal';

const CHANNELS = ['phone', 'wechat', 'sms', 'visit', 'other'] as const;
const GRADES = ['A', 'B', 'C', 'D'] as const;

/** The body of POST /clients/customers/{id}/follow-ups (CA-5). */
interface FollowUpInput {
  channel: (typeof CHANNELS)[number];
  content: string;
  grade?: (typeof GRADES)[number];
  nextStep?: string;
}

/** CA-5: the owner records each follow-up the same day; the answer says when the next one is due. */
function RecordFollowUpModal({ customerId, open, onClose }: { customerId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const siteTime = useSiteTime();
  const formId = useId();
  const [form] = Form.useForm<FollowUpInput>();
  const record = useRecordFollowUp();
  const [answer, setAnswer] = useState<FollowUpOutcomeDto | null>(null);
  const close = () => {
    record.reset();
    setAnswer(null);
    onClose();
  };
  return (
    <AnswerModal
      open={open}
      title={t('clients.followUps.recordTitle')}
      onClose={close}
      formId={formId}
      submitLabel={t('clients.followUps.record')}
      pending={record.isPending}
      doneLabel={t('clients.call.done')}
      answer={
        answer && (
          <Alert
            type={answer.fineFen ? 'warning' : 'success'}
            showIcon
            data-testid="follow-up-outcome"
            title={t('clients.followUps.recorded', { next: siteTime(answer.nextDueAt) })}
            description={
              <Space direction="vertical" size={2}>
                {answer.lateEntry && <span>{t('clients.call.lateEntry')}</span>}
                {answer.fineFen > 0 && <span>{t('clients.followUps.blankFine', { fields: answer.blankFields.join(', '), amount: yuan(answer.fineFen) })}</span>}
              </Space>
            }
          />
        )
      }
    >
      <>
        <ClientsProblem problem={record.error} />
        <Form<FollowUpInput>
          id={formId}
          form={form}
          layout="vertical"
          initialValues={{ channel: 'phone' }}
          onFinish={(v) =>
            record.mutate(
              {
                path: { id: customerId },
                body: { channel: v.channel, content: v.content.trim(), ...(v.grade ? { grade: v.grade } : {}), ...(v.nextStep?.trim() ? { nextStep: v.nextStep.trim() } : {}) },
              },
              { onSuccess: setAnswer, onError: (problem) => showFieldErrors(form, problem) },
            )
          }
        >
          <Form.Item name="channel" label={t('clients.followUps.channel')}>
            <Select options={CHANNELS.map((c) => ({ value: c, label: t(`clients.followUps.channels.${c}`) }))} />
          </Form.Item>
          <Form.Item name="content" label={t('clients.followUps.content')} rules={[{ required: true, whitespace: true, message: t('clients.followUps.contentRequired') }]}>
            <Input.TextArea rows={3} maxLength={2000} autoFocus />
          </Form.Item>
          <Form.Item name="grade" label={t('clients.fields.grade')}>
            <Select allowClear options={GRADES.map((g) => ({ value: g, label: t(`clients.grades.${g}`) }))} />
          </Form.Item>
          <Form.Item name="nextStep" label={t('clients.followUps.nextStep')} extra={t('clients.followUps.blankHint')}>
            <Input maxLength={500} />
          </Form.Item>
        </Form>
      </>
    </AnswerModal>
  );
}

/** A customer's follow-ups (the owner and the overseers), with recording and renewal for the owner. */
export function FollowUpsCard({ customerId, isOwner }: { customerId: string; isOwner: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const siteTime = useSiteTime();
  const followUps = useFollowUps(customerId, true);
  const renew = useRequestRenewal();
  const [recording, setRecording] = useState(false);
  const [renewing, setRenewing] = useState(false);
  return (
    <Card
      title={t('clients.followUps.title')}
      extra={
        isOwner && (
          <Space>
            <Button onClick={() => setRenewing(true)}>{t('clients.followUps.renew')}</Button>
            <Button type="primary" onClick={() => setRecording(true)}>
              {t('clients.followUps.record')}
            </Button>
          </Space>
        )
      }
    >
      {followUps.isError ? (
        <Typography.Text type="danger">{clientsProblemText(followUps.error, t)}</Typography.Text>
      ) : (
        <List<FollowUpDto>
          loading={followUps.isPending}
          dataSource={followUps.data?.items}
          locale={{ emptyText: t('clients.followUps.noneYet') }}
          renderItem={(f) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Space size={6} wrap>
                    <Tag>{t(`clients.followUps.channels.${f.channel}`)}</Tag>
                    <Typography.Text type="secondary">{siteTime(f.at)}</Typography.Text>
                    <span>{f.consultantName}</span>
                    {f.grade && <Tag color="blue">{t(`clients.grades.${f.grade}`)}</Tag>}
                    {f.lateEntry && <Tag color="gold">{t('clients.events.lateEntry')}</Tag>}
                  </Space>
                }
                description={
                  <Space direction="vertical" size={0}>
                    <span>{f.content}</span>
                    {f.nextStep && <Typography.Text type="secondary">{t('clients.followUps.next', { step: f.nextStep })}</Typography.Text>}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
      <RecordFollowUpModal customerId={customerId} open={recording} onClose={() => setRecording(false)} />
      <TextModal
        open={renewing}
        title={t('clients.followUps.renewTitle')}
        label={t('clients.pool.note')}
        placeholder={t('clients.followUps.renewPlaceholder')}
        okText={t('clients.followUps.renew')}
        pending={renew.isPending}
        problem={renew.error ? { ...renew.error, detail: clientsProblemText(renew.error, t) } : null}
        onCancel={() => {
          renew.reset();
          setRenewing(false);
        }}
        onSubmit={(note) =>
          renew.mutate(
            { path: { id: customerId }, body: note ? { note } : {} },
            {
              onSuccess: () => {
                void message.success(t('clients.followUps.renewRequested'));
                setRenewing(false);
              },
            },
          )
        }
      />
    </Card>
  );
}
