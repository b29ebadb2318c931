import { App, Button, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerDetailDto } from '../../../api/generated';
import type { Problem } from '../../../api/problem';
import { showFieldErrors } from '../../../shared/forms';
import { useCurrentSite } from '../../shell/current-site';
import { ClientsProblem } from '../problems';
import { useConsultants, useRecordDeal, useRegisterReferral, useSwitchConsultant } from '../queries';
import { ruleWords } from '../rules';

const GRADES = ['A', 'B', 'C', 'D'] as const;
const STAGES = ['subscription', 'contract', 'down_payment'] as const;

type Command = 'deal' | 'switch' | 'referral';

/** One command's form in a modal; the answer (with the rules that decided the owner) as a message. */
function CommandModal<T extends object>({
  open,
  title,
  pending,
  problem,
  onCancel,
  onFinish,
  children,
  initialValues,
}: {
  open: boolean;
  title: string;
  pending: boolean;
  problem: Problem | null;
  onCancel: () => void;
  onFinish: (v: T, form: ReturnType<typeof Form.useForm<T>>[0]) => void;
  children: ReactNode;
  initialValues?: Partial<T>;
}) {
  const { t } = useTranslation();
  const formId = useId();
  const [form] = Form.useForm<T>();
  return (
    <Modal open={open} title={title} okText={t('common.submit')} cancelText={t('common.cancel')} okButtonProps={{ htmlType: 'submit', form: formId, loading: pending }} onCancel={onCancel} destroyOnHidden>
      <ClientsProblem problem={problem} />
      <Form<T> id={formId} form={form} layout="vertical" initialValues={initialValues} preserve={false} onFinish={(v) => onFinish(v, form)}>
        {children}
      </Form>
    </Modal>
  );
}

/**
 * What can be done to a customer from their page, as the roles allow: a referral they brought (CA-3), a
 * switch of consultant at the customer's request (CA-11), a deal reaching a stage (CA-17).
 */
export function CustomerCommands({ customer }: { customer: CustomerDetailDto }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const consultants = useConsultants(site.siteId);
  const deal = useRecordDeal();
  const switchTo = useSwitchConsultant();
  const referral = useRegisterReferral();
  const [open, setOpen] = useState<Command | null>(null);
  const has = (...roles: string[]) => site.roles.some((r) => roles.includes(r));
  const close = () => {
    deal.reset();
    switchTo.reset();
    referral.reset();
    setOpen(null);
  };
  const decided = (ids: string[]) => void message.success(`${t('clients.commands.done')} ${ids.length ? `(${ruleWords(ids, t)})` : ''}`);

  return (
    <Space wrap>
      {has('consultant', 'supervisor', 'manager') && <Button onClick={() => setOpen('referral')}>{t('clients.commands.referral')}</Button>}
      {has('receptionist', 'supervisor', 'manager') && <Button onClick={() => setOpen('switch')}>{t('clients.commands.switch')}</Button>}
      {has('manager', 'director') && <Button onClick={() => setOpen('deal')}>{t('clients.commands.deal')}</Button>}

      <CommandModal<{ name: string; phone: string; grade?: (typeof GRADES)[number]; askedForConsultant: boolean }>
        open={open === 'referral'}
        title={t('clients.commands.referralTitle', { name: customer.name })}
        pending={referral.isPending}
        problem={referral.error}
        initialValues={{ askedForConsultant: false }}
        onCancel={close}
        onFinish={(v, form) =>
          referral.mutate(
            { body: { siteId: site.siteId, referrerCustomerId: customer.id, name: v.name.trim(), phone: v.phone.trim(), askedForConsultant: v.askedForConsultant, ...(v.grade ? { grade: v.grade } : {}) } },
            { onSuccess: (o) => (decided(o.ownerRuleIds), close()), onError: (p) => showFieldErrors(form, p) },
          )
        }
      >
        <Form.Item name="name" label={t('clients.fields.name')} rules={[{ required: true, whitespace: true, message: t('clients.fields.nameRequired') }]}>
          <Input maxLength={50} autoFocus />
        </Form.Item>
        <Form.Item name="phone" label={t('clients.fields.phone')} rules={[{ required: true, message: t('clients.fields.phoneRequired') }]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="grade" label={t('clients.fields.grade')}>
          <Select allowClear options={GRADES.map((g) => ({ value: g, label: t(`clients.grades.${g}`) }))} />
        </Form.Item>
        <Form.Item name="askedForConsultant" valuePropName="checked" extra={t('clients.commands.askedHint')}>
          <Checkbox>{t('clients.commands.asked', { name: customer.ownerName ?? '—' })}</Checkbox>
        </Form.Item>
      </CommandModal>

      <CommandModal<{ toConsultantId: string; reason: string }>
        open={open === 'switch'}
        title={t('clients.commands.switchTitle', { name: customer.name })}
        pending={switchTo.isPending}
        problem={switchTo.error}
        onCancel={close}
        onFinish={(v, form) =>
          switchTo.mutate({ path: { id: customer.id }, body: { toConsultantId: v.toConsultantId, reason: v.reason.trim() } }, { onSuccess: (o) => (decided(o.ownerRuleIds), close()), onError: (p) => showFieldErrors(form, p) })
        }
      >
        <Form.Item name="toConsultantId" label={t('clients.commands.to')} rules={[{ required: true, message: t('clients.commands.toRequired') }]}>
          <Select options={(consultants.data ?? []).filter((c) => c.userId !== customer.ownerId).map((c) => ({ value: c.userId, label: c.displayName }))} />
        </Form.Item>
        <Form.Item name="reason" label={t('clients.agents.reason')} rules={[{ required: true, whitespace: true, message: t('clients.agents.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </CommandModal>

      <CommandModal<{ stage: (typeof STAGES)[number]; commissionYuan?: number }>
        open={open === 'deal'}
        title={t('clients.commands.dealTitle', { name: customer.name })}
        pending={deal.isPending}
        problem={deal.error}
        initialValues={{ stage: 'subscription' }}
        onCancel={close}
        onFinish={(v, form) =>
          deal.mutate(
            { path: { id: customer.id }, body: { stage: v.stage, ...(v.commissionYuan !== undefined && v.commissionYuan !== null ? { commissionFen: Math.round(v.commissionYuan * 100) } : {}) } },
            { onSuccess: () => (void message.success(t('clients.commands.done')), close()), onError: (p) => showFieldErrors(form, p) },
          )
        }
      >
        <Form.Item name="stage" label={t('clients.commissions.stage')}>
          <Radio.Group options={STAGES.map((s) => ({ value: s, label: t(`clients.commissions.stages.${s}`) }))} />
        </Form.Item>
        <Form.Item name="commissionYuan" label={t('clients.commands.commission')} extra={t('clients.commands.commissionHint')}>
          <InputNumber min={0} max={10_000_000} precision={2} prefix="¥" style={{ width: 220 }} />
        </Form.Item>
      </CommandModal>
    </Space>
  );
}
