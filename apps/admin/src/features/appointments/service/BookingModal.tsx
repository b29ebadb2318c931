import { requiredDepositFen } from '@sitedesk/domain';
import { Alert, App, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentPolicyBodyDto, ServiceSlotDto } from '../../../api/generated';
import type { Problem } from '../../../api/problem';
import { showFieldErrors } from '../../../shared/forms';
import { formatDay } from '../../attendance/dates';
import { useCurrentSite } from '../../shell/current-site';
import { FormModal } from '../FormModal';
import { toFen, useBookAppointment, yuanText } from '../queries';

interface Values {
  time: string;
  customerName: string;
  customerPhone: string;
  vehiclePlate: string;
  vehicleModel?: string;
  work: string;
  parts?: string;
  deposit?: string;
  depositReceiptNo?: string;
  formNo: string;
  signedBy: string;
}

/**
 * Books a service appointment (RES-9): customer, vehicle, the requested work, a free slot, the signed
 * appointment form (预约单: its number and who signed), and for high-value parts the deposit with the
 * cashier's receipt — the rule is shown as the parts price is typed; the API decides.
 */
export function BookingModal({ date, time, slots, policy, onClose }: { date: string; time: string | null; slots: ServiceSlotDto[]; policy?: AppointmentPolicyBodyDto; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const [form] = Form.useForm<Values>();
  const formId = useId();
  const book = useBookAppointment();
  const [problem, setProblem] = useState<Problem | null>(null);
  const parts = toFen(Form.useWatch('parts', form) ?? '') ?? 0;
  const required = policy ? requiredDepositFen(parts, policy) : 0;
  const now = Date.now();
  const open = slots.filter((s) => s.free > 0 && new Date(s.startsAt).getTime() > now);

  const submit = (v: Values) => {
    setProblem(null);
    const partsFen = toFen(v.parts ?? '0');
    const depositFen = toFen(v.deposit ?? '0');
    if (partsFen === null || depositFen === null) {
      const invalid = [t('appointments.booking.amountInvalid')];
      form.setFields([...(partsFen === null ? [{ name: 'parts' as const, errors: invalid }] : []), ...(depositFen === null ? [{ name: 'deposit' as const, errors: invalid }] : [])]);
      return;
    }
    book.mutate(
      {
        body: {
          siteId: site.siteId,
          date,
          time: v.time,
          customerName: v.customerName.trim(),
          customerPhone: v.customerPhone.trim(),
          vehiclePlate: v.vehiclePlate.trim(),
          ...(v.vehicleModel?.trim() ? { vehicleModel: v.vehicleModel.trim() } : {}),
          work: v.work.trim(),
          partsFen,
          depositFen,
          ...(v.depositReceiptNo?.trim() ? { depositReceiptNo: v.depositReceiptNo.trim() } : {}),
          formNo: v.formNo.trim(),
          signedBy: v.signedBy.trim(),
        },
      },
      {
        onSuccess: (a) => {
          void message.success(t('appointments.booking.booked', { time: a.time, name: a.customerName }));
          onClose();
        },
        onError: (p) => {
          setProblem(p);
          showFieldErrors(form, p);
        },
      },
    );
  };

  const required_ = [{ required: true, whitespace: true, message: t('appointments.booking.required') }];
  return (
    <FormModal title={t('appointments.booking.title', { date: formatDay(date, i18n.language) })} formId={formId} pending={book.isPending} problem={problem} onCancel={onClose} width={720} okText={t('appointments.booking.submit')}>
      <Form<Values> id={formId} form={form} layout="vertical" onFinish={submit} initialValues={{ time: time ?? open[0]?.time, parts: '0', deposit: '0' }}>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="time" label={t('appointments.booking.slot')} rules={[{ required: true, message: t('appointments.booking.required') }]}>
              <Select options={open.map((s) => ({ value: s.time, label: t('appointments.booking.slotOption', { time: s.time, free: s.free }) }))} notFoundContent={t('appointments.booking.noFreeSlot')} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="customerName" label={t('appointments.booking.customerName')} rules={required_}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="customerPhone" label={t('appointments.booking.customerPhone')} rules={required_}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="vehiclePlate" label={t('appointments.booking.vehiclePlate')} rules={required_}>
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="vehicleModel" label={t('appointments.booking.vehicleModel')}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="work" label={t('appointments.booking.work')} rules={required_}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="parts" label={t('appointments.booking.parts')} extra={t('appointments.booking.partsHint')}>
              <InputNumber<string> stringMode min="0" precision={2} prefix="¥" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="deposit" label={t('appointments.booking.deposit')}>
              <InputNumber<string> stringMode min="0" precision={2} prefix="¥" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="depositReceiptNo" label={t('appointments.booking.depositReceiptNo')}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={24}>
            {policy && (
              <Alert
                data-testid="deposit-rule"
                type={required > 0 ? 'warning' : 'info'}
                showIcon
                style={{ marginBottom: 16 }}
                title={
                  required > 0
                    ? t('appointments.booking.depositRequired', { amount: yuanText(required, i18n.language), percent: policy.minDepositPercent })
                    : t('appointments.booking.depositRule', { parts: yuanText(policy.highValuePartsFen, i18n.language), percent: policy.minDepositPercent })
                }
              />
            )}
          </Col>
          <Col span={12}>
            <Form.Item name="formNo" label={t('appointments.booking.formNo')} rules={required_} extra={t('appointments.booking.formNoHint')}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="signedBy" label={t('appointments.booking.signedBy')} rules={required_}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormModal>
  );
}
