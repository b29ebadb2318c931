import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Input, Result, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { UNIT_STATUSES, type UnitStatus } from '@sitedesk/domain';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { ImportResultDto, UnitDto } from '../../../api/generated';
import type { Problem } from '../../../api/problem';
import { LoadError } from '../../../shared/ui/LoadError';
import { useDownload } from '../../../shared/use-download';
import { useCurrentSite } from '../../shell/current-site';
import { reservationAccess } from '../access';
import { useLive } from '../live';
import { yuanText } from '../money';
import { ReservationProblem, reservationProblemText } from '../problems';
import { downloadUnits, useImportUnits, useUnits } from '../queries';
import { UnitStatusTag } from '../status';
import { useUnitLink } from '../unit-link';
import { UnitFormModal } from './UnitFormModal';

const PAGE_SIZE = 20;

/** RES-1: the unit inventory as a list — filters and paging; adding, editing and CSV import for the manager and the clerk. */
export function UnitsPage() {
  const { t, i18n } = useTranslation();
  const { site } = useCurrentSite();
  const access = reservationAccess(site);
  const live = useLive();
  const unitLink = useUnitLink();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? '1') || 1;
  const status = (params.get('status') as UnitStatus | null) ?? undefined;
  const building = params.get('building') ?? undefined;
  const q = params.get('q') ?? undefined;
  const units = useUnits({ siteId: site.siteId, page, pageSize: PAGE_SIZE, status, building, q }, live.poll);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UnitDto | null>(null);
  // 销控表: every unit the filters find, not the page on screen.
  const { button } = useDownload(
    (format: 'csv' | 'xlsx') => downloadUnits({ siteId: site.siteId, status, building, q }, format),
    (problem) => reservationProblemText(problem, t),
  );
  const set = (changes: Record<string, string | null | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const filtered = !!(status || building || q);

  const columns: TableColumnsType<UnitDto> = [
    { title: t('reservation.fields.building'), dataIndex: 'building' },
    {
      title: t('reservation.fields.number'),
      dataIndex: 'number',
      render: (n: string, u) => (
        <Typography.Link onClick={() => unitLink.open(u.id)} aria-label={`${u.building} ${n}`}>
          {n}
        </Typography.Link>
      ),
    },
    { title: t('reservation.fields.floor'), dataIndex: 'floor', align: 'right' },
    { title: t('reservation.fields.layout'), dataIndex: 'layout' },
    { title: t('reservation.fields.area'), dataIndex: 'areaM2', align: 'right', render: (v: number) => `${v} ㎡` },
    { title: t('reservation.fields.listPrice'), dataIndex: 'listPriceFen', align: 'right', render: (v: number) => yuanText(v, i18n.language) },
    { title: t('common.status'), dataIndex: 'status', render: (s: UnitStatus) => <UnitStatusTag status={s} /> },
    ...(access.inventory
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, u: UnitDto) => (
              <Button size="small" onClick={() => setEditing(u)}>
                {t('reservation.unit.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16}>
      <Card
        title={t('reservation.units.title')}
        extra={
          <Space>
            {button('csv', t('reservation.units.exportCsv'))}
            {button('xlsx', t('reservation.units.exportXlsx'))}
            {access.inventory && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('reservation.units.create')}
              </Button>
            )}
          </Space>
        }
      >
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search aria-label={t('reservation.fields.building')} placeholder={t('reservation.fields.building')} defaultValue={building} allowClear maxLength={40} style={{ width: 160 }} onSearch={(v) => set({ building: v.trim(), page: null })} />
          <Input.Search aria-label={t('reservation.board.search')} placeholder={t('reservation.board.search')} defaultValue={q} allowClear maxLength={40} style={{ width: 200 }} onSearch={(v) => set({ q: v.trim(), page: null })} />
          <Select
            aria-label={t('common.status')}
            placeholder={t('reservation.board.allStatuses')}
            allowClear
            value={status}
            onChange={(v) => set({ status: v, page: null })}
            options={UNIT_STATUSES.map((s) => ({ value: s, label: t(`reservation.unitStatus.${s}`) }))}
            style={{ width: 140 }}
          />
        </Space>
        {units.isError ? (
          <LoadError problem={units.error} onRetry={() => void units.refetch()} />
        ) : (
          <Table<UnitDto>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={units.data?.items}
            loading={units.isFetching && !units.data}
            locale={{ emptyText: filtered ? t('reservation.board.noMatch') : t(access.inventory ? 'reservation.units.emptyInventory' : 'reservation.board.empty') }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: units.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (p) => set({ page: String(p) }),
            }}
          />
        )}
      </Card>
      {access.inventory && <ImportCard />}
      {creating && <UnitFormModal onClose={() => setCreating(false)} />}
      {editing && <UnitFormModal unit={editing} onClose={() => setEditing(null)} />}
    </Flex>
  );
}

