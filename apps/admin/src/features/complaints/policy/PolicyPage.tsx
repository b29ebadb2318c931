import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { COMPLAINT_SEVERITIES, STAFF_ROLES, type ComplaintPolicy, type ComplaintSeverity, type Role, type SlaTarget } from '@sitedesk/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Input, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { publishComplaintPolicy, type ComplaintPolicyVersionDto } from '../../../api/generated';
import { getComplaintPolicyQueryKey } from '../../../api/generated/@tanstack/react-query.gen';
import type { Problem } from '../../../api/problem';
import { LoadError } from '../../../shared/ui/LoadError';
import { useCurrentSite } from '../../shell/current-site';
import { complaintProblemText } from '../problems';
import { useComplaintPolicy } from '../queries';
import { clonePolicy, fieldInWords, messageInWords, parseDates, parseWindows, WEEKDAY_KEYS, windowsText } from './policy-form';

/** The roles the API lets publish a complaint policy (complaints.controller.ts `PUT /complaints/policy`). */
const PUBLISHERS: readonly Role[] = ['manager', 'director', 'admin'];
const STAFF = STAFF_ROLES as readonly Role[];

/** One SLA target's two numbers; an empty resolution is "no target" (a grumble's usual case, CMP-2). */
function TargetInputs({ value, onChange, disabled, testId, label }: { value: SlaTarget; onChange: (v: SlaTarget) => void; disabled: boolean; testId: string; label: string }) {
  const { t } = useTranslation();
  return (
    <Space wrap>
      <InputNumber
        aria-label={`${label} · ${t('complaints.policy.firstResponse')}`}
        data-testid={`${testId}-first`}
        min={1}
        precision={0}
        disabled={disabled}
        value={value.firstResponseMinutes}
        addonAfter={t('complaints.policy.minutes')}
        onChange={(v) => onChange({ ...value, firstResponseMinutes: v ?? 0 })}
      />
      <InputNumber
        aria-label={`${label} · ${t('complaints.policy.resolution')}`}
        data-testid={`${testId}-resolution`}
        min={1}
        precision={0}
        disabled={disabled}
        value={value.resolutionMinutes}
        placeholder={t('complaints.policy.noTarget')}
        addonAfter={t('complaints.policy.minutes')}
        onChange={(v) => onChange({ ...value, resolutionMinutes: v ?? null })}
      />
    </Space>
  );
}

