import { App, Button, Card, Descriptions, Drawer, Flex, Form, Input, Modal, Radio, Segmented, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { AppealDto, AttachmentInputDto, DisputeDto } from '../../../api/generated';
import type { Problem } from '../../../api/problem';
import { showFieldErrors } from '../../../shared/forms';
import { LoadError } from '../../../shared/ui/LoadError';
import { useMe } from '../../auth/me';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { clientsAccess } from '../access';
import { AttachmentLinks, AttachmentsInput } from '../attachments';
import { ClientsProblem } from '../problems';
import { useAppealDispute, useAppeals, useDecideAppeal, useDecideDispute, useDispute, useDisputes, useRaiseDispute } from '../queries';
import { KNOWN_RULES, RuleTags } from '../rules';

const PAGE_SIZE = 20;
const DECIDERS = ['manager', 'director'];

/** A form in a modal: one submit, the problem above the fields, field errors at the fields. */
function FormModal<T extends object>({
  open,
  title,
  okText,
  pending,
  problem,
  onCancel,
  onSubmit,
  children,
  initialValues,
}: {
  open: boolean;
  title: string;
  okText: string;
  pending: boolean;
  problem: Problem | null;
  onCancel: () => void;
  onSubmit: (values: T, form: ReturnType<typeof Form.useForm<T>>[0]) => void;
  children: ReactNode;
  initialValues?: Partial<T>;
}) {
  const { t } = useTranslation();
  const formId = useId();
  const [form] = Form.useForm<T>();
  return (
    <Modal open={open} title={title} okText={okText} cancelText={t('common.cancel')} okButtonProps={{ htmlType: 'submit', form: formId, loading: pending }} onCancel={onCancel} destroyOnHidden>
      <ClientsProblem problem={problem} />
      <Form<T> id={formId} form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => onSubmit(v, form)}>
        {children}
      </Form>
    </Modal>
  );
}

const ruleOptions = (t: TFunction) => KNOWN_RULES.map((id) => ({ value: id, label: `${id} ${t(`clients.rules.${id}`)}` }));

function AppealStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  const color = status === 'upheld' ? 'green' : status === 'rejected' ? 'red' : 'blue';
  return <Tag color={color}>{t(`clients.disputes.appealStatus.${status as 'open'}`, { defaultValue: status })}</Tag>;
}

