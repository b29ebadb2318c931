import { App, Checkbox, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import { zonedTime } from '@sitedesk/domain';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalRefDto, OrderDto, UnitDto } from '../../../api/generated';
import type { Problem } from '../../../api/problem';
import { showFieldErrors } from '../../../shared/forms';
import { useCurrentSite } from '../../shell/current-site';
import { toFen, toYuanInput } from '../money';
import { ReservationProblem } from '../problems';
import {
  useCancellation,
  useContract,
  useCustomerChoices,
  useDeposit,
  useDiscount,
  useHold,
  usePayment,
  usePolicy,
  useRelease,
  useSigningNotice,
  useSubscribe,
  useVoid,
  useWording,
} from '../queries';

export type OrderAction = 'hold' | 'subscribe' | 'deposit' | 'signingNotice' | 'contract' | 'release' | 'void' | 'payment' | 'cancellation' | 'discount' | 'wording';
export type PaymentKind = 'subscription' | 'deposit' | 'refund';

/** What the cashier is to receive (or pay back) for an order: the amount the order states. */
export function statedAmount(order: OrderDto, kind: PaymentKind): number | null {
  if (kind === 'subscription') return order.subscriptionFen ?? null;
  if (kind === 'deposit') return order.depositFen ?? null;
  return order.refundFen ?? null;
}

/** Money recorded on the order so far (a refund counts back). */
export const paidFen = (order: OrderDto) => order.payments.reduce((n, p) => n + (p.kind === 'refund' ? -p.amountFen : p.amountFen), 0);

type Values = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/**
 * One step of a unit's order in a form: the hold (RES-2), subscription, deposit, signing notice and
 * contract (RES-1, RES-5), the cashier's payment (RES-4), release and void, and the requests that go to
 * approval (cancellation RES-5, discount RES-6, wording RES-5). Field names are the API's, so its field
 * errors land on the fields; amounts are typed in yuan and sent in fen (GEN-5).
 */
