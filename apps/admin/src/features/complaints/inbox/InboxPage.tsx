import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, DatePicker, Empty, Flex, Form, Input, Modal, Result, Select, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { ComplaintDto } from '../../../api/generated';
import { LoadError } from '../../../shared/ui/LoadError';
import { useDownload } from '../../../shared/use-download';
import { useMe } from '../../auth/me';
import { siteToday } from '../../attendance/dates';
import { useSiteEvents } from '../../attendance/live';
import { useStaffNames } from '../../attendance/queries';
import { useNow } from '../../attendance/use-now';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { complaintAccess } from '../access';
import { CHANNELS, SeverityTag, SEVERITIES, StateTag, STATES } from '../labels';
import { complaintProblemText } from '../problems';
import { downloadRegister, useComplaintPolicy, useComplaints } from '../queries';
import { SlaCell } from '../sla';
import { IntakeModal } from './IntakeModal';
import { useSavedViews, type InboxFilter } from './saved-views';

const PAGE_SIZE = 20;
/** Slow polling while the live stream is down; with the stream open the inbox refreshes on each complaint event. */
const REFRESH_MS = 30_000;
const EVENT_BATCH_MS = 400;

/** Built-in views: every complaint, mine, the unowned ones (online intake), the breached ones. */
const BUILT_IN: Record<string, InboxFilter> = { all: {}, mine: { ownerId: 'me' }, unowned: { ownerId: 'none' }, breached: { breached: 'true' } };

/**
 * The complaint inbox (CMP-1, CMP-5, GEN-10): newest first, filtered by state, severity, category,
 * owner, breach, channel and dates of receipt, with the SLA state of each row read now (GEN-8), saved
 * views, and live refresh from the site's complaint events. Staff without the inbox only register.
 */
