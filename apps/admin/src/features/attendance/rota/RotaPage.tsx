import { CheckCircleOutlined, LeftOutlined, RightOutlined, ThunderboltOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography, theme, type TableColumnsType } from 'antd';
import { addDays, weekOf } from '@sitedesk/domain';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { BlackoutDayDto, PolicyVersionDto, RotaPersonDto, RotaProblemDto } from '../../../api/generated';
import type { Problem } from '../../../api/problem';
import { LoadError } from '../../../shared/ui/LoadError';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { attendanceAccess } from '../access';
import { formatDate, formatWeekday, isDate, mondayOf, siteToday } from '../dates';
import { attendanceProblemText } from '../problems';
import { useBlackoutDays, usePolicyVersions, useProposeRota, usePublishRota, usePutRota, useRota, versionOn } from '../queries';
import { BlackoutDaysCard } from './BlackoutDaysCard';

const REST = '';
/** Shift codes get steady colours, so a week reads at a glance. */
const SHIFT_COLORS = ['blue', 'cyan', 'geekblue', 'purple', 'green', 'gold'];

type RotaProblem = RotaProblemDto;
const problemsOf = (problem: Problem | null): RotaProblem[] | null =>
  problem?.code === 'ROTA_INVALID' ? (((problem as Problem & { problems?: RotaProblem[] }).problems ?? []) as RotaProblem[]) : null;