export function OrderActionModal({ action, unit, order, kind, onClose }: { action: OrderAction; unit: UnitDto; order: OrderDto | null; kind?: PaymentKind; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [customerQuery, setCustomerQuery] = useState('');
  const customers = useCustomerChoices(site.siteId, customerQuery, action === 'hold');
  const policy = usePolicy(site.siteId);
  const mutations = {
    hold: useHold(),
    subscribe: useSubscribe(),
    deposit: useDeposit(),
    signingNotice: useSigningNotice(),
    contract: useContract(),
    release: useRelease(),
    void: useVoid(),
    payment: usePayment(),
    cancellation: useCancellation(),
    discount: useDiscount(),
    wording: useWording(),
  };
  const pending = Object.values(mutations).some((m) => m.isPending);
  const orderId = order?.id ?? '';
  const paymentKind: PaymentKind = kind ?? 'subscription';

  const money = (name: string, label: string, extra?: string) => (
    <Form.Item
      name={name}
      label={label}
      extra={extra}
      rules={[
        { required: true, message: t('reservation.form.amountRequired') },
        { validator: (_, v) => (v === undefined || v === '' || (toFen(v as string) ?? 0) > 0 || (name === 'refundFen' && toFen(v as string) === 0) ? Promise.resolve() : Promise.reject(new Error(t('reservation.form.amountInvalid')))) },
      ]}
    >
      <Input inputMode="decimal" prefix="¥" suffix={t('reservation.form.yuan')} maxLength={16} />
    </Form.Item>
  );
  const docNo = (name: string, label: string) => (
    <Form.Item name={name} label={label} rules={[{ required: true, whitespace: true, message: t('reservation.form.required') }]}>
      <Input maxLength={40} />
    </Form.Item>
  );
  const reason = (
    <Form.Item name="reason" label={t('reservation.form.reason')} rules={[{ required: true, whitespace: true, message: t('reservation.form.required') }]}>
      <Input.TextArea rows={3} maxLength={500} showCount />
    </Form.Item>
  );

  /** CA-17: the agency's agreed commission, asked at the first deal stage of an agency's customer (the API names it when it is missing). */
  const commission = (
    <Form.Item
      name="commissionFen"
      label={t('reservation.fields.commission')}
      extra={t('reservation.form.commissionHint')}
      rules={[{ validator: (_, v) => (v === undefined || v === '' || v === null || toFen(v as string) !== null ? Promise.resolve() : Promise.reject(new Error(t('reservation.form.amountInvalid')))) }]}
    >
      <Input inputMode="decimal" prefix="¥" suffix={t('reservation.form.yuan')} maxLength={16} />
    </Form.Item>
  );

  const initials: Partial<Record<OrderAction, Values>> = {
    subscribe: { priceFen: toYuanInput(order?.approvedPriceFen ?? order?.listPriceFen ?? unit.listPriceFen) },
    payment: { amountFen: toYuanInput(order ? statedAmount(order, paymentKind) : null) },
    cancellation: { refundFen: toYuanInput(order ? Math.max(0, paidFen(order)) : 0) },
    contract: { wordingDiffers: !!order?.wordingApprovedAt },
    signingNotice: { channel: 'phone' },
    wording: { approverRole: policy.data?.policy.wordingApproverRole === 'developer_approver' ? 'developer_approver' : 'manager' },
  };
  const initial = initials[action];

  const fields = () => {
    switch (action) {
      case 'hold':
        return (
          <>
            <Typography.Paragraph type="secondary">{t('reservation.actions.holdHint')}</Typography.Paragraph>
            <Form.Item name="customerId" label={t('reservation.fields.customer')} rules={[{ required: true, message: t('reservation.form.customerRequired') }]}>
              <Select
                showSearch={{ filterOption: false, onSearch: setCustomerQuery }}
                loading={customers.isFetching}
                placeholder={t('reservation.form.customerPlaceholder')}
                notFoundContent={customers.isFetching ? null : t('reservation.form.noCustomer')}
                options={(customers.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name} · ${c.phone}` }))}
              />
            </Form.Item>
          </>
        );
      case 'subscribe':
        return (
          <>
            {money('priceFen', t('reservation.fields.price'), order?.approvedPriceFen ? t('reservation.form.approvedPrice', { price: toYuanInput(order.approvedPriceFen) }) : t('reservation.form.listPrice', { price: toYuanInput(unit.listPriceFen) }))}
            {money('subscriptionFen', t('reservation.fields.subscription'), policy.data ? t('reservation.form.dueHint', { minutes: policy.data.policy.paymentMinutes }) : undefined)}
            {docNo('agreementNo', t('reservation.fields.agreementNo'))}
            {commission}
          </>
        );
      case 'deposit':
        return (
          <>
            {money('depositFen', t('reservation.fields.deposit'))}
            {docNo('agreementNo', t('reservation.fields.agreementNo'))}
          </>
        );
      case 'signingNotice':
        return (
          <>
            <Typography.Paragraph type="secondary">{t('reservation.actions.signingNoticeHint')}</Typography.Paragraph>
            <Form.Item name="signingAt" label={t('reservation.fields.signingAt')} rules={[{ required: true, message: t('reservation.form.required') }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="place" label={t('reservation.fields.place')} rules={[{ required: true, whitespace: true, message: t('reservation.form.required') }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="documents" label={t('reservation.fields.documents')} rules={[{ required: true, type: 'array', min: 1, message: t('reservation.form.documentsRequired') }]}>
              <Select mode="tags" tokenSeparators={[',', '，', '、']} options={t('reservation.form.documentChoices').split(',').map((d) => ({ value: d, label: d }))} />
            </Form.Item>
            <Form.Item name="channel" label={t('reservation.fields.channel')} rules={[{ required: true }]}>
              <Select options={(['phone', 'sms', 'in_person', 'letter'] as const).map((c) => ({ value: c, label: t(`reservation.channels.${c}`) }))} />
            </Form.Item>
          </>
        );
      case 'contract':
        return (
          <>
            {docNo('contractNo', t('reservation.fields.contractNo'))}
            <Form.Item name="wordingDiffers" valuePropName="checked" extra={t('reservation.form.wordingDiffersHint')}>
              <Checkbox>{t('reservation.fields.wordingDiffers')}</Checkbox>
            </Form.Item>
            {commission}
          </>
        );
      case 'release':
      case 'void':
        return (
          <>
            <Typography.Paragraph type="secondary">{t(`reservation.actions.${action}Hint`)}</Typography.Paragraph>
            {reason}
          </>
        );
      case 'payment':
        return (
          <>
            <Typography.Paragraph type="secondary">{t('reservation.actions.paymentHint', { kind: t(`reservation.paymentKinds.${paymentKind}`) })}</Typography.Paragraph>
            {money('amountFen', t('reservation.fields.amount'))}
            {docNo('receiptNo', t('reservation.fields.receiptNo'))}
          </>
        );
      case 'cancellation':
        return (
          <>
            <Typography.Paragraph type="secondary">{t('reservation.actions.cancellationHint')}</Typography.Paragraph>
            {reason}
            {money('refundFen', t('reservation.fields.refund'), order ? t('reservation.form.paidSoFar', { paid: toYuanInput(Math.max(0, paidFen(order))) ?? '0' }) : undefined)}
          </>
        );
      case 'discount':
        return (
          <>
            <Typography.Paragraph type="secondary">{t('reservation.actions.discountHint')}</Typography.Paragraph>
            {money('priceFen', t('reservation.fields.specialPrice'), t('reservation.form.listPrice', { price: toYuanInput(order?.listPriceFen ?? unit.listPriceFen) }))}
            {reason}
          </>
        );
      case 'wording':
        return (
          <>
            <Form.Item name="differences" label={t('reservation.fields.differences')} rules={[{ required: true, whitespace: true, message: t('reservation.form.required') }]}>
              <Input.TextArea rows={4} maxLength={2000} showCount />
            </Form.Item>
            <Form.Item name="approverRole" label={t('reservation.fields.approver')}>
              <Select options={(['manager', 'developer_approver'] as const).map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
            </Form.Item>
          </>
        );
    }
  };

  const fen = (v: Values, name: string) => toFen(v[name] as string) ?? 0;
  /** An optional amount: absent when left empty. */
  const optionalFen = (v: Values, name: string) => {
    const amount = v[name] === undefined || v[name] === '' || v[name] === null ? null : toFen(v[name] as string);
    return amount === null ? {} : { [name]: amount };
  };
  const submit = async (v: Values): Promise<OrderDto | ApprovalRefDto> => {
    const path = { id: orderId };
    switch (action) {
      case 'hold':
        return mutations.hold.mutateAsync({ path: { id: unit.id }, body: { customerId: str(v.customerId) } });
      case 'subscribe':
        return mutations.subscribe.mutateAsync({ path, body: { priceFen: fen(v, 'priceFen'), subscriptionFen: fen(v, 'subscriptionFen'), agreementNo: str(v.agreementNo), ...optionalFen(v, 'commissionFen') } });
      case 'deposit':
        return mutations.deposit.mutateAsync({ path, body: { depositFen: fen(v, 'depositFen'), agreementNo: str(v.agreementNo) } });
      case 'signingNotice': {
        const at = v.signingAt as Dayjs;
        const signingAt = zonedTime(at.format('YYYY-MM-DD'), at.format('HH:mm'), site.timeZone).toISOString();
        return mutations.signingNotice.mutateAsync({ path, body: { signingAt, place: str(v.place), documents: (v.documents as string[]).map((d) => d.trim()).filter(Boolean), channel: v.channel as 'phone' } });
      }
      case 'contract':
        return mutations.contract.mutateAsync({ path, body: { contractNo: str(v.contractNo), wordingDiffers: !!v.wordingDiffers, ...optionalFen(v, 'commissionFen') } });
      case 'release':
        return mutations.release.mutateAsync({ path, body: { reason: str(v.reason) } });
      case 'void':
        return mutations.void.mutateAsync({ path, body: { reason: str(v.reason) } });
      case 'payment':
        return mutations.payment.mutateAsync({ path, body: { kind: paymentKind, amountFen: fen(v, 'amountFen'), receiptNo: str(v.receiptNo) } });
      case 'cancellation':
        return mutations.cancellation.mutateAsync({ path, body: { reason: str(v.reason), refundFen: fen(v, 'refundFen') } });
      case 'discount':
        return mutations.discount.mutateAsync({ path, body: { priceFen: fen(v, 'priceFen'), reason: str(v.reason) } });
      case 'wording':
        return mutations.wording.mutateAsync({ path, body: { differences: str(v.differences), ...(v.approverRole ? { approverRole: v.approverRole as 'manager' } : {}) } });
    }
  };

  const onFinish = async (v: Values) => {
    setProblem(null);
    try {
      const answer = await submit(v);
      if ('approvalId' in answer) message.success(t('reservation.actions.requested', { role: t(`roles.${answer.approverRole as 'manager'}`) }));
      else message.success(t(`reservation.actions.done.${action}`));
      onClose();
    } catch (e) {
      const p = e as Problem;
      setProblem(p);
      showFieldErrors(form, p);
    }
  };

  const title = action === 'payment' ? t('reservation.actions.paymentTitle', { kind: t(`reservation.paymentKinds.${paymentKind}`) }) : t(`reservation.actions.${action}`);
  return (
    <Modal
      open
      title={`${title} · ${unit.building} ${unit.number}`}
      okText={t('common.submit')}
      okButtonProps={{ danger: action === 'void' || action === 'release', loading: pending }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <ReservationProblem problem={problem} />
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void onFinish(v)} requiredMark={false}>
        {fields()}
      </Form>
    </Modal>
  );
}