export function InboxPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { site } = useCurrentSite();
  const access = complaintAccess(site);
  const siteTime = useSiteTime();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const now = useNow(30_000);
  const policy = useComplaintPolicy(site.siteId);
  const staff = useStaffNames(site.siteId, siteToday(site.timeZone));
  const saved = useSavedViews(me.id, site.siteId);
  const [filter, setFilter] = useState<InboxFilter>({});
  const [view, setView] = useState<string>('builtin:all');
  const [page, setPage] = useState(1);
  const [intake, setIntake] = useState(false);
  const [naming, setNaming] = useState(false);
  const [viewName, setViewName] = useState('');

  const batch = useRef<number | null>(null);
  const live = useSiteEvents(site.siteId, (e) => {
    if (!e.type.startsWith('complaint.') || batch.current !== null) return;
    batch.current = window.setTimeout(() => {
      batch.current = null;
      void queryClient.invalidateQueries({ predicate: (q) => ['listComplaints', 'getComplaint'].includes((q.queryKey[0] as { _id?: string } | undefined)?._id ?? '') });
    }, EVENT_BATCH_MS);
  });
  useEffect(() => () => void (batch.current !== null && window.clearTimeout(batch.current)), []);

  const ownerId = filter.ownerId === 'me' ? me.id : filter.ownerId;
  const query = { siteId: site.siteId, ...filter, ownerId, breached: filter.breached === undefined ? undefined : filter.breached === 'true' };
  const list = useComplaints({ ...query, page, pageSize: PAGE_SIZE }, access.readsInbox && live !== 'live' ? REFRESH_MS : false, access.readsInbox);
  // The register as a file: every complaint the filters find, not the page on screen.
  const { button } = useDownload(
    (format: 'csv' | 'xlsx') => downloadRegister(query, format),
    (problem) => complaintProblemText(problem, t),
  );

  const created = (id: string) => {
    setIntake(false);
    void navigate(`/complaints/${id}`);
  };

  if (!access.readsInbox) {
    // Staff who do not work the inbox (a consultant) still register what a customer tells them (CMP-1).
    return (
      <>
        <Result
          status="info"
          title={t('complaints.inbox.registerOnlyTitle')}
          subTitle={t('complaints.inbox.registerOnly')}
          extra={
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setIntake(true)}>
              {t('complaints.intake.open')}
            </Button>
          }
        />
        <IntakeModal open={intake} policy={policy.data?.policy} staff={staff.people} onClose={() => setIntake(false)} onCreated={(c) => created(c.id)} />
      </>
    );
  }

  const change = (patch: Partial<InboxFilter>) => {
    setFilter((f) => Object.fromEntries(Object.entries({ ...f, ...patch }).filter(([, v]) => v !== undefined && v !== '')) as InboxFilter);
    setView('custom');
    setPage(1);
  };
  const pickView = (key: string) => {
    setView(key);
    setPage(1);
    if (key.startsWith('builtin:')) setFilter(BUILT_IN[key.slice(8)] ?? {});
    else setFilter(saved.views.find((v) => `saved:${v.name}` === key)?.filter ?? {});
  };
  const categories = policy.data?.policy.categories ?? [];
  const categoryName = (code: string | undefined) => categories.find((c) => c.code === code)?.name ?? code;
  const ownerName = (c: ComplaintDto) => c.ownerName || (c.ownerId ? (staff.names.get(c.ownerId) ?? c.ownerId.slice(0, 8)) : '');

  const columns: TableColumnsType<ComplaintDto> = [
    { title: t('complaints.field.receivedAt'), dataIndex: 'receivedAt', render: siteTime, width: 150 },
    {
      title: t('complaints.field.complainant'),
      key: 'who',
      render: (_, c) => (
        <Space direction="vertical" size={0}>
          <Link to={`/complaints/${c.id}`} onClick={(e) => e.stopPropagation()}>
            {c.complainantName}
          </Link>
          {c.importantCustomer && <Tag color="gold">{t('complaints.field.importantShort')}</Tag>}
        </Space>
      ),
    },
    { title: t('complaints.field.content'), dataIndex: 'content', ellipsis: true },
    { title: t('complaints.field.channel'), dataIndex: 'channel', render: (ch: ComplaintDto['channel']) => t(`complaints.channel.${ch}`), width: 90 },
    {
      title: t('complaints.field.category'),
      key: 'category',
      render: (_, c) => (c.classification ? `${t(`complaints.kind.${c.classification.kind}`)} · ${categoryName(c.classification.category)}` : <Typography.Text type="secondary">{t('complaints.inbox.untriaged')}</Typography.Text>),
    },
    { title: t('complaints.field.severity'), dataIndex: 'severity', render: (s: ComplaintDto['severity']) => <SeverityTag severity={s} />, width: 80 },
    { title: t('common.status'), dataIndex: 'state', render: (s: ComplaintDto['state']) => <StateTag state={s} />, width: 100 },
    { title: t('complaints.field.level'), dataIndex: 'levelRole', render: (r: string) => t(`roles.${r}` as 'roles.admin', { defaultValue: r }), width: 110 },
    { title: t('complaints.field.owner'), key: 'owner', render: (_, c) => ownerName(c) || <Tag color="orange">{t('complaints.inbox.unowned')}</Tag>, width: 100 },
    { title: t('complaints.field.sla'), key: 'sla', render: (_, c) => <SlaCell c={c} now={now} />, width: 140 },
  ];

  const viewOptions = [
    { label: t('complaints.views.builtIn'), options: Object.keys(BUILT_IN).map((k) => ({ value: `builtin:${k}`, label: t(`complaints.views.${k as 'all'}`) })) },
    ...(saved.views.length ? [{ label: t('complaints.views.saved'), options: saved.views.map((v) => ({ value: `saved:${v.name}`, label: v.name })) }] : []),
    ...(view === 'custom' ? [{ label: '', options: [{ value: 'custom', label: t('complaints.views.custom') }] }] : []),
  ];

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space wrap>
          <Select aria-label={t('complaints.views.label')} value={view} onChange={pickView} options={viewOptions} style={{ width: 200 }} />
          <Button icon={<SaveOutlined />} onClick={() => setNaming(true)}>
            {t('complaints.views.save')}
          </Button>
          {view.startsWith('saved:') && (
            <Button
              icon={<DeleteOutlined />}
              onClick={() => {
                saved.remove(view.slice(6));
                pickView('builtin:all');
              }}
            >
              {t('complaints.views.remove')}
            </Button>
          )}
          <Tooltip title={t('complaints.inbox.exportHint')}>
            {button('csv', t('complaints.inbox.exportCsv'))}
          </Tooltip>
          {button('xlsx', t('complaints.inbox.exportXlsx'))}
          <Badge
            data-testid="inbox-live"
            data-live={live}
            status={live === 'live' ? 'processing' : live === 'polling' ? 'warning' : 'default'}
            text={t(`complaints.live.${live}`)}
          />
        </Space>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setIntake(true)}>
          {t('complaints.intake.open')}
        </Button>
      </Flex>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Select aria-label={t('common.status')} allowClear placeholder={t('common.status')} value={filter.status} onChange={(v) => change({ status: v })} options={STATES.map((s) => ({ value: s, label: t(`complaints.state.${s}`) }))} style={{ width: 130 }} />
          <Select aria-label={t('complaints.field.severity')} allowClear placeholder={t('complaints.field.severity')} value={filter.severity} onChange={(v) => change({ severity: v })} options={SEVERITIES.map((s) => ({ value: s, label: t(`complaints.severity.${s}`) }))} style={{ width: 120 }} />
          <Select aria-label={t('complaints.field.category')} allowClear placeholder={t('complaints.field.category')} value={filter.category} onChange={(v) => change({ category: v })} options={categories.map((c) => ({ value: c.code, label: c.name }))} style={{ width: 140 }} />
          <Select
            aria-label={t('complaints.field.owner')}
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('complaints.field.owner')}
            value={filter.ownerId}
            onChange={(v) => change({ ownerId: v })}
            options={[{ value: 'me', label: t('complaints.views.mine') }, { value: 'none', label: t('complaints.inbox.unowned') }, ...staff.people.map((p) => ({ value: p.userId, label: p.displayName }))]}
            style={{ width: 150 }}
          />
          <Select
            aria-label={t('complaints.field.sla')}
            allowClear
            placeholder={t('complaints.field.sla')}
            value={filter.breached}
            onChange={(v) => change({ breached: v })}
            options={[
              { value: 'true', label: t('complaints.inbox.breachedOnly') },
              { value: 'false', label: t('complaints.inbox.notBreached') },
            ]}
            style={{ width: 140 }}
          />
          <Select aria-label={t('complaints.field.channel')} allowClear placeholder={t('complaints.field.channel')} value={filter.channel} onChange={(v) => change({ channel: v })} options={CHANNELS.map((c) => ({ value: c, label: t(`complaints.channel.${c}`) }))} style={{ width: 120 }} />
          <DatePicker.RangePicker
            aria-label={t('complaints.inbox.dates')}
            value={filter.from && filter.to ? [dayjs(filter.from), dayjs(filter.to)] : null}
            onChange={(r) => change({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
            placeholder={[t('complaints.inbox.from'), t('complaints.inbox.to')]}
          />
        </Space>
      </Card>
      {list.isError ? (
        <LoadError problem={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<ComplaintDto>
          rowKey="id"
          size="middle"
          loading={list.isPending}
          columns={columns}
          dataSource={list.data?.items}
          onRow={(c) => ({ onClick: () => void navigate(`/complaints/${c.id}`), style: { cursor: 'pointer' } })}
          locale={{ emptyText: <Empty description={Object.keys(filter).length ? t('complaints.inbox.emptyFiltered') : t('complaints.inbox.empty')} /> }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total, onChange: setPage, showTotal: (count) => t('common.total', { count }), hideOnSinglePage: true }}
        />
      )}
      <IntakeModal open={intake} policy={policy.data?.policy} staff={staff.people} onClose={() => setIntake(false)} onCreated={(c) => created(c.id)} />
      <Modal
        open={naming}
        title={t('complaints.views.saveTitle')}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: !viewName.trim() }}
        onCancel={() => setNaming(false)}
        onOk={() => {
          saved.save({ name: viewName.trim(), filter });
          setView(`saved:${viewName.trim()}`);
          setViewName('');
          setNaming(false);
        }}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item label={t('complaints.views.name')} extra={t('complaints.views.storedHint')}>
            <Input value={viewName} onChange={(e) => setViewName(e.target.value)} maxLength={40} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