/** ATT-2/ATT-3: the week's rota, people × days. The clerk (and managers) edit, propose and publish; others read. */
export function RotaPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { token } = theme.useToken();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const access = attendanceAccess(site);
  const today = siteToday(site.timeZone);
  const [params, setParams] = useSearchParams();
  // The week is this page's state (two quick clicks are two weeks); the address shows it, to share or reload.
  const [week, setWeek] = useState(() => {
    const requested = params.get('week');
    return mondayOf(isDate(requested) ? requested : today);
  });
  const shownWeek = week === mondayOf(today) ? null : week;
  useEffect(() => {
    if (params.get('week') !== shownWeek) setParams(shownWeek ? { week: shownWeek } : {}, { replace: true });
  }, [shownWeek, params, setParams]);
  const dates = weekOf(week);
  const rota = useRota(site.siteId, week);
  const versions = usePolicyVersions(site.siteId);
  const blackout = useBlackoutDays(site.siteId, dates[0], dates[6]);
  const put = usePutRota();
  const propose = useProposeRota();
  const publish = usePublishRota();
  const [publishProblem, setPublishProblem] = useState<{ week: string; problem: Problem } | null>(null);
  const currentPolicy = versionOn(versions.data, dates[0])?.policy;
  const [proposal, setProposal] = useState<string | undefined>();
  const proposalShift = proposal ?? currentPolicy?.shifts[0]?.code;

  const move = (to: (monday: string) => string) => {
    setPublishProblem(null);
    setWeek(to);
  };

  const refused = publishProblem?.week === week ? publishProblem.problem : null;
  const problems = problemsOf(refused) ?? rota.data?.problems ?? [];
  const blackoutByDate = useMemo(() => new Map(blackout.data?.map((b) => [b.date, b])), [blackout.data]);
  const colorOf = useMemo(() => shiftColors(versions.data), [versions.data]);

  const setShift = (userId: string, date: string, code: string) =>
    put.mutate(
      { body: { siteId: site.siteId, entries: [{ userId, date, shiftCode: code === REST ? null : code }] } },
      { onSuccess: () => setPublishProblem(null), onError: (p) => void message.error(attendanceProblemText(p, t)) },
    );

  const problemText = (p: RotaProblem) => t(`attendance.rota.problems.${p.code}`);

  const columns: TableColumnsType<RotaPersonDto> = [
    {
      title: t('attendance.rota.person'),
      dataIndex: 'displayName',
      fixed: 'left',
      width: 140,
      render: (name: string, person) => {
        const own = problems.filter((p) => p.userId === person.userId && !p.date);
        return (
          <Flex vertical>
            <Typography.Text strong>{name}</Typography.Text>
            {own.map((p) => (
              <Typography.Text key={p.code} type="danger" style={{ fontSize: 12 }}>
                <WarningOutlined /> {problemText(p)} ({p.ruleId})
              </Typography.Text>
            ))}
          </Flex>
        );
      },
    },
    ...dates.map((date, i) => {
      const b = blackoutByDate.get(date);
      const policy = versionOn(versions.data, date)?.policy;
      const editable = access.keepsRota && date >= today;
      return {
        key: date,
        title: <DayHeader date={date} blackout={b} today={date === today} weekend={i >= 5} />,
        width: 132,
        onCell: () => ({ style: { background: date === today ? token.colorPrimaryBg : b ? token.colorErrorBg : undefined } }),
        render: (_: unknown, person: RotaPersonDto) => {
          const code = person.days[i]?.shiftCode ?? null;
          const cellProblems = problems.filter((p) => p.userId === person.userId && p.date === date);
          const shift = policy?.shifts.find((s) => s.code === code);
          const content = editable ? (
            <Select
              size="small"
              aria-label={`${person.displayName} ${date}`}
              value={code ?? REST}
              status={cellProblems.length ? 'error' : undefined}
              onChange={(value: string) => setShift(person.userId, date, value)}
              popupMatchSelectWidth={false}
              style={{ width: '100%' }}
              options={[{ value: REST, label: t('attendance.rota.rest') }, ...(policy?.shifts ?? []).map((s) => ({ value: s.code, label: s.name }))]}
              labelRender={({ value }) =>
                value === REST ? (
                  <Typography.Text type="secondary">{t('attendance.rota.rest')}</Typography.Text>
                ) : (
                  <Tag color={colorOf(String(value))} style={{ marginInlineEnd: 0 }}>
                    {String(value)}
                  </Tag>
                )
              }
            />
          ) : code ? (
            <Tooltip title={shift?.name}>
              <Tag color={colorOf(code)}>{code}</Tag>
            </Tooltip>
          ) : (
            <Typography.Text type="secondary">{t('attendance.rota.rest')}</Typography.Text>
          );
          if (!cellProblems.length) return content;
          return (
            <Tooltip title={cellProblems.map((p) => `${problemText(p)} (${p.ruleId})`).join('; ')}>
              <div style={{ outline: `2px solid ${token.colorError}`, borderRadius: 4 }} data-problem={cellProblems.map((p) => p.code).join(' ')}>
                {content}
              </div>
            </Tooltip>
          );
        },
      };
    }),
  ];

  const published = rota.data?.published;

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
          <Space wrap>
            <Button icon={<LeftOutlined />} aria-label={t('attendance.rota.previousWeek')} onClick={() => move((m) => addDays(m, -7))} />
            <Typography.Text strong style={{ fontSize: 16 }}>
              {formatDate(dates[0], i18n.language)} – {formatDate(dates[6], i18n.language)}
            </Typography.Text>
            <Button icon={<RightOutlined />} aria-label={t('attendance.rota.nextWeek')} onClick={() => move((m) => addDays(m, 7))} />
            <Button disabled={week === mondayOf(today)} onClick={() => move(() => mondayOf(today))}>
              {t('attendance.rota.thisWeek')}
            </Button>
            {rota.data &&
              (published ? (
                <Tag icon={<CheckCircleOutlined />} color="success">
                  {t('attendance.rota.published', { time: siteTime(rota.data.publishedAt) })}
                </Tag>
              ) : (
                <Tag color="warning">{t('attendance.rota.draft')}</Tag>
              ))}
          </Space>
          {access.keepsRota && (
            <Space wrap>
              <Select
                aria-label={t('attendance.rota.proposalShift')}
                value={proposalShift}
                onChange={setProposal}
                options={currentPolicy?.shifts.map((s) => ({ value: s.code, label: s.name }))}
                style={{ minWidth: 180 }}
                popupMatchSelectWidth={false}
              />
              <Popconfirm
                title={t('attendance.rota.proposeConfirm')}
                okText={t('attendance.rota.propose')}
                cancelText={t('common.cancel')}
                disabled={!proposalShift || dates[6] < today}
                onConfirm={() =>
                  proposalShift &&
                  propose.mutate(
                    { body: { siteId: site.siteId, week, shiftCode: proposalShift } },
                    {
                      onSuccess: () => {
                        setPublishProblem(null);
                        void message.success(t('attendance.rota.proposed'));
                      },
                      onError: (p) => void message.error(attendanceProblemText(p, t)),
                    },
                  )
                }
              >
                <Button icon={<ThunderboltOutlined />} loading={propose.isPending} disabled={!proposalShift || dates[6] < today}>
                  {t('attendance.rota.propose')}
                </Button>
              </Popconfirm>
              <Button
                type="primary"
                loading={publish.isPending}
                disabled={!rota.data}
                onClick={() =>
                  publish.mutate(
                    { body: { siteId: site.siteId, week } },
                    {
                      onSuccess: () => {
                        setPublishProblem(null);
                        void message.success(t('attendance.rota.publishedDone'));
                      },
                      onError: (p) => (p.code === 'ROTA_INVALID' ? setPublishProblem({ week, problem: p }) : void message.error(attendanceProblemText(p, t))),
                    },
                  )
                }
              >
                {published ? t('attendance.rota.republish') : t('attendance.rota.publish')}
              </Button>
            </Space>
          )}
        </Flex>
        {refused && (
          <Alert
            type="error"
            showIcon
            title={t('attendance.rota.refused', { count: problems.length })}
            description={<ProblemList problems={problems} people={rota.data?.people ?? []} text={problemText} />}
            style={{ marginBottom: 16 }}
          />
        )}
        {!refused && access.keepsRota && problems.length > 0 && (
          <Alert type="warning" showIcon title={t('attendance.rota.blocking', { count: problems.length })} description={<ProblemList problems={problems} people={rota.data?.people ?? []} text={problemText} />} style={{ marginBottom: 16 }} />
        )}
        {!access.keepsRota && <Typography.Paragraph type="secondary">{t('attendance.rota.readOnly')}</Typography.Paragraph>}
        {rota.isError ? (
          <LoadError problem={rota.error} onRetry={() => void rota.refetch()} />
        ) : (
          <Table<RotaPersonDto>
            rowKey="userId"
            size="small"
            bordered
            columns={columns}
            dataSource={rota.data?.people}
            loading={rota.isPending || put.isPending || propose.isPending}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('attendance.rota.empty') }}
          />
        )}
      </Card>
      <BlackoutDaysCard />
    </Flex>
  );
}

