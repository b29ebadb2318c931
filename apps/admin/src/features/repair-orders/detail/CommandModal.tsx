import { FOLLOW_UP_ATTITUDES } from '@sitedesk/domain';
import { Alert, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RepairOrderDetailDto } from '../../../api/generated';
import type { Problem } from '../../../api/problem';
import { showFieldErrors } from '../../../shared/forms';
import { siteInstant } from '../../attendance/dates';
import { useCurrentSite } from '../../shell/current-site';
import { additionalOf, estimateOf, pendingAdditional, totalsOf, workLines, yuan } from '../model';
import { repairProblemText } from '../problems';
import { useKeyCabinet, useRepairCommand, type RepairAction, type RepairCommandType } from '../queries';
import { LinesEditor, NEW_LINE, TEAMS, toLines, type LineValues } from './LinesEditor';

/** A picked date and time, read as the wall clock of the site (GEN-4). */
const instantOf = (d: Dayjs, timeZone: string) => siteInstant(d.format('YYYY-MM-DD'), d.format('HH:mm'), timeZone);

type Values = Record<string, unknown> & { lines?: LineValues[] };

const DOCUMENTS = ['行驶证', '保险单', '保养手册', '购车发票'];
const EXIT_DOCUMENTS = ['repairOrder', 'settlement', 'warrantyCertificate', 'vehicleDocuments', 'key'] as const;

interface CommandModalProps {
  command: RepairCommandType | null;
  order: RepairOrderDetailDto;
  critical: readonly string[];
  staff: { userId: string; displayName: string }[];
  onClose: () => void;
}

/**
 * One life-cycle command with the data it requires (docs/repair-order.md): the customer's consent
 * and signatures (bound to the version shown), the estimate lines with OEM/aftermarket parts and the
 * warranty disclaimer (RO-3), the check-in's documents, inspection, belongings, key tag, fuel and
 * odometer (RO-5), the dispatch to a team or the workshop lead with the receiver (RO-6), additional
 * work and the customer's yes/no (RO-7), the progress check (RO-8), the quality check, delivery,
 * discount, settlement and exit (RO-9), the follow-up call (RO-10). The API decides; its refusal
 * shows above the form, field errors on their fields.
 */
