import { Card, Col, Empty, Flex, List, Row, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { FollowUpReportFiguresDto, ReportUnsatisfiedCallDto } from '../../../api/generated';
import { formatInstant } from '../../../shared/format';

const pct = (rate: number | null | undefined) => (rate == null ? null : `${Math.round(rate * 1000) / 10}%`);

/** A horizontal bar drawn with CSS: the share of `value` in `max`. */
function Bar({ value, max, color, label, testId }: { value: number; max: number; color: string; label: string; testId?: string }) {
  return (
    <Flex align="center" gap={8} style={{ marginBottom: 6 }} data-testid={testId} data-value={value}>
      <span style={{ width: 72 }}>{label}</span>
      <div style={{ flex: 1, background: '#f0f0f0', borderRadius: 3, height: 14 }}>
        <div role="presentation" style={{ width: `${max ? (value / max) * 100 : 0}%`, background: color, height: 14, borderRadius: 3, minWidth: value ? 2 : 0 }} />
      </div>
      <span style={{ width: 32, textAlign: 'right' }}>{value}</span>
    </Flex>
  );
}

/** CMP-8: the figures of a follow-up summary report (live or frozen at publishing). */
export function FiguresView({ f, timeZone }: { f: FollowUpReportFiguresDto; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const none = t('common.none');
  const attitudes = (['satisfied', 'neutral', 'unsatisfied'] as const).map((a) => ({ a, n: f.attitude[a] }));
  const maxAttitude = Math.max(0, ...attitudes.map((x) => x.n));
  const maxScore = Math.max(0, ...f.scoreDistribution);
  const columns: TableColumnsType<ReportUnsatisfiedCallDto> = [
    { title: t('complaints.report.calledAt'), key: 'at', render: (_, r) => formatInstant(r.calledAt, timeZone, i18n.language) },
    { title: t('complaints.report.complainant'), key: 'who', render: (_, r) => <Link to={`/complaints/${r.complaintId}`}>{r.complainantName}</Link> },
    { title: t('complaints.report.category'), key: 'cat', render: (_, r) => r.categoryName ?? r.category ?? none },
    { title: t('complaints.report.department'), key: 'dep', render: (_, r) => r.department ?? none },
    { title: t('complaints.report.score'), dataIndex: 'score' },
    { title: t('complaints.report.attitude'), key: 'att', render: (_, r) => t(`complaints.attitude.${r.attitude}`) },
    {
      title: t('complaints.report.outcome'),
      key: 'out',
      render: (_, r) => (
        <>
          {!r.solved && <Tag color="red">{t('complaints.report.notSolved')}</Tag>}
          {r.reopened && <Tag color="orange">{t('complaints.report.reopenedTag')}</Tag>}
        </>
      ),
    },
  ];

  return (
    <div data-testid="report-figures" data-done={f.done} data-planned={f.planned}>
      <Typography.Paragraph type="secondary">{t('complaints.report.computedAt', { at: formatInstant(f.computedAt, timeZone, i18n.language) })}</Typography.Paragraph>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('complaints.report.planned')} value={f.planned} />
            <Typography.Text type="secondary">{t('complaints.report.plannedLine', { dropped: f.dropped, pending: f.pending })}</Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('complaints.report.done')} value={f.done} />
            <Typography.Text type="secondary">{t('complaints.report.doneLine', { onTime: f.doneOnTime, late: f.doneLate })}</Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('complaints.report.overdue')} value={f.overdue} valueStyle={f.overdue ? { color: '#cf1322' } : undefined} />
            <Typography.Text type="secondary">{t('complaints.report.reopened', { n: f.reopened })}</Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('complaints.report.averageScore')} value={f.averageScore == null ? none : Math.round(f.averageScore * 10) / 10} />
            <Typography.Text type="secondary">{t('complaints.report.solvedLine', { solved: pct(f.solvedRate) ?? none, charged: f.chargedCount })}</Typography.Text>
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} md={8}>
          <Card size="small" title={t('complaints.report.attitudes')}>
            {attitudes.map(({ a, n }) => (
              <Bar key={a} label={t(`complaints.attitude.${a}`)} value={n} max={maxAttitude} color={a === 'unsatisfied' ? '#ff7875' : a === 'neutral' ? '#ffc53d' : '#73d13d'} testId={`attitude-${a}`} />
            ))}
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small" title={t('complaints.report.scores')}>
            {f.scoreDistribution.map((n, i) => (
              <Bar key={i} label={t('complaints.report.scoreN', { n: i + 1 })} value={n} max={maxScore} color="#4096ff" testId={`score-${i + 1}`} />
            ))}
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small" title={t('complaints.report.members')}>
            <Statistic value={pct(f.memberCoverage.rate) ?? none} />
            <Typography.Text type={f.memberCoverage.missing.length ? 'danger' : 'secondary'}>
              {t('complaints.report.membersLine', { called: f.memberCoverage.calledBack, owed: f.memberCoverage.owed })}
            </Typography.Text>
            {f.memberCoverage.missing.length > 0 && (
              <List
                size="small"
                header={t('complaints.report.membersMissing')}
                dataSource={f.memberCoverage.missing}
                renderItem={(id) => (
                  <List.Item>
                    <Link to={`/complaints/${id}`}>{id.slice(0, 8)}</Link>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('complaints.report.unsatisfied')} style={{ marginBottom: 16 }}>
        <Table rowKey="callId" size="small" columns={columns} dataSource={f.unsatisfiedCalls} pagination={false} scroll={{ x: true }} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('complaints.report.noUnsatisfied')} /> }} />
      </Card>
      <Card size="small" title={t('complaints.report.suggestions')} style={{ marginBottom: 16 }}>
        <List
          size="small"
          dataSource={f.suggestions}
          locale={{ emptyText: t('complaints.report.noSuggestions') }}
          renderItem={(s) => (
            <List.Item>
              <List.Item.Meta title={s.text} description={`${s.complainantName} · ${formatInstant(s.calledAt, timeZone, i18n.language)} · ${t('complaints.report.scoreN', { n: s.score })}`} />
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}