/** Windows typed as text, checked as typed (`HH:MM-HH:MM`, comma separated). */
function WindowsInput({ label, value, onChange, disabled, onInvalid }: { label: string; value: ComplaintPolicy['followUp']['restHours']; onChange: (v: ComplaintPolicy['followUp']['restHours']) => void; disabled: boolean; onInvalid: (bad: boolean) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(windowsText(value));
  const bad = parseWindows(text) === null;
  return (
    <div>
      <Input
        aria-label={label}
        value={text}
        disabled={disabled}
        status={bad ? 'error' : undefined}
        placeholder={t('complaints.policy.closed')}
        onChange={(e) => {
          setText(e.target.value);
          const parsed = parseWindows(e.target.value);
          onInvalid(parsed === null);
          if (parsed) onChange(parsed);
        }}
      />
      {bad && <Typography.Text type="danger">{t('complaints.policy.windowFormat')}</Typography.Text>}
    </div>
  );
}

function PolicyEditor({ current, editable }: { current: { version: number; policy: ComplaintPolicy }; editable: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const queryClient = useQueryClient();
  const [p, setP] = useState<ComplaintPolicy>(() => clonePolicy(current.policy));
  const [invalid, setInvalid] = useState<Record<string, boolean>>({});
  /** Bumped by "discard": the inputs that keep their own text start again from the policy. */
  const [generation, setGeneration] = useState(0);
  const publish = useMutation<ComplaintPolicyVersionDto, Problem, ComplaintPolicy>({
    mutationFn: async (policy) => (await publishComplaintPolicy({ body: { siteId: site.siteId, policy: policy as unknown as Record<string, unknown> } })).data,
    onSuccess: (v) => {
      void message.success(t('complaints.policy.published', { version: v.version }));
      void queryClient.invalidateQueries({ queryKey: getComplaintPolicyQueryKey({ query: { siteId: site.siteId } }) });
    },
  });
  const disabled = !editable;
  const set = (f: (d: ComplaintPolicy) => void) =>
    setP((prev) => {
      const next = clonePolicy(prev);
      f(next);
      return next;
    });
  const mark = (key: string) => (bad: boolean) => setInvalid((m) => ({ ...m, [key]: bad }));
  const hasInvalid = Object.values(invalid).some(Boolean);
  const roleOptions = STAFF.map((r) => ({ value: r, label: t(`roles.${r}` as 'roles.admin', { defaultValue: r }) }));
  const chainOptions = p.escalation.chain.map((r) => ({ value: r, label: t(`roles.${r}` as 'roles.admin', { defaultValue: r }) }));
  const categoryName = (code: string) => p.categories.find((c) => c.code === code)?.name ?? code;
  const errors = publish.error?.code === 'VALIDATION_FAILED' ? (publish.error.errors ?? []) : [];

  return (
    <>
      {!editable && <Alert type="info" showIcon message={t('complaints.policy.readOnly')} style={{ marginBottom: 12 }} />}
      <Row gutter={[16, 16]} key={generation}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('complaints.policy.slaTitle')} data-testid="policy-sla">
            <Typography.Paragraph type="secondary">{t('complaints.policy.slaHint')}</Typography.Paragraph>
            <Descriptions column={1} size="small" bordered>
              {COMPLAINT_SEVERITIES.map((s) => (
                <Descriptions.Item key={s} label={t(`complaints.severity.${s}`)}>
                  <TargetInputs testId={`sla-${s}`} label={t(`complaints.severity.${s}`)} disabled={disabled} value={p.sla.bySeverity[s]} onChange={(v) => set((d) => void (d.sla.bySeverity[s] = v))} />
                </Descriptions.Item>
              ))}
              <Descriptions.Item label={t('complaints.kind.grumble')}>
                <TargetInputs testId="sla-grumble" label={t('complaints.kind.grumble')} disabled={disabled} value={p.sla.grumble} onChange={(v) => set((d) => void (d.sla.grumble = v))} />
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={t('complaints.policy.overridesTitle')}
            extra={
              editable && (
                <Button size="small" icon={<PlusOutlined />} onClick={() => set((d) => void d.sla.overrides.push({ category: d.categories[0]?.code ?? '', severity: 'normal', ...d.sla.bySeverity.normal }))}>
                  {t('complaints.policy.addOverride')}
                </Button>
              )
            }
          >
            <Table
              size="small"
              rowKey={(_, i) => String(i)}
              pagination={false}
              dataSource={p.sla.overrides.map((o, i) => ({ ...o, i }))}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('complaints.policy.noOverrides')} /> }}
              columns={[
                {
                  title: t('complaints.policy.category'),
                  key: 'c',
                  render: (_, o) => (
                    <Select style={{ minWidth: 110 }} disabled={disabled} value={o.category} options={p.categories.map((c) => ({ value: c.code, label: c.name }))} onChange={(v) => set((d) => void (d.sla.overrides[o.i].category = v))} />
                  ),
                },
                {
                  title: t('complaints.policy.severity'),
                  key: 's',
                  render: (_, o) => (
                    <Select style={{ minWidth: 80 }} disabled={disabled} value={o.severity} options={COMPLAINT_SEVERITIES.map((s) => ({ value: s, label: t(`complaints.severity.${s}`) }))} onChange={(v: ComplaintSeverity) => set((d) => void (d.sla.overrides[o.i].severity = v))} />
                  ),
                },
                {
                  title: t('complaints.policy.targets'),
                  key: 't',
                  render: (_, o) => (
                    <TargetInputs testId={`override-${o.i}`} label={`${categoryName(o.category)} ${t(`complaints.severity.${o.severity}`)}`} disabled={disabled} value={o} onChange={(v) => set((d) => void Object.assign(d.sla.overrides[o.i], { firstResponseMinutes: v.firstResponseMinutes, resolutionMinutes: v.resolutionMinutes }))} />
                  ),
                },
                ...(editable
                  ? [{ title: '', key: 'x', render: (_: unknown, o: { i: number }) => <Button size="small" type="text" danger aria-label={t('complaints.policy.remove')} icon={<DeleteOutlined />} onClick={() => set((d) => void d.sla.overrides.splice(o.i, 1))} /> }]
                  : []),
              ]}
            />
            <Typography.Text type="secondary">{t('complaints.policy.overridesHint', { example: categoryName(p.categories[0]?.code ?? '') })}</Typography.Text>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('complaints.policy.hoursTitle')}>
            <Typography.Paragraph type="secondary">{t('complaints.policy.hoursHint')}</Typography.Paragraph>
            <Descriptions column={1} size="small" bordered>
              {p.businessHours.week.map((day, i) => (
                <Descriptions.Item key={i} label={t(`complaints.policy.weekday.${WEEKDAY_KEYS[i]}`)}>
                  <WindowsInput label={t(`complaints.policy.weekday.${WEEKDAY_KEYS[i]}`)} disabled={disabled} value={day} onInvalid={mark(`week${i}`)} onChange={(v) => set((d) => void (d.businessHours.week[i] = v))} />
                </Descriptions.Item>
              ))}
              <Descriptions.Item label={t('complaints.policy.path.holidays')}>
                <Input aria-label={t('complaints.policy.path.holidays')} disabled={disabled} defaultValue={p.businessHours.holidays.join(', ')} placeholder="2026-10-01, 2026-10-02" onChange={(e) => set((d) => void (d.businessHours.holidays = parseDates(e.target.value)))} />
              </Descriptions.Item>
              <Descriptions.Item label={t('complaints.policy.path.makeupWorkdays')}>
                <Input aria-label={t('complaints.policy.path.makeupWorkdays')} disabled={disabled} defaultValue={p.businessHours.makeupWorkdays.join(', ')} placeholder="2026-10-11" onChange={(e) => set((d) => void (d.businessHours.makeupWorkdays = parseDates(e.target.value)))} />
              </Descriptions.Item>
              <Descriptions.Item label={t('complaints.policy.path.timeZone')}>{p.businessHours.timeZone ?? t('complaints.policy.siteZone', { zone: site.timeZone })}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('complaints.policy.followUpTitle')} style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('complaints.policy.path.windowHours')}>
                <InputNumber aria-label={t('complaints.policy.path.windowHours')} min={1} precision={0} disabled={disabled} value={p.followUp.windowHours} addonAfter={t('complaints.policy.hours')} onChange={(v) => set((d) => void (d.followUp.windowHours = v ?? 0))} />
              </Descriptions.Item>
              <Descriptions.Item label={t('complaints.policy.path.earliestAfterHours')}>
                <InputNumber aria-label={t('complaints.policy.path.earliestAfterHours')} min={0} precision={0} disabled={disabled} value={p.followUp.earliestAfterHours} addonAfter={t('complaints.policy.hours')} onChange={(v) => set((d) => void (d.followUp.earliestAfterHours = v ?? 0))} />
              </Descriptions.Item>
              <Descriptions.Item label={t('complaints.policy.path.restHours')}>
                <WindowsInput label={t('complaints.policy.path.restHours')} disabled={disabled} value={p.followUp.restHours} onInvalid={mark('rest')} onChange={(v) => set((d) => void (d.followUp.restHours = v))} />
              </Descriptions.Item>
              <Descriptions.Item label={t('complaints.policy.path.lowScoreAtMost')}>
                <InputNumber aria-label={t('complaints.policy.path.lowScoreAtMost')} min={0} max={9} precision={0} disabled={disabled} value={p.followUp.lowScoreAtMost} onChange={(v) => set((d) => void (d.followUp.lowScoreAtMost = v ?? 0))} />
              </Descriptions.Item>
              <Descriptions.Item label={t('complaints.policy.path.callerRole')}>
                <Select style={{ minWidth: 140 }} disabled={disabled} value={p.followUp.callerRole} options={roleOptions} onChange={(v: Role) => set((d) => void (d.followUp.callerRole = v))} />
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={t('complaints.policy.escalationTitle')}>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('complaints.policy.path.chain')}>
                <Select mode="multiple" style={{ minWidth: 260 }} disabled={disabled} value={p.escalation.chain} options={roleOptions} onChange={(v: Role[]) => set((d) => void (d.escalation.chain = v))} />
              </Descriptions.Item>
              <Descriptions.Item label={t('complaints.policy.path.majorStartsAt')}>
                <Select style={{ minWidth: 140 }} disabled={disabled} value={p.escalation.majorStartsAt} options={chainOptions} onChange={(v: Role) => set((d) => void (d.escalation.majorStartsAt = v))} />
              </Descriptions.Item>
              <Descriptions.Item label={t('complaints.policy.path.importantCustomerStartsAt')}>
                <Select style={{ minWidth: 140 }} disabled={disabled} value={p.escalation.importantCustomerStartsAt} options={chainOptions} onChange={(v: Role) => set((d) => void (d.escalation.importantCustomerStartsAt = v))} />
              </Descriptions.Item>
              <Descriptions.Item label={t('complaints.policy.path.approverRole')}>
                <Select style={{ minWidth: 140 }} disabled={disabled} value={p.approverRole} options={roleOptions} onChange={(v: Role) => set((d) => void (d.approverRole = v))} />
              </Descriptions.Item>
              <Descriptions.Item label={t('complaints.policy.path.closerRole')}>
                <Select style={{ minWidth: 140 }} disabled={disabled} value={p.closerRole} options={roleOptions} onChange={(v: Role) => set((d) => void (d.closerRole = v))} />
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={t('complaints.policy.categoriesTitle')}>
            <Table
              size="small"
              rowKey="code"
              pagination={false}
              dataSource={p.categories}
              columns={[
                { title: t('complaints.policy.code'), dataIndex: 'code' },
                { title: t('complaints.policy.category'), dataIndex: 'name' },
                { title: t('complaints.policy.path.department'), dataIndex: 'department' },
                { title: t('complaints.policy.path.investigatorRole'), key: 'r', render: (_, c) => t(`roles.${c.investigatorRole}` as 'roles.admin', { defaultValue: c.investigatorRole }) },
              ]}
            />
          </Card>
        </Col>
      </Row>
      {editable && (
        <Card size="small" style={{ marginTop: 16 }}>
          {errors.length > 0 && (
            <Alert
              type="error"
              showIcon
              data-testid="policy-errors"
              message={t('complaints.policy.invalid')}
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {errors.map((e, i) => (
                    <li key={i}>
                      <strong>{fieldInWords(e.field, t)}</strong>：{messageInWords(e.message, t)}
                    </li>
                  ))}
                </ul>
              }
              style={{ marginBottom: 12 }}
            />
          )}
          {publish.error && publish.error.code !== 'VALIDATION_FAILED' && <Alert type="error" showIcon message={complaintProblemText(publish.error, t)} style={{ marginBottom: 12 }} />}
          {hasInvalid && <Alert type="warning" showIcon message={t('complaints.policy.fixWindows')} style={{ marginBottom: 12 }} />}
          <Space>
            <Button type="primary" disabled={hasInvalid} loading={publish.isPending} onClick={() => publish.mutate(p)}>
              {t('complaints.policy.publish', { version: current.version + 1 })}
            </Button>
            <Button disabled={publish.isPending} onClick={() => (setP(clonePolicy(current.policy)), setInvalid({}), setGeneration((g) => g + 1), publish.reset())}>
              {t('complaints.policy.reset')}
            </Button>
          </Space>
        </Card>
      )}
    </>
  );
}

/**
 * The complaint policy (SPEC section 4; every number is a site setting): the current version's SLA
 * targets by severity and category × severity, business hours, follow-up window and rest hours, the
 * low-score threshold, the escalation chain. A manager (and above) publishes a new version; complaints
 * already received keep theirs. Refusals are shown field by field, in words.
 */
export function PolicyPage() {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const policy = useComplaintPolicy(site.siteId);
  const editable = site.roles.some((r) => PUBLISHERS.includes(r as Role));
  if (policy.isError) return <LoadError problem={policy.error as unknown as Problem} onRetry={() => void policy.refetch()} />;
  if (!policy.data) return <Card loading />;
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Tag color="blue" data-testid="policy-version" data-version={policy.data.version}>
          {t('complaints.policy.version', { version: policy.data.version })}
        </Tag>
        <Typography.Text type="secondary">{t('complaints.policy.preset', { preset: policy.data.policy.preset })}</Typography.Text>
      </Space>
      <PolicyEditor key={policy.data.version} current={policy.data} editable={editable} />
    </>
  );
}
