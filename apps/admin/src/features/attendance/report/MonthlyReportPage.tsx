import { EditOutlined, LeftOutlined, LockOutlined, RightOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Flex, Popconfirm, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { fen, formatFen } from '@sitedesk/domain';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { DisciplineLineDto, MonthFlagDto, MonthlyReportDto, ReportRowDto } from '../../../api/generated';
import { LoadError } from '../../../shared/ui/LoadError';
import { useDownload } from '../../../shared/use-download';
import { TextModal } from '../../../shared/ui/TextModal';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { useUserDirectory } from '../../users/queries';
import { attendanceAccess } from '../access';
import { addMonths, formatDate, formatMonth, isMonth, monthOf, siteToday } from '../dates';
import { attendanceProblemText } from '../problems';
import { useMonthlyReport, useReviseMonth, useSubmitMonth } from '../queries';
import { downloadMonthlyReport, downloadOrganizationReport } from './download';

/** ¥ in either language (GEN-5: fen ÷ 100). */
const money = (amount: number) => formatFen(fen(amount));
const FLAG_COLOR: Record<MonthFlagDto['code'], string> = {
  DISMISSAL_REVIEW: 'red',
  LEAVE_REVIEW: 'orange',
  WRITTEN_EXPLANATION: 'gold',
  WAGE_WITHHELD: 'red',
  SUSPENDED_UNTIL_RECOVERED: 'purple',
};

/** ATT-14: the monthly attendance report (考勤统计表) — read, export, submit by the 30th, revise with a reason. */
export function MonthlyReportPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { site, access: shell } = useCurrentSite();
  const siteTime = useSiteTime();
  const access = attendanceAccess(site);
  const today = siteToday(site.timeZone);
  const [params, setParams] = useSearchParams();
  // The month is this page's state (two quick clicks are two months); the address shows it, to share or reload.
  const [month, setMonth] = useState(() => {
    const requested = params.get('month');
    return isMonth(requested) ? requested : monthOf(today);
  });
  const shownMonth = month === monthOf(today) ? null : month;
  useEffect(() => {
    if (params.get('month') !== shownMonth) setParams(shownMonth ? { month: shownMonth } : {}, { replace: true });
  }, [shownMonth, params, setParams]);
  const report = useMonthlyReport(site.siteId, month);
  const submit = useSubmitMonth();
  const revise = useReviseMonth();
  const directory = useUserDirectory(shell.managesSite);
  const [revising, setRevising] = useState(false);
  const data = report.data?.month === month ? report.data : undefined;

  const move = (to: (m: string) => string) => setMonth(to);

  const { button } = useDownload(
    (kind: `${'site' | 'organization'}-${'csv' | 'xlsx'}`) => {
      const [scope, format] = kind.split('-') as ['site' | 'organization', 'csv' | 'xlsx'];
      return scope === 'site' ? downloadMonthlyReport(site.siteId, month, format) : downloadOrganizationReport(month, format);
    },
    (problem) => attendanceProblemText(problem, t),
  );

  const num = (value: number) => (value ? value : <Typography.Text type="secondary">0</Typography.Text>);
  const columns: TableColumnsType<ReportRowDto> = [
    {
      title: t('attendance.report.person'),
      key: 'person',
      fixed: 'left',
      width: 210,
      render: (_, r) => (
        <Flex vertical>
          <Typography.Text strong>{r.displayName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.login}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('attendance.report.scheduled'), dataIndex: 'scheduledDays', align: 'right', width: 100 },
    { title: t('attendance.report.present'), dataIndex: 'presentDays', align: 'right', width: 90 },
    {
      title: t('attendance.report.late'),
      children: [
        { title: t('attendance.report.times'), dataIndex: 'lateCount', align: 'right', width: 70, render: num },
        { title: t('attendance.report.minutes'), dataIndex: 'lateMinutes', align: 'right', width: 70, render: num },
      ],
    },
    {
      title: t('attendance.report.early'),
      children: [
        { title: t('attendance.report.times'), dataIndex: 'earlyCount', align: 'right', width: 70, render: num },
        { title: t('attendance.report.minutes'), dataIndex: 'earlyMinutes', align: 'right', width: 70, render: num },
      ],
    },
    { title: t('attendance.report.absence'), dataIndex: 'absenceDays', align: 'right', width: 110, render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : num(v)) },
    {
      title: t('attendance.report.leave'),
      children: (['personal', 'annual', 'sick'] as const).map((type) => ({
        title: t(`attendance.leaveTypes.${type}`),
        key: `leave-${type}`,
        align: 'right' as const,
        width: 84,
        render: (_: unknown, r: ReportRowDto) => <span data-testid={`leave-${type}-${r.login}`}>{num(r.leaveDays[type])}</span>,
      })),
    },
    { title: t('attendance.report.businessOut'), dataIndex: 'businessOutDays', align: 'right', width: 130, render: num },
    { title: t('attendance.report.corrected'), dataIndex: 'correctedDays', align: 'right', width: 120, render: (v: number) => (v ? <Tag color="orange">{v}</Tag> : num(v)) },
    { title: t('attendance.report.fines'), dataIndex: 'finesFen', align: 'right', width: 100, render: (v: number) => (v ? <Typography.Text type="danger">{money(v)}</Typography.Text> : money(0)) },
    { title: t('attendance.report.bonus'), dataIndex: 'bonusEarnedFen', align: 'right', width: 100, render: (v: number) => money(v) },
    {
      title: t('attendance.report.deductions'),
      dataIndex: 'deductionFen',
      align: 'right',
      width: 110,
      render: (v: number | null | undefined, r: ReportRowDto) => (
        <span data-testid={`deduction-${r.login}`}>
          {v == null ? (
            <Tooltip title={t('attendance.report.needsWageHint')}>
              <Tag style={{ marginInlineEnd: 0 }}>{t('attendance.report.needsWage')}</Tag>
            </Tooltip>
          ) : v ? (
            <Typography.Text type="danger">{money(v)}</Typography.Text>
          ) : (
            money(v)
          )}
        </span>
      ),
    },
    {
      title: t('attendance.report.flags'),
      dataIndex: 'flags',
      width: 180,
      render: (flags: MonthFlagDto[]) =>
        flags.length ? (
          <Space size={4} wrap>
            {flags.map((f) => (
              <Tooltip key={f.code} title={`${f.ruleId}: ${f.detail}`}>
                <Tag color={FLAG_COLOR[f.code]}>{t(`attendance.report.flagCodes.${f.code}`)}</Tag>
              </Tooltip>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { title: t('attendance.report.policyVersions'), dataIndex: 'policyVersions', width: 90, render: (v: number[]) => v.map((n) => `v${n}`).join(', ') },
  ];

  const submittedBy = data?.submittedBy ? (directory.data?.get(data.submittedBy)?.displayName ?? data.submittedBy.slice(0, 8)) : null;

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex justify="space-between" align="center" wrap gap={12}>
          <Space wrap>
            <Button icon={<LeftOutlined />} aria-label={t('attendance.calendar.previous')} onClick={() => move((m) => addMonths(m, -1))} />
            <Typography.Title level={4} style={{ margin: 0, minWidth: 120, textAlign: 'center' }} data-testid="report-month">
              {formatMonth(month, i18n.language)}
            </Typography.Title>
            <Button icon={<RightOutlined />} aria-label={t('attendance.calendar.next')} onClick={() => move((m) => addMonths(m, 1))} />
            <Button disabled={month === monthOf(today)} onClick={() => move(() => monthOf(today))}>
              {t('attendance.calendar.thisMonth')}
            </Button>
            {data && <ReportStatus report={data} today={today} />}
          </Space>
          <Space wrap>
            {button('site-csv', t('attendance.report.csv'))}
            {button('site-xlsx', t('attendance.report.xlsx'))}
            {access.readsOrganization && (
              <Tooltip title={t('attendance.report.organizationHint')}>
                {button('organization-xlsx', t('attendance.report.organizationXlsx'))}
              </Tooltip>
            )}
            {access.keepsRota && data?.status === 'draft' && (
              <Popconfirm
                title={t('attendance.report.submitConfirmTitle')}
                description={<div style={{ maxWidth: 320 }}>{t('attendance.report.submitConfirm')}</div>}
                okText={t('attendance.report.submit')}
                cancelText={t('common.cancel')}
                onConfirm={() =>
                  submit.mutate(
                    { body: { siteId: site.siteId, month } },
                    { onSuccess: () => void message.success(t('attendance.report.submitted')), onError: (p) => void message.error(attendanceProblemText(p, t)) },
                  )
                }
              >
                <Button type="primary" icon={<SendOutlined />} loading={submit.isPending}>
                  {t('attendance.report.submit')}
                </Button>
              </Popconfirm>
            )}
            {access.manages && data?.status === 'submitted' && (
              <Button icon={<EditOutlined />} onClick={() => setRevising(true)}>
                {t('attendance.report.revise')}
              </Button>
            )}
          </Space>
        </Flex>
        {data && (
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2, xl: 4 }}
            style={{ marginTop: 16 }}
            items={[
              { key: 'due', label: t('attendance.report.dueDate'), children: formatDate(data.dueDate, i18n.language) },
              { key: 'revision', label: t('attendance.report.revision'), children: data.revision },
              { key: 'submittedAt', label: t('attendance.report.submittedAt'), children: data.submittedAt ? siteTime(data.submittedAt) : t('common.none') },
              { key: 'submittedBy', label: t('attendance.report.submittedBy'), children: submittedBy ?? t('common.none') },
            ]}
          />
        )}
      </Card>
      <Card>
        {report.isError ? (
          <LoadError problem={report.error} onRetry={() => void report.refetch()} />
        ) : (
          <Table<ReportRowDto>
            rowKey="userId"
            size="small"
            bordered
            columns={columns}
            dataSource={data?.rows}
            loading={report.isFetching}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('attendance.report.empty') }}
            expandable={{ rowExpandable: (r) => r.fines.length > 0, expandedRowRender: (r) => <FineLines lines={r.fines} /> }}
            summary={(rows) => <Totals rows={rows} />}
          />
        )}
      </Card>
      <TextModal
        open={revising}
        title={t('attendance.report.reviseTitle', { month: formatMonth(month, i18n.language) })}
        label={t('attendance.report.reviseReason')}
        requiredMessage={t('attendance.report.reviseReasonRequired')}
        okText={t('attendance.report.revise')}
        pending={revise.isPending}
        problem={revise.error}
        onCancel={() => {
          revise.reset();
          setRevising(false);
        }}
        onSubmit={(reason) =>
          revise.mutate(
            { body: { siteId: site.siteId, month, reason } },
            {
              onSuccess: () => {
                void message.success(t('attendance.report.revised'));
                setRevising(false);
              },
            },
          )
        }
      />
    </Flex>
  );
}

