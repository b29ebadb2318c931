import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { isRestTime, type ComplaintPolicy } from '@sitedesk/domain';
import { Alert, Button, Checkbox, DatePicker, Flex, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintDetailDto } from '../../../api/generated';
import type { Problem } from '../../../api/problem';
import { showFieldErrors } from '../../../shared/forms';
import { siteInstant } from '../../attendance/dates';
import { useCurrentSite } from '../../shell/current-site';
import { SEVERITIES } from '../labels';
import { complaintProblemText } from '../problems';
import { useComplaintCommand, type ComplaintAction, type ComplaintCommandType } from '../queries';

/** A picked date and time, read as the wall clock of the site (GEN-4). */
const instantOf = (d: Dayjs, timeZone: string) => siteInstant(d.format('YYYY-MM-DD'), d.format('HH:mm'), timeZone);

type Values = Record<string, unknown> & {
  proposals?: { text: string }[];
  responsibleStaff?: { userId: string; departmentHeadId?: string }[];
};

/** The commands that need no data: confirmed with one click. */
export const NO_DATA: ReadonlySet<ComplaintCommandType> = new Set(['take', 'customer_responded']);

interface CommandModalProps {
  command: ComplaintCommandType | null;
  complaint: ComplaintDetailDto;
  policy: ComplaintPolicy | undefined;
  staff: { userId: string; displayName: string }[];
  onClose: () => void;
}

/**
 * One CMP-9 transition with the data it requires: the reply (and a promised reply time, CMP-3), the
 * classification (CMP-2), the investigator (CMP-4), findings and proposals with the staff at fault
 * (CMP-4, CMP-6), the approval choice, the customer's acceptance and signature, a reason for the
 * customer declining, reopening, escalating, handing over (GEN-10) or waiting on the customer, a
 * booked follow-up time outside rest hours (CMP-7), the closing summary. The API decides; its
 * refusal shows as a sentence above the form, and field errors on their fields.
 */
