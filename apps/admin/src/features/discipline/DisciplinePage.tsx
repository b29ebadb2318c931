import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Flex, Select, Space, Switch, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DISCIPLINE_KINDS, fen, formatFen, type DisciplineKind } from '@sitedesk/domain';
import { listDiscipline, type DisciplineEntryDto } from '../../api/generated';
import { problemText } from '../../shared/problem-text';
import { saveDownload } from '../../shared/download';
import { useDownload } from '../../shared/use-download';
import { shortId } from '../../shared/format';
import { LoadError } from '../../shared/ui/LoadError';
import { PageTitle } from '../../shared/ui/PageTitle';
import { TextModal } from '../../shared/ui/TextModal';
import { useCurrentSite, useSiteTime } from '../shell/current-site';
import { useSitePeople } from '../users/queries';
import { IssueDisciplineDrawer } from './IssueDisciplineDrawer';
import { KIND_COLOR } from './kinds';
import { useDiscipline, useVoidDiscipline } from './queries';

const PAGE_SIZE = 20;

/** GEN-9: the discipline register. Staff see their own entries; managers the whole site's, and record and void. */
export function DisciplinePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site, access } = useCurrentSite();
  const manager = access.managesSite;
  const siteTime = useSiteTime();
  const [person, setPerson] = useState<string | undefined>();
  const [includeVoided, setIncludeVoided] = useState(false);
  const [kind, setKind] = useState<DisciplineKind | undefined>();
  const [month, setMonth] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [recording, setRecording] = useState(false);
  const [voiding, setVoiding] = useState<DisciplineEntryDto | null>(null);
  const filters = {
    siteId: site.siteId,
    ...(person ? { userId: person } : {}),
    ...(kind ? { kind } : {}),
    ...(month ? { month } : {}),
    ...(includeVoided ? { includeVoided: 'true' as const } : {}),
  };
  const entries = useDiscipline({ ...filters, page, pageSize: PAGE_SIZE });
  /** GEN-9 for payroll: every entry of the filters (not just this page), with the total, as the API writes it. */
  const { button } = useDownload(
    async (format: 'csv' | 'xlsx') => {
      const { data, response } = await listDiscipline({ query: { ...filters, format }, parseAs: 'blob' });
      return saveDownload(data, response, `discipline.${format}`);
    },
    (problem) => problemText(problem, t),
  );
  const refilter = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPage(1);
  };
  const people = useSitePeople(site.siteId, manager);
  const names = useMemo(() => new Map(people.data?.map((p) => [p.id, p.displayName])), [people.data]);
  const voidEntry = useVoidDiscipline();

  const columns: TableColumnsType<DisciplineEntryDto> = [
    { title: t('discipline.issuedAt'), dataIndex: 'issuedAt', render: siteTime, width: 170 },
    ...(manager ? [{ title: t('discipline.person'), dataIndex: 'userId', width: 120, render: (id: string) => names.get(id) ?? shortId(id) }] : []),
    { title: t('discipline.kind'), dataIndex: 'kind', width: 110, render: (kind: DisciplineKind) => <Tag color={KIND_COLOR[kind]}>{t(`discipline.kinds.${kind}`)}</Tag> },
    { title: t('discipline.rule'), dataIndex: 'ruleId', width: 100, render: (rule: string) => <Typography.Text code>{rule}</Typography.Text> },
    { title: t('discipline.amount'), dataIndex: 'amountFen', align: 'right', width: 120, render: (amount: number) => formatFen(fen(amount)) },
    { title: t('discipline.evidence'), dataIndex: 'evidence', ellipsis: { showTitle: true } },
    { title: t('discipline.source'), dataIndex: 'sourceModule', width: 140, render: (source: string) => (source === 'manual' ? t('discipline.sources.manual') : source) },
    {
      title: t('common.status'),
      key: 'status',
      width: 90,
      render: (_, e) =>
        e.voidedAt ? (
          <Tooltip title={e.voidReason}>
            <Tag>{t('discipline.voided')}</Tag>
          </Tooltip>
        ) : (
          <Tag color="blue">{t('discipline.active')}</Tag>
        ),
    },
    ...(manager
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, e: DisciplineEntryDto) =>
              !e.voidedAt && (
                <Button size="small" danger onClick={() => setVoiding(e)}>
                  {t('discipline.void')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageTitle
        title={t('discipline.title')}
        subtitle={manager ? t('discipline.subtitleManager') : t('discipline.subtitleOwn')}
        extra={
          manager && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)}>
              {t('discipline.record')}
            </Button>
          )
        }
      />
      <Card>
        <Flex gap={16} align="center" wrap style={{ marginBottom: 16 }}>
          {manager && (
            <Select
              aria-label={t('discipline.person')}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('discipline.allPeople')}
              value={person}
              onChange={refilter(setPerson)}
              options={people.data?.map((p) => ({ value: p.id, label: p.displayName }))}
              style={{ width: 200 }}
            />
          )}
          <Select
            aria-label={t('discipline.kind')}
            allowClear
            placeholder={t('discipline.allKinds')}
            value={kind}
            onChange={refilter(setKind)}
            options={DISCIPLINE_KINDS.map((k) => ({ value: k, label: t(`discipline.kinds.${k}`) }))}
            style={{ width: 140 }}
          />
          <DatePicker
            picker="month"
            aria-label={t('discipline.month')}
            placeholder={t('discipline.allMonths')}
            value={month ? dayjs(`${month}-01`) : null}
            onChange={(d) => refilter(setMonth)(d ? d.format('YYYY-MM') : undefined)}
          />
          <Flex gap={8} align="center">
            <Switch size="small" checked={includeVoided} onChange={refilter(setIncludeVoided)} />
            {t('discipline.includeVoided')}
          </Flex>
          <Space style={{ marginLeft: 'auto' }}>
            {button('csv', t('discipline.downloadCsv'))}
            {button('xlsx', t('discipline.downloadXlsx'))}
          </Space>
        </Flex>
        {entries.isError ? (
          <LoadError problem={entries.error} onRetry={() => void entries.refetch()} />
        ) : (
          <Table<DisciplineEntryDto>
            rowKey="id"
            columns={columns}
            dataSource={entries.data?.items}
            loading={entries.isFetching}
            locale={{ emptyText: t('discipline.empty') }}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: entries.data?.total, onChange: setPage, showTotal: (count) => t('common.total', { count }) }}
          />
        )}
      </Card>
      {manager && <IssueDisciplineDrawer open={recording} people={people.data ?? []} onClose={() => setRecording(false)} />}
      <TextModal
        open={voiding !== null}
        title={t('discipline.voidTitle')}
        label={t('discipline.voidReason')}
        requiredMessage={t('discipline.voidReasonRequired')}
        okText={t('discipline.void')}
        danger
        pending={voidEntry.isPending}
        problem={voidEntry.error}
        onCancel={() => {
          voidEntry.reset();
          setVoiding(null);
        }}
        onSubmit={(reason) => {
          if (!voiding) return;
          voidEntry.mutate(
            { path: { id: voiding.id }, body: { reason } },
            {
              onSuccess: () => {
                void message.success(t('discipline.voidedDone'));
                setVoiding(null);
              },
            },
          );
        }}
      />
    </>
  );
}