function ReportStatus({ report, today }: { report: MonthlyReportDto; today: string }) {
  const { t } = useTranslation();
  if (report.status === 'submitted') {
    return (
      <Space size={4}>
        <Tag icon={<LockOutlined />} color="success">
          {t('attendance.report.statusSubmitted', { revision: report.revision })}
        </Tag>
        {report.submittedLate && <Tag color="red">{t('attendance.report.submittedLate')}</Tag>}
      </Space>
    );
  }
  return (
    <Space size={4}>
      <Tag color="processing">{t('attendance.report.statusDraft')}</Tag>
      {today > report.dueDate && <Tag color="red">{t('attendance.report.overdue')}</Tag>}
    </Space>
  );
}

function FineLines({ lines }: { lines: DisciplineLineDto[] }) {
  const { t } = useTranslation();
  return (
    <Table<DisciplineLineDto>
      rowKey={(l) => `${l.date}-${l.ruleId}-${l.evidence}`}
      size="small"
      pagination={false}
      dataSource={lines}
      columns={[
        { title: t('attendance.report.date'), dataIndex: 'date', width: 120 },
        { title: t('discipline.kind'), dataIndex: 'kind', width: 110, render: (kind: DisciplineLineDto['kind']) => t(`discipline.kinds.${kind}`) },
        { title: t('discipline.rule'), dataIndex: 'ruleId', width: 90, render: (r: string) => <Typography.Text code>{r}</Typography.Text> },
        { title: t('discipline.amount'), dataIndex: 'amountFen', width: 110, align: 'right', render: (v: number) => money(v) },
        { title: t('discipline.evidence'), dataIndex: 'evidence' },
      ]}
    />
  );
}

