import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RepairOrderDetailDto, WarrantyClaimDto } from '../../../api/generated';
import type { Problem } from '../../../api/problem';
import { showFieldErrors } from '../../../shared/forms';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { workLines } from '../model';
import { useClaimWarranty, useDecideWarrantyClaim, useWarrantyClaims } from '../queries';
import { repairMoreAccess } from '../settings/access';
import { moreProblemText } from '../settings/problems';

export const CLAIM_STATUS_COLOR: Record<WarrantyClaimDto['status'], string> = { open: 'blue', accepted: 'green', rejected: 'red' };

/**
 * RO-10 warranty claims (索赔) of one order: each claim with the API's assessment against the
 * guarantee (RO-3: lines without one excluded), "claim warranty" on an exited order and the advisor's
 * decision with its resolution, for the roles the API admits (REPAIR_ADVISORS).
 */
export function WarrantyClaimsCard({ order, compact = false }: { order: RepairOrderDetailDto; compact?: boolean }) {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const access = repairMoreAccess(site);
  const claims = useWarrantyClaims(order.id);
  const [claiming, setClaiming] = useState(false);
  const [deciding, setDeciding] = useState<WarrantyClaimDto | null>(null);
  const [status, setStatus] = useState<WarrantyClaimDto['status'] | undefined>();
  const lineName = new Map(workLines(order).map((w) => [w.line.id, w.line.description]));
  const lines = (ids: string[]) => ids.map((id) => lineName.get(id) ?? id).join('、');
  const items = (claims.data ?? []).filter((c) => !status || c.status === status);
  const canClaim = access.claimsWarranty && order.state === 'exited';

  const body = (
    <>
      {claims.isError && <Alert type="error" showIcon title={moreProblemText(claims.error as Problem, t)} style={{ marginBottom: 8 }} />}
      {(claims.data?.length ?? 0) > 0 && (
        <Radio.Group
          size="small"
          optionType="button"
          value={status ?? 'all'}
          onChange={(e) => setStatus(e.target.value === 'all' ? undefined : (e.target.value as WarrantyClaimDto['status']))}
          options={[{ value: 'all', label: t('repairOrders.more.claims.all') }, ...(['open', 'accepted', 'rejected'] as const).map((s) => ({ value: s, label: t(`repairOrders.more.claims.status.${s}`) }))]}
          style={{ marginBottom: 8 }}
        />
      )}
      {items.length ? (
        <Table
          size="small"
          rowKey="id"
          pagination={items.length > 10 ? { pageSize: 10 } : false}
          dataSource={items}
          columns={[
            { title: t('repairOrders.more.claims.claimedAt'), render: (_: unknown, c: WarrantyClaimDto) => siteTime(c.claimedAt) },
            { title: t('repairOrders.more.claims.description'), dataIndex: 'description' },
            { title: t('repairOrders.more.claims.lines'), render: (_: unknown, c: WarrantyClaimDto) => lines(c.lineIds) },
            { title: t('repairOrders.more.claims.odometer'), render: (_: unknown, c: WarrantyClaimDto) => `${c.odometerKm} km` },
            {
              title: t('repairOrders.more.claims.assessment'),
              render: (_: unknown, c: WarrantyClaimDto) => (
                <Space direction="vertical" size={0}>
                  <Tag color={c.assessment.inPeriod ? 'green' : 'orange'}>{c.assessment.inPeriod ? t('repairOrders.more.claims.inPeriod') : t('repairOrders.more.claims.outOfPeriod')}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('repairOrders.more.claims.expires', { date: c.assessment.expiresOn, km: c.assessment.expiresAtKm ?? '—' })}
                  </Typography.Text>
                  {c.assessment.coveredLineIds.length > 0 && <Typography.Text style={{ fontSize: 12 }}>{t('repairOrders.more.claims.covered', { lines: lines(c.assessment.coveredLineIds) })}</Typography.Text>}
                  {c.assessment.excludedLineIds.length > 0 && <Typography.Text type="warning" style={{ fontSize: 12 }}>{t('repairOrders.more.claims.excluded', { lines: lines(c.assessment.excludedLineIds) })}</Typography.Text>}
                </Space>
              ),
            },
            {
              title: t('repairOrders.more.claims.statusTitle'),
              render: (_: unknown, c: WarrantyClaimDto) => (
                <div data-testid="warranty-claim" data-status={c.status}>
                  <Tag color={CLAIM_STATUS_COLOR[c.status]}>{t(`repairOrders.more.claims.status.${c.status}`)}</Tag>
                  {c.resolution && <div>{c.resolution}</div>}
                  {c.status === 'open' && access.decidesClaims && (
                    <Button size="small" type="primary" onClick={() => setDeciding(c)}>
                      {t('repairOrders.more.claims.decide')}
                    </Button>
                  )}
                </div>
              ),
            },
          ]}
        />
      ) : (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={claims.isPending ? '…' : status ? t('repairOrders.more.claims.noneFiltered') : order.state === 'exited' ? t('repairOrders.more.claims.none') : t('repairOrders.more.claims.notExited')}
        />
      )}
      <ClaimModal order={order} open={claiming} onClose={() => setClaiming(false)} />
      <DecideModal order={order} claim={deciding} onClose={() => setDeciding(null)} />
    </>
  );
  const extra = canClaim && (
    <Button size="small" onClick={() => setClaiming(true)}>
      {t('repairOrders.more.claims.claim')}
    </Button>
  );
  if (compact)
    return (
      <div data-testid="warranty-claims">
        {extra && <div style={{ marginBottom: 8 }}>{extra}</div>}
        {body}
      </div>
    );
  return (
    <Card size="small" title={t('repairOrders.more.claims.title')} extra={extra} style={{ marginBottom: 16 }} data-testid="warranty-claims">
      {body}
    </Card>
  );
}