function DayHeader({ date, blackout, today, weekend }: { date: string; blackout?: BlackoutDayDto; today: boolean; weekend: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <Flex vertical gap={2}>
      <span>
        <Typography.Text strong type={weekend ? 'secondary' : undefined}>
          {formatWeekday(date, i18n.language)}
        </Typography.Text>{' '}
        <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
          {date.slice(5)}
        </Typography.Text>
        {today && (
          <Tag color="blue" style={{ marginInlineStart: 6 }}>
            {t('attendance.rota.today')}
          </Tag>
        )}
      </span>
      {blackout && (
        <Tooltip title={t(`attendance.blackout.kinds.${blackout.kind}`)}>
          <Tag color="red" style={{ marginInlineEnd: 0, width: 'fit-content' }}>
            {blackout.name}
          </Tag>
        </Tooltip>
      )}
    </Flex>
  );
}

function ProblemList({ problems, people, text }: { problems: RotaProblem[]; people: RotaPersonDto[]; text: (p: RotaProblem) => string }) {
  const names = new Map(people.map((p) => [p.userId, p.displayName]));
  return (
    <ul style={{ margin: 0, paddingInlineStart: 20 }}>
      {problems.map((p, i) => (
        <li key={i}>
          {names.get(p.userId) ?? p.userId.slice(0, 8)}
          {p.date && ` · ${p.date}`}: {text(p)} ({p.ruleId})
        </li>
      ))}
    </ul>
  );
}

function shiftColors(versions: PolicyVersionDto[] | undefined) {
  const codes = [...new Set((versions ?? []).flatMap((v) => v.policy.shifts.map((s) => s.code)))];
  return (code: string) => SHIFT_COLORS[Math.max(0, codes.indexOf(code)) % SHIFT_COLORS.length];
}
