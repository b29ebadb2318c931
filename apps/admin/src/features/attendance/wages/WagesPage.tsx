import { Alert, App, Button, Card, Flex, InputNumber, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WageDto } from '../../../api/generated';
import { LoadError } from '../../../shared/ui/LoadError';
import { useMe } from '../../auth/me';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { siteToday } from '../dates';
import { attendanceProblemText } from '../problems';
import { usePolicyVersions, usePutWage, useWages, versionOn } from '../queries';

type Draft = { monthly: number | null; daily: number | null };
const toYuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? null : fen / 100);
const toFen = (yuan: number | null) => (yuan === null || yuan === undefined ? null : Math.round(yuan * 100));

/**
 * ATT-12: managers keep each person's wage — monthly (on-site: wage ÷ days worked × days) and/or daily
 * (trampoline: shares of the day's wage) — so that the monthly report shows deductions as amounts.
 * Every change is audited; nobody sets their own wage.
 */
export function WagesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const wages = useWages(site.siteId);
  const versions = usePolicyVersions(site.siteId);
  const kind = versionOn(versions.data, siteToday(site.timeZone))?.policy.deductions.kind;
  const put = usePutWage();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const draftOf = (w: WageDto): Draft => drafts[w.userId] ?? { monthly: toYuan(w.monthlyFen), daily: toYuan(w.dailyFen) };
  const edit = (w: WageDto, patch: Partial<Draft>) => setDrafts((d) => ({ ...d, [w.userId]: { ...draftOf(w), ...patch } }));
  const changed = (w: WageDto) => {
    const d = drafts[w.userId];
    return !!d && (toFen(d.monthly) !== (w.monthlyFen ?? null) || toFen(d.daily) !== (w.dailyFen ?? null));
  };
  const save = (w: WageDto) => {
    const d = draftOf(w);
    put.mutate(
      { body: { siteId: site.siteId, userId: w.userId, monthlyFen: toFen(d.monthly), dailyFen: toFen(d.daily) } },
      {
        onSuccess: () => {
          void message.success(t('attendance.wages.saved', { name: w.displayName }));
          setDrafts(({ [w.userId]: _, ...rest }) => rest);
        },
        onError: (p) => void message.error(attendanceProblemText(p, t)),
      },
    );
  };

  const columns: TableColumnsType<WageDto> = [
    { title: t('attendance.records.person'), dataIndex: 'displayName', render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
    {
      title: t('attendance.wages.monthly'),
      key: 'monthly',
      render: (_, w) => (
        <InputNumber<number>
          aria-label={`${t('attendance.wages.monthly')} ${w.displayName}`}
          min={0.01}
          max={10_000_000}
          precision={2}
          value={draftOf(w).monthly}
          onChange={(v) => edit(w, { monthly: v })}
          disabled={w.userId === me.id}
          style={{ width: 140 }}
        />
      ),
    },
    {
      title: t('attendance.wages.daily'),
      key: 'daily',
      render: (_, w) => (
        <InputNumber<number>
          aria-label={`${t('attendance.wages.daily')} ${w.displayName}`}
          min={0.01}
          max={10_000_000}
          precision={2}
          value={draftOf(w).daily}
          onChange={(v) => edit(w, { daily: v })}
          disabled={w.userId === me.id}
          style={{ width: 140 }}
        />
      ),
    },
    { title: t('attendance.wages.updatedAt'), dataIndex: 'updatedAt', render: (at: string | null) => (at ? siteTime(at) : <Typography.Text type="secondary">{t('attendance.wages.none')}</Typography.Text>) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, w) =>
        w.userId === me.id ? (
          <Typography.Text type="secondary">{t('attendance.wages.notYourOwn')}</Typography.Text>
        ) : (
          <Button size="small" type="primary" disabled={!changed(w) || (draftOf(w).monthly === null && draftOf(w).daily === null)} loading={put.isPending && put.variables?.body.userId === w.userId} onClick={() => save(w)}>
            {t('common.save')}
          </Button>
        ),
    },
  ];

  return (
    <Card title={t('attendance.wages.title')}>
      <Flex vertical gap={16}>
        <Alert type="info" showIcon title={kind ? t(`attendance.wages.policy.${kind}`) : t('attendance.wages.hint')} />
        {wages.isError ? (
          <LoadError problem={wages.error} onRetry={() => void wages.refetch()} />
        ) : (
          <Table<WageDto> rowKey="userId" size="middle" columns={columns} dataSource={wages.data} loading={wages.isFetching} locale={{ emptyText: t('attendance.wages.empty') }} pagination={{ pageSize: 50, hideOnSinglePage: true }} />
        )}
      </Flex>
    </Card>
  );
}