/** One dispute: the claim, the decision with its rules, the appeal; the decision and the appeal as the roles allow. */
function DisputeDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const dispute = useDispute(id);
  const decide = useDecideDispute();
  const appeal = useAppealDispute();
  const [deciding, setDeciding] = useState(false);
  const [appealing, setAppealing] = useState(false);
  const d = dispute.data;
  const decider = site.roles.some((r) => DECIDERS.includes(r));
  const lost = d?.status === 'decided' && d.winnerId !== me.id && (d.claimantId === me.id || d.respondentId === me.id);
  const canAppeal = lost && !d?.appeal && (!d?.appealDeadline || new Date(d.appealDeadline) > new Date());
  const parties = d ? [{ value: d.claimantId, label: `${d.claimantName ?? ''} (${t('clients.disputes.claimant')})` }, ...(d.respondentId ? [{ value: d.respondentId, label: `${d.respondentName ?? ''} (${t('clients.disputes.respondent')})` }] : [])] : [];

  return (
    <Drawer open={id !== null} onClose={onClose} width={640} title={d ? t('clients.disputes.drawerTitle', { name: d.customerName }) : ''} destroyOnHidden>
      {dispute.isError ? (
        <LoadError problem={dispute.error} onRetry={() => void dispute.refetch()} />
      ) : d ? (
        <Flex vertical gap={16}>
          <Descriptions
            column={1}
            size="small"
            bordered
            items={[
              { key: 'customer', label: t('clients.fields.name'), children: <Link to={`/client-attribution/customers/${d.customerId}`}>{d.customerName}</Link> },
              { key: 'claimant', label: t('clients.disputes.claimant'), children: d.claimantName },
              { key: 'respondent', label: t('clients.disputes.respondent'), children: d.respondentName ?? t('clients.disputes.nobody') },
              { key: 'at', label: t('clients.disputes.raisedAt'), children: siteTime(d.createdAt) },
              { key: 'statement', label: t('clients.disputes.statement'), children: <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{d.statement}</Typography.Paragraph> },
              { key: 'status', label: t('common.status'), children: <Tag color={d.status === 'open' ? 'blue' : 'default'}>{t(`clients.disputes.status.${d.status}`)}</Tag> },
              ...(d.status === 'decided'
                ? [
                    { key: 'winner', label: t('clients.disputes.winner'), children: parties.find((p) => p.value === d.winnerId)?.label ?? '—' },
                    { key: 'reasons', label: t('clients.disputes.reasons'), children: <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{d.reasons}</Typography.Paragraph> },
                    { key: 'rules', label: t('clients.fields.rules'), children: <RuleTags ids={d.ruleIds} /> },
                    { key: 'decidedAt', label: t('clients.disputes.decidedAt'), children: siteTime(d.decidedAt) },
                    { key: 'deadline', label: t('clients.disputes.appealDeadline'), children: siteTime(d.appealDeadline) },
                  ]
                : []),
            ]}
          />
          {d.appeal && (
            <Card size="small" title={t('clients.disputes.appealTitle')}>
              <AppealDetails appeal={d.appeal} />
            </Card>
          )}
          <Space>
            {decider && d.status === 'open' && (
              <Button type="primary" onClick={() => setDeciding(true)}>
                {t('clients.disputes.decide')}
              </Button>
            )}
            {canAppeal && <Button onClick={() => setAppealing(true)}>{t('clients.disputes.appeal')}</Button>}
          </Space>
          <FormModal<{ winnerId: string; reasons: string; ruleIds: string[] }>
            open={deciding}
            title={t('clients.disputes.decideTitle')}
            okText={t('clients.disputes.decide')}
            pending={decide.isPending}
            problem={decide.error}
            initialValues={{ ruleIds: ['CA-12'] }}
            onCancel={() => {
              decide.reset();
              setDeciding(false);
            }}
            onSubmit={(v, form) =>
              decide.mutate(
                { path: { id: d.id }, body: { winnerId: v.winnerId, reasons: v.reasons.trim(), ruleIds: v.ruleIds } },
                {
                  onSuccess: () => {
                    void message.success(t('clients.disputes.decided'));
                    setDeciding(false);
                  },
                  onError: (p) => showFieldErrors(form, p),
                },
              )
            }
          >
            <Form.Item name="winnerId" label={t('clients.disputes.winner')} rules={[{ required: true, message: t('clients.disputes.winnerRequired') }]}>
              <Radio.Group options={parties} />
            </Form.Item>
            <Form.Item name="reasons" label={t('clients.disputes.reasons')} rules={[{ required: true, whitespace: true, message: t('clients.disputes.reasonsRequired') }]}>
              <Input.TextArea rows={4} maxLength={2000} />
            </Form.Item>
            <Form.Item name="ruleIds" label={t('clients.fields.rules')} rules={[{ required: true, message: t('clients.disputes.rulesRequired') }]}>
              <Select mode="multiple" options={ruleOptions(t)} />
            </Form.Item>
          </FormModal>
          <FormModal<{ statement: string; attachments?: AttachmentInputDto[] }>
            open={appealing}
            title={t('clients.disputes.appealTitle')}
            okText={t('clients.disputes.appeal')}
            pending={appeal.isPending}
            problem={appeal.error}
            onCancel={() => {
              appeal.reset();
              setAppealing(false);
            }}
            onSubmit={(v, form) =>
              appeal.mutate(
                { path: { id: d.id }, body: { statement: v.statement.trim(), ...(v.attachments?.length ? { attachments: v.attachments } : {}) } },
                {
                  onSuccess: () => {
                    void message.success(t('clients.disputes.appealed'));
                    setAppealing(false);
                  },
                  onError: (p) => showFieldErrors(form, p),
                },
              )
            }
          >
            <Typography.Paragraph type="secondary">{t('clients.disputes.appealHint')}</Typography.Paragraph>
            <Form.Item name="statement" label={t('clients.disputes.statement')} rules={[{ required: true, whitespace: true, message: t('clients.disputes.statementRequired') }]}>
              <Input.TextArea rows={4} maxLength={4000} />
            </Form.Item>
            <Form.Item name="attachments" label={t('clients.attachments.label')}>
              <AttachmentsInput />
            </Form.Item>
          </FormModal>
        </Flex>
      ) : null}
    </Drawer>
  );
}

