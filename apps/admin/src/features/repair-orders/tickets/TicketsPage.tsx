import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Empty, Form, Input, InputNumber, Modal, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeeSummaryRowDto, RepairTicketDto } from '../../../api/generated';
import type { Problem } from '../../../api/problem';
import { showFieldErrors } from '../../../shared/forms';
import { mondayOf, siteToday } from '../../attendance/dates';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { repairAccess } from '../access';
import { yuan } from '../model';
import { repairProblemText } from '../problems';
import { useCloseTicket, useCreateTicket, useDispatchTicket, useRepairPolicy, useRepairTickets, useReportTicketDone, useTicketFeePaid, useTicketFees } from '../queries';
import { CallCentreDuty } from './CallCentreDuty';
import { TicketFollowUpActions } from './TicketFollowUp';

const READ_BACK = ['problem', 'address', 'name', 'phone'] as const;
const BOARD_STATES = ['received', 'dispatched', 'done', 'followed_up'] as const;
const TIMING_COLOR: Record<string, string> = { running: 'blue', reminder_due: 'orange', breached: 'red', met: 'green', met_late: 'volcano', not_issued: 'default' };

/**
 * RO-11 property repair tickets: the call-centre intake with the read-back confirmations (003 跟读确认),
 * the board of each department with its time limits (reminder, breach, escalation level read now,
 * GEN-8), returning a ticket done with its fee items for a paid service, fee tickets paid, closing;
 * the weekly fee summary for finance (004).
 */
export function TicketsPage() {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const access = repairAccess(site);
  const policy = useRepairPolicy(site.siteId);
  const [department, setDepartment] = useState<string | undefined>();
  const departments = policy.data?.policy.tickets.departments ?? [];
  return (
    <>
      {access.takesCalls && <IntakeCard />}
      {access.takesCalls && <CallCentreDuty siteId={site.siteId} />}
      <Card
        size="small"
        title={t('repairOrders.tickets.board')}
        style={{ marginBottom: 16 }}
        extra={
          <Select
            allowClear
            placeholder={t('repairOrders.tickets.allDepartments')}
            style={{ width: 180 }}
            value={department}
            onChange={setDepartment}
            options={departments.map((d) => ({ value: d.code, label: `${d.name} · ${t('repairOrders.tickets.limit', { hours: d.timeLimitMinutes / 60 })}` }))}
          />
        }
      >
        <Row gutter={8}>
          {BOARD_STATES.map((s) => (
            <Col key={s} xs={24} md={12} xl={6}>
              <BoardColumn state={s} department={department} />
            </Col>
          ))}
        </Row>
      </Card>
      {access.readsFees && <FeesCard />}
    </>
  );
}

function IntakeCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const policy = useRepairPolicy(site.siteId);
  const [form] = Form.useForm();
  const create = useCreateTicket();
  const [problem, setProblem] = useState<Problem | null>(null);
  const categories = policy.data?.policy.tickets.categories ?? [];
  const category = Form.useWatch('category', form) as string | undefined;
  const picked = categories.find((c) => c.code === category);
  const submit = async (v: Record<string, unknown>) => {
    setProblem(null);
    const s = (k: string) => String(v[k] ?? '').trim();
    const read = (v.readBack as string[] | undefined) ?? [];
    try {
      await create.mutateAsync({
        body: {
          siteId: site.siteId,
          problem: s('problem'),
          address: s('address'),
          name: s('name'),
          phone: s('phone'),
          category: s('category'),
          readBack: { problem: read.includes('problem'), address: read.includes('address'), name: read.includes('name'), phone: read.includes('phone') },
        },
      });
      form.resetFields();
      void message.success(t('repairOrders.tickets.received'));
    } catch (e) {
      setProblem(e as Problem);
      showFieldErrors(form, e as Problem);
    }
  };
  const required = { required: true, whitespace: true, message: t('repairOrders.cmd.required') };
  return (
    <Card size="small" title={t('repairOrders.tickets.intake')} style={{ marginBottom: 16 }} data-testid="ticket-intake">
      {problem && <Alert type="error" showIcon title={repairProblemText(problem, t)} style={{ marginBottom: 12 }} data-testid="command-problem" />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v as Record<string, unknown>)}>
        <Row gutter={8}>
          <Col xs={24} md={12}>
            <Form.Item name="problem" label={t('repairOrders.tickets.problem')} rules={[required]}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="address" label={t('repairOrders.field.address')} rules={[required]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="name" label={t('repairOrders.field.name')} rules={[required]}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="phone" label={t('repairOrders.field.phone')} rules={[required]}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="category"
              label={t('repairOrders.tickets.category')}
              rules={[{ required: true, message: t('repairOrders.cmd.required') }]}
              extra={picked ? `${picked.paid ? t('repairOrders.tickets.paid') : t('repairOrders.tickets.free')} · ${picked.department}` : policy.isError ? t('repairOrders.tickets.categoryCode') : undefined}
            >
              {/* The policy's categories; a role that may not read the policy (the API lets only repair staff) types the code. */}
              {policy.isError ? <Input maxLength={30} /> : <Select options={categories.map((c) => ({ value: c.code, label: c.name }))} />}
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="readBack"
          label={t('repairOrders.tickets.readBack')}
          extra={t('repairOrders.tickets.readBackHint')}
          rules={[{ validator: async (_, v: string[] | undefined) => { if ((v ?? []).length < READ_BACK.length) throw new Error(t('repairOrders.tickets.readBackAll')); } }]}
        >
          <Checkbox.Group options={READ_BACK.map((k) => ({ value: k, label: t(`repairOrders.tickets.readBack_${k}`) }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('repairOrders.tickets.register')}
        </Button>
      </Form>
    </Card>
  );
}

function BoardColumn({ state, department }: { state: (typeof BOARD_STATES)[number]; department?: string }) {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const siteTime = useSiteTime();
  const tickets = useRepairTickets({ siteId: site.siteId, state, department, pageSize: 50 }, 60_000);
  const policy = useRepairPolicy(site.siteId);
  const departmentName = (code: string) => policy.data?.policy.tickets.departments.find((d) => d.code === code)?.name ?? code;
  const categoryName = (code: string) => policy.data?.policy.tickets.categories.find((c) => c.code === code)?.name ?? code;
  const items = tickets.data?.items ?? [];
  return (
    <Card size="small" type="inner" title={`${t(`repairOrders.ticketState.${state}`)} (${tickets.data?.total ?? 0})`} data-testid={`ticket-column-${state}`}>
      {items.length ? (
        items.map((x) => (
          <div key={x.id} style={{ marginBottom: 10 }} data-testid="ticket-card">
            <Typography.Text strong>{x.address}</Typography.Text> · {x.name}
            <div>{x.problem}</div>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} data-testid="ticket-owner">
              {t('repairOrders.more.ticketFollowUp.owner', { name: x.ownerName })}
            </Typography.Text>
            <Space size={4} wrap>
              <Tag>{categoryName(x.category)}</Tag>
              {x.department && <Tag color="geekblue">{departmentName(x.department)}</Tag>}
              {x.paid && <Tag color="gold">{t('repairOrders.tickets.paid')}</Tag>}
              <Tag color={TIMING_COLOR[x.timing.status]}>{t(`repairOrders.timing.${x.timing.status as 'running'}`)}</Tag>
              {x.timing.level > 0 && <Tag color="red">{t('repairOrders.tickets.level', { role: t(`roles.${x.timing.role}` as 'roles.admin', { defaultValue: x.timing.role }) })}</Tag>}
            </Space>
            {x.timing.dueAt && ['running', 'reminder_due', 'breached'].includes(x.timing.status) && (
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {t('repairOrders.tickets.dueAt', { at: siteTime(x.timing.dueAt) })}
              </Typography.Text>
            )}
            {x.feeTotalFen != null && (
              <Typography.Text style={{ display: 'block', fontSize: 12 }}>
                {t('repairOrders.tickets.fee', { amount: yuan(x.feeTotalFen) })} {x.feePaidAt ? `· ${t('repairOrders.tickets.feePaid')}` : ''}
              </Typography.Text>
            )}
            <TicketActions ticket={x} />
          </div>
        ))
      ) : (
        <Typography.Text type="secondary">{tickets.isPending ? '…' : t('repairOrders.tickets.none')}</Typography.Text>
      )}
    </Card>
  );
}

function TicketActions({ ticket }: { ticket: RepairTicketDto }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const access = repairAccess(site);
  const dispatch = useDispatchTicket();
  const paid = useTicketFeePaid();
  const close = useCloseTicket();
  const [reporting, setReporting] = useState(false);
  const fail = (e: unknown) => void message.error(repairProblemText(e as Problem, t));
  const path = { id: ticket.id };
  return (
    <Space size={4} style={{ marginTop: 4 }} wrap>
      {ticket.state === 'received' && access.takesCalls && (
        <Button size="small" type="primary" loading={dispatch.isPending} onClick={() => dispatch.mutateAsync({ path, body: {} }).catch(fail)}>
          {t('repairOrders.tickets.dispatch')}
        </Button>
      )}
      {ticket.state === 'dispatched' && (
        <Button size="small" onClick={() => setReporting(true)}>
          {t('repairOrders.tickets.reportDone')}
        </Button>
      )}
      {ticket.feeTotalFen != null && !ticket.feePaidAt && (
        <Button size="small" loading={paid.isPending} onClick={() => paid.mutateAsync({ path }).catch(fail)}>
          {t('repairOrders.tickets.markPaid')}
        </Button>
      )}
      {ticket.state === 'followed_up' && access.readsFees && (
        <Button size="small" loading={close.isPending} onClick={() => close.mutateAsync({ path }).catch(fail)}>
          {t('repairOrders.tickets.close')}
        </Button>
      )}
      <TicketFollowUpActions ticket={ticket} />
      <ReportDoneModal ticket={reporting ? ticket : null} onClose={() => setReporting(false)} />
    </Space>
  );
}

