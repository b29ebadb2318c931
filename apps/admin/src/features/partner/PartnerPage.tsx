import { PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Flex, Form, Input, Modal, QRCode, Segmented, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { wallClock, zonedTime } from '@sitedesk/domain';
import dayjs, { type Dayjs } from 'dayjs';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartnerReportDto } from '../../api/generated';
import { showFieldErrors } from '../../shared/forms';
import { LoadError } from '../../shared/ui/LoadError';
import { PageTitle } from '../../shared/ui/PageTitle';
import { useMe } from '../auth/me';
import { ClientsProblem } from '../clients/problems';
import { REPORT_STATUSES, ReportStatusTag, type ReportStatus } from '../clients/status';
import { useCurrentSite, useSiteTime } from '../shell/current-site';
import { AppealReportModal, appealable, PartnerAppealsCard, PartnerCommissionsCard } from './PartnerAppeals';
import { useCreatePartnerReport, usePartnerReports } from './queries';
import { AnswerModal } from '../../shared/ui/AnswerModal';

const PAGE_SIZE = 20;

/** A fresh Idempotency-Key (crypto.randomUUID only exists on secure origins; the console may be served over plain http). */
const newKey = () => (typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(''));

/** The visit code of a pending report, as a QR code the receptionist scans and in large letters to type (CA-16). */
export function VisitCode({ code, customerName }: { code: string; customerName: string }) {
  const { t } = useTranslation();
  return (
    <Flex vertical align="center" gap={12} data-testid="visit-code">
      <QRCode value={code} size={220} bordered={false} aria-label={t('clients.partner.qr', { name: customerName })} />
      <Typography.Text copyable={{ text: code }} style={{ fontFamily: 'monospace', fontSize: 32, letterSpacing: 6, fontWeight: 600 }}>
        {code}
      </Typography.Text>
      <Typography.Text type="secondary">{t('clients.partner.codeHint')}</Typography.Text>
    </Flex>
  );
}

interface ReportForm {
  customerName: string;
  phone: string;
  expectedVisitAt: Dayjs;
}

/** The site's wall clock an hour from now, as the picker's starting value (GEN-4: the site's time). */
const inAnHour = (timeZone: string) => {
  const w = wallClock(new Date(Date.now() + 60 * 60_000), timeZone);
  return dayjs(`${w.date}T${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`);
};

