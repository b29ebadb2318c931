import { ESTIMATE_METHODS, type RepairOrderPolicy } from '@sitedesk/domain';
import { Alert, App, Col, Divider, Form, Input, InputNumber, Modal, Row, Select, Tabs, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../api/problem';
import { useCurrentSite } from '../../shell/current-site';
import { usePublishRepairPolicy } from '../queries';
import { messageInWords } from '../../complaints/policy/policy-form';
import { moreProblemText } from './problems';

/** A setting of the form: its place in the policy, and whether the policy keeps it in fen (the form shows yuan). */
interface Setting {
  path: [string, ...string[]];
  fen?: boolean;
  /** Empty means "not used" (`null` in the policy). */
  optional?: boolean;
  min?: number;
  max?: number;
}

/** The settings a manager changes most, by section; everything else is in the JSON tab. */
const SECTIONS: { key: string; settings: Setting[] }[] = [
  { key: 'service', settings: [{ path: ['serviceInterval', 'km'], optional: true, min: 1 }, { path: ['serviceInterval', 'months'], optional: true, min: 1, max: 60 }, { path: ['reminderDaysBefore'], min: 0, max: 90 }] },
  {
    key: 'estimate',
    settings: [
      { path: ['estimate', 'labourRateFen'], fen: true, min: 0 },
      { path: ['estimate', 'symptomRiskMarginPercent'], min: 0, max: 100 },
      { path: ['fees', 'diagnosisFen'], fen: true, min: 0 },
      { path: ['fees', 'estimateFen'], fen: true, min: 0 },
    ],
  },
  {
    key: 'work',
    settings: [
      { path: ['dispatchRoundingMinutes'], min: 1, max: 60 },
      { path: ['progressCheck', 'fromPercent'], min: 1, max: 99 },
      { path: ['progressCheck', 'toPercent'], min: 1, max: 99 },
    ],
  },
  {
    key: 'after',
    settings: [
      { path: ['followUp', 'earliestAfterHours'], min: 0 },
      { path: ['followUp', 'windowHours'], min: 1 },
      { path: ['warranty', 'days'], min: 1 },
      { path: ['warranty', 'km'], optional: true, min: 1 },
      { path: ['tickets', 'reminderAtPercent'], min: 1, max: 99 },
    ],
  },
];
const SETTINGS = SECTIONS.flatMap((s) => s.settings);

/** The repair-order policy's own messages (validateRepairOrderPolicy) in words; the ones it shares with the complaint policy through its table. */
const MESSAGES: [RegExp, string][] = [
  [/^divides an hour/, 'dividesHour'],
  [/^at least fromPercent$/, 'toBeforeFrom'],
];
function messageOf(message: string, t: TFunction): string {
  const own = MESSAGES.find(([re]) => re.test(message));
  return own ? t(`repairOrders.more.policy.msg.${own[1]}` as 'repairOrders.more.policy.msg.dividesHour') : messageInWords(message, t);
}
const keyOf = (path: readonly string[]) => path.join('.');

const read = (o: unknown, path: readonly string[]): unknown => path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);
function write(o: Record<string, unknown>, path: readonly string[], value: unknown) {
  let at = o;
  for (const k of path.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
  at[path[path.length - 1]] = value;
}

/** The form's values from a policy: yuan for the fen amounts. */
function formValues(policy: RepairOrderPolicy): Record<string, unknown> {
  const values: Record<string, unknown> = { estimate: { defaultMethod: policy.estimate.defaultMethod } };
  for (const s of SETTINGS) {
    const v = read(policy, s.path);
    write(values, s.path, typeof v === 'number' && s.fen ? v / 100 : v);
  }
  return values;
}

/** The policy with the form's values put in: fen from yuan, empty optional numbers as `null`. */
function withForm(policy: RepairOrderPolicy, values: Record<string, unknown>): RepairOrderPolicy {
  const next = JSON.parse(JSON.stringify(policy)) as RepairOrderPolicy & Record<string, unknown>;
  next.estimate.defaultMethod = read(values, ['estimate', 'defaultMethod']) as RepairOrderPolicy['estimate']['defaultMethod'];
  for (const s of SETTINGS) {
    const v = read(values, s.path);
    write(next, s.path, v === undefined || v === null || v === '' ? (s.optional ? null : v) : s.fen ? Math.round(Number(v) * 100) : v);
  }
  return next;
}

/**
 * A manager publishes a new version of the repair-order policy: the common settings as a form (money in
 * yuan, an empty optional number = not used), or the whole policy as JSON (discount levels, ticket
 * departments and categories, business hours, follow-up rest hours …). The tab shown when publishing is
 * what is sent; the API checks every field and names the wrong ones, shown on the field.
 */
export function PolicyPublishModal({ current, onClose }: { current: RepairOrderPolicy; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const formId = useId();
  const [form] = Form.useForm();
  const [jsonForm] = Form.useForm();
  const [tab, setTab] = useState<'form' | 'json'>('form');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const publish = usePublishRepairPolicy();
  const label = (path: readonly string[]) => t(`repairOrders.more.policy.fields.${keyOf(path)}` as 'repairOrders.more.policy.fields.reminderDaysBefore');

  const send = async (policy: Record<string, unknown>) => {
    setProblem(null);
    setOtherErrors([]);
    try {
      const published = await publish.mutateAsync({ body: { siteId: site.siteId, policy } });
      void message.success(t('repairOrders.more.policy.published', { version: published.version }));
      onClose();
    } catch (e) {
      const pr = e as Problem;
      setProblem(pr);
      // The API names each wrong field as `policy.<path>`: on the form's field when it has one, else listed.
      const errors = (pr.errors ?? []).map((x) => ({ path: x.field.replace(/^policy\./, ''), message: x.message }));
      if (tab === 'json') {
        if (errors.length) jsonForm.setFields([{ name: 'json', errors: errors.map((x) => `${x.path}: ${messageOf(x.message, t)}`) }]);
        return;
      }
      const onForm = new Set([...SETTINGS.map((s) => keyOf(s.path)), 'estimate.defaultMethod']);
      form.setFields(errors.filter((x) => onForm.has(x.path)).map((x) => ({ name: x.path.split('.'), errors: [messageOf(x.message, t)] })));
      setOtherErrors(errors.filter((x) => !onForm.has(x.path)).map((x) => `${x.path}: ${messageOf(x.message, t)}`));
    }
  };
  const submitJson = (v: { json: string }) => {
    let policy: Record<string, unknown>;
    try {
      policy = JSON.parse(v.json) as Record<string, unknown>;
    } catch {
      jsonForm.setFields([{ name: 'json', errors: [t('repairOrders.more.policy.notJson')] }]);
      return;
    }
    void send(policy);
  };
  const title = t('repairOrders.more.policy.publish');
  const number = (s: Setting) => (
    <Col xs={24} sm={12} key={keyOf(s.path)}>
      <Form.Item name={s.path} label={label(s.path)} rules={s.optional ? [] : [{ required: true, message: t('repairOrders.cmd.required') }]}>
        <InputNumber style={{ width: '100%' }} min={s.min} max={s.max} precision={s.fen ? 2 : 0} suffix={s.fen ? t('repairOrders.more.policy.yuan') : undefined} placeholder={s.optional ? t('repairOrders.more.policy.notUsed') : undefined} />
      </Form.Item>
    </Col>
  );
  return (
    <Modal
      open
      width={760}
      title={title}
      okText={title}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: `${formId}-${tab}`, loading: publish.isPending }}
      onCancel={onClose}
      destroyOnHidden
    >
      {problem && <Alert type="error" showIcon title={moreProblemText(problem, t)} description={otherErrors.length ? otherErrors.join('；') : undefined} style={{ marginBottom: 12 }} data-testid="command-problem" />}
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as 'form' | 'json')}
        items={[
          {
            key: 'form',
            label: t('repairOrders.more.policy.formTab'),
            children: (
              <Form id={`${formId}-form`} form={form} layout="vertical" initialValues={formValues(current)} onFinish={(v) => void send(withForm(current, v as Record<string, unknown>) as unknown as Record<string, unknown>)}>
                <Typography.Paragraph type="secondary">{t('repairOrders.more.policy.formHint')}</Typography.Paragraph>
                {SECTIONS.map((section) => (
                  <div key={section.key}>
                    <Divider titlePlacement="start" plain style={{ margin: '4px 0 8px' }}>
                      {t(`repairOrders.more.policy.sections.${section.key}` as 'repairOrders.more.policy.sections.service')}
                    </Divider>
                    <Row gutter={16}>
                      {section.key === 'estimate' && (
                        <Col xs={24} sm={12}>
                          <Form.Item name={['estimate', 'defaultMethod']} label={label(['estimate', 'defaultMethod'])} rules={[{ required: true, message: t('repairOrders.cmd.required') }]}>
                            <Select options={ESTIMATE_METHODS.map((m) => ({ value: m, label: t(`repairOrders.method.${m}`) }))} />
                          </Form.Item>
                        </Col>
                      )}
                      {section.settings.map(number)}
                    </Row>
                  </div>
                ))}
              </Form>
            ),
          },
          {
            key: 'json',
            label: t('repairOrders.more.policy.jsonTab'),
            children: (
              <Form id={`${formId}-json`} form={jsonForm} layout="vertical" initialValues={{ json: JSON.stringify(current, null, 2) }} onFinish={(v) => submitJson(v as { json: string })}>
                <Typography.Paragraph type="secondary">{t('repairOrders.more.policy.publishHint')}</Typography.Paragraph>
                <Form.Item name="json" label={t('repairOrders.more.policy.json')} rules={[{ required: true, whitespace: true, message: t('repairOrders.cmd.required') }]}>
                  <Input.TextArea rows={18} style={{ fontFamily: 'monospace', fontSize: 12 }} />
                </Form.Item>
              </Form>
            ),
          },
        ]}
      />
    </Modal>
  );
}