export function CommandModal({ command, complaint, policy, staff, onClose }: CommandModalProps) {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const formId = useId();
  const [form] = Form.useForm<Values>();
  const mutation = useComplaintCommand();
  const [problem, setProblem] = useState<Problem | null>(null);
  const validity = Form.useWatch('validity', form);
  const category = Form.useWatch('category', form);
  const restHours = policy?.followUp.restHours ?? [];

  const close = () => {
    setProblem(null);
    mutation.reset();
    onClose();
  };

  const toAction = (v: Values): ComplaintAction | null => {
    const s = (k: string) => (typeof v[k] === 'string' ? (v[k] as string).trim() : '');
    const opt = (k: string) => s(k) || null;
    switch (command) {
      case 'take':
      case 'customer_responded':
        return { type: command };
      case 'respond':
        return { type: 'respond', body: { message: s('message'), promisedReplyAt: v.promisedReplyAt ? instantOf(v.promisedReplyAt as Dayjs, site.timeZone) : null } };
      case 'triage':
        return {
          type: 'triage',
          body: {
            classification: { kind: v.kind as 'complaint', validity: v.validity as 'valid', category: s('category'), severity: v.severity as 'normal', department: opt('department') },
            reply: v.validity === 'invalid' ? s('reply') : null,
          },
        };
      case 'settle_on_the_spot':
        return { type: 'settle_on_the_spot', body: { resolution: s('resolution'), customerAccepted: !!v.customerAccepted, signature: s('signature') } };
      case 'investigate':
        return { type: 'investigate', body: { investigatorId: s('investigatorId'), department: opt('department') } };
      case 'propose':
        return {
          type: 'propose',
          body: {
            findings: s('findings'),
            cause: s('cause'),
            proposals: (v.proposals ?? []).map((p, i) => ({ id: `p${i + 1}`, text: (p?.text ?? '').trim() })),
            responsibleStaff: (v.responsibleStaff ?? []).filter((r) => r?.userId).map((r) => ({ userId: r.userId, departmentHeadId: r.departmentHeadId ?? null })),
          },
        };
      case 'approve':
        return { type: 'approve', body: { proposalId: s('proposalId'), comment: opt('comment') } };
      case 'send_back':
        return { type: 'send_back', body: { comment: s('comment') } };
      case 'resolve':
        return { type: 'resolve', body: { implementation: s('implementation'), customerAccepted: !!v.customerAccepted, signature: s('signature'), feedback: opt('feedback') } };
      case 'customer_declined':
      case 'reopen':
      case 'escalate':
        return { type: command, body: { reason: s('reason') } };
      case 'wait_for_customer':
        return { type: 'wait_for_customer', body: { reason: s('reason') } };
      case 'hand_over':
        return { type: 'hand_over', body: { toUserId: s('toUserId'), reason: s('reason') } };
      case 'book_follow_up':
        return { type: 'book_follow_up', body: { at: instantOf(v.at as Dayjs, site.timeZone) } };
      case 'close':
        return { type: 'close', body: { summary: s('summary') } };
      default:
        return null;
    }
  };

  const submit = async (v: Values) => {
    const action = toAction(v);
    if (!action) return;
    setProblem(null);
    try {
      await mutation.mutateAsync({ id: complaint.id, action });
      form.resetFields();
      close();
    } catch (e) {
      const p = e as Problem;
      setProblem(p);
      showFieldErrors(form, p);
    }
  };

  const required = { required: true, whitespace: true, message: t('complaints.command.required') };
  const text = (name: string, label: string, max: number, rows = 3, rules = [required]) => (
    <Form.Item name={name} label={label} rules={rules}>
      <Input.TextArea rows={rows} maxLength={max} />
    </Form.Item>
  );
  const people = staff.map((p) => ({ value: p.userId, label: p.displayName }));
  const personSelect = (name: string | (string | number)[], label: string, rules = [{ required: true, message: t('complaints.command.required') }]) => (
    <Form.Item name={name} label={label} rules={rules}>
      <Select showSearch optionFilterProp="label" options={people} allowClear />
    </Form.Item>
  );
  const acceptance = (
    <>
      <Form.Item name="customerAccepted" valuePropName="checked" extra={t('complaints.command.acceptedHint')}>
        <Checkbox>{t('complaints.command.customerAccepted')}</Checkbox>
      </Form.Item>
      <Form.Item name="signature" label={t('complaints.command.signature')} extra={t('complaints.command.signatureHint')} rules={[required]}>
        <Input maxLength={200} />
      </Form.Item>
    </>
  );
  const categoryInfo = policy?.categories.find((c) => c.code === category);

  const fields = () => {
    switch (command) {
      case 'take':
        return <Typography.Paragraph>{t('complaints.command.takeConfirm')}</Typography.Paragraph>;
      case 'customer_responded':
        return <Typography.Paragraph>{t('complaints.command.respondedConfirm')}</Typography.Paragraph>;
      case 'respond':
        return (
          <>
            {text('message', t('complaints.command.message'), 2000)}
            <Form.Item name="promisedReplyAt" label={t('complaints.command.promisedReplyAt')} extra={t('complaints.command.promisedHint')}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </>
        );
      case 'triage':
        return (
          <>
            <Form.Item name="kind" label={t('complaints.field.kind')} extra={t('complaints.command.kindHint')} rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={(['complaint', 'grumble'] as const).map((k) => ({ value: k, label: t(`complaints.kind.${k}`) }))} />
            </Form.Item>
            <Form.Item name="validity" label={t('complaints.field.validity')} rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={(['valid', 'invalid'] as const).map((k) => ({ value: k, label: t(`complaints.validity.${k}`) }))} />
            </Form.Item>
            <Form.Item name="category" label={t('complaints.field.category')} rules={[{ required: true, message: t('complaints.command.required') }]}>
              <Select options={(policy?.categories ?? []).map((c) => ({ value: c.code, label: c.name }))} />
            </Form.Item>
            <Form.Item name="severity" label={t('complaints.field.severity')} extra={t('complaints.command.severityHint')} rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={SEVERITIES.map((s) => ({ value: s, label: t(`complaints.severity.${s}`) }))} />
            </Form.Item>
            <Form.Item name="department" label={t('complaints.field.department')} extra={categoryInfo ? t('complaints.command.departmentHint', { department: categoryInfo.department, role: t(`roles.${categoryInfo.investigatorRole}`) }) : undefined}>
              <Input maxLength={60} placeholder={categoryInfo?.department} />
            </Form.Item>
            {validity === 'invalid' && text('reply', t('complaints.command.rejectionReply'), 2000)}
          </>
        );
      case 'settle_on_the_spot':
        return (
          <>
            {text('resolution', t('complaints.command.resolution'), 4000)}
            {acceptance}
          </>
        );
      case 'investigate':
        return (
          <>
            {personSelect('investigatorId', t('complaints.command.investigator'))}
            <Form.Item name="department" label={t('complaints.field.department')}>
              <Input maxLength={60} placeholder={complaint.classification?.department ?? undefined} />
            </Form.Item>
          </>
        );
      case 'propose':
        return (
          <>
            {text('findings', t('complaints.command.findings'), 4000)}
            {text('cause', t('complaints.command.cause'), 1000, 2)}
            <Typography.Text strong>{t('complaints.command.proposals')}</Typography.Text>
            <Form.List name="proposals">
              {(items, { add, remove }) => (
                <>
                  {items.map((item, i) => (
                    <Flex key={item.key} gap={8} align="baseline">
                      <Form.Item name={[item.name, 'text']} label={t('complaints.command.proposalN', { n: i + 1 })} rules={[required]} style={{ flex: 1 }}>
                        <Input.TextArea rows={2} maxLength={2000} />
                      </Form.Item>
                      {items.length > 1 && <MinusCircleOutlined aria-label={t('complaints.command.removeProposal')} onClick={() => remove(item.name)} />}
                    </Flex>
                  ))}
                  {items.length < 10 && (
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ text: '' })} style={{ marginBottom: 16 }}>
                      {t('complaints.command.addProposal')}
                    </Button>
                  )}
                </>
              )}
            </Form.List>
            <div>
              <Typography.Text strong>{t('complaints.command.atFault')}</Typography.Text>
              <Typography.Paragraph type="secondary">{t('complaints.command.atFaultHint')}</Typography.Paragraph>
            </div>
            <Form.List name="responsibleStaff">
              {(items, { add, remove }) => (
                <>
                  {items.map((item) => (
                    <Flex key={item.key} gap={8} align="baseline">
                      <div style={{ flex: 1 }}>{personSelect([item.name, 'userId'] as (string | number)[], t('complaints.command.staffAtFault'))}</div>
                      <div style={{ flex: 1 }}>{personSelect([item.name, 'departmentHeadId'] as (string | number)[], t('complaints.command.departmentHead'), [])}</div>
                      <MinusCircleOutlined aria-label={t('complaints.command.removeStaff')} onClick={() => remove(item.name)} />
                    </Flex>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                    {t('complaints.command.addStaff')}
                  </Button>
                </>
              )}
            </Form.List>
          </>
        );
      case 'approve':
        return (
          <>
            <Form.Item name="proposalId" label={t('complaints.command.chooseProposal')} rules={[{ required: true, message: t('complaints.command.required') }]}>
              <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }} options={complaint.proposals.map((p) => ({ value: p.id, label: p.text }))} />
            </Form.Item>
            {complaint.classification?.kind === 'complaint' && (complaint.investigation?.responsibleStaff.length ?? 0) > 0 && <Alert type="warning" showIcon title={t('complaints.command.slipsWarning')} style={{ marginBottom: 16 }} />}
            {text('comment', t('complaints.command.comment'), 2000, 2, [])}
          </>
        );
      case 'send_back':
        return text('comment', t('complaints.command.sendBackComment'), 2000);
      case 'resolve':
        return (
          <>
            {text('implementation', t('complaints.command.implementation'), 4000)}
            {acceptance}
            {text('feedback', t('complaints.command.feedback'), 2000, 2, [])}
          </>
        );
      case 'customer_declined':
      case 'reopen':
      case 'escalate':
        return text('reason', t('complaints.command.reason'), 2000);
      case 'wait_for_customer':
        return text('reason', t('complaints.command.waitReason'), 500, 2);
      case 'hand_over':
        return (
          <>
            {personSelect('toUserId', t('complaints.command.handOverTo'))}
            {text('reason', t('complaints.command.reason'), 500, 2)}
          </>
        );
      case 'book_follow_up':
        return (
          <Form.Item
            name="at"
            label={t('complaints.command.bookAt')}
            extra={t('complaints.command.bookHint', { rest: restHours.map((w) => `${w.start}–${w.end}`).join(', ') })}
            rules={[
              { required: true, message: t('complaints.command.required') },
              {
                validator: async (_, value: Dayjs | undefined) => {
                  if (!value) return;
                  const at = new Date(instantOf(value, site.timeZone));
                  if (at.getTime() <= Date.now()) throw new Error(t('complaints.problems.FOLLOW_UP_IN_PAST'));
                  if (isRestTime(at, restHours, site.timeZone)) throw new Error(t('complaints.problems.FOLLOW_UP_IN_REST_HOURS'));
                },
              },
            ]}
          >
            <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        );
      case 'close':
        return text('summary', t('complaints.command.summary'), 4000);
      default:
        return null;
    }
  };

  const initialValues: Values =
    command === 'triage'
      ? { kind: 'complaint', validity: 'valid', severity: complaint.severity }
      : command === 'propose'
        ? { proposals: [{ text: '' }], responsibleStaff: [], findings: complaint.investigation?.findings ?? undefined, cause: complaint.investigation?.cause ?? undefined }
        : command === 'approve' && complaint.proposals.length === 1
          ? { proposalId: complaint.proposals[0].id }
          : {};

  return (
    <Modal
      open={command !== null}
      title={command ? t(`complaints.action.${command}`) : ''}
      okText={command ? t(`complaints.action.${command}`) : t('common.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: formId, loading: mutation.isPending, danger: command === 'reopen' || command === 'customer_declined' }}
      onCancel={close}
      width={command === 'propose' ? 760 : 560}
      destroyOnHidden
    >
      {problem && (
        <Alert type="error" showIcon title={complaintProblemText(problem, t)} style={{ marginBottom: 16 }} data-testid="command-problem" data-code={problem.code} />
      )}
      <Form<Values> id={formId} form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={initialValues} preserve={false}>
        {fields()}
      </Form>
    </Modal>
  );
}
