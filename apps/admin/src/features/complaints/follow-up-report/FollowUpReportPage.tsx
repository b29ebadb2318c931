import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { addDays, isoWeekOf, parseReportPeriod, type Role } from '@sitedesk/domain';
import { Alert, App, Button, Card, DatePicker, Empty, Flex, Input, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FollowUpReportDto, FollowUpReportSummaryDto } from '../../../api/generated';
import type { Problem } from '../../../api/problem';
import { formatInstant } from '../../../shared/format';
import { useDownload } from '../../../shared/use-download';
import { LoadError } from '../../../shared/ui/LoadError';
import { addMonths, siteToday } from '../../attendance/dates';
import { useCurrentSite } from '../../shell/current-site';
import { complaintProblemText } from '../problems';
import { FiguresView } from './FiguresView';
import { downloadReport, useFollowUpReport, usePublishedReports, useSaveReport, type ReportText } from './queries';

/** The roles the API lets write the report (follow-up-reports.controller.ts REPORT_WRITERS): 004 客服主管, and the manager. */
const WRITERS: readonly Role[] = ['supervisor', 'manager'];

type Kind = 'week' | 'month';
const REPORT_CODES = ['FOLLOW_UP_REPORT_NO_DRAFT', 'FOLLOW_UP_REPORT_PERIOD_OPEN', 'FOLLOW_UP_REPORT_TEXT_REQUIRED', 'FOLLOW_UP_REPORT_PERIOD_INVALID'];

/** The period before or after `key` (a week `2026-W47` or a month `2026-11`). */
function shift(key: string, kind: Kind, n: number, timeZone: string): string {
  if (kind === 'month') return addMonths(key, n);
  return isoWeekOf(addDays(parseReportPeriod(key, timeZone).from, 7 * n));
}

/** The last finished period: what a supervisor writes up. */
const lastPeriod = (kind: Kind, timeZone: string) => {
  const today = siteToday(timeZone);
  return kind === 'week' ? isoWeekOf(addDays(today, -7)) : addMonths(today.slice(0, 7), -1);
};

