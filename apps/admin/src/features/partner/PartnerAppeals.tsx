import { App, Card, Form, Input, Modal, Table, Typography, type TableColumnsType } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppealDto, AttachmentInputDto, CommissionDto, PartnerReportDto } from '../../api/generated';
import { showFieldErrors } from '../../shared/forms';
import { LoadError } from '../../shared/ui/LoadError';
import { AttachmentsInput } from '../clients/attachments';
import { useCommissionColumns } from '../clients/commissions/CommissionsPage';
import { AppealDetails } from '../clients/disputes/DisputesPage';
import { ClientsProblem } from '../clients/problems';
import { RuleTags } from '../clients/rules';
import { useCurrentSite, useSiteTime } from '../shell/current-site';
import { useCreatePartnerAppeal, usePartnerAppeals, usePartnerCommissions } from './queries';

const PAGE_SIZE = 20;

/** A report judged natural, duplicate or expired may be appealed once, within the policy's days (CA-17). */
export const appealable = (r: PartnerReportDto) => r.status === 'natural' || r.status === 'duplicate' || r.status === 'expired';

export function AppealReportModal({ report, onClose }: { report: PartnerReportDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formId = useId();
  const [form] = Form.useForm<{ statement: string; attachments?: AttachmentInputDto[] }>();
  const create = useCreatePartnerAppeal();
  const close = () => {
    create.reset();
    onClose();
  };
  return (
    <Modal
      open={report !== null}
      title={t('clients.partner.appealTitle', { name: report?.customerName ?? '' })}
      okText={t('clients.disputes.appeal')}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: formId, loading: create.isPending }}
      onCancel={close}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('clients.partner.appealHint')}</Typography.Paragraph>
      <ClientsProblem problem={create.error} />
      <Form
        id={formId}
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) =>
          report &&
          create.mutate(
            { body: { reportId: report.id, statement: v.statement.trim(), ...(v.attachments?.length ? { attachments: v.attachments } : {}) } },
            {
              onSuccess: () => {
                void message.success(t('clients.disputes.appealed'));
                close();
              },
              onError: (p) => showFieldErrors(form, p),
            },
          )
        }
      >
        <Form.Item name="statement" label={t('clients.disputes.statement')} rules={[{ required: true, whitespace: true, message: t('clients.disputes.statementRequired') }]}>
          <Input.TextArea rows={4} maxLength={4000} placeholder={t('clients.partner.appealPlaceholder')} />
        </Form.Item>
        <Form.Item name="attachments" label={t('clients.attachments.label')}>
          <AttachmentsInput />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The agency's appeals and their decisions. */
export function PartnerAppealsCard() {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const [page, setPage] = useState(1);
  const appeals = usePartnerAppeals({ siteId: site.siteId, page, pageSize: PAGE_SIZE });
  const columns: TableColumnsType<AppealDto> = [
    { title: t('clients.disputes.raisedAt'), dataIndex: 'createdAt', render: (d: string) => siteTime(d) },
    { title: t('clients.disputes.statement'), dataIndex: 'statement', ellipsis: true },
    { title: t('common.status'), dataIndex: 'status', render: (s: string) => t(`clients.disputes.appealStatus.${s as 'open'}`, { defaultValue: s }) },
    { title: t('clients.fields.rules'), dataIndex: 'ruleIds', render: (ids: string[]) => <RuleTags ids={ids} /> },
  ];
  return (
    <Card>
      {appeals.isError ? (
        <LoadError problem={appeals.error} onRetry={() => void appeals.refetch()} />
      ) : (
        <Table<AppealDto>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={appeals.data?.items}
          loading={appeals.isFetching}
          expandable={{ expandedRowRender: (a) => <AppealDetails appeal={a} /> }}
          locale={{ emptyText: t('clients.partner.noAppeals') }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: appeals.data?.total ?? 0, showSizeChanger: false, showTotal: (total) => t('common.total', { count: total }), onChange: setPage }}
        />
      )}
    </Card>
  );
}

/** The agency's commissions on this site. */
export function PartnerCommissionsCard() {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const [page, setPage] = useState(1);
  const ledger = usePartnerCommissions({ siteId: site.siteId, page, pageSize: PAGE_SIZE });
  const columns = useCommissionColumns(false);
  return (
    <Card>
      {ledger.isError ? (
        <LoadError problem={ledger.error} onRetry={() => void ledger.refetch()} />
      ) : (
        <Table<CommissionDto>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={ledger.data?.items}
          loading={ledger.isFetching}
          locale={{ emptyText: t('clients.commissions.empty') }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: ledger.data?.total ?? 0, showSizeChanger: false, showTotal: (total) => t('common.total', { count: total }), onChange: setPage }}
        />
      )}
    </Card>
  );
}