/** An appeal: statement, attachments, decision (CA-17). */
export function AppealDetails({ appeal }: { appeal: AppealDto }) {
  const { t } = useTranslation();
  const siteTime = useSiteTime();
  return (
    <Descriptions
      column={1}
      size="small"
      items={[
        { key: 'by', label: t('clients.disputes.appellant'), children: appeal.appellantName ?? '—' },
        { key: 'at', label: t('clients.disputes.raisedAt'), children: siteTime(appeal.createdAt) },
        { key: 'statement', label: t('clients.disputes.statement'), children: <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{appeal.statement}</Typography.Paragraph> },
        { key: 'files', label: t('clients.attachments.label'), children: <AttachmentLinks appealId={appeal.id} attachments={appeal.attachments} /> },
        { key: 'status', label: t('common.status'), children: <AppealStatusTag status={appeal.status} /> },
        ...(appeal.status !== 'open'
          ? [
              { key: 'reasons', label: t('clients.disputes.reasons'), children: appeal.reasons },
              { key: 'rules', label: t('clients.fields.rules'), children: <RuleTags ids={appeal.ruleIds} /> },
              { key: 'decidedAt', label: t('clients.disputes.decidedAt'), children: siteTime(appeal.decidedAt) },
            ]
          : [{ key: 'deadline', label: t('clients.disputes.appealDeadline'), children: siteTime(appeal.deadline) }]),
      ]}
    />
  );
}

/** Managers: the site's appeals, decided with reasons (a dispute's appeal by the director, an agency's by the manager). */
function AppealsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const [status, setStatus] = useState<'open' | 'upheld' | 'rejected' | 'all'>('open');
  const [page, setPage] = useState(1);
  const [deciding, setDeciding] = useState<AppealDto | null>(null);
  const appeals = useAppeals({ siteId: site.siteId, page, pageSize: PAGE_SIZE, ...(status !== 'all' ? { status } : {}) });
  const decide = useDecideAppeal();
  const columns: TableColumnsType<AppealDto> = [
    { title: t('clients.disputes.raisedAt'), dataIndex: 'createdAt', render: (d: string) => siteTime(d) },
    { title: t('clients.disputes.subject'), dataIndex: 'subject', render: (s: string) => t(`clients.disputes.subjects.${s as 'dispute'}`, { defaultValue: s }) },
    { title: t('clients.disputes.appellant'), dataIndex: 'appellantName' },
    { title: t('clients.disputes.statement'), dataIndex: 'statement', ellipsis: true },
    { title: t('common.status'), dataIndex: 'status', render: (s: string) => <AppealStatusTag status={s} /> },
    { title: t('clients.disputes.appealDeadline'), dataIndex: 'deadline', render: (d: string) => siteTime(d) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, a) =>
        a.status === 'open' ? (
          <Button size="small" onClick={() => setDeciding(a)}>
            {t('clients.disputes.decide')}
          </Button>
        ) : null,
    },
  ];
  return (
    <Card
      title={t('clients.disputes.appealsTitle')}
      extra={
        <Segmented<typeof status>
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={(['open', 'upheld', 'rejected', 'all'] as const).map((s) => ({ value: s, label: s === 'all' ? t('clients.partner.all') : t(`clients.disputes.appealStatus.${s}`) }))}
        />
      }
    >
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
          locale={{ emptyText: t('clients.disputes.noAppeals') }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: appeals.data?.total ?? 0, showSizeChanger: false, showTotal: (total) => t('common.total', { count: total }), onChange: setPage }}
        />
      )}
      <FormModal<{ outcome: 'upheld' | 'rejected'; reasons: string; ruleIds: string[] }>
        open={deciding !== null}
        title={t('clients.disputes.decideAppealTitle')}
        okText={t('clients.disputes.decide')}
        pending={decide.isPending}
        problem={decide.error}
        initialValues={{ ruleIds: ['CA-17'] }}
        onCancel={() => {
          decide.reset();
          setDeciding(null);
        }}
        onSubmit={(v, form) =>
          deciding &&
          decide.mutate(
            { path: { id: deciding.id }, body: { outcome: v.outcome, reasons: v.reasons.trim(), ruleIds: v.ruleIds } },
            {
              onSuccess: () => {
                void message.success(t('clients.disputes.decided'));
                setDeciding(null);
              },
              onError: (p) => showFieldErrors(form, p),
            },
          )
        }
      >
        <Form.Item name="outcome" label={t('clients.disputes.outcome')} rules={[{ required: true, message: t('clients.disputes.outcomeRequired') }]}>
          <Radio.Group
            options={[
              { value: 'upheld', label: t('clients.disputes.appealStatus.upheld') },
              { value: 'rejected', label: t('clients.disputes.appealStatus.rejected') },
            ]}
          />
        </Form.Item>
        <Form.Item name="reasons" label={t('clients.disputes.reasons')} rules={[{ required: true, whitespace: true, message: t('clients.disputes.reasonsRequired') }]}>
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
        <Form.Item name="ruleIds" label={t('clients.fields.rules')} rules={[{ required: true, message: t('clients.disputes.rulesRequired') }]}>
          <Select mode="multiple" options={ruleOptions(t)} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}