function ClaimModal({ order, open, onClose }: { order: RepairOrderDetailDto; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formId = useId();
  const [form] = Form.useForm();
  const claim = useClaimWarranty();
  const [problem, setProblem] = useState<Problem | null>(null);
  const options = workLines(order)
    .filter((w) => w.additional === null || w.additional === 'yes')
    .map((w) => ({ value: w.line.id, label: `${w.line.id} · ${w.line.description}` }));
  const submit = async (v: { lineIds: string[]; description: string; odometerKm: number }) => {
    setProblem(null);
    try {
      await claim.mutateAsync({ path: { id: order.id }, body: { lineIds: v.lineIds, description: v.description.trim(), odometerKm: v.odometerKm } });
      void message.success(t('repairOrders.more.claims.claimed'));
      onClose();
    } catch (e) {
      setProblem(e as Problem);
      showFieldErrors(form, e as Problem);
    }
  };
  const required = { required: true, message: t('repairOrders.cmd.required') };
  return (
    <Modal
      open={open}
      title={t('repairOrders.more.claims.claim')}
      okText={t('repairOrders.more.claims.claim')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: formId, loading: claim.isPending }}
      onCancel={onClose}
      destroyOnHidden
    >
      {problem && <Alert type="error" showIcon title={moreProblemText(problem, t)} style={{ marginBottom: 12 }} data-testid="command-problem" />}
      <Form id={formId} form={form} layout="vertical" preserve={false} onFinish={(v) => void submit(v as never)}>
        <Form.Item name="lineIds" label={t('repairOrders.more.claims.lines')} rules={[{ ...required, type: 'array', min: 1 }]}>
          <Select mode="multiple" options={options} optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="description" label={t('repairOrders.more.claims.description')} rules={[{ ...required, whitespace: true }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Form.Item name="odometerKm" label={t('repairOrders.more.claims.odometer')} rules={[required]} extra={t('repairOrders.more.claims.odometerHint')}>
          <InputNumber min={0} precision={0} addonAfter="km" style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DecideModal({ order, claim, onClose }: { order: RepairOrderDetailDto; claim: WarrantyClaimDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const formId = useId();
  const [form] = Form.useForm();
  const decide = useDecideWarrantyClaim();
  const [problem, setProblem] = useState<Problem | null>(null);
  const submit = async (v: { decision: 'accepted' | 'rejected'; resolution: string }) => {
    if (!claim) return;
    setProblem(null);
    try {
      await decide.mutateAsync({ path: { id: order.id, claimId: claim.id }, body: { decision: v.decision, resolution: v.resolution.trim() } });
      onClose();
    } catch (e) {
      setProblem(e as Problem);
      showFieldErrors(form, e as Problem);
    }
  };
  const required = { required: true, message: t('repairOrders.cmd.required') };
  return (
    <Modal
      open={claim !== null}
      title={t('repairOrders.more.claims.decide')}
      okText={t('repairOrders.more.claims.decide')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: formId, loading: decide.isPending }}
      onCancel={onClose}
      destroyOnHidden
    >
      {problem && <Alert type="error" showIcon title={moreProblemText(problem, t)} style={{ marginBottom: 12 }} data-testid="command-problem" />}
      {claim && (
        <Typography.Paragraph>
          {claim.description} · {claim.assessment.inPeriod ? t('repairOrders.more.claims.inPeriod') : t('repairOrders.more.claims.outOfPeriod')}
        </Typography.Paragraph>
      )}
      <Form id={formId} form={form} layout="vertical" preserve={false} onFinish={(v) => void submit(v as never)}>
        <Form.Item name="decision" label={t('repairOrders.more.claims.decision')} rules={[required]}>
          <Radio.Group optionType="button" options={(['accepted', 'rejected'] as const).map((d) => ({ value: d, label: t(`repairOrders.more.claims.status.${d}`) }))} />
        </Form.Item>
        <Form.Item name="resolution" label={t('repairOrders.more.claims.resolution')} rules={[{ ...required, whitespace: true }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