/** The supervisor's written part: causes and improvements, saved as a draft, then published. */
function ReportEditor({ report, onDone }: { report: FollowUpReportDto; onDone: (r: FollowUpReportDto) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  // A revision starts from the published text.
  const start = report.draft ?? report.published;
  const [text, setText] = useState<ReportText>({ causes: start?.causes ?? '', improvements: start?.improvements ?? '' });
  const save = useSaveReport(site.siteId, report.period);
  const problem = save.error ? (REPORT_CODES.includes(save.error.code) ? reportProblem(save.error, t) : complaintProblemText(save.error, t)) : null;
  const submit = (publish: boolean) =>
    save.mutate(
      { text, publish },
      {
        onSuccess: (r) => {
          void message.success(publish ? t('complaints.report.publishedOk', { version: r.published?.version }) : t('complaints.report.savedOk'));
          onDone(r);
        },
      },
    );
  const nextVersion = report.draft?.version ?? (report.versions[0]?.version ?? 0) + 1;
  return (
    <Card
      size="small"
      title={t('complaints.report.writeTitle', { version: nextVersion })}
      extra={report.draft ? <Tag color="blue">{t('complaints.report.draftBy', { name: report.draft.updatedByName ?? '—' })}</Tag> : report.published ? <Tag>{t('complaints.report.revision')}</Tag> : null}
      style={{ marginBottom: 16 }}
    >
      <Typography.Text strong>{t('complaints.report.causes')}</Typography.Text>
      <Input.TextArea aria-label={t('complaints.report.causes')} value={text.causes} maxLength={10_000} autoSize={{ minRows: 3, maxRows: 12 }} placeholder={t('complaints.report.causesHint')} onChange={(e) => setText({ ...text, causes: e.target.value })} style={{ margin: '4px 0 12px' }} />
      <Typography.Text strong>{t('complaints.report.improvements')}</Typography.Text>
      <Input.TextArea aria-label={t('complaints.report.improvements')} value={text.improvements} maxLength={10_000} autoSize={{ minRows: 3, maxRows: 12 }} placeholder={t('complaints.report.improvementsHint')} onChange={(e) => setText({ ...text, improvements: e.target.value })} style={{ margin: '4px 0 12px' }} />
      {problem && <Alert type="error" showIcon message={problem} data-testid="report-problem" style={{ marginBottom: 12 }} />}
      <Space>
        <Button loading={save.isPending && !save.variables?.publish} onClick={() => submit(false)}>
          {t('complaints.report.saveDraft')}
        </Button>
        <Tooltip title={report.ended ? null : t('complaints.report.notEnded')}>
          <Button type="primary" disabled={!report.ended} loading={save.isPending && save.variables?.publish} onClick={() => submit(true)}>
            {t('complaints.report.publish')}
          </Button>
        </Tooltip>
      </Space>
    </Card>
  );
}

function reportProblem(p: Problem, t: TFunction): string {
  const text = t(`complaints.report.problems.${p.code}` as 'complaints.report.problems.FOLLOW_UP_REPORT_NO_DRAFT');
  const fields = p.errors?.map((e) => (e.field === 'causes' || e.field === 'improvements' ? t(`complaints.report.${e.field}`) : e.field));
  return fields?.length ? `${text}（${fields.join('、')}）` : text;
}

/**
 * CMP-8: the follow-up summary report (回访总结报告) of a week or a month: the figures from the follow-up
 * calls planned in it, the supervisor's causes and improvements, publishing (the figures are frozen),
 * CSV / Excel, and the published reports.
 */
export function FollowUpReportPage() {
  const { t, i18n } = useTranslation();
  const { site } = useCurrentSite();
  const writes = site.roles.some((r) => WRITERS.includes(r as Role));
  const [kind, setKind] = useState<Kind>('week');
  const [period, setPeriod] = useState(() => lastPeriod('week', site.timeZone));
  /** `live`, or a published version. */
  const [shown, setShown] = useState<'live' | 'latest' | number>('latest');
  const [listPage, setListPage] = useState(1);
  const report = useFollowUpReport(site.siteId, period, typeof shown === 'number' ? shown : undefined);
  const published = usePublishedReports(site.siteId, kind, listPage);
  const r = report.data?.period === period ? report.data : undefined;
  const view: 'live' | number = shown === 'latest' ? (r?.published && !r.draft ? r.published.version : 'live') : shown;
  const range = (() => {
    try {
      const p = parseReportPeriod(period, site.timeZone);
      return `${p.from} – ${p.to}`;
    } catch {
      return '';
    }
  })();

  const choose = (next: string, nextKind = kind) => {
    setKind(nextKind);
    setPeriod(next);
    setShown('latest');
  };
  const { button } = useDownload(
    (format: 'csv' | 'xlsx') => downloadReport(site.siteId, period, typeof view === 'number' ? view : undefined, format),
    (problem) => complaintProblemText(problem, t),
  );

  const figures = r ? (view === 'live' ? r.live : r.published?.version === view ? r.published.figures : undefined) : undefined;
  const text = r && typeof view === 'number' && r.published?.version === view ? r.published : null;

  return (
    <>
      <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space wrap>
          <Segmented
            value={kind}
            onChange={(v) => choose(lastPeriod(v as Kind, site.timeZone), v as Kind)}
            options={[
              { value: 'week', label: t('complaints.report.week') },
              { value: 'month', label: t('complaints.report.month') },
            ]}
          />
          <Button aria-label={t('complaints.report.previous')} icon={<LeftOutlined />} onClick={() => choose(shift(period, kind, -1, site.timeZone))} />
          <DatePicker
            picker={kind === 'week' ? 'date' : 'month'}
            allowClear={false}
            aria-label={t('complaints.report.period')}
            value={dayjs(kind === 'week' ? parseReportPeriod(period, site.timeZone).from : `${period}-01`)}
            format={() => period}
            onChange={(d) => d && choose(kind === 'week' ? isoWeekOf(d.format('YYYY-MM-DD')) : d.format('YYYY-MM'))}
          />
          <Button aria-label={t('complaints.report.next')} icon={<RightOutlined />} onClick={() => choose(shift(period, kind, 1, site.timeZone))} />
          <Typography.Text type="secondary" data-testid="report-period" data-period={period}>
            {range}
          </Typography.Text>
        </Space>
        <Space>
          {button('csv', t('complaints.report.csv'))}
          {button('xlsx', t('complaints.report.xlsx'))}
        </Space>
      </Flex>
      {report.isError ? (
        <LoadError problem={report.error} onRetry={() => void report.refetch()} />
      ) : !r ? (
        <Card loading />
      ) : (
        <>
          <Flex align="center" gap={8} wrap style={{ marginBottom: 12 }}>
            <Segmented
              data-testid="report-view"
              value={view === 'live' ? 'live' : `v${view}`}
              onChange={(v) => setShown(v === 'live' ? 'live' : Number(String(v).slice(1)))}
              options={[{ value: 'live', label: t('complaints.report.live') }, ...r.versions.map((v) => ({ value: `v${v.version}`, label: t('complaints.report.versionN', { version: v.version }) }))]}
            />
            {typeof view === 'number' && r.published?.version === view && (
              <Tag color="green" data-testid="report-published-tag">
                {t('complaints.report.publishedBy', { version: view, name: r.published.publishedByName ?? '—', at: formatInstant(String(r.published.publishedAt), site.timeZone, i18n.language) })}
              </Tag>
            )}
            {view === 'live' && <Tag>{r.draft ? t('complaints.report.liveWithDraft', { version: r.draft.version }) : t('complaints.report.liveOnly')}</Tag>}
          </Flex>
          {text && (
            <Card size="small" title={t('complaints.report.textTitle')} style={{ marginBottom: 16 }} data-testid="report-text">
              <Typography.Text strong>{t('complaints.report.causes')}</Typography.Text>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{text.causes}</Typography.Paragraph>
              <Typography.Text strong>{t('complaints.report.improvements')}</Typography.Text>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{text.improvements}</Typography.Paragraph>
            </Card>
          )}
          {writes && view === 'live' && <ReportEditor key={`${r.period}-${r.versions.length}`} report={r} onDone={(next) => setShown(next.published && !next.draft ? next.published.version : 'live')} />}
          {writes && typeof view === 'number' && !r.draft && (
            <Button style={{ marginBottom: 16 }} onClick={() => setShown('live')}>
              {t('complaints.report.revise')}
            </Button>
          )}
          {!writes && !r.published && <Alert type="info" showIcon message={t('complaints.report.notPublishedYet')} style={{ marginBottom: 16 }} />}
          {figures ? <FiguresView f={figures} timeZone={site.timeZone} /> : <Card loading />}
        </>
      )}
      <Card size="small" title={t('complaints.report.publishedList')} style={{ marginTop: 16 }}>
        <Table<FollowUpReportSummaryDto>
          rowKey={(x) => `${x.period}-${x.version}`}
          size="small"
          loading={published.isFetching}
          dataSource={published.data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('complaints.report.noneQuote', { kind: t(`complaints.report.${kind}`) })} /> }}
          pagination={{ current: listPage, pageSize: 10, total: published.data?.total ?? 0, onChange: setListPage, hideOnSinglePage: true }}
          onRow={(x) => ({ onClick: () => (setPeriod(x.period), setShown(x.version)), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('complaints.report.period'), key: 'p', render: (_, x) => `${x.period}（${x.from} – ${x.to}）` },
            { title: t('complaints.report.version'), dataIndex: 'version' },
            { title: t('complaints.report.publishedAt'), key: 'at', render: (_, x) => formatInstant(String(x.publishedAt), site.timeZone, i18n.language) },
            { title: t('complaints.report.publisher'), key: 'by', render: (_, x) => x.publishedByName ?? '—' },
            { title: t('complaints.report.done'), dataIndex: 'done' },
            { title: t('complaints.report.averageScore'), key: 'avg', render: (_, x) => (x.averageScore == null ? t('common.none') : Math.round(x.averageScore * 10) / 10) },
          ]}
        />
      </Card>
    </>
  );
}
