import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, List, Result, Row, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { RepairOrderDetailDto, RepairTimelineEventDto } from '../../../api/generated';
import { LoadError } from '../../../shared/ui/LoadError';
import { siteToday } from '../../attendance/dates';
import { useStaffNames } from '../../attendance/queries';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { allowedActions, PRIMARY } from '../actions';
import { StateTag } from '../labels';
import { additionalOf, checkInOf, discountOf, dispatchOf, estimateOf, settlementOf, totalsOf, yuan } from '../model';
import { useRepairOrder, useRepairPolicy, type RepairCommandType } from '../queries';
import { CommandModal } from './CommandModal';
import { WorkLines } from './WorkLines';
import { WarrantyClaimsCard } from '../warranty/WarrantyClaimsCard';

const REFRESH_MS = 30_000;
const str = (v: unknown) => (typeof v === 'string' ? v : v == null ? '' : JSON.stringify(v));

/**
 * One repair order through its steps (RO-2..RO-10): customer and vehicle, the estimate with its
 * disclaimer, the signatures bound to versions, check-in, dispatch, the lines in the workshop with
 * additional work and the customer's answers, progress and quality checks, discount and settlement,
 * exit, the follow-up call, the timeline; only the next actions this caller may take; print views.
 */
export function RepairOrderDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const policy = useRepairPolicy(site.siteId);
  const staff = useStaffNames(site.siteId, siteToday(site.timeZone));
  const [command, setCommand] = useState<RepairCommandType | null>(null);
  const order = useRepairOrder(id, REFRESH_MS);

  if (order.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (order.isError) {
    if (order.error.status === 404) return <Result status="404" title={t('repairOrders.detail.notFound')} extra={<BackLink />} />;
    return <LoadError problem={order.error} onRetry={() => void order.refetch()} />;
  }
  const o = order.data;
  const name = (userId: string | null | undefined) => (userId ? (staff.names.get(userId) ?? userId.slice(0, 8)) : t('common.none'));
  // Lines are started and finished on the lines table below.
  const actions = allowedActions(o, site.roles).filter((a) => a !== 'start_work' && a !== 'finish_work');
  const estimate = estimateOf(o);
  const totals = totalsOf(o);
  const checkIn = checkInOf(o);
  const dispatch = dispatchOf(o);
  const discount = discountOf(o);
  const settlement = settlementOf(o);
  const printable = { order: !!estimate, belongings: !!checkIn, exit: !!o.exitNotice || !!o.exit };

  return (
    <>
      <Flex justify="space-between" align="flex-start" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space direction="vertical" size={4}>
          <BackLink />
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="order-title">
              {o.plate} · {o.customerName}
            </Typography.Title>
            <StateTag state={o.state} />
            <Tag>{t('repairOrders.detail.version', { version: o.version })}</Tag>
            {estimate && (o.signedCurrent ? <Tag color="green">{t('repairOrders.detail.signedCurrent')}</Tag> : <Tag color="orange">{t('repairOrders.detail.notSignedCurrent')}</Tag>)}
            {o.keyTag && <Tag color="purple">{t('repairOrders.detail.keyTag', { tag: o.keyTag })}</Tag>}
          </Space>
          <Typography.Text type="secondary">
            {o.model} · {t(`repairOrders.category.${o.category}` as 'repairOrders.category.maintenance', { defaultValue: o.category })} · {t('repairOrders.detail.advisor', { name: o.advisorName })}
            {o.promisedAt ? ` · ${t('repairOrders.detail.promised', { at: siteTime(o.promisedAt) })}` : ''}
          </Typography.Text>
        </Space>
        <Space wrap>
          {(['order', 'belongings', 'exit'] as const).map((doc) =>
            printable[doc] ? (
              <Link key={doc} to={`/repair-orders/${o.id}/print/${doc}`}>
                <Button icon={<PrinterOutlined />}>{t(`repairOrders.print.${doc}`)}</Button>
              </Link>
            ) : null,
          )}
        </Space>
      </Flex>

      <Card size="small" title={t('repairOrders.detail.nextActions')} style={{ marginBottom: 16 }} data-testid="next-actions">
        {actions.length ? (
          <Space wrap>
            {actions.map((a) => (
              <Button key={a} type={PRIMARY.has(a) ? 'primary' : 'default'} danger={a === 'decline'} onClick={() => setCommand(a)}>
                {t(`repairOrders.action.${a}`)}
              </Button>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{['exited', 'declined'].includes(o.state) ? t('repairOrders.detail.finished') : t('repairOrders.detail.noActions')}</Typography.Text>
        )}
      </Card>

      {o.progressCheck && ['due', 'overdue'].includes(o.progressCheck.status) && (
        <Alert
          type={o.progressCheck.status === 'overdue' ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="progress-check-alert"
          title={t(`repairOrders.progress.${o.progressCheck.status as 'due'}`, { from: siteTime(o.progressCheck.from), to: siteTime(o.progressCheck.to) })}
        />
      )}

      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card size="small" title={t('repairOrders.detail.estimate')} style={{ marginBottom: 16 }}>
            {estimate ? (
              <>
                <Descriptions size="small" column={3} style={{ marginBottom: 8 }}>
                  <Descriptions.Item label={t('repairOrders.cmd.method')}>{t(`repairOrders.method.${estimate.method as 'system'}`)}</Descriptions.Item>
                  <Descriptions.Item label={t('repairOrders.detail.labour')}>{yuan(totals?.labourFen)}</Descriptions.Item>
                  <Descriptions.Item label={t('repairOrders.detail.parts')}>{yuan(totals?.partsFen)}</Descriptions.Item>
                  {(totals?.riskMarginFen ?? 0) > 0 && <Descriptions.Item label={t('repairOrders.detail.riskMargin', { percent: totals?.riskMarginPercent })}>{yuan(totals?.riskMarginFen)}</Descriptions.Item>}
                  <Descriptions.Item label={t('repairOrders.detail.total')}>
                    <Typography.Text strong data-testid="order-total">
                      {yuan(totals?.totalFen)}
                    </Typography.Text>
                  </Descriptions.Item>
                </Descriptions>
                {(totals?.disclaimer ?? estimate.disclaimer) && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('repairOrders.detail.disclaimer')} description={totals?.disclaimer ?? estimate.disclaimer} data-testid="disclaimer" />}
                <WorkLines order={o} roles={site.roles} />
              </>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('repairOrders.detail.noEstimate')} />
            )}
          </Card>

          {additionalOf(o).length > 0 && (
            <Card size="small" title={t('repairOrders.detail.additional')} style={{ marginBottom: 16 }}>
              <List
                size="small"
                dataSource={additionalOf(o)}
                renderItem={(a) => (
                  <List.Item data-testid="additional-item" data-decision={a.consent?.decision ?? 'pending'}>
                    <Space direction="vertical" size={0}>
                      <span>
                        {a.line.id} · {a.line.description} · {yuan(a.line.totalFen)} · +{a.delayMinutes} {t('repairOrders.cmd.minutes')}
                      </span>
                      <Typography.Text type="secondary">
                        {t('repairOrders.detail.reportedBy', { name: name(a.reportedBy), at: siteTime(a.reportedAt) })}
                        {a.consent
                          ? ` · ${t('repairOrders.detail.answered', { answer: t(`repairOrders.answer.${a.consent.decision}`), channel: t(`repairOrders.channel.${a.consent.channel as 'phone'}`), at: siteTime(a.consent.at), told: a.consent.workshopToldName })}`
                          : ` · ${t('repairOrders.additional.pending')}`}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          )}

          <Card size="small" title={t('repairOrders.detail.checkInDispatch')} style={{ marginBottom: 16 }}>
            {checkIn ? (
              <Descriptions size="small" column={2}>
                <Descriptions.Item label={t('repairOrders.detail.checkedInAt')}>{siteTime(checkIn.at)}</Descriptions.Item>
                <Descriptions.Item label={t('repairOrders.cmd.keyTag')}>{checkIn.keyTag}</Descriptions.Item>
                <Descriptions.Item label={t('repairOrders.cmd.documentsReceived')}>{checkIn.documents.received.join('、')}</Descriptions.Item>
                <Descriptions.Item label={t('repairOrders.cmd.differences')}>{checkIn.documents.differences ?? t('common.none')}</Descriptions.Item>
                <Descriptions.Item label={t('repairOrders.cmd.fuelPercent')}>{checkIn.fuelPercent}%</Descriptions.Item>
                <Descriptions.Item label={t('repairOrders.cmd.odometerKm')}>{checkIn.odometerKm} km</Descriptions.Item>
                {checkIn.inspection && (
                  <Descriptions.Item label={t('repairOrders.detail.inspection')} span={2}>
                    {[checkIn.inspection.exterior, checkIn.inspection.interior, checkIn.inspection.instruments].join(' / ')}
                    {checkIn.inspection.anomalies.length ? ` · ${checkIn.inspection.anomalies.join('、')}` : ''}
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t('repairOrders.cmd.belongings')} span={2}>
                  {checkIn.belongings.length ? checkIn.belongings.join('、') : t('repairOrders.print.noBelongings')}
                </Descriptions.Item>
              </Descriptions>
            ) : (
              <Typography.Text type="secondary">{t('repairOrders.detail.notCheckedIn')}</Typography.Text>
            )}
            {dispatch && (
              <Descriptions size="small" column={2} style={{ marginTop: 8 }} data-testid="dispatch-record">
                <Descriptions.Item label={t('repairOrders.cmd.dispatchTo')}>
                  {dispatch.target.kind === 'team' ? t(`repairOrders.team.${dispatch.target.team}` as 'repairOrders.team.mechanical', { defaultValue: dispatch.target.team }) : t('repairOrders.target.workshop_lead')}
                </Descriptions.Item>
                <Descriptions.Item label={t('repairOrders.cmd.receiverSigns')}>{dispatch.receiverName}</Descriptions.Item>
                <Descriptions.Item label={t('repairOrders.detail.signedTime')}>{siteTime(dispatch.signedTime)}</Descriptions.Item>
                <Descriptions.Item label={t('repairOrders.detail.exactTime')}>{siteTime(dispatch.at)}</Descriptions.Item>
              </Descriptions>
            )}
          </Card>

          <Card size="small" title={t('repairOrders.detail.checks')} style={{ marginBottom: 16 }}>
            {o.progressCheck && (
              <Typography.Paragraph>
                {t('repairOrders.detail.progressWindow', { from: siteTime(o.progressCheck.from), to: siteTime(o.progressCheck.to) })} ·{' '}
                <Tag>{t(`repairOrders.progressStatus.${o.progressCheck.status as 'due'}`)}</Tag>
              </Typography.Paragraph>
            )}
            {[...(o.progressChecks as { at: string; anomalies: string | null; action: string | null }[])].map((c, i) => (
              <div key={`p${i}`}>
                {t('repairOrders.detail.progressDone', { at: siteTime(c.at) })}
                {c.anomalies ? ` · ${c.anomalies} → ${c.action ?? ''}` : ` · ${t('repairOrders.detail.noAnomaly')}`}
              </div>
            ))}
            {(o.qualityChecks as { at: string; by: string; passed: boolean; notes: string }[]).map((c, i) => (
              <div key={`q${i}`}>
                <Tag color={c.passed ? 'green' : 'red'}>{c.passed ? t('repairOrders.cmd.qualityPassed') : t('repairOrders.cmd.qualityFailed')}</Tag>
                {siteTime(c.at)} · {name(c.by)} · {c.notes}
              </div>
            ))}
            {!o.progressCheck && !o.progressChecks.length && !o.qualityChecks.length && <Typography.Text type="secondary">{t('repairOrders.detail.noChecks')}</Typography.Text>}
          </Card>

          <Card size="small" title={t('repairOrders.detail.money')} style={{ marginBottom: 16 }}>
            {discount && (
              <Typography.Paragraph data-testid="discount">
                {t('repairOrders.detail.discountLine', { amount: yuan(discount.amountFen), percent: discount.percent, role: t(`roles.${discount.approverRole}` as 'roles.admin', { defaultValue: discount.approverRole }), reason: discount.reason })}{' '}
                <Tag color={!discount.decision ? 'orange' : discount.decision.decision === 'approved' ? 'green' : 'red'}>
                  {discount.decision ? t(`repairOrders.discountDecision.${discount.decision.decision}`) : t('repairOrders.detail.discountPending')}
                </Tag>
              </Typography.Paragraph>
            )}
            {settlement ? (
              <Descriptions size="small" column={3} data-testid="settlement">
                <Descriptions.Item label={t('repairOrders.detail.total')}>{yuan(settlement.totalFen)}</Descriptions.Item>
                <Descriptions.Item label={t('repairOrders.detail.discount')}>{yuan(settlement.discountFen)}</Descriptions.Item>
                <Descriptions.Item label={t('repairOrders.detail.due')}>{yuan(settlement.dueFen)}</Descriptions.Item>
                <Descriptions.Item label={t('repairOrders.cmd.paid')}>{yuan(settlement.paidFen)}</Descriptions.Item>
                <Descriptions.Item label={t('repairOrders.detail.receivable')}>{yuan(settlement.receivableFen)}</Descriptions.Item>
                <Descriptions.Item label={t('repairOrders.detail.settledAt')}>{siteTime(settlement.at)}</Descriptions.Item>
              </Descriptions>
            ) : (
              !discount && <Typography.Text type="secondary">{t('repairOrders.detail.notSettled')}</Typography.Text>
            )}
            {o.decline && <Alert type="error" showIcon title={t('repairOrders.detail.declined', { reason: str((o.decline as Record<string, unknown>).reason), fee: yuan((o.decline as { feeFen?: number }).feeFen) })} />}
          </Card>
          {o.state === 'exited' && <WarrantyClaimsCard order={o} />}
        </Col>

        <Col xs={24} lg={9}>
          <Card size="small" title={t('repairOrders.detail.customer')} style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('repairOrders.field.name')}>{o.customerName}</Descriptions.Item>
              <Descriptions.Item label={t('repairOrders.field.phone')}>{o.customerPhone}</Descriptions.Item>
              <Descriptions.Item label={t('repairOrders.field.plate')}>
                <Link to={`/repair-orders/vehicles/${o.vehicleId}`} data-testid="vehicle-link">
                  {o.plate}
                </Link>
              </Descriptions.Item>
              <Descriptions.Item label={t('repairOrders.field.model')}>{o.model}</Descriptions.Item>
              <Descriptions.Item label={t('repairOrders.detail.openedAt')}>{siteTime(o.openedAt)}</Descriptions.Item>
              {o.wishes && <Descriptions.Item label={t('repairOrders.cmd.wishes')}>{o.wishes}</Descriptions.Item>}
            </Descriptions>
          </Card>

          <Card size="small" title={t('repairOrders.detail.signatures')} style={{ marginBottom: 16 }} data-testid="signatures">
            {o.signatures.length ? (
              <Table
                size="small"
                pagination={false}
                rowKey={(s) => `${s.purpose}-${s.at}`}
                dataSource={o.signatures}
                columns={[
                  { title: t('repairOrders.detail.purpose'), render: (_, s) => t(`repairOrders.signature.${s.purpose as 'order'}`) },
                  { title: t('repairOrders.detail.signer'), dataIndex: 'signer' },
                  { title: t('repairOrders.detail.versionShort'), render: (_, s) => <Tag color={s.version === o.version ? 'green' : 'default'}>v{s.version}</Tag> },
                  { title: t('repairOrders.detail.at'), render: (_, s) => siteTime(s.at) },
                ]}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('repairOrders.detail.noSignatures')} />
            )}
          </Card>

          <Card size="small" title={t('repairOrders.detail.timeline')} data-testid="timeline">
            {o.timeline.length ? <Timeline items={[...o.timeline].reverse().map((e, i) => ({ key: i, children: <TimelineItem e={e} at={siteTime(e.at)} /> }))} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          </Card>
        </Col>
      </Row>

      <CommandModal command={command} order={o} critical={policy.data?.policy.estimate.criticalSystems ?? []} staff={staff.people} onClose={() => setCommand(null)} />
    </>
  );
}

function TimelineItem({ e, at }: { e: RepairTimelineEventDto; at: string }) {
  const { t } = useTranslation();
  const what = e.type.replace(/^repair_order\./, '');
  return (
    <div data-testid="timeline-event" data-type={e.type}>
      <Typography.Text strong>{t(`repairOrders.event.${what}` as 'repairOrders.event.opened', { defaultValue: what.replace(/_/g, ' ') })}</Typography.Text>
      <Typography.Text type="secondary">
        {' '}
        · {at} · {e.actorName || t('repairOrders.detail.system')}
      </Typography.Text>
      {e.ruleIds.length > 0 && (
        <div>
          {e.ruleIds.map((r) => (
            <Tag key={r} style={{ fontSize: 11 }}>
              {r}
            </Tag>
          ))}
        </div>
      )}
    </div>
  );
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <Link to="/repair-orders">
      <ArrowLeftOutlined /> {t('repairOrders.detail.back')}
    </Link>
  );
}

export type { RepairOrderDetailDto };
