import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, InputNumber, Modal, Row } from 'antd';
import { validateAppointmentPolicy, type AppointmentPolicy, type Fen } from '@sitedesk/domain';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentPolicyBodyDto } from '../../../api/generated';
import type { Problem } from '../../../api/problem';
import { LoadError } from '../../../shared/ui/LoadError';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { appointmentsProblemText } from '../problems';
import { toFen, useAppointmentPolicy, yuanText } from '../queries';
import { usePublishAppointmentPolicy } from './queries';

/** The form's values: the policy with the high-value threshold in yuan (as typed). */
type Values = Omit<AppointmentPolicyBodyDto, 'highValuePartsFen'> & { highValueParts: number | string | null };

/** The whole-number fields, their ranges (the API's) and units. */
const NUMBERS = [
  { name: 'bays', min: 1, max: 200, unit: 'bayUnit' },
  { name: 'slotMinutes', min: 5, max: 480, unit: 'minuteUnit' },
  { name: 'minDepositPercent', min: 1, max: 100, unit: 'percentUnit' },
  { name: 'reminderHoursBefore', min: 1, max: 72, unit: 'hourUnit' },
  { name: 'moveInSlotCapacity', min: 1, max: 500, unit: 'ownerUnit' },
  { name: 'moveInLeaderCapacity', min: 1, max: 100, unit: 'ownerUnit' },
] as const;

/** The editor's strings by their key under `appointments.policyEditor` (keys built from field names). */
const editorText =
  (t: TFunction) =>
  (key: string, options: Record<string, unknown> = {}): string =>
    (t as unknown as (key: string, options: Record<string, unknown>) => string)(`appointments.policyEditor.${key}`, options);

/** A policy problem (the domain's or the API's, which are the same rules) in the reader's words. */
export function policyProblemText(field: string, message: string, t: TFunction): string {
  const range = /whole number from (\d+) to (\d+)/.exec(message);
  if (range) return t('appointments.policyEditor.errors.range', { min: range[1], max: range[2] });
  if (message.includes('HH:MM')) return t('appointments.policyEditor.errors.time');
  if (message.includes('after dayStart')) return t('appointments.policyEditor.errors.dayEnd');
  if (message.includes('whole slots')) return t('appointments.policyEditor.errors.wholeSlots');
  if (field === 'moveInLeaderCapacity') return t('appointments.policyEditor.errors.leaderCapacity');
  return message;
}

/**
 * The site's appointment policy (versioned): bays and slots of the service centre, the deposit rule and the
 * reminder (RES-9, RES-10), the move-in capacities (RES-7). Everyone on staff reads it; a manager publishes
 * a new version (slots already booked keep their bays).
 */
export function AppointmentPolicyPage() {
  const { t, i18n } = useTranslation();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const policy = useAppointmentPolicy(site.siteId);
  const [editing, setEditing] = useState(false);
  const manages = site.roles.includes('manager');
  const p = policy.data?.policy;
  const k = editorText(t);

  return (
    <Card
      title={policy.data ? k('title', { version: policy.data.version }) : k('titlePlain')}
      extra={
        manages &&
        p && (
          <Button type="primary" onClick={() => setEditing(true)} data-testid="appointment-policy-publish">
            {k('publish')}
          </Button>
        )
      }
    >
      {policy.isError ? (
        <LoadError problem={policy.error as Problem} onRetry={() => void policy.refetch()} />
      ) : policy.isPending ? (
        <Card loading variant="borderless" />
      ) : !p ? (
        <Empty description={k('empty')} />
      ) : (
        <>
          {!manages && <Alert type="info" showIcon title={k('readOnly')} style={{ marginBottom: 16 }} />}
          <Descriptions bordered size="small" column={1} data-testid="appointment-policy">
            <Descriptions.Item label={k('fields.bays')}>{k('bays', { count: p.bays })}</Descriptions.Item>
            <Descriptions.Item label={k('fields.hours')}>{k('hours', { start: p.dayStart, end: p.dayEnd, minutes: p.slotMinutes })}</Descriptions.Item>
            <Descriptions.Item label={k('fields.deposit')}>{k('deposit', { parts: yuanText(p.highValuePartsFen, i18n.language), percent: p.minDepositPercent })}</Descriptions.Item>
            <Descriptions.Item label={k('fields.reminderHoursBefore')}>{k('reminder', { count: p.reminderHoursBefore })}</Descriptions.Item>
            <Descriptions.Item label={k('fields.moveIn')}>{k('moveIn', { slot: p.moveInSlotCapacity, leader: p.moveInLeaderCapacity })}</Descriptions.Item>
            <Descriptions.Item label={k('since')}>{siteTime(policy.data?.createdAt)}</Descriptions.Item>
          </Descriptions>
        </>
      )}
      {editing && p && <PolicyModal current={p} onClose={() => setEditing(false)} />}
    </Card>
  );
}