/**
 * CA-12/CA-17: claims on customers, decided by the manager from the records with reasons and rule ids,
 * appealed once within the deadline. Visible only to the parties and the managers.
 */
export function DisputesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const access = clientsAccess(site);
  const [status, setStatus] = useState<'open' | 'decided' | 'all'>('all');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const [raising, setRaising] = useState(false);
  const disputes = useDisputes({ siteId: site.siteId, page, pageSize: PAGE_SIZE, ...(status !== 'all' ? { status } : {}) });
  const raise = useRaiseDispute();

  const columns: TableColumnsType<DisputeDto> = [
    { title: t('clients.disputes.raisedAt'), dataIndex: 'createdAt', render: (d: string) => siteTime(d) },
    { title: t('clients.fields.name'), dataIndex: 'customerName', render: (n: string, d) => <a onClick={() => setOpen(d.id)}>{n}</a> },
    { title: t('clients.disputes.claimant'), dataIndex: 'claimantName' },
    { title: t('clients.disputes.respondent'), dataIndex: 'respondentName', render: (n: string | null) => n ?? t('clients.disputes.nobody') },
    { title: t('common.status'), dataIndex: 'status', render: (s: 'open' | 'decided') => <Tag color={s === 'open' ? 'blue' : 'default'}>{t(`clients.disputes.status.${s}`)}</Tag> },
    { title: t('clients.fields.rules'), dataIndex: 'ruleIds', render: (ids: string[]) => <RuleTags ids={ids} /> },
    { title: t('clients.disputes.appealTitle'), key: 'appeal', render: (_, d) => (d.appeal ? <AppealStatusTag status={d.appeal.status} /> : t('common.none')) },
  ];

  return (
    <Flex vertical gap={16}>
      <Card
        extra={
          access.consultant && (
            <Button type="primary" onClick={() => setRaising(true)}>
              {t('clients.disputes.raise')}
            </Button>
          )
        }
        title={
          <Segmented<typeof status>
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={(['all', 'open', 'decided'] as const).map((s) => ({ value: s, label: s === 'all' ? t('clients.partner.all') : t(`clients.disputes.status.${s}`) }))}
          />
        }
      >
        {disputes.isError ? (
          <LoadError problem={disputes.error} onRetry={() => void disputes.refetch()} />
        ) : (
          <Table<DisputeDto>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={disputes.data?.items}
            loading={disputes.isFetching}
            onRow={(d) => ({ onDoubleClick: () => setOpen(d.id) })}
            locale={{ emptyText: t('clients.disputes.empty') }}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: disputes.data?.total ?? 0, showSizeChanger: false, showTotal: (total) => t('common.total', { count: total }), onChange: setPage }}
          />
        )}
      </Card>
      {access.manages && <AppealsCard />}
      <DisputeDrawer id={open} onClose={() => setOpen(null)} />
      <FormModal<{ phone: string; statement: string }>
        open={raising}
        title={t('clients.disputes.raiseTitle')}
        okText={t('clients.disputes.raise')}
        pending={raise.isPending}
        problem={raise.error}
        onCancel={() => {
          raise.reset();
          setRaising(false);
        }}
        onSubmit={(v, form) =>
          raise.mutate(
            { body: { siteId: site.siteId, phone: v.phone.trim(), statement: v.statement.trim() } },
            {
              onSuccess: (d) => {
                void message.success(t('clients.disputes.raised'));
                setRaising(false);
                setOpen(d.id);
              },
              onError: (p) => showFieldErrors(form, p),
            },
          )
        }
      >
        <Typography.Paragraph type="secondary">{t('clients.disputes.raiseHint')}</Typography.Paragraph>
        <Form.Item name="phone" label={t('clients.fields.phone')} rules={[{ required: true, message: t('clients.fields.phoneRequired') }]}>
          <Input maxLength={20} autoFocus />
        </Form.Item>
        <Form.Item name="statement" label={t('clients.disputes.statement')} rules={[{ required: true, whitespace: true, message: t('clients.disputes.statementRequired') }]}>
          <Input.TextArea rows={4} maxLength={2000} placeholder={t('clients.disputes.statementPlaceholder')} />
        </Form.Item>
      </FormModal>
    </Flex>
  );
}
