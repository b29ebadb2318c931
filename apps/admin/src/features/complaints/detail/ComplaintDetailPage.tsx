import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, List, Result, Row, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { TimelineEventDto } from '../../../api/generated';
import { LoadError } from '../../../shared/ui/LoadError';
import { useMe } from '../../auth/me';
import { siteToday } from '../../attendance/dates';
import { useSiteEvents } from '../../attendance/live';
import { useStaffNames } from '../../attendance/queries';
import { useNow } from '../../attendance/use-now';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { allowedActions, PRIMARY } from '../actions';
import { FollowUpCallModal } from '../follow-ups/FollowUpCallModal';
import { SeverityTag, StateTag } from '../labels';
import { useComplaint, useComplaintPolicy, type ComplaintCommandType } from '../queries';
import { ClockLine } from '../sla';
import { CommandModal } from './CommandModal';

const REFRESH_MS = 30_000;
/** The texts of a timeline event worth showing beside its name. */
const TEXT_KEYS = ['message', 'reply', 'reason', 'comment', 'summary', 'resolution', 'implementation', 'findings', 'feedback', 'suggestions'];

const str = (v: unknown) => (typeof v === 'string' ? v : v == null ? '' : JSON.stringify(v));

/**
 * One complaint: its log entry, classification, investigation and proposals, approval, resolution, the
 * SLA clocks with countdowns and pauses (CMP-3, GEN-8), the escalation level and its steps (CMP-5),
 * follow-up calls (CMP-7), the timeline, and only the next actions this caller may take in its state
 * (CMP-9). Live: it refreshes on the site's complaint events.
 */