function PolicyModal({ current, onClose }: { current: AppointmentPolicyBodyDto; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<Problem | null>(null);
  const publish = usePublishAppointmentPolicy();
  const k = editorText(t);
  const { highValuePartsFen, ...rest } = current;
  const initialValues: Values = { ...rest, highValueParts: highValuePartsFen / 100 };

  const showProblems = (problems: { field: string; message: string }[]) =>
    form.setFields(
      problems.map((x) => {
        const field = x.field.replace(/^policy\./, '');
        return { name: (field === 'highValuePartsFen' ? 'highValueParts' : field) as keyof Values, errors: [policyProblemText(field, x.message, t)] };
      }),
    );

  const onFinish = async ({ highValueParts, ...v }: Values) => {
    setProblem(null);
    const parts = toFen(highValueParts);
    if (parts === null || parts < 1) {
      form.setFields([{ name: 'highValueParts', errors: [k('errors.amount')] }]);
      return;
    }
    const policy: AppointmentPolicyBodyDto = { ...v, dayStart: v.dayStart.trim(), dayEnd: v.dayEnd.trim(), highValuePartsFen: parts };
    // The domain's own consistency rules first (the API applies the same ones): in words, on their fields.
    const problems = validateAppointmentPolicy({ ...policy, highValuePartsFen: parts as Fen } as AppointmentPolicy);
    if (problems.length) return showProblems(problems);
    try {
      const version = await publish.mutateAsync({ body: { siteId: site.siteId, policy } });
      message.success(k('published', { version: version.version }));
      onClose();
    } catch (e) {
      const p = e as Problem;
      if (p.errors?.length) showProblems(p.errors);
      else setProblem(p);
    }
  };

  return (
    <Modal open title={k('publishTitle')} okText={k('publish')} okButtonProps={{ loading: publish.isPending }} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden width={640}>
      {problem && <Alert data-problem={problem.code} type="error" showIcon title={appointmentsProblemText(problem, t)} style={{ marginBottom: 16 }} />}
      <Alert type="info" showIcon title={k('publishHint')} style={{ marginBottom: 16 }} />
      <Form<Values> form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => void onFinish(v)} requiredMark={false}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="dayStart" label={k('fields.dayStart')} rules={[{ required: true, message: k('errors.required') }]}>
              <Input placeholder="08:30" maxLength={5} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="dayEnd" label={k('fields.dayEnd')} rules={[{ required: true, message: k('errors.required') }]}>
              <Input placeholder="17:30" maxLength={5} />
            </Form.Item>
          </Col>
          {NUMBERS.map((n) => (
            <Col span={12} key={n.name}>
              <Form.Item name={n.name} label={k(`fields.${n.name}`)} extra={k(`hints.${n.name}`)} rules={[{ required: true, message: k('errors.required') }]}>
                <InputNumber precision={0} style={{ width: '100%' }} suffix={k(n.unit)} />
              </Form.Item>
            </Col>
          ))}
          <Col span={12}>
            <Form.Item name="highValueParts" label={k('fields.highValueParts')} extra={k('hints.highValueParts')} rules={[{ required: true, message: k('errors.required') }]}>
              <InputNumber precision={2} style={{ width: '100%' }} prefix="¥" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