function ReportDoneModal({ ticket, onClose }: { ticket: RepairTicketDto | null; onClose: () => void }) {
  const { t } = useTranslation();
  const formId = useId();
  const [form] = Form.useForm();
  const report = useReportTicketDone();
  const [problem, setProblem] = useState<Problem | null>(null);
  const submit = async (v: { report: string; fee?: { description: string; yuan: number }[] }) => {
    if (!ticket) return;
    setProblem(null);
    try {
      await report.mutateAsync({ path: { id: ticket.id }, body: { report: v.report.trim(), fee: ticket.paid ? (v.fee ?? []).map((f) => ({ description: f.description.trim(), amountFen: Math.round((f.yuan ?? 0) * 100) })) : null } });
      onClose();
    } catch (e) {
      setProblem(e as Problem);
    }
  };
  return (
    <Modal open={ticket !== null} title={t('repairOrders.tickets.reportDone')} okText={t('repairOrders.tickets.reportDone')} cancelText={t('common.cancel')} okButtonProps={{ htmlType: 'submit', form: formId, loading: report.isPending }} onCancel={onClose} destroyOnHidden>
      {problem && <Alert type="error" showIcon title={repairProblemText(problem, t)} style={{ marginBottom: 12 }} data-testid="command-problem" />}
      <Form id={formId} form={form} layout="vertical" onFinish={(v) => void submit(v as never)} initialValues={{ fee: ticket?.paid ? [{ description: '', yuan: 0 }] : [] }} preserve={false}>
        <Form.Item name="report" label={t('repairOrders.tickets.report')} rules={[{ required: true, whitespace: true, message: t('repairOrders.cmd.required') }]}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        {ticket?.paid && (
          <Form.List name="fee">
            {(fields, { add, remove }) => (
              <>
                <Typography.Text strong>{t('repairOrders.tickets.feeItems')}</Typography.Text>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item name={[f.name, 'description']} rules={[{ required: true, whitespace: true, message: t('repairOrders.cmd.required') }]}>
                      <Input placeholder={t('repairOrders.tickets.feeItem')} maxLength={200} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'yuan']} rules={[{ required: true, message: t('repairOrders.cmd.required') }]}>
                      <InputNumber min={0} precision={2} addonBefore="¥" />
                    </Form.Item>
                    {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ description: '', yuan: 0 })}>
                  {t('repairOrders.tickets.addFee')}
                </Button>
              </>
            )}
          </Form.List>
        )}
      </Form>
    </Modal>
  );
}

function FeesCard() {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const [week, setWeek] = useState(() => mondayOf(siteToday(site.timeZone)));
  const fees = useTicketFees(site.siteId, week);
  const f = fees.data;
  const columns = [
    { title: t('repairOrders.tickets.group'), dataIndex: 'key' },
    { title: t('repairOrders.tickets.count'), dataIndex: 'count' },
    { title: t('repairOrders.detail.total'), render: (_: unknown, r: FeeSummaryRowDto) => yuan(r.totalFen) },
    { title: t('repairOrders.stats.paid'), render: (_: unknown, r: FeeSummaryRowDto) => yuan(r.paidFen) },
    { title: t('repairOrders.tickets.unpaid'), render: (_: unknown, r: FeeSummaryRowDto) => yuan(r.unpaidFen) },
  ];
  return (
    <Card
      size="small"
      title={t('repairOrders.tickets.fees')}
      data-testid="ticket-fees"
      extra={<DatePicker picker="week" allowClear={false} value={dayjs(week)} onChange={(d) => d && setWeek(mondayOf(d.format('YYYY-MM-DD')))} />}
    >
      {f && f.total.count ? (
        <>
          <Space size={32} style={{ marginBottom: 12 }}>
            <Statistic title={t('repairOrders.tickets.count')} value={f.total.count} />
            <Statistic title={t('repairOrders.detail.total')} value={yuan(f.total.totalFen)} />
            <Statistic title={t('repairOrders.tickets.unpaid')} value={yuan(f.total.unpaidFen)} />
          </Space>
          <Table size="small" rowKey="key" pagination={false} dataSource={f.byCategory} columns={columns} />
        </>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={fees.isPending ? '…' : t('repairOrders.tickets.noFees', { week })} />
      )}
    </Card>
  );
}