/** The largest CSV the API takes (characters). */
const MAX_CSV = 500_000;

/** RES-1 import: CSV pasted or read from a file; the good rows are created, each bad row is reported by line, field and code. */
function ImportCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const run = useImportUnits();
  const [csv, setCsv] = useState('');
  const [result, setResult] = useState<ImportResultDto | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const file = useRef<HTMLInputElement>(null);

  const submit = async () => {
    setProblem(null);
    setResult(null);
    try {
      const answer = await run.mutateAsync({ body: { siteId: site.siteId, csv } });
      setResult(answer);
      if (answer.errors.length === 0) message.success(t('reservation.import.allGood', { count: answer.created }));
    } catch (e) {
      setProblem(e as Problem);
    }
  };

  const readFile = async (f: File | undefined) => {
    if (!f) return;
    const text = await f.text();
    setCsv(text.replace(/^\uFEFF/, ''));
    setResult(null);
  };

  const columns: TableColumnsType<ImportResultDto['errors'][number]> = [
    { title: t('reservation.import.line'), dataIndex: 'line', width: 80, align: 'right' },
    { title: t('reservation.import.field'), dataIndex: 'field', width: 120 },
    { title: t('reservation.import.code'), dataIndex: 'code', width: 200, render: (c: string) => <Tag color="red">{t(`reservation.import.codes.${c as 'UNIT_EXISTS'}`, { defaultValue: c })}</Tag> },
    { title: t('reservation.import.message'), dataIndex: 'message' },
  ];

  return (
    <Card title={t('reservation.import.title')}>
      <Typography.Paragraph type="secondary">{t('reservation.import.hint')}</Typography.Paragraph>
      <Typography.Paragraph>
        <Typography.Text code copyable>
          {t('reservation.import.example')}
        </Typography.Text>
      </Typography.Paragraph>
      <ReservationProblem problem={problem} />
      <Input.TextArea
        aria-label={t('reservation.import.csv')}
        placeholder={t('reservation.import.placeholder')}
        value={csv}
        onChange={(e) => {
          setCsv(e.target.value);
          setResult(null);
        }}
        rows={8}
        maxLength={MAX_CSV}
        style={{ fontFamily: 'monospace', marginBottom: 12 }}
      />
      <Space>
        <input ref={file} type="file" accept=".csv,text/csv,text/plain" hidden data-testid="import-file" onChange={(e) => void readFile(e.target.files?.[0])} />
        <Button icon={<UploadOutlined />} onClick={() => file.current?.click()}>
          {t('reservation.import.chooseFile')}
        </Button>
        <Button type="primary" disabled={!csv.trim()} loading={run.isPending} onClick={() => void submit()}>
          {t('reservation.import.run')}
        </Button>
      </Space>
      {result && (
        <div data-testid="import-result" style={{ marginTop: 16 }}>
          {result.errors.length === 0 ? (
            <Result status="success" title={t('reservation.import.allGood', { count: result.created })} />
          ) : (
            <>
              <Alert
                type={result.created > 0 ? 'warning' : 'error'}
                showIcon
                title={t('reservation.import.partial', { created: result.created, bad: new Set(result.errors.map((e) => e.line)).size })}
                style={{ marginBottom: 12 }}
              />
              <Table rowKey={(e) => `${e.line}-${e.field}-${e.code}`} size="small" columns={columns} dataSource={result.errors} pagination={result.errors.length > 20 ? { pageSize: 20 } : false} />
            </>
          )}
        </div>
      )}
    </Card>
  );
}
