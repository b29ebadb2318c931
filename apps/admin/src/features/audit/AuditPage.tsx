import { SearchOutlined } from '@ant-design/icons';
import { AutoComplete, Button, Card, Col, DatePicker, Form, Input, Row, Segmented, Table, Tag, Typography, type GetProps, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEventDto, ListAuditEventsData } from '../../api/generated';
import { problemText } from '../../shared/problem-text';
import { useDownload } from '../../shared/use-download';
import { JsonBlock } from '../../shared/ui/JsonBlock';
import { LoadError } from '../../shared/ui/LoadError';
import { PageTitle } from '../../shared/ui/PageTitle';
import { useMe } from '../auth/me';
import { useCurrentSite, useSiteTime } from '../shell/current-site';
import { sitePeriod } from './period';
import { downloadAuditEvents, useAuditEvents } from './queries';

type Scope = 'site' | 'all';
type Filters = Pick<NonNullable<ListAuditEventsData['query']>, 'entityType' | 'entityId' | 'from' | 'to'>;
interface FilterForm {
  entityType?: string;
  entityId?: string;
  range?: GetProps<typeof DatePicker.RangePicker>['value'];
}

/** Entity types with a name of their own; any other type is searchable and shown as it is. */
const ENTITY_TYPES = ['user', 'api_key', 'discipline_entry', 'approval'] as const;
const isNamedEntity = (type: string): type is (typeof ENTITY_TYPES)[number] => (ENTITY_TYPES as readonly string[]).includes(type);
const PAGE_SIZE = 20;

/** GEN-3: the audit trail, newest first, with before/after of each change. */
export function AuditPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const [scope, setScope] = useState<Scope>('site');
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const query = { ...(scope === 'site' ? { siteId: site.siteId } : {}), ...filters };
  const events = useAuditEvents({ page, pageSize: PAGE_SIZE, ...query });
  const { button } = useDownload(
    (_: 'csv') => downloadAuditEvents(query),
    (problem) => problemText(problem, t),
  );

  const siteCode = (siteId: string | null | undefined) =>
    siteId ? (me.sites.find((s) => s.siteId === siteId)?.code ?? siteId.slice(0, 8)) : t('audit.organizationLevel');
  const entityLabel = (type: string) => (isNamedEntity(type) ? t(`audit.entityTypes.${type}`) : type);

  const apply = (form: FilterForm) => {
    const [first, last] = form.range ?? [];
    setFilters({
      ...(form.entityType?.trim() ? { entityType: form.entityType.trim() } : {}),
      ...(form.entityId?.trim() ? { entityId: form.entityId.trim() } : {}),
      ...(first && last ? sitePeriod(first.format('YYYY-MM-DD'), last.format('YYYY-MM-DD'), site.timeZone) : {}),
    });
    setPage(1);
  };

  const columns: TableColumnsType<AuditEventDto> = [
    { title: t('audit.at'), dataIndex: 'at', render: siteTime, width: 150 },
    { title: t('audit.actor'), dataIndex: 'actorLogin', render: (login: string | null) => login ?? t('audit.system') },
    { title: t('audit.action'), dataIndex: 'action', render: (action: string) => <Tag color="geekblue">{action}</Tag> },
    {
      title: t('audit.entity'),
      key: 'entity',
      render: (_, e) => (
        <>
          {entityLabel(e.entityType)} <Typography.Text type="secondary" copyable={{ text: e.entityId }}>{e.entityId.slice(0, 8)}</Typography.Text>
        </>
      ),
    },
    { title: t('audit.site'), dataIndex: 'siteId', render: siteCode },
    { title: t('audit.reason'), dataIndex: 'reason', render: (reason: string | null) => reason ?? t('common.none') },
  ];

  return (
    <>
      <PageTitle
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        extra={button('csv', t('audit.exportCsv'))}
      />
      <Card>
        <Form<FilterForm> layout="vertical" onFinish={apply}>
          <Row gutter={12} align="bottom">
            <Col>
              <Form.Item label={t('common.scope')}>
                <Segmented<Scope>
                  value={scope}
                  onChange={(s) => {
                    setScope(s);
                    setPage(1);
                  }}
                  options={[
                    { value: 'site', label: t('common.thisSite') },
                    { value: 'all', label: t('common.mySites') },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col>
              <Form.Item name="entityType" label={t('audit.entityType')}>
                <AutoComplete allowClear options={ENTITY_TYPES.map((value) => ({ value, label: `${value} · ${entityLabel(value)}` }))} style={{ width: 200 }} />
              </Form.Item>
            </Col>
            <Col>
              <Form.Item name="entityId" label={t('audit.entityId')}>
                <Input allowClear style={{ width: 240 }} />
              </Form.Item>
            </Col>
            <Col>
              <Form.Item name="range" label={t('audit.dateRange')}>
                <DatePicker.RangePicker />
              </Form.Item>
            </Col>
            <Col>
              <Form.Item>
                <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                  {t('common.search')}
                </Button>
              </Form.Item>
            </Col>
          </Row>
        </Form>
        {events.isError ? (
          <LoadError problem={events.error} onRetry={() => void events.refetch()} />
        ) : (
          <Table<AuditEventDto>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={events.data?.items}
            loading={events.isFetching}
            locale={{ emptyText: t('audit.empty') }}
            expandable={{ expandedRowRender: (e) => <AuditChange event={e} /> }}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: events.data?.total, onChange: setPage, showTotal: (count) => t('common.total', { count }) }}
          />
        )}
      </Card>
    </>
  );
}

function AuditChange({ event }: { event: AuditEventDto }) {
  const { t } = useTranslation();
  return (
    <Row gutter={16}>
      <Col span={12}>
        <Typography.Text strong>{t('audit.before')}</Typography.Text>
        <JsonBlock value={event.before} />
      </Col>
      <Col span={12}>
        <Typography.Text strong>{t('audit.after')}</Typography.Text>
        <JsonBlock value={event.after} />
      </Col>
      {event.requestId && (
        <Col span={24}>
          <Typography.Text type="secondary">
            {t('audit.requestId')}: <Typography.Text copyable>{event.requestId}</Typography.Text>
          </Typography.Text>
        </Col>
      )}
    </Row>
  );
}
