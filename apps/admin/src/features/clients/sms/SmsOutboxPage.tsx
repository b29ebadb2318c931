import { Card, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SmsDto } from '../../../api/generated';
import { LoadError } from '../../../shared/ui/LoadError';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { useSms } from '../queries';
import { SmsStatusTag } from '../status';

const PAGE_SIZE = 20;

/** CA-13: the site's SMS outbox, newest first: the manager reviews the day's SMS after the evening meeting. */
export function SmsOutboxPage() {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const [page, setPage] = useState(1);
  const sms = useSms({ siteId: site.siteId, page, pageSize: PAGE_SIZE });
  const columns: TableColumnsType<SmsDto> = [
    { title: t('clients.sms.queuedAt'), dataIndex: 'createdAt', render: (d: string) => siteTime(d), width: 170 },
    { title: t('clients.sms.to'), dataIndex: 'toPhoneMasked', width: 140 },
    { title: t('clients.sms.body'), dataIndex: 'body', render: (b: string) => <Typography.Text>{b}</Typography.Text> },
    { title: t('common.status'), dataIndex: 'status', render: (s: string) => <SmsStatusTag status={s} />, width: 110 },
    { title: t('clients.sms.sentAt'), dataIndex: 'sentAt', render: (d: string | null) => siteTime(d), width: 170 },
  ];
  return (
    <Card>
      {sms.isError ? (
        <LoadError problem={sms.error} onRetry={() => void sms.refetch()} />
      ) : (
        <Table<SmsDto>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={sms.data?.items}
          loading={sms.isFetching}
          locale={{ emptyText: t('clients.sms.empty') }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: sms.data?.total ?? 0, showSizeChanger: false, showTotal: (total) => t('common.total', { count: total }), onChange: setPage }}
        />
      )}
    </Card>
  );
}