export function CommandModal({ command, order, critical, staff, onClose }: CommandModalProps) {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const formId = useId();
  const [form] = Form.useForm<Values>();
  const mutation = useRepairCommand();
  const [problem, setProblem] = useState<Problem | null>(null);
  const cabinet = useKeyCabinet(site.siteId);
  const targetKind = Form.useWatch('targetKind', form) as string | undefined;
  const passed = Form.useWatch('passed', form) as boolean | undefined;
  const totals = totalsOf(order);

  const close = () => {
    setProblem(null);
    mutation.reset();
    onClose();
  };

  const toAction = (v: Values): RepairAction | null => {
    const s = (k: string) => (typeof v[k] === 'string' ? (v[k] as string).trim() : '');
    const opt = (k: string) => s(k) || null;
    const list = (k: string) => (Array.isArray(v[k]) ? (v[k] as string[]).map((x) => x.trim()).filter(Boolean) : []);
    const num = (k: string) => (typeof v[k] === 'number' ? (v[k] as number) : 0);
    switch (command) {
      case 'consent_diagnosis':
        return { type: command, body: { signer: s('signer') } };
      case 'record_diagnosis':
        return { type: command, body: { findings: s('findings'), recommendation: s('recommendation'), assistedBy: opt('assistedBy'), reportHandedOver: !!v.reportHandedOver } };
      case 'estimate':
        return {
          type: command,
          body: {
            method: (v.method as 'system') ?? null,
            lines: toLines(v.lines, (i) => `L${i + 1}`),
            qualityNoticeGiven: !!v.qualityNoticeGiven,
            promisedAt: instantOf(v.promisedAt as Dayjs, site.timeZone),
            wishes: opt('wishes'),
          },
        };
      case 'sign':
        return { type: command, body: { signer: s('signer'), version: order.version } };
      case 'decline':
        return { type: command, body: { kind: v.kind as 'declined', reason: s('reason') } };
      case 'check_in':
        return {
          type: command,
          body: {
            documents: { received: list('received'), differences: opt('differences'), differencesSignedBy: opt('differencesSignedBy') },
            inspection: { exterior: s('exterior'), interior: s('interior'), instruments: s('instruments'), anomalies: list('anomalies') },
            belongings: { items: list('belongings'), signedBy: s('belongingsSignedBy') },
            keyTag: opt('keyTag'),
            fuelPercent: num('fuelPercent'),
            odometerKm: num('odometerKm'),
          },
        };
      case 'dispatch': {
        const receiver = staff.find((p) => p.userId === v.receiverId);
        return {
          type: command,
          body: { target: v.targetKind === 'team' ? { kind: 'team', team: s('team') } : { kind: 'workshop_lead' }, receiverId: s('receiverId'), receiverName: s('receiverName') || receiver?.displayName || '' },
        };
      }
      case 'report_additional_work': {
        const taken = new Set(workLines(order).map((w) => w.line.id));
        let n = additionalOf(order).length;
        const ids = (v.lines ?? []).map(() => {
          do n += 1;
          while (taken.has(`A${n}`));
          return `A${n}`;
        });
        return { type: command, body: { lines: toLines(v.lines, (i) => ids[i]), delayMinutes: num('delayMinutes') } };
      }
      case 'record_additional_consent':
        return { type: command, body: { lineIds: list('lineIds'), decision: v.decision as 'yes', channel: v.channel as 'phone', workshopToldName: s('workshopToldName') } };
      case 'start_work':
      case 'finish_work':
        return { type: command, body: { lineId: s('lineId') } };
      case 'record_progress_check':
        return { type: command, body: { anomalies: opt('anomalies'), action: opt('action') } };
      case 'complete':
        return { type: command };
      case 'quality_check':
        return { type: command, body: { passed: v.passed !== false, notes: s('notes'), reworkLineIds: v.passed === false ? list('reworkLineIds') : [] } };
      case 'prepare_delivery':
        return { type: command, body: { cleaned: !!v.cleaned, belongingsReturned: !!v.belongingsReturned } };
      case 'request_discount':
        return { type: command, body: { amountFen: Math.round(num('amountYuan') * 100), reason: s('reason') } };
      case 'decide_discount':
        return { type: command, body: { decision: v.decision as 'approved', comment: opt('comment') } };
      case 'settle':
        return { type: command, body: { paidFen: Math.round(num('paidYuan') * 100) } };
      case 'exit': {
        const docs = list('documents');
        return {
          type: command,
          body: {
            signer: s('signer'),
            version: order.version,
            documents: { repairOrder: docs.includes('repairOrder'), settlement: docs.includes('settlement'), warrantyCertificate: docs.includes('warrantyCertificate'), vehicleDocuments: docs.includes('vehicleDocuments'), key: docs.includes('key') },
          },
        };
      }
      case 'book_follow_up':
        return { type: command, body: { at: instantOf(v.at as Dayjs, site.timeZone) } };
      case 'record_follow_up':
        return {
          type: command,
          body: {
            answers: {
              solved: v.solved === true,
              attitude: v.attitude as 'satisfied',
              charged: v.charged === true,
              score: num('score'),
              suggestions: s('suggestions'),
              careAdviceGiven: !!v.careAdviceGiven,
              nextServiceDateTold: !!v.nextServiceDateTold,
            },
          },
        };
      case 'hand_over':
        return { type: command, body: { toUserId: s('toUserId'), reason: s('reason') } };
      default:
        return null;
    }
  };

  const submit = async (v: Values) => {
    const action = toAction(v);
    if (!action) return;
    setProblem(null);
    try {
      await mutation.mutateAsync({ id: order.id, action });
      form.resetFields();
      close();
    } catch (e) {
      const p = e as Problem;
      setProblem(p);
      showFieldErrors(form, p);
    }
  };

  const required = { required: true, message: t('repairOrders.cmd.required') };
  const textRule = { ...required, whitespace: true };
  const input = (name: string, label: string, max = 60, rules: object[] = [textRule], extra?: string) => (
    <Form.Item name={name} label={label} rules={rules} extra={extra}>
      <Input maxLength={max} />
    </Form.Item>
  );
  const area = (name: string, label: string, max = 2000, rules: object[] = [textRule]) => (
    <Form.Item name={name} label={label} rules={rules}>
      <Input.TextArea rows={2} maxLength={max} />
    </Form.Item>
  );
  const tags = (name: string, label: string, options: string[] = [], rules: object[] = []) => (
    <Form.Item name={name} label={label} rules={rules} extra={t('repairOrders.cmd.tagsHint')}>
      <Select mode="tags" options={options.map((o) => ({ value: o, label: o }))} tokenSeparators={[',', '，']} />
    </Form.Item>
  );
  const check = (name: string, label: string) => (
    <Form.Item name={name} valuePropName="checked">
      <Checkbox>{label}</Checkbox>
    </Form.Item>
  );
  const people = staff.map((p) => ({ value: p.userId, label: p.displayName }));
  const versionNote = <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('repairOrders.cmd.versionNote', { version: order.version, total: yuan(totals?.totalFen) })} />;
  const lineOptions = (filter: (w: ReturnType<typeof workLines>[number]) => boolean) =>
    workLines(order)
      .filter(filter)
      .map((w) => ({ value: w.line.id, label: `${w.line.id} · ${w.line.description}` }));

  const fields = () => {
    switch (command) {
      case 'consent_diagnosis':
        return input('signer', t('repairOrders.cmd.customerSigns'), 60, [textRule], t('repairOrders.cmd.consentHint'));
      case 'record_diagnosis':
        return (
          <>
            {area('findings', t('repairOrders.cmd.findings'), 4000)}
            {area('recommendation', t('repairOrders.cmd.recommendation'), 4000)}
            <Form.Item name="assistedBy" label={t('repairOrders.cmd.assistedBy')}>
              <Select allowClear showSearch optionFilterProp="label" options={people} />
            </Form.Item>
            {check('reportHandedOver', t('repairOrders.cmd.reportHandedOver'))}
          </>
        );
      case 'estimate':
        return (
          <>
            <Form.Item name="method" label={t('repairOrders.cmd.method')}>
              <Radio.Group optionType="button" options={(['system', 'symptom', 'item'] as const).map((m) => ({ value: m, label: t(`repairOrders.method.${m}`) }))} />
            </Form.Item>
            <LinesEditor form={form} critical={critical} />
            {check('qualityNoticeGiven', t('repairOrders.cmd.qualityNoticeGiven'))}
            <Form.Item name="promisedAt" label={t('repairOrders.cmd.promisedAt')} rules={[required]}>
              <DatePicker showTime={{ format: 'HH:mm', minuteStep: 10 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
            {area('wishes', t('repairOrders.cmd.wishes'), 2000, [])}
          </>
        );
      case 'sign':
        return (
          <>
            {versionNote}
            {estimateOf(order)?.disclaimer && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={estimateOf(order)?.disclaimer} />}
            {input('signer', t('repairOrders.cmd.customerSigns'))}
          </>
        );
      case 'decline':
        return (
          <>
            <Form.Item name="kind" label={t('repairOrders.cmd.declineKind')} rules={[required]}>
              <Radio.Group optionType="button" options={(['declined', 'appointment'] as const).map((k) => ({ value: k, label: t(`repairOrders.declineKind.${k}`) }))} />
            </Form.Item>
            {area('reason', t('repairOrders.cmd.reason'))}
            <Typography.Paragraph type="secondary">{t('repairOrders.cmd.declineFeeHint')}</Typography.Paragraph>
          </>
        );
      case 'check_in': {
        const free = (cabinet.data?.tags ?? []).filter((k) => !k.orderId).map((k) => ({ value: k.tag, label: k.tag }));
        return (
          <>
            {tags('received', t('repairOrders.cmd.documentsReceived'), DOCUMENTS, [{ required: true, type: 'array', min: 1, message: t('repairOrders.cmd.required') }])}
            {area('differences', t('repairOrders.cmd.differences'), 2000, [])}
            {input('differencesSignedBy', t('repairOrders.cmd.differencesSignedBy'), 60, [])}
            {area('exterior', t('repairOrders.cmd.exterior'))}
            {area('interior', t('repairOrders.cmd.interior'))}
            {area('instruments', t('repairOrders.cmd.instruments'))}
            {tags('anomalies', t('repairOrders.cmd.anomalies'))}
            {tags('belongings', t('repairOrders.cmd.belongings'))}
            {input('belongingsSignedBy', t('repairOrders.cmd.belongingsSignedBy'))}
            <Form.Item name="keyTag" label={t('repairOrders.cmd.keyTag')} extra={t('repairOrders.cmd.keyTagHint', { free: free.length })}>
              <Select allowClear showSearch options={free} />
            </Form.Item>
            <Form.Item name="fuelPercent" label={t('repairOrders.cmd.fuelPercent')} rules={[required]}>
              <InputNumber min={0} max={100} addonAfter="%" style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="odometerKm" label={t('repairOrders.cmd.odometerKm')} rules={[required]}>
              <InputNumber min={0} max={5_000_000} addonAfter="km" style={{ width: '100%' }} />
            </Form.Item>
          </>
        );
      }
      case 'dispatch': {
        const teams = [...new Set((estimateOf(order)?.lines ?? []).map((l) => l.team))];
        return (
          <>
            <Form.Item name="targetKind" label={t('repairOrders.cmd.dispatchTo')} rules={[required]} extra={teams.length > 1 ? t('repairOrders.cmd.multiTeamHint') : undefined}>
              <Radio.Group optionType="button" options={(['team', 'workshop_lead'] as const).map((k) => ({ value: k, label: t(`repairOrders.target.${k}`) }))} />
            </Form.Item>
            {targetKind === 'team' && (
              <Form.Item name="team" label={t('repairOrders.cmd.team')} rules={[required]}>
                <Select options={[...new Set([...teams, ...TEAMS])].map((s) => ({ value: s, label: t(`repairOrders.team.${s}` as 'repairOrders.team.mechanical', { defaultValue: s }) }))} />
              </Form.Item>
            )}
            <Form.Item name="receiverId" label={t('repairOrders.cmd.receiver')} rules={[required]}>
              <Select
                showSearch
                optionFilterProp="label"
                options={people}
                onChange={(id: string) => form.setFieldValue('receiverName', staff.find((p) => p.userId === id)?.displayName ?? '')}
              />
            </Form.Item>
            {input('receiverName', t('repairOrders.cmd.receiverSigns'), 60, [textRule], t('repairOrders.cmd.dispatchTimeHint'))}
          </>
        );
      }
      case 'report_additional_work':
        return (
          <>
            <LinesEditor form={form} critical={critical} />
            <Form.Item name="delayMinutes" label={t('repairOrders.cmd.delayMinutes')} rules={[required]} extra={t('repairOrders.cmd.additionalHint')}>
              <InputNumber min={0} max={43_200} addonAfter={t('repairOrders.cmd.minutes')} style={{ width: '100%' }} />
            </Form.Item>
          </>
        );
      case 'record_additional_consent':
        return (
          <>
            <Form.Item name="lineIds" label={t('repairOrders.cmd.additionalItems')} rules={[{ required: true, type: 'array', min: 1, message: t('repairOrders.cmd.required') }]}>
              <Checkbox.Group
                style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
                options={pendingAdditional(order).map((a) => ({ value: a.line.id, label: `${a.line.description} · ${yuan(a.line.totalFen)} · +${a.delayMinutes} ${t('repairOrders.cmd.minutes')}` }))}
              />
            </Form.Item>
            <Form.Item name="decision" label={t('repairOrders.cmd.customerAnswer')} rules={[required]}>
              <Radio.Group optionType="button" options={(['yes', 'no'] as const).map((k) => ({ value: k, label: t(`repairOrders.answer.${k}`) }))} />
            </Form.Item>
            <Form.Item name="channel" label={t('repairOrders.cmd.channel')} rules={[required]}>
              <Radio.Group options={(['phone', 'in_person', 'sms', 'wechat'] as const).map((k) => ({ value: k, label: t(`repairOrders.channel.${k}`) }))} />
            </Form.Item>
            {input('workshopToldName', t('repairOrders.cmd.workshopTold'), 60, [textRule], t('repairOrders.cmd.workshopToldHint'))}
          </>
        );
      case 'start_work':
        return (
          <Form.Item name="lineId" label={t('repairOrders.cmd.line')} rules={[required]}>
            <Select options={lineOptions((w) => w.status !== 'in_work' && w.additional !== 'no')} />
          </Form.Item>
        );
      case 'finish_work':
        return (
          <Form.Item name="lineId" label={t('repairOrders.cmd.line')} rules={[required]}>
            <Select options={lineOptions((w) => w.status === 'in_work')} />
          </Form.Item>
        );
      case 'record_progress_check':
        return (
          <>
            <Typography.Paragraph type="secondary">{t('repairOrders.cmd.progressHint')}</Typography.Paragraph>
            {area('anomalies', t('repairOrders.cmd.progressAnomalies'), 2000, [])}
            {area('action', t('repairOrders.cmd.progressAction'), 2000, [])}
          </>
        );
      case 'complete':
        return <Typography.Paragraph>{t('repairOrders.cmd.completeConfirm')}</Typography.Paragraph>;
      case 'quality_check':
        return (
          <>
            <Form.Item name="passed" label={t('repairOrders.cmd.qualityResult')} rules={[required]}>
              <Radio.Group optionType="button" options={[{ value: true, label: t('repairOrders.cmd.qualityPassed') }, { value: false, label: t('repairOrders.cmd.qualityFailed') }]} />
            </Form.Item>
            {area('notes', t('repairOrders.cmd.qualityNotes'))}
            {passed === false && (
              <Form.Item name="reworkLineIds" label={t('repairOrders.cmd.reworkLines')} rules={[{ required: true, type: 'array', min: 1, message: t('repairOrders.cmd.required') }]}>
                <Checkbox.Group options={lineOptions((w) => w.status === 'done')} />
              </Form.Item>
            )}
          </>
        );
      case 'prepare_delivery':
        return (
          <>
            {check('cleaned', t('repairOrders.cmd.cleaned'))}
            {check('belongingsReturned', t('repairOrders.cmd.belongingsReturned'))}
          </>
        );
      case 'request_discount':
        return (
          <>
            <Typography.Paragraph>{t('repairOrders.cmd.totalNow', { total: yuan(totals?.totalFen) })}</Typography.Paragraph>
            <Form.Item name="amountYuan" label={t('repairOrders.cmd.discountAmount')} rules={[required]} extra={t('repairOrders.cmd.discountHint')}>
              <InputNumber min={0.01} max={1_000_000} precision={2} addonBefore="¥" style={{ width: '100%' }} />
            </Form.Item>
            {area('reason', t('repairOrders.cmd.reason'))}
          </>
        );
      case 'decide_discount':
        return (
          <>
            <Form.Item name="decision" label={t('repairOrders.cmd.decision')} rules={[required]}>
              <Radio.Group optionType="button" options={(['approved', 'rejected'] as const).map((k) => ({ value: k, label: t(`repairOrders.discountDecision.${k}`) }))} />
            </Form.Item>
            {area('comment', t('repairOrders.cmd.comment'), 2000, [])}
          </>
        );
      case 'settle':
        return (
          <>
            <Typography.Paragraph>{t('repairOrders.cmd.totalNow', { total: yuan(totals?.totalFen) })}</Typography.Paragraph>
            <Form.Item name="paidYuan" label={t('repairOrders.cmd.paid')} rules={[required]} extra={t('repairOrders.cmd.receivableHint')}>
              <InputNumber min={0} max={10_000_000} precision={2} addonBefore="¥" style={{ width: '100%' }} />
            </Form.Item>
          </>
        );
      case 'exit':
        return (
          <>
            {versionNote}
            <Form.Item name="documents" label={t('repairOrders.cmd.exitDocuments')} rules={[{ required: true, type: 'array', len: EXIT_DOCUMENTS.length, message: t('repairOrders.cmd.exitDocumentsAll') }]}>
              <Checkbox.Group options={EXIT_DOCUMENTS.map((d) => ({ value: d, label: t(`repairOrders.exitDocument.${d}`) }))} />
            </Form.Item>
            {input('signer', t('repairOrders.cmd.customerSigns'))}
          </>
        );
      case 'book_follow_up':
        return (
          <Form.Item name="at" label={t('repairOrders.cmd.bookAt')} rules={[required]}>
            <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        );
      case 'record_follow_up':
        return (
          <>
            <Form.Item name="solved" label={t('repairOrders.cmd.runsWell')} rules={[required]}>
              <Radio.Group optionType="button" options={[{ value: true, label: t('repairOrders.answer.yes') }, { value: false, label: t('repairOrders.answer.no') }]} />
            </Form.Item>
            <Form.Item name="attitude" label={t('repairOrders.cmd.attitude')} rules={[required]}>
              <Radio.Group options={FOLLOW_UP_ATTITUDES.map((k) => ({ value: k, label: t(`repairOrders.attitude.${k}`) }))} />
            </Form.Item>
            <Form.Item name="charged" label={t('repairOrders.cmd.charged')} rules={[required]}>
              <Radio.Group optionType="button" options={[{ value: true, label: t('repairOrders.answer.yes') }, { value: false, label: t('repairOrders.answer.no') }]} />
            </Form.Item>
            <Form.Item name="score" label={t('repairOrders.cmd.score')} rules={[required]}>
              <InputNumber min={1} max={10} style={{ width: '100%' }} />
            </Form.Item>
            {area('suggestions', t('repairOrders.cmd.suggestions'), 2000, [])}
            {check('careAdviceGiven', t('repairOrders.cmd.careAdviceGiven'))}
            {check('nextServiceDateTold', t('repairOrders.cmd.nextServiceDateTold'))}
          </>
        );
      case 'hand_over':
        return (
          <>
            <Form.Item name="toUserId" label={t('repairOrders.cmd.handOverTo')} rules={[required]}>
              <Select showSearch optionFilterProp="label" options={people} />
            </Form.Item>
            {area('reason', t('repairOrders.cmd.reason'), 500)}
          </>
        );
      default:
        return null;
    }
  };

  const initialValues: Values =
    command === 'estimate'
      ? {
          method: estimateOf(order)?.method ?? 'system',
          lines: estimateOf(order)?.lines.map((l) => ({
            description: l.description,
            system: l.system,
            hours: l.labourHundredths / 100,
            team: l.team,
            supplier: l.part?.supplier ?? 'none',
            origin: l.part?.origin ?? 'oem',
            partName: l.part?.name,
            partYuan: l.part ? l.part.priceFen / 100 : undefined,
          })) ?? [{ ...NEW_LINE }],
          wishes: order.wishes ?? undefined,
        }
      : command === 'report_additional_work'
        ? { lines: [{ ...NEW_LINE }], delayMinutes: 30 }
        : command === 'dispatch'
          ? { targetKind: new Set((estimateOf(order)?.lines ?? []).map((l) => l.team)).size > 1 ? 'workshop_lead' : 'team', team: estimateOf(order)?.lines[0]?.team }
          : command === 'record_additional_consent'
            ? { channel: 'phone', lineIds: pendingAdditional(order).map((a) => a.line.id) }
            : command === 'quality_check'
              ? { passed: true }
              : command === 'decline'
                ? { kind: 'declined' }
                : command === 'check_in'
                  ? { fuelPercent: 50, received: ['行驶证'] }
                  : command === 'sign' || command === 'exit' || command === 'consent_diagnosis'
                    ? { signer: order.customerName }
                    : {};

  const title = command ? t(`repairOrders.action.${command}`) : '';
  return (
    <Modal
      open={command !== null}
      title={title}
      okText={title || t('common.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: formId, loading: mutation.isPending, danger: command === 'decline' }}
      onCancel={close}
      width={command === 'estimate' || command === 'report_additional_work' || command === 'check_in' ? 760 : 560}
      destroyOnHidden
    >
      {problem && <Alert type="error" showIcon title={repairProblemText(problem, t)} style={{ marginBottom: 16 }} data-testid="command-problem" data-code={problem.code} />}
      <Form<Values> id={formId} form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={initialValues} preserve={false}>
        {fields()}
      </Form>
    </Modal>
  );
}