/** A new report (CA-6) with an Idempotency-Key kept across retries of the same report. */
function ReportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const formId = useId();
  const [form] = Form.useForm<ReportForm>();
  const create = useCreatePartnerReport();
  const [key, setKey] = useState(newKey);
  const [answer, setAnswer] = useState<PartnerReportDto | null>(null);
  const close = () => {
    create.reset();
    setAnswer(null);
    setKey(newKey());
    onClose();
  };
  const submit = (v: ReportForm) => {
    const at = zonedTime(v.expectedVisitAt.format('YYYY-MM-DD'), v.expectedVisitAt.format('HH:mm'), site.timeZone);
    create.mutate(
      { body: { siteId: site.siteId, customerName: v.customerName.trim(), phone: v.phone.trim(), expectedVisitAt: at.toISOString() }, headers: { 'Idempotency-Key': key } },
      {
        onSuccess: (report) => setAnswer(report),
        onError: (problem) => showFieldErrors(form, problem),
      },
    );
  };
  return (
    <AnswerModal
      open={open}
      title={t('clients.partner.newReport')}
      onClose={close}
      formId={formId}
      submitLabel={t('clients.partner.submit')}
      pending={create.isPending}
      doneLabel={t('clients.partner.done')}
      answer={
        answer && (
          answer.status === 'pending' && answer.visitCode ? (
            <Flex vertical gap={16} data-testid="report-answer">
              <Alert type="success" showIcon title={t('clients.partner.accepted', { name: answer.customerName })} description={t('clients.partner.acceptedHint')} />
              <VisitCode code={answer.visitCode} customerName={answer.customerName} />
            </Flex>
          ) : (
            <Alert data-testid="report-answer" type="warning" showIcon title={t('clients.partner.duplicate', { name: answer.customerName })} description={t('clients.partner.duplicateHint')} />
          )
        )
      }
    >
      <>
        <Typography.Paragraph type="secondary">{t('clients.partner.formHint')}</Typography.Paragraph>
        <ClientsProblem problem={create.error} />
        <Form<ReportForm> id={formId} form={form} layout="vertical" initialValues={{ expectedVisitAt: inAnHour(site.timeZone) }} onFinish={submit}>
          <Form.Item name="customerName" label={t('clients.fields.name')} rules={[{ required: true, whitespace: true, message: t('clients.fields.nameRequired') }]}>
            <Input maxLength={50} autoFocus autoComplete="off" />
          </Form.Item>
          <Form.Item name="phone" label={t('clients.fields.phone')} extra={t('clients.partner.phoneHint')} rules={[{ required: true, message: t('clients.fields.phoneRequired') }]}>
            <Input maxLength={20} autoComplete="off" />
          </Form.Item>
          <Form.Item name="expectedVisitAt" label={t('clients.partner.expected')} extra={t('clients.partner.expectedHint', { zone: site.timeZone })} rules={[{ required: true, message: t('clients.partner.expectedRequired') }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </>
    </AnswerModal>
  );
}

/** A channel partner's own view (GEN-7): the agency's reports on this site, their codes, a form to report a customer. */
export function PartnerPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const [status, setStatus] = useState<ReportStatus | 'all'>('all');
  const [page, setPage] = useState(1);
  const [reporting, setReporting] = useState(false);
  const [showing, setShowing] = useState<PartnerReportDto | null>(null);
  const [appealing, setAppealing] = useState<PartnerReportDto | null>(null);
  const [tab, setTab] = useState<'reports' | 'appeals' | 'commissions'>('reports');
  const reports = usePartnerReports({ siteId: site.siteId, page, pageSize: PAGE_SIZE, ...(status !== 'all' ? { status } : {}) });

  const columns: TableColumnsType<PartnerReportDto> = [
    { title: t('clients.inbox.reportedAt'), dataIndex: 'createdAt', render: (d: string) => siteTime(d) },
    { title: t('clients.fields.name'), dataIndex: 'customerName' },
    { title: t('clients.fields.phone'), dataIndex: 'phoneMasked' },
    { title: t('clients.inbox.expected'), dataIndex: 'expectedVisitAt', render: (d: string) => siteTime(d) },
    { title: t('common.status'), dataIndex: 'status', render: (s: string) => <ReportStatusTag status={s} /> },
    { title: t('clients.inbox.expires'), dataIndex: 'expiresAt', render: (d: string) => siteTime(d) },
    { title: t('clients.inbox.visited'), dataIndex: 'visitedAt', render: (d: string | null) => siteTime(d) },
    {
      title: t('clients.partner.code'),
      key: 'code',
      render: (_, r) =>
        r.visitCode ? (
          <Button size="small" icon={<QrcodeOutlined />} onClick={() => setShowing(r)}>
            {r.visitCode}
          </Button>
        ) : appealable(r) ? (
          <Button size="small" onClick={() => setAppealing(r)}>
            {t('clients.disputes.appeal')}
          </Button>
        ) : (
          t('common.none')
        ),
    },
  ];

  return (
    <>
      <PageTitle
        title={t('clients.partner.title')}
        subtitle={t('clients.partner.subtitle', { agency: me.agencyName ?? '', site: site.name })}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setReporting(true)}>
            {t('clients.partner.newReport')}
          </Button>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as typeof tab)}
        items={[
          { key: 'reports', label: t('clients.partner.tabs.reports') },
          { key: 'appeals', label: t('clients.partner.tabs.appeals') },
          { key: 'commissions', label: t('clients.partner.tabs.commissions') },
        ]}
        style={{ marginBottom: 8 }}
      />
      {tab === 'appeals' && <PartnerAppealsCard />}
      {tab === 'commissions' && <PartnerCommissionsCard />}
      {tab === 'reports' && (
        <Card>
          <Segmented<ReportStatus | 'all'>
            value={status}
            onChange={(value) => {
              setStatus(value);
              setPage(1);
            }}
            options={[{ value: 'all' as const, label: t('clients.partner.all') }, ...REPORT_STATUSES.map((s) => ({ value: s, label: t(`clients.reportStatus.${s}`) }))]}
            style={{ marginBottom: 16 }}
          />
          {reports.isError ? (
            <LoadError problem={reports.error} onRetry={() => void reports.refetch()} />
          ) : (
            <Table<PartnerReportDto>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={reports.data?.items}
              loading={reports.isFetching}
              locale={{ emptyText: status === 'all' ? t('clients.partner.empty') : t('clients.partner.emptyStatus') }}
              pagination={{
                current: page,
                pageSize: PAGE_SIZE,
                total: reports.data?.total ?? 0,
                showSizeChanger: false,
                showTotal: (total) => t('common.total', { count: total }),
                onChange: setPage,
              }}
            />
          )}
        </Card>
      )}
      <ReportModal open={reporting} onClose={() => setReporting(false)} />
      <AppealReportModal report={appealing} onClose={() => setAppealing(null)} />
      <Modal open={showing !== null} title={t('clients.partner.codeTitle', { name: showing?.customerName ?? '' })} footer={null} onCancel={() => setShowing(null)} destroyOnHidden>
        {showing?.visitCode && <VisitCode code={showing.visitCode} customerName={showing.customerName} />}
      </Modal>
    </>
  );
}
