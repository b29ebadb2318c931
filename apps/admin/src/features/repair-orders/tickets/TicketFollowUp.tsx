import { FOLLOW_UP_ATTITUDES, TICKET_TRANSITIONS } from '@sitedesk/domain';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RepairTicketDto } from '../../../api/generated';
import type { Problem } from '../../../api/problem';
import { showFieldErrors } from '../../../shared/forms';
import { siteInstant, siteToday } from '../../attendance/dates';
import { useStaffNames } from '../../attendance/queries';
import { useCurrentSite, useSiteTime } from '../../shell/current-site';
import { useBookTicketFollowUp, useHandOverTicket, useRecordTicketFollowUp, useRepairTicket } from '../queries';
import { repairMoreAccess } from '../settings/access';
import { moreProblemText } from '../settings/problems';

type Dialog = 'book' | 'record' | 'handOver' | null;

/**
 * A ticket's follow-up (RO-11 → CMP-7) and hand-over (GEN-10): book the call at the time a busy
 * customer asks for (the API refuses the customer's rest hours and the past, in words here), record
 * the call with the 003 script (solved? attitude, fee charged?, score 1–10, suggestions), hand the
 * ticket to another agent with the reason. Offered by state (TICKET_TRANSITIONS) and role.
 */
export function TicketFollowUpActions({ ticket }: { ticket: RepairTicketDto }) {
  const { t } = useTranslation();
  const { site } = useCurrentSite();
  const access = repairMoreAccess(site);
  const [dialog, setDialog] = useState<Dialog>(null);
  const can = (type: 'book_follow_up' | 'record_follow_up' | 'hand_over') => (TICKET_TRANSITIONS[type] as readonly string[]).includes(ticket.state);
  return (
    <>
      {can('record_follow_up') && access.recordsTicketFollowUp && (
        <Button size="small" type="primary" onClick={() => setDialog('record')}>
          {t('repairOrders.more.ticketFollowUp.record')}
        </Button>
      )}
      {can('book_follow_up') && access.booksTicketFollowUp && (
        <Button size="small" onClick={() => setDialog('book')}>
          {t('repairOrders.more.ticketFollowUp.book')}
        </Button>
      )}
      {can('hand_over') && access.handsOverTickets && (
        <Button size="small" onClick={() => setDialog('handOver')}>
          {t('repairOrders.more.ticketFollowUp.handOver')}
        </Button>
      )}
      {dialog === 'book' && <BookModal ticket={ticket} onClose={() => setDialog(null)} />}
      {dialog === 'record' && <RecordModal ticket={ticket} onClose={() => setDialog(null)} />}
      {dialog === 'handOver' && <HandOverModal ticket={ticket} onClose={() => setDialog(null)} />}
    </>
  );
}

/** The follow-up task the API keeps on the ticket (CMP-7's FollowUpTask). */
function FollowUpNote({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const siteTime = useSiteTime();
  const detail = useRepairTicket(ticketId);
  const f = detail.data?.followUp as { plannedAt?: string; dueBy?: string; bookedByCustomer?: boolean; outsideWindow?: boolean } | null | undefined;
  if (!f?.plannedAt) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="ticket-follow-up-planned"
      title={t(f.bookedByCustomer ? 'repairOrders.more.ticketFollowUp.bookedAt' : 'repairOrders.more.ticketFollowUp.plannedAt', { at: siteTime(f.plannedAt), due: siteTime(f.dueBy) })}
      description={f.outsideWindow ? t('repairOrders.more.ticketFollowUp.outsideWindow') : undefined}
    />
  );
}

function useDialogForm() {
  const formId = useId();
  const [form] = Form.useForm();
  const [problem, setProblem] = useState<Problem | null>(null);
  const fail = (e: unknown) => {
    setProblem(e as Problem);
    showFieldErrors(form, e as Problem);
  };
  return { formId, form, problem, setProblem, fail };
}

