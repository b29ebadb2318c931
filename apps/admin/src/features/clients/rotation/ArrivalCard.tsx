import { UserAddOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { countsAsTurn, normalizePhone, type VisitKind } from '@sitedesk/domain';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { LinePlaceDto, RegisterVisitDto, VisitOutcomeDto } from '../../../api/generated';
import { showFieldErrors } from '../../../shared/forms';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { clientsAccess } from '../access';
import { ClientsProblem } from '../problems';
import { useConsultants, useLookup, useRegisterVisit } from '../queries';
import { RuleTags } from '../rules';
import { ReportStatusTag } from '../status';
import { EmployeeReferralModal } from './EmployeeReferralModal';

export const VISIT_KINDS: readonly VisitKind[] = ['walk_in', 'agency', 'return_owned', 'deal_in_progress', 'market_research', 'absent_owner'];
const GRADES = ['A', 'B', 'C', 'D'] as const;

interface ArrivalForm {
  kind: VisitKind;
  phone: string;
  name: string;
  grade?: (typeof GRADES)[number];
  consultantId?: string;
  visitCode?: string;
  mentionedAgency: boolean;
}

interface Outcome {
  answer: VisitOutcomeDto;
  asked: RegisterVisitDto;
  /** Who stood first when the arrival was registered (to say why someone else received). */
  front: string | null;
}

/** Why this consultant received the customer, in the words of CA-9/CA-10. */
function why(o: Outcome): 'named' | 'lastInLine' | 'busyFront' | 'nextInLine' | 'notATurn' {
  if (o.asked.consultantId) return 'named';
  const kind = o.asked.kind ?? 'walk_in';
  if (kind === 'market_research') return 'lastInLine';
  if (!countsAsTurn(kind)) return 'notATurn';
  return o.front && o.front !== o.answer.receivedBy && o.asked.busy?.includes(o.front) ? 'busyFront' : 'nextInLine';
}

/**
 * The receptionist registers an arrival (CA-6, CA-9, CA-10, CA-16): a walk-in goes to the line, a
 * returning customer to the consultant named, an agency's customer with its visit code. The answer says
 * who receives the customer and why.
 */
export function ArrivalCard({ line, busy, next, published, onRegistered }: { line: LinePlaceDto[]; busy: string[]; next: string | null; published: boolean; onRegistered: () => void }) {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const access = clientsAccess(site);
  const [form] = Form.useForm<ArrivalForm>();
  const kind = Form.useWatch('kind', form) ?? 'walk_in';
  const phone = Form.useWatch('phone', form);
  const normalized = phone ? normalizePhone(phone) : null;
  const lookup = useLookup(site.siteId, normalized);
  const consultants = useConsultants(site.siteId);
  const register = useRegisterVisit();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [referral, setReferral] = useState(false);
  const names = useMemo(() => new Map([...(consultants.data ?? []).map((c) => [c.userId, c.displayName] as const), ...line.map((p) => [p.consultantId, p.displayName] as const)]), [consultants.data, line]);
  const nameOf = (id: string | null | undefined) => (id ? (names.get(id) ?? id.slice(0, 8)) : t('common.none'));

  const submit = (v: ArrivalForm) => {
    const body: RegisterVisitDto = {
      siteId: site.siteId,
      phone: v.phone.trim(),
      name: v.name.trim(),
      kind: v.kind,
      mentionedAgency: v.mentionedAgency || v.kind === 'agency',
      ...(v.grade ? { grade: v.grade } : {}),
      ...(v.consultantId ? { consultantId: v.consultantId } : {}),
      ...(v.visitCode?.trim() ? { visitCode: v.visitCode.trim().toUpperCase() } : {}),
      ...(busy.length && !v.consultantId ? { busy } : {}),
    };
    const front = line[0]?.consultantId ?? null;
    setOutcome(null);
    register.mutate(
      { body },
      {
        onSuccess: (answer) => {
          setOutcome({ answer, asked: body, front });
          form.resetFields();
          onRegistered();
        },
        onError: (problem) => showFieldErrors(form, problem),
      },
    );
  };

  return (
    <Card
      title={
        <Space>
          <UserAddOutlined />
          {t('clients.arrival.title')}
        </Space>
      }
      extra={<Button onClick={() => setReferral(true)}>{t('clients.employeeReferral.action')}</Button>}
    >
      <EmployeeReferralModal open={referral} onClose={() => setReferral(false)} />
      {!published && <Alert type="warning" showIcon title={t('clients.arrival.noLine')} style={{ marginBottom: 16 }} />}
      <ClientsProblem problem={register.error} />
      <Form<ArrivalForm>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'walk_in', mentionedAgency: false }}
        onFinish={submit}
        onValuesChange={() => register.error && register.reset()}
        aria-label={t('clients.arrival.title')}
      >
        <Form.Item name="kind" label={t('clients.arrival.kind')}>
          <Radio.Group optionType="button" buttonStyle="solid" options={VISIT_KINDS.map((k) => ({ value: k, label: t(`clients.visitKinds.${k}`) }))} />
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ marginTop: -12 }}>
          {t(`clients.visitKindHints.${kind}`)}
        </Typography.Paragraph>
        <Space.Compact block>
          <Form.Item name="phone" label={t('clients.fields.phone')} rules={[{ required: true, message: t('clients.fields.phoneRequired') }]} style={{ flex: 1 }}>
            <Input inputMode="tel" maxLength={20} autoComplete="off" />
          </Form.Item>
          <Form.Item name="name" label={t('clients.fields.name')} rules={[{ required: true, whitespace: true, message: t('clients.fields.nameRequired') }]} style={{ flex: 1, marginInlineStart: 8 }}>
            <Input maxLength={50} autoComplete="off" />
          </Form.Item>
        </Space.Compact>
        {normalized && lookup.data && (
          <Alert
            type={lookup.data.status === 'owned' ? 'info' : 'success'}
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="arrival-lookup"
            title={
              !lookup.data.found
                ? t('clients.lookup.new')
                : lookup.data.status === 'owned'
                  ? t('clients.lookup.owned', { name: lookup.data.ownerName ?? '—', until: siteTime(lookup.data.protectedUntil) })
                  : t(`clients.lookup.${lookup.data.status === 'open_pool' ? 'openPool' : 'known'}`)
            }
          />
        )}
        <Space.Compact block>
          <Form.Item name="consultantId" label={t('clients.arrival.consultant')} tooltip={t('clients.arrival.consultantHint')} style={{ flex: 1 }}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={next ? t('clients.arrival.lineDecides', { name: nameOf(next) }) : t('clients.arrival.lineDecidesNobody')}
              options={(consultants.data ?? []).map((c) => ({ value: c.userId, label: c.displayName }))}
            />
          </Form.Item>
          <Form.Item name="grade" label={t('clients.fields.grade')} style={{ width: 160, marginInlineStart: 8 }}>
            <Select allowClear options={GRADES.map((g) => ({ value: g, label: t(`clients.grades.${g}`) }))} />
          </Form.Item>
        </Space.Compact>
        {kind === 'agency' && (
          <Form.Item
            name="visitCode"
            label={t('clients.arrival.visitCode')}
            tooltip={t('clients.arrival.visitCodeHint')}
            rules={[{ pattern: /^\s*[A-Za-z0-9]{8}\s*$/, message: t('clients.arrival.visitCodeFormat') }]}
          >
            <Input maxLength={10} style={{ fontFamily: 'monospace', textTransform: 'uppercase', letterSpacing: 2 }} autoComplete="off" />
          </Form.Item>
        )}
        {kind !== 'agency' && (
          <Form.Item name="mentionedAgency" valuePropName="checked">
            <Checkbox>{t('clients.arrival.mentionedAgency')}</Checkbox>
          </Form.Item>
        )}
        {busy.length > 0 && (
          <Typography.Paragraph type="secondary">{t('clients.arrival.busyNow', { names: busy.map(nameOf).join('、') })}</Typography.Paragraph>
        )}
        <Button type="primary" htmlType="submit" loading={register.isPending} block size="large">
          {t('clients.arrival.register')}
        </Button>
      </Form>

      {outcome && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 16 }}
          data-testid="arrival-outcome"
          closable={{ onClose: () => setOutcome(null) }}
          title={
            <Typography.Text strong style={{ fontSize: 16 }}>
              {t('clients.arrival.receivedBy', { name: nameOf(outcome.answer.receivedBy) })}
            </Typography.Text>
          }
          description={
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'why', label: t('clients.arrival.why'), children: t(`clients.arrival.whys.${why(outcome)}`, { front: nameOf(outcome.front) }) },
                ...(outcome.answer.report
                  ? [
                      {
                        key: 'report',
                        label: t('clients.arrival.report'),
                        children: (
                          <Space wrap size={4}>
                            <ReportStatusTag status={outcome.answer.report.status} />
                            {t(`clients.reportReasons.${outcome.answer.report.reason as 'in_time'}`, { defaultValue: outcome.answer.report.reason })}
                            <RuleTags ids={outcome.answer.report.ruleIds} />
                          </Space>
                        ),
                      },
                    ]
                  : []),
                {
                  key: 'owner',
                  label: t('clients.arrival.owner'),
                  children: (
                    <Space wrap size={4}>
                      {outcome.answer.ownerId ? nameOf(outcome.answer.ownerId) : t('clients.arrival.noOwner')}
                      <RuleTags ids={outcome.answer.ownerRuleIds} />
                    </Space>
                  ),
                },
                ...(access.readsCustomers
                  ? [{ key: 'link', label: t('clients.arrival.customer'), children: <Link to={`/client-attribution/customers/${outcome.answer.customerId}`}>{outcome.asked.name}</Link> }]
                  : []),
              ]}
            />
          }
        />
      )}
    </Card>
  );
}
