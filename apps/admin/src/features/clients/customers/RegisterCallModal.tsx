import { Alert, Form, Input, Select, Space } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CallOutcomeDto } from '../../../api/generated';
import { showFieldErrors } from '../../../shared/forms';
import { useMe } from '../../auth/me';
import { useCurrentSite } from '../../shell/current-site';
import { clientsAccess } from '../access';
import { ClientsProblem } from '../problems';
import { useRegisterCall } from '../queries';
import { RuleTags } from '../rules';
import { yuan } from '../shared';
import { AnswerModal } from '../../../shared/ui/AnswerModal';

const GRADES = ['A', 'B', 'C', 'D'] as const;

interface CallForm {
  phone: string;
  name: string;
  grade?: (typeof GRADES)[number];
  media?: string;
}

/**
 * A consultant registers a call they took (CA-9): when the caller left a name, the standard SMS is queued
 * (CA-13), and the call claims the customer once it went out.
 */
export function RegisterCallModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const me = useMe();
  const access = clientsAccess(site);
  const formId = useId();
  const [form] = Form.useForm<CallForm>();
  const register = useRegisterCall();
  const [answer, setAnswer] = useState<{ outcome: CallOutcomeDto; name: string } | null>(null);
  const close = () => {
    register.reset();
    setAnswer(null);
    onClose();
  };

  return (
    <AnswerModal
      open={open}
      title={t('clients.call.title')}
      onClose={close}
      formId={formId}
      submitLabel={t('clients.call.register')}
      pending={register.isPending}
      doneLabel={t('clients.call.done')}
      answer={
        answer && (
          <Alert
            type="success"
            showIcon
            data-testid="call-outcome"
            title={t('clients.call.registered')}
            description={
              <Space direction="vertical" size={4}>
                <span>{answer.outcome.smsId ? t('clients.call.smsQueued') : t('clients.call.noSms')}</span>
                {answer.outcome.lateEntry && <span>{t('clients.call.lateEntry')}</span>}
                {answer.outcome.fineFen > 0 && <span>{t('clients.followUps.blankFine', { fields: answer.outcome.blankFields.join(', '), amount: yuan(answer.outcome.fineFen) })}</span>}
                <Space size={4} wrap>
                  {answer.outcome.ownerId ? t('clients.call.owned') : t('clients.call.notYetOwned')}
                  <RuleTags ids={answer.outcome.ownerRuleIds} />
                </Space>
                {answer.outcome.ownerId === me.id || access.overseer ? (
                  <Link to={`/client-attribution/customers/${answer.outcome.customerId}`} onClick={close}>
                    {t('clients.call.open', { name: answer.name || answer.outcome.customerId.slice(0, 8) })}
                  </Link>
                ) : (
                  <span>{t('clients.call.recordLater')}</span>
                )}
              </Space>
            }
          />
        )
      }
    >
      <>
        <ClientsProblem problem={register.error} />
        <Form<CallForm>
          id={formId}
          form={form}
          layout="vertical"
          onFinish={(v) =>
            register.mutate(
              { body: { siteId: site.siteId, phone: v.phone.trim(), name: (v.name ?? '').trim(), ...(v.grade ? { grade: v.grade } : {}), ...(v.media?.trim() ? { media: v.media.trim() } : {}) } },
              { onSuccess: (outcome) => setAnswer({ outcome, name: (v.name ?? '').trim() }), onError: (problem) => showFieldErrors(form, problem) },
            )
          }
        >
          <Form.Item name="phone" label={t('clients.fields.phone')} rules={[{ required: true, message: t('clients.fields.phoneRequired') }]}>
            <Input inputMode="tel" maxLength={20} autoFocus autoComplete="off" />
          </Form.Item>
          <Form.Item name="name" label={t('clients.fields.name')} extra={t('clients.call.nameHint')}>
            <Input maxLength={50} autoComplete="off" />
          </Form.Item>
          <Form.Item name="grade" label={t('clients.fields.grade')}>
            <Select allowClear options={GRADES.map((g) => ({ value: g, label: t(`clients.grades.${g}`) }))} />
          </Form.Item>
          <Form.Item name="media" label={t('clients.visitRegister.media')} extra={t('clients.followUps.blankHint')}>
            <Input maxLength={100} placeholder={t('clients.visitRegister.mediaPlaceholder')} />
          </Form.Item>
        </Form>
      </>
    </AnswerModal>
  );
}