function Totals({ rows }: { rows: readonly ReportRowDto[] }) {
  const { t } = useTranslation();
  if (!rows.length) return null;
  const sum = (f: (r: ReportRowDto) => number) => Math.round(rows.reduce((n, r) => n + f(r), 0) * 100) / 100;
  const cells: (string | number)[] = [
    sum((r) => r.scheduledDays),
    sum((r) => r.presentDays),
    sum((r) => r.lateCount),
    sum((r) => r.lateMinutes),
    sum((r) => r.earlyCount),
    sum((r) => r.earlyMinutes),
    sum((r) => r.absenceDays),
    sum((r) => r.leaveDays.personal),
    sum((r) => r.leaveDays.annual),
    sum((r) => r.leaveDays.sick),
    sum((r) => r.businessOutDays),
    sum((r) => r.correctedDays),
    money(sum((r) => r.finesFen)),
    money(sum((r) => r.bonusEarnedFen)),
  ];
  return (
    <Table.Summary fixed>
      <Table.Summary.Row style={{ fontWeight: 600 }}>
        <Table.Summary.Cell index={0} />
        <Table.Summary.Cell index={1}>{t('attendance.report.total')}</Table.Summary.Cell>
        {cells.map((c, i) => (
          <Table.Summary.Cell key={i} index={i + 2} align="right">
            {c}
          </Table.Summary.Cell>
        ))}
        <Table.Summary.Cell index={cells.length + 2} colSpan={3} />
      </Table.Summary.Row>
    </Table.Summary>
  );
}