export function ComplaintDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const queryClient = useQueryClient();
  const now = useNow(15_000);
  const policy = useComplaintPolicy(site.siteId);
  const staff = useStaffNames(site.siteId, siteToday(site.timeZone));
  const [command, setCommand] = useState<ComplaintCommandType | null>(null);
  const [calling, setCalling] = useState(false);

  const batch = useRef<number | null>(null);
  const live = useSiteEvents(site.siteId, (e) => {
    if (!e.type.startsWith('complaint.') || (e.data.complaintId && e.data.complaintId !== id) || batch.current !== null) return;
    batch.current = window.setTimeout(() => {
      batch.current = null;
      void queryClient.invalidateQueries({ predicate: (q) => (q.queryKey[0] as { _id?: string } | undefined)?._id === 'getComplaint' });
    }, 400);
  });
  useEffect(() => () => void (batch.current !== null && window.clearTimeout(batch.current)), []);
  const complaint = useComplaint(id, live === 'live' ? false : REFRESH_MS);

  if (complaint.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (complaint.isError) {
    if (complaint.error.status === 404) return <Result status="404" title={t('complaints.detail.notFound')} extra={<BackLink />} />;
    return <LoadError problem={complaint.error} onRetry={() => void complaint.refetch()} />;
  }
  const c = complaint.data;
  const p = policy.data?.policy;
  const name = (userId: string | null | undefined) => (userId ? (staff.names.get(userId) ?? userId.slice(0, 8)) : t('common.none'));
  const categoryName = (code: string | undefined) => p?.categories.find((x) => x.code === code)?.name ?? code;
  const actions = allowedActions(c, { userId: me.id, roles: site.roles }, p);
  const run = (type: ComplaintCommandType) => (type === 'record_follow_up' ? setCalling(true) : setCommand(type));
  const openCall = c.followUps.find((f) => f.status !== 'done' && f.status !== 'dropped');
  const resolution = c.resolution as Record<string, unknown> | null | undefined;
  const approval = c.approval as Record<string, unknown> | null | undefined;

  return (
    <>
      <Flex justify="space-between" align="flex-start" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space direction="vertical" size={4}>
          <BackLink />
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="complaint-title">
              {c.complainantName}
            </Typography.Title>
            <span data-testid="complaint-state" data-state={c.state}>
              <StateTag state={c.state} />
            </span>
            <SeverityTag severity={c.severity} />
            {c.importantCustomer && <Tag color="gold">{t('complaints.field.importantShort')}</Tag>}
            {c.breached && <Tag color="red">{t('complaints.sla.breached')}</Tag>}
            {c.waiting && <Tag>{t('complaints.sla.paused')}</Tag>}
          </Space>
          <Typography.Text type="secondary">
            {t('complaints.detail.levelLine', { role: t(`roles.${c.levelRole}` as 'roles.admin', { defaultValue: c.levelRole }), level: c.level + 1 })} ·{' '}
            {c.ownerId ? t('complaints.detail.ownedBy', { name: c.ownerName || name(c.ownerId) }) : t('complaints.inbox.unowned')}
          </Typography.Text>
        </Space>
      </Flex>

      <Card size="small" title={t('complaints.detail.nextActions')} style={{ marginBottom: 16 }} data-testid="next-actions">
        {actions.length ? (
          <Space wrap>
            {actions.map((a) => (
              <Button key={a} type={PRIMARY.has(a) ? 'primary' : 'default'} danger={a === 'reopen'} onClick={() => run(a)}>
                {t(`complaints.action.${a}`)}
              </Button>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{['closed', 'rejected'].includes(c.state) ? t('complaints.detail.finished') : t('complaints.detail.noActions')}</Typography.Text>
        )}
      </Card>

      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('complaints.detail.entry')} style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={2}>
              <Descriptions.Item label={t('complaints.field.receivedAt')}>{siteTime(c.receivedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('complaints.field.channel')}>{t(`complaints.channel.${c.channel}`)}</Descriptions.Item>
              <Descriptions.Item label={t('complaints.field.contact')}>{c.contact}</Descriptions.Item>
              <Descriptions.Item label={t('complaints.field.subject')}>
                {t(`complaints.subject.${c.subjectType}`)}
                {c.subjectRef ? ` · ${c.subjectType === 'staff' ? name(c.subjectRef) : c.subjectRef}` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('complaints.detail.receivedBy')}>{name(c.receivedBy)}</Descriptions.Item>
              <Descriptions.Item label={t('complaints.detail.policyVersion')}>v{c.policyVersion}</Descriptions.Item>
              <Descriptions.Item label={t('complaints.field.content')} span={2}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{c.content}</Typography.Paragraph>
              </Descriptions.Item>
            </Descriptions>
          </Card>

          <Card size="small" title={t('complaints.detail.handling')} style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={2}>
              <Descriptions.Item label={t('complaints.field.category')}>
                {c.classification ? `${t(`complaints.kind.${c.classification.kind}`)} · ${t(`complaints.validity.${c.classification.validity}`)} · ${categoryName(c.classification.category)}` : t('complaints.inbox.untriaged')}
              </Descriptions.Item>
              <Descriptions.Item label={t('complaints.field.department')}>{c.classification?.department ?? t('common.none')}</Descriptions.Item>
              {c.rejectionReply && (
                <Descriptions.Item label={t('complaints.command.rejectionReply')} span={2}>
                  {c.rejectionReply}
                </Descriptions.Item>
              )}
              {c.investigation && (
                <>
                  <Descriptions.Item label={t('complaints.command.investigator')}>{name(c.investigation.investigatorId)}</Descriptions.Item>
                  <Descriptions.Item label={t('complaints.field.department')}>{c.investigation.department}</Descriptions.Item>
                  {c.investigation.findings && (
                    <Descriptions.Item label={t('complaints.command.findings')} span={2}>
                      {c.investigation.findings}
                    </Descriptions.Item>
                  )}
                  {c.investigation.cause && (
                    <Descriptions.Item label={t('complaints.command.cause')} span={2}>
                      {c.investigation.cause}
                    </Descriptions.Item>
                  )}
                  {c.investigation.responsibleStaff.length > 0 && (
                    <Descriptions.Item label={t('complaints.command.atFault')} span={2}>
                      {c.investigation.responsibleStaff.map((s) => `${name(s.userId)}${s.departmentHeadId ? ` (${t('complaints.command.departmentHead')}: ${name(s.departmentHeadId)})` : ''}`).join('；')}
                    </Descriptions.Item>
                  )}
                </>
              )}
            </Descriptions>
            {c.proposals.length > 0 && (
              <List
                size="small"
                header={<Typography.Text strong>{t('complaints.command.proposals')}</Typography.Text>}
                dataSource={c.proposals}
                renderItem={(x) => (
                  <List.Item>
                    <Space>
                      {approval?.proposalId === x.id && <Tag color="green">{t('complaints.detail.approvedProposal')}</Tag>}
                      {x.text}
                    </Space>
                  </List.Item>
                )}
              />
            )}
            {c.state === 'proposed' && (
              <Alert type="info" showIcon style={{ marginTop: 8 }} title={t('complaints.detail.awaitingApproval')} action={<Link to="/approvals">{t('nav.approvals')}</Link>} />
            )}
            {approval && (
              <Typography.Paragraph style={{ marginTop: 8 }}>
                {t('complaints.detail.approvedBy', { name: name(str(approval.approverId)), at: siteTime(str(approval.at) || null) })}
                {approval.comment ? ` — ${str(approval.comment)}` : ''}
              </Typography.Paragraph>
            )}
            {resolution && (
              <Descriptions size="small" column={2} title={t('complaints.detail.resolution')}>
                <Descriptions.Item label={t('complaints.command.implementation')} span={2}>
                  {str(resolution.implementation ?? resolution.resolution)}
                </Descriptions.Item>
                <Descriptions.Item label={t('complaints.command.signature')}>{str(resolution.signature)}</Descriptions.Item>
                <Descriptions.Item label={t('complaints.field.resolvedAt')}>{siteTime(c.resolvedAt)}</Descriptions.Item>
              </Descriptions>
            )}
          </Card>

          <Card size="small" title={t('complaints.detail.followUps')} style={{ marginBottom: 16 }}>
            {c.followUps.length ? (
              <List
                size="small"
                dataSource={c.followUps}
                renderItem={(f) => (
                  <List.Item data-testid="follow-up" data-status={f.status}>
                    <Space direction="vertical" size={0}>
                      <Space wrap>
                        <Tag color={f.status === 'overdue' ? 'red' : f.status === 'due' ? 'orange' : f.status === 'done' ? 'green' : 'blue'}>{t(`complaints.followUpStatus.${f.status}`)}</Tag>
                        <span>{t('complaints.detail.plannedAt', { at: siteTime(f.plannedAt), due: siteTime(f.dueBy) })}</span>
                        {f.bookedByCustomer && <Tag>{t('complaints.detail.booked')}</Tag>}
                        {f.outsideWindow && <Tag color="orange">{t('complaints.detail.outsideWindow')}</Tag>}
                        {f.reopened && <Tag color="magenta">{t('complaints.detail.callReopened')}</Tag>}
                      </Space>
                      {f.answers && (
                        <Typography.Text type="secondary">
                          {t('complaints.detail.answers', {
                            solved: f.answers.solved ? t('complaints.call.yes') : t('complaints.call.no'),
                            attitude: t(`complaints.attitude.${f.answers.attitude}`),
                            charged: f.answers.charged ? t('complaints.call.yes') : t('complaints.call.no'),
                            score: f.answers.score,
                          })}
                          {f.answers.suggestions ? ` — ${f.answers.suggestions}` : ''}
                        </Typography.Text>
                      )}
                    </Space>
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('complaints.detail.noFollowUps')} />
            )}
          </Card>
        </Col>

        <Col xs={24} lg={10}>
          <Card size="small" title={t('complaints.detail.sla')} style={{ marginBottom: 16 }} data-testid="sla-card">
            {c.clocks.length ? c.clocks.map((k) => <ClockLine key={k.key} clock={k} now={now} />) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('complaints.detail.noClocks')} />}
            {c.pauses.length > 0 && (
              <>
                <Typography.Text strong>{t('complaints.detail.pauses')}</Typography.Text>
                <List
                  size="small"
                  dataSource={c.pauses}
                  renderItem={(x) => (
                    <List.Item>
                      {siteTime(x.from)} – {x.to ? siteTime(x.to) : t('complaints.detail.stillWaiting')}
                      {x.reason ? ` · ${x.reason}` : ''}
                    </List.Item>
                  )}
                />
              </>
            )}
          </Card>

          <Card size="small" title={t('complaints.detail.escalation')} style={{ marginBottom: 16 }}>
            <Typography.Paragraph>
              {t('complaints.detail.levelNow', { role: t(`roles.${c.levelRole}` as 'roles.admin', { defaultValue: c.levelRole }) })}
              {p && (
                <Typography.Text type="secondary">
                  {' '}
                  ({p.escalation.chain.map((r, i) => (i === c.level ? `【${t(`roles.${r}`)}】` : t(`roles.${r}`))).join(' → ')})
                </Typography.Text>
              )}
            </Typography.Paragraph>
            {c.escalations.length ? (
              <List
                size="small"
                dataSource={c.escalations}
                renderItem={(e) => (
                  <List.Item>
                    {siteTime(e.at)} · {t(`complaints.escalationReason.${e.reason}`)} · {e.fromLevel + 1} → {e.toLevel + 1} ({t(`roles.${e.role}` as 'roles.admin', { defaultValue: e.role })})
                  </List.Item>
                )}
              />
            ) : (
              <Typography.Text type="secondary">{t('complaints.detail.noEscalations')}</Typography.Text>
            )}
          </Card>

          <Card size="small" title={t('complaints.detail.timeline')} data-testid="timeline">
            <Timeline items={[...c.timeline].reverse().map((e) => ({ children: <TimelineItem e={e} at={siteTime(e.at)} /> }))} />
          </Card>
        </Col>
      </Row>

      <CommandModal command={command} complaint={c} policy={p} staff={staff.people} onClose={() => setCommand(null)} />
      <FollowUpCallModal
        target={calling ? { complaintId: c.id, complainantName: c.complainantName, contact: c.contact, content: c.content, resolution: resolution ? str(resolution.implementation ?? resolution.resolution) : null } : null}
        lowScoreAtMost={p?.followUp.lowScoreAtMost}
        onClose={() => setCalling(false)}
        onBookLater={
          openCall && actions.includes('book_follow_up')
            ? () => {
                setCalling(false);
                setCommand('book_follow_up');
              }
            : undefined
        }
      />
    </>
  );
}

function TimelineItem({ e, at }: { e: TimelineEventDto; at: string }) {
  const { t } = useTranslation();
  const what = e.type.replace(/^complaint\./, '');
  const texts = TEXT_KEYS.map((k) => e.data[k]).filter((v): v is string => typeof v === 'string' && v.length > 0);
  return (
    <div data-testid="timeline-event" data-type={e.type}>
      <Typography.Text strong>{t(`complaints.event.${what}` as 'complaints.event.received', { defaultValue: what })}</Typography.Text>
      <Typography.Text type="secondary">
        {' '}
        · {at} · {e.actorName || t('complaints.detail.system')}
      </Typography.Text>
      {texts.map((x, i) => (
        <div key={i}>{x}</div>
      ))}
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
    <Link to="/complaints">
      <ArrowLeftOutlined /> {t('complaints.detail.back')}
    </Link>
  );
}