function BookModal({ ticket, onClose }: { ticket: RepairTicketDto; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const book = useBookTicketFollowUp();
  const { formId, form, problem, setProblem, fail } = useDialogForm();
  const submit = async (v: { at: Dayjs }) => {
    setProblem(null);
    try {
      await book.mutateAsync({ path: { id: ticket.id }, body: { at: siteInstant(v.at.format('YYYY-MM-DD'), v.at.format('HH:mm'), site.timeZone) } });
      void message.success(t('repairOrders.more.ticketFollowUp.booked'));
      onClose();
    } catch (e) {
      fail(e);
    }
  };
  const title = t('repairOrders.more.ticketFollowUp.book');
  return (
    <Modal open title={title} okText={title} cancelText={t('common.cancel')} okButtonProps={{ htmlType: 'submit', form: formId, loading: book.isPending }} onCancel={onClose} destroyOnHidden>
      {problem && <Alert type="error" showIcon title={moreProblemText(problem, t)} style={{ marginBottom: 12 }} data-testid="command-problem" data-code={problem.code} />}
      <FollowUpNote ticketId={ticket.id} />
      <Typography.Paragraph type="secondary">{t('repairOrders.more.ticketFollowUp.bookHint')}</Typography.Paragraph>
      <Form id={formId} form={form} layout="vertical" onFinish={(v) => void submit(v as never)}>
        <Form.Item name="at" label={t('repairOrders.more.ticketFollowUp.at')} rules={[{ required: true, message: t('repairOrders.cmd.required') }]}>
          <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RecordModal({ ticket, onClose }: { ticket: RepairTicketDto; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const record = useRecordTicketFollowUp();
  const { formId, form, problem, setProblem, fail } = useDialogForm();
  const submit = async (v: { solved: boolean; attitude: 'satisfied' | 'neutral' | 'unsatisfied'; charged: boolean; score: number; suggestions?: string }) => {
    setProblem(null);
    try {
      const after = await record.mutateAsync({ path: { id: ticket.id }, body: { answers: { solved: v.solved, attitude: v.attitude, charged: v.charged, score: v.score, suggestions: (v.suggestions ?? '').trim() } } });
      // CMP-10: not solved or a low score sends it back to work one level up.
      void message.success(after.state === 'dispatched' ? t('repairOrders.more.ticketFollowUp.reissued') : t('repairOrders.more.ticketFollowUp.recorded'));
      onClose();
    } catch (e) {
      fail(e);
    }
  };
  const required = { required: true, message: t('repairOrders.cmd.required') };
  const yesNo = [
    { value: true, label: t('repairOrders.more.ticketFollowUp.yes') },
    { value: false, label: t('repairOrders.more.ticketFollowUp.no') },
  ];
  const title = t('repairOrders.more.ticketFollowUp.record');
  return (
    <Modal open title={title} okText={title} cancelText={t('common.cancel')} okButtonProps={{ htmlType: 'submit', form: formId, loading: record.isPending }} onCancel={onClose} destroyOnHidden>
      {problem && <Alert type="error" showIcon title={moreProblemText(problem, t)} style={{ marginBottom: 12 }} data-testid="command-problem" data-code={problem.code} />}
      <FollowUpNote ticketId={ticket.id} />
      <Typography.Paragraph type="secondary">{t('repairOrders.more.ticketFollowUp.script', { name: ticket.name, problem: ticket.problem })}</Typography.Paragraph>
      <Form id={formId} form={form} layout="vertical" onFinish={(v) => void submit(v as never)}>
        <Form.Item name="solved" label={t('repairOrders.more.ticketFollowUp.solved')} rules={[required]}>
          <Radio.Group optionType="button" options={yesNo} />
        </Form.Item>
        <Form.Item name="attitude" label={t('repairOrders.cmd.attitude')} rules={[required]}>
          <Radio.Group options={FOLLOW_UP_ATTITUDES.map((k) => ({ value: k, label: t(`repairOrders.attitude.${k}`) }))} />
        </Form.Item>
        <Form.Item name="charged" label={t('repairOrders.more.ticketFollowUp.charged')} rules={[required]}>
          <Radio.Group optionType="button" options={yesNo} />
        </Form.Item>
        <Form.Item name="score" label={t('repairOrders.cmd.score')} rules={[required]}>
          <InputNumber min={1} max={10} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="suggestions" label={t('repairOrders.cmd.suggestions')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function HandOverModal({ ticket, onClose }: { ticket: RepairTicketDto; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { site } = useCurrentSite();
  const staff = useStaffNames(site.siteId, siteToday(site.timeZone));
  const handOver = useHandOverTicket();
  const { formId, form, problem, setProblem, fail } = useDialogForm();
  const submit = async (v: { toUserId: string; reason: string }) => {
    setProblem(null);
    try {
      await handOver.mutateAsync({ path: { id: ticket.id }, body: { toUserId: v.toUserId, reason: v.reason.trim() } });
      void message.success(t('repairOrders.more.ticketFollowUp.handedOver'));
      onClose();
    } catch (e) {
      fail(e);
    }
  };
  const people = staff.people.filter((p) => p.userId !== ticket.ownerId).map((p) => ({ value: p.userId, label: p.displayName }));
  const title = t('repairOrders.more.ticketFollowUp.handOver');
  return (
    <Modal open title={title} okText={title} cancelText={t('common.cancel')} okButtonProps={{ htmlType: 'submit', form: formId, loading: handOver.isPending }} onCancel={onClose} destroyOnHidden>
      {problem && <Alert type="error" showIcon title={moreProblemText(problem, t)} style={{ marginBottom: 12 }} data-testid="command-problem" data-code={problem.code} />}
      <Typography.Paragraph type="secondary">{t('repairOrders.more.ticketFollowUp.owner', { name: ticket.ownerName })}</Typography.Paragraph>
      <Form id={formId} form={form} layout="vertical" onFinish={(v) => void submit(v as never)}>
        <Form.Item name="toUserId" label={t('repairOrders.cmd.handOverTo')} rules={[{ required: true, message: t('repairOrders.cmd.required') }]}>
          <Select showSearch optionFilterProp="label" options={people} loading={staff.isPending} notFoundContent={t('repairOrders.more.ticketFollowUp.noStaff')} />
        </Form.Item>
        <Form.Item name="reason" label={t('repairOrders.cmd.reason')} rules={[{ required: true, whitespace: true, message: t('repairOrders.cmd.required') }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
