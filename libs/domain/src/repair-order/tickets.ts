import { PRESETS as ATTENDANCE_PRESETS, type ShiftTemplate } from '../attendance/policy.js';
import { addDays, weekday } from '../attendance/rota.js';
import { DomainError } from '../common/errors.js';
import { decideHandover, takeFirstContact } from '../common/handover.js';
import { fen, type Fen } from '../common/money.js';
import { normalizePhone } from '../common/phone.js';
import { SITE_MANAGEMENT_ROLES, type Role } from '../common/roles.js';
import { zonedTime, type LocalDate } from '../common/time.js';
import { addBusinessMinutes, type BusinessCalendar } from '../complaint/business-time.js';
import { bookFollowUp, evaluateFollowUp, planFollowUp, type FollowUpAnswers, type FollowUpTask, type FollowUpVerdict } from '../complaint/follow-up.js';
import { followUpPolicyOf, type RepairOrderPolicy, type TicketCategory } from './policy.js';

/**
 * RO-11: property repair tickets (报修, 003 呼叫中心; 004 客服助理/客服主管). The call centre takes
 * the call with its script — problem, address, name, phone, each read back (跟读确认) — issues a work
 * ticket (工作任务单) to the responsible department with its time limit, follows it up until solved
 * (reminder, then escalation one level per time limit overrun), records the fee ticket of a paid
 * service (有偿服务 开单), and calls the customer back with CMP-7's script.
 */
export const READ_BACK_FIELDS = ['problem', 'address', 'name', 'phone'] as const;
export type ReadBackField = (typeof READ_BACK_FIELDS)[number];

export interface TicketIntake {
  problem: string;
  address: string;
  name: string;
  phone: string;
  category: string;
  /** 003: each answer read back to the caller and confirmed. */
  readBack: Record<ReadBackField, boolean>;
}

export interface TicketFieldProblem {
  field: string;
  message: string;
}

const text = (v: unknown, max: number) => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

/** RO-11: the intake script's entries, each read back; the category one of the site's. */
export function validateTicketIntake(i: TicketIntake, policy: Pick<RepairOrderPolicy, 'tickets'>): TicketFieldProblem[] {
  const errors: TicketFieldProblem[] = [];
  if (!text(i?.problem, 2000)) errors.push({ field: 'problem', message: '1 to 2000 characters' });
  if (!text(i?.address, 200)) errors.push({ field: 'address', message: '1 to 200 characters' });
  if (!text(i?.name, 60)) errors.push({ field: 'name', message: '1 to 60 characters' });
  if (typeof i?.phone !== 'string' || !normalizePhone(i.phone)) errors.push({ field: 'phone', message: 'a mobile number (11 digits) or +country code' });
  if (!policy.tickets.categories.some((c) => c.code === i?.category)) errors.push({ field: 'category', message: `one of ${policy.tickets.categories.map((c) => c.code).join(', ')}` });
  for (const f of READ_BACK_FIELDS) if (i?.readBack?.[f] !== true) errors.push({ field: `readBack.${f}`, message: 'read back to the caller and confirmed (跟读确认)' });
  return errors;
}

export const TICKET_STATES = ['received', 'dispatched', 'done', 'followed_up', 'closed'] as const;
export type TicketState = (typeof TICKET_STATES)[number];

export interface FeeItem {
  description: string;
  amountFen: Fen;
}

/** RO-11: the fee ticket of a paid service (有偿服务维修费开单). */
export interface FeeTicket {
  items: FeeItem[];
  totalFen: Fen;
  issuedAt: Date;
  issuedBy: string;
  paidAt: Date | null;
}

export interface WorkTicket {
  /** 1 for the first; a follow-up that finds the problem unsolved issues the next. */
  number: number;
  department: string;
  issuedAt: Date;
  timeLimitMinutes: number;
  doneAt: Date | null;
}

export interface TicketSnapshot {
  id: string;
  state: TicketState;
  receivedAt: Date;
  /** GEN-10: the agent who took the call owns the ticket until a hand-over. */
  ownerId: string;
  problem: string;
  address: string;
  name: string;
  /** Normalized (CA-1). */
  phone: string;
  category: string;
  paid: boolean;
  workTickets: WorkTicket[];
  report: string | null;
  feeTicket: FeeTicket | null;
  followUp: FollowUpTask | null;
  followUpVerdicts: FollowUpVerdict[];
  closedAt: Date | null;
}

export interface TicketActor {
  userId: string;
  roles: readonly Role[];
}

export interface TicketContext {
  policy: RepairOrderPolicy;
  /** The departments' business calendar: `businessCalendar(policy.tickets, siteTimeZone)`. */
  calendar: BusinessCalendar;
  now: Date;
}

export type TicketCommand =
  /** A work ticket to the category's department (or another, named). */
  | { type: 'dispatch'; department?: string | null }
  /** The department returns the ticket (返单); a paid service carries its fee items. */
  | { type: 'report_done'; report: string; fee?: FeeItem[] | null }
  | { type: 'record_fee_paid' }
  /** CMP-7: a busy customer books a later call. */
  | { type: 'book_follow_up'; at: Date }
  /** CMP-7/CMP-10: the answers; "not solved" or a low score issues a new work ticket, one level up. */
  | { type: 'record_follow_up'; answers: FollowUpAnswers }
  | { type: 'close' }
  | { type: 'hand_over'; toUserId: string; reason: string };

export type TicketEffect =
  | { type: 'event'; name: string; data: Record<string, unknown> }
  /** Timed work for the jobs table: the reminder and the breach instants of the current work ticket (GEN-8). */
  | { type: 'ticket_timer'; workTicket: number; reminderAt: Date | null; dueAt: Date | null }
  | { type: 'follow_up_task'; task: FollowUpTask }
  | { type: 'fee_ticket'; feeTicket: FeeTicket }
  | { type: 'handover'; from: string | null; to: string; reason: string };

export const TICKET_TRANSITIONS: Record<TicketCommand['type'], readonly TicketState[]> = {
  dispatch: ['received'],
  report_done: ['dispatched'],
  record_fee_paid: ['done', 'followed_up', 'closed'],
  book_follow_up: ['done'],
  record_follow_up: ['done'],
  close: ['followed_up'],
  hand_over: ['received', 'dispatched', 'done', 'followed_up'],
};

const DESK: readonly Role[] = ['cs_agent', 'clerk', 'supervisor', ...SITE_MANAGEMENT_ROLES];
export const TICKET_COMMAND_ROLES: Record<TicketCommand['type'], readonly Role[]> = {
  dispatch: DESK,
  report_done: [...DESK, 'technician'],
  record_fee_paid: [...DESK, 'cashier'],
  book_follow_up: DESK,
  record_follow_up: DESK,
  close: ['supervisor', ...SITE_MANAGEMENT_ROLES],
  hand_over: DESK,
};

const fail = (code: string, kind: DomainError['kind'], message: string, details: Record<string, unknown> = {}): never => {
  throw new DomainError(code, kind, message, details);
};

export const ticketCategory = (policy: Pick<RepairOrderPolicy, 'tickets'>, code: string): TicketCategory | undefined => policy.tickets.categories.find((c) => c.code === code);

/** RO-11: a ticket opened from the call, owned by the agent who took it (GEN-10). */
export function openTicket(input: { id: string; intake: TicketIntake }, actor: TicketActor, ctx: TicketContext): { next: TicketSnapshot; effects: TicketEffect[]; ruleIds: string[] } {
  if (!actor.roles.some((r) => DESK.includes(r))) fail('TICKET_ROLE_REQUIRED', 'forbidden', 'the customer-service desk takes repair calls (RO-11)', { ruleIds: ['RO-11'] });
  const errors = validateTicketIntake(input?.intake, ctx.policy);
  if (!text(input?.id, 60)) errors.push({ field: 'id', message: '1 to 60 characters' });
  if (errors.length) fail('TICKET_INTAKE_INVALID', 'invalid', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors, ruleIds: ['RO-11'] });
  const i = input.intake;
  const next: TicketSnapshot = {
    id: input.id,
    state: 'received',
    receivedAt: ctx.now,
    ownerId: takeFirstContact({ ownerId: null }, actor.userId).ownerId!,
    problem: i.problem.trim(),
    address: i.address.trim(),
    name: i.name.trim(),
    phone: normalizePhone(i.phone)!,
    category: i.category,
    paid: ticketCategory(ctx.policy, i.category)!.paid,
    workTickets: [],
    report: null,
    feeTicket: null,
    followUp: null,
    followUpVerdicts: [],
    closedAt: null,
  };
  return { next, effects: [{ type: 'event', name: 'ticket.received', data: { category: i.category } }], ruleIds: ['RO-11', 'GEN-10'] };
}

export type TicketTimingStatus = 'not_issued' | 'running' | 'reminder_due' | 'breached' | 'met' | 'met_late';

export interface TicketTiming {
  workTicket: number | null;
  reminderAt: Date | null;
  dueAt: Date | null;
  status: TicketTimingStatus;
  /** Index in the policy's escalation chain: one level per time limit overrun (capped at the top). */
  level: number;
  role: Role;
  /** The breach instants reached (the deadline, then each further time limit), earliest first. */
  breaches: Date[];
  /** The next instant at which the reading changes (for the job scheduler); `null` when none. */
  nextChangeAt: Date | null;
}

/**
 * RO-11 + GEN-8: the current work ticket's reminder, deadline and escalation, read at `now` from the
 * stored issue time: the reminder at the policy's share of the time limit, the breach at the limit
 * (in the departments' business time, the complaint module's calendar), then one more level for each
 * further limit overrun. At the deadline instant itself the ticket is breached.
 */
export function ticketTimingAt(t: Pick<TicketSnapshot, 'workTickets'>, policy: Pick<RepairOrderPolicy, 'tickets'>, cal: BusinessCalendar, now: Date): TicketTiming {
  const chain = policy.tickets.escalationChain;
  const w = t.workTickets[t.workTickets.length - 1];
  if (!w) return { workTicket: null, reminderAt: null, dueAt: null, status: 'not_issued', level: 0, role: chain[0], breaches: [], nextChangeAt: null };
  // A reissued ticket (the follow-up found it unsolved) starts one level up.
  const base = Math.min(chain.length - 1, w.number - 1);
  const limit = w.timeLimitMinutes;
  const reminderAt = addBusinessMinutes(cal, w.issuedAt, Math.round((limit * policy.tickets.reminderAtPercent) / 100));
  const dueAt = addBusinessMinutes(cal, w.issuedAt, limit);
  const until = w.doneAt && w.doneAt <= now ? w.doneAt : now;
  const breaches: Date[] = [];
  let nextBreach: Date | null = null;
  // The deadline is always a breach; further overruns count only while there is a level left to reach.
  const maxK = Math.max(1, chain.length - 1 - base);
  for (let k = 1; k <= maxK; k++) {
    const at = addBusinessMinutes(cal, w.issuedAt, k * limit);
    if (!at) break;
    if (at <= until) breaches.push(at);
    else {
      nextBreach = at;
      break;
    }
  }
  const level = Math.min(chain.length - 1, base + breaches.length);
  let status: TicketTimingStatus;
  if (w.doneAt && w.doneAt <= now) status = breaches.length ? 'met_late' : 'met';
  else if (breaches.length) status = 'breached';
  else if (reminderAt && now >= reminderAt) status = 'reminder_due';
  else status = 'running';
  let nextChangeAt: Date | null = null;
  if (status === 'running') nextChangeAt = reminderAt;
  else if (status === 'reminder_due' || (status === 'breached' && level < chain.length - 1)) nextChangeAt = nextBreach;
  return { workTicket: w.number, reminderAt, dueAt, status, level, role: chain[level], breaches, nextChangeAt };
}

function issueWorkTicket(t: TicketSnapshot, department: string, ctx: TicketContext): { ticket: WorkTicket; effect: TicketEffect } {
  const dept = ctx.policy.tickets.departments.find((d) => d.code === department);
  if (!dept) fail('TICKET_DEPARTMENT_UNKNOWN', 'invalid', `department: one of ${ctx.policy.tickets.departments.map((d) => d.code).join(', ')}`, { ruleIds: ['RO-11'] });
  const ticket: WorkTicket = { number: t.workTickets.length + 1, department: dept!.code, issuedAt: ctx.now, timeLimitMinutes: dept!.timeLimitMinutes, doneAt: null };
  const timing = ticketTimingAt({ workTickets: [...t.workTickets, ticket] }, ctx.policy, ctx.calendar, ctx.now);
  return { ticket, effect: { type: 'ticket_timer', workTicket: ticket.number, reminderAt: timing.reminderAt, dueAt: timing.dueAt } };
}

/** RO-11: the ticket's one decision function (409 state, 403 role, 400/422 data), never mutating its input. */
export function decideTicket(t: TicketSnapshot, cmd: TicketCommand, actor: TicketActor, ctx: TicketContext): { next: TicketSnapshot; effects: TicketEffect[]; ruleIds: string[] } {
  const allowed = typeof cmd?.type === 'string' && Object.hasOwn(TICKET_TRANSITIONS, cmd.type) ? TICKET_TRANSITIONS[cmd.type as TicketCommand['type']] : undefined;
  if (!allowed) fail('TICKET_COMMAND_UNKNOWN', 'invalid', `unknown command ${String(cmd?.type)}`);
  if (!allowed!.includes(t.state)) fail('TICKET_TRANSITION_NOT_ALLOWED', 'conflict', `a ${t.state} ticket cannot ${cmd.type.replace(/_/g, ' ')}`, { state: t.state, command: cmd.type });
  if (!actor.roles.some((r) => TICKET_COMMAND_ROLES[cmd.type].includes(r))) fail('TICKET_ROLE_REQUIRED', 'forbidden', `${cmd.type.replace(/_/g, ' ')} needs one of ${TICKET_COMMAND_ROLES[cmd.type].join(', ')}`);
  const { now, policy } = ctx;
  const effects: TicketEffect[] = [];
  const event = (name: string, data: Record<string, unknown> = {}) => effects.push({ type: 'event', name: `ticket.${name}`, data });
  const followUpPolicy = followUpPolicyOf(policy.tickets.followUp);
  let next = t;
  let ruleIds: string[] = ['RO-11'];

  switch (cmd.type) {
    case 'dispatch': {
      if (cmd.department != null && !text(cmd.department, 30)) fail('TICKET_DEPARTMENT_UNKNOWN', 'invalid', 'department: a department code', { ruleIds: ['RO-11'] });
      const department = cmd.department ?? ticketCategory(policy, t.category)?.department ?? '';
      const issued = issueWorkTicket(t, department, ctx);
      next = { ...t, state: 'dispatched', workTickets: [...t.workTickets, issued.ticket] };
      effects.push(issued.effect);
      event('dispatched', { department: issued.ticket.department, dueAt: (issued.effect as { dueAt: Date | null }).dueAt });
      break;
    }
    case 'report_done': {
      if (!text(cmd.report, 4000)) fail('TICKET_DATA_REQUIRED', 'invalid', 'report: 1 to 4000 characters', { errors: [{ field: 'report', message: '1 to 4000 characters' }], ruleIds: ['RO-11'] });
      const items = cmd.fee ?? null;
      let feeTicket: FeeTicket | null = t.feeTicket;
      if (t.paid) {
        const ok = Array.isArray(items) && items.length > 0 && items.length <= 50 && items.every((x) => text(x?.description, 200) && Number.isSafeInteger(x?.amountFen) && x.amountFen >= 0);
        if (!ok) fail('TICKET_FEE_REQUIRED', 'invalid', 'a paid service returns with its fee items (有偿服务 开单, RO-11)', { errors: [{ field: 'fee', message: '1 to 50 items, each a description and whole fen' }], ruleIds: ['RO-11'] });
        feeTicket = {
          items: items!.map((x) => ({ description: x.description.trim(), amountFen: fen(x.amountFen) })),
          totalFen: fen(items!.reduce((s, x) => s + x.amountFen, 0)),
          issuedAt: now,
          issuedBy: actor.userId,
          paidAt: null,
        };
        effects.push({ type: 'fee_ticket', feeTicket });
      } else if (items != null && items.length) {
        fail('TICKET_NOT_PAID_SERVICE', 'unprocessable', `category ${t.category} is not a paid service; no fee is charged (RO-11)`, { ruleIds: ['RO-11'] });
      }
      const workTickets = t.workTickets.map((w, i) => (i === t.workTickets.length - 1 ? { ...w, doneAt: now } : w));
      const task = planFollowUp(now, followUpPolicy, ctx.calendar.timeZone);
      next = { ...t, state: 'done', workTickets, report: cmd.report.trim(), feeTicket, followUp: task };
      effects.push({ type: 'follow_up_task', task });
      ruleIds = ['RO-11', 'CMP-7'];
      event('done', { feeFen: feeTicket?.totalFen ?? null });
      break;
    }
    case 'record_fee_paid': {
      if (!t.feeTicket) fail('TICKET_NO_FEE', 'conflict', 'this ticket has no fee ticket (RO-11)', { ruleIds: ['RO-11'] });
      if (t.feeTicket!.paidAt) fail('TICKET_FEE_ALREADY_PAID', 'conflict', 'the fee is already recorded as paid', { ruleIds: ['RO-11'] });
      next = { ...t, feeTicket: { ...t.feeTicket!, paidAt: now } };
      event('fee_paid', { totalFen: t.feeTicket!.totalFen });
      break;
    }
    case 'book_follow_up': {
      const task = bookFollowUp(t.followUp!, cmd.at, now, followUpPolicy, ctx.calendar.timeZone);
      next = { ...t, followUp: task };
      effects.push({ type: 'follow_up_task', task });
      ruleIds = ['RO-11', 'CMP-7'];
      event('follow_up_booked', { plannedAt: task.plannedAt });
      break;
    }
    case 'record_follow_up': {
      const verdict = evaluateFollowUp(cmd.answers, followUpPolicy);
      const verdicts = [...t.followUpVerdicts, verdict];
      if (!verdict.reopen) {
        next = { ...t, state: 'followed_up', followUpVerdicts: verdicts };
        ruleIds = ['RO-11', ...verdict.ruleIds];
        event('followed_up', { score: cmd.answers.score });
        break;
      }
      // CMP-10 applied to a repair ticket: not solved (or a low score) — a new work ticket, one level up.
      const last = t.workTickets[t.workTickets.length - 1];
      const issued = issueWorkTicket({ ...t, followUpVerdicts: verdicts }, last.department, ctx);
      next = { ...t, state: 'dispatched', followUpVerdicts: verdicts, followUp: null, workTickets: [...t.workTickets, issued.ticket] };
      effects.push(issued.effect);
      ruleIds = ['RO-11', ...verdict.ruleIds];
      event('reopened', { reasons: verdict.reasons, workTicket: issued.ticket.number });
      break;
    }
    case 'close': {
      next = { ...t, state: 'closed', closedAt: now };
      event('closed');
      break;
    }
    case 'hand_over': {
      if (!text(cmd.toUserId, 100)) fail('TICKET_DATA_REQUIRED', 'invalid', 'toUserId: required', { ruleIds: ['GEN-10'] });
      const h = decideHandover({ ownerId: t.ownerId }, { actorId: actor.userId, actorRoles: actor.roles, toUserId: cmd.toUserId, reason: typeof cmd.reason === 'string' ? cmd.reason : '' });
      next = { ...t, ownerId: h.to };
      effects.push({ type: 'handover', from: h.from, to: h.to, reason: cmd.reason.trim() });
      ruleIds = ['GEN-10'];
      event('handed_over', { from: h.from, to: h.to });
      break;
    }
  }
  return { next, effects, ruleIds };
}

/** The Monday (site-local) of the week holding `date`. */
export const weekStartOf = (date: LocalDate): LocalDate => addDays(date, 1 - weekday(date));

export interface FeeFact {
  ticketId: string;
  category: string;
  department: string;
  totalFen: Fen;
  issuedAt: Date;
  paidAt: Date | null;
}

export interface FeeSummaryRow {
  key: string;
  count: number;
  totalFen: Fen;
  paidFen: Fen;
  unpaidFen: Fen;
}

export interface WeeklyFeeSummary {
  weekStart: LocalDate;
  /** The Monday after (exclusive). */
  weekEnd: LocalDate;
  from: Date;
  to: Date;
  total: FeeSummaryRow;
  byCategory: FeeSummaryRow[];
  byDepartment: FeeSummaryRow[];
}

const feeRow = (key: string, fs: readonly FeeFact[], until: Date): FeeSummaryRow => {
  const total = fs.reduce((s, f) => s + f.totalFen, 0);
  const paid = fs.filter((f) => f.paidAt && f.paidAt < until).reduce((s, f) => s + f.totalFen, 0);
  return { key, count: fs.length, totalFen: fen(total), paidFen: fen(paid), unpaidFen: fen(total - paid) };
};

/**
 * RO-11 (004 客服主管: 监管有偿服务的收费情况, 并每周汇总上缴财务): the fee tickets issued in the site-local
 * week starting `weekStart` (a Monday), by category and by department; paid counts what was paid by
 * the week's end.
 */
export function weeklyFeeSummary(fees: readonly FeeFact[], weekStart: LocalDate, timeZone: string): WeeklyFeeSummary {
  if (weekStartOf(weekStart) !== weekStart) fail('TICKET_WEEK_START_INVALID', 'invalid', 'a week starts on a Monday', { ruleIds: ['RO-11'] });
  const weekEnd = addDays(weekStart, 7);
  const from = zonedTime(weekStart, '00:00', timeZone);
  const to = zonedTime(weekEnd, '00:00', timeZone);
  const inWeek = fees.filter((f) => f.issuedAt >= from && f.issuedAt < to);
  const group = (key: (f: FeeFact) => string) => {
    const m = new Map<string, FeeFact[]>();
    for (const f of inWeek) m.set(key(f), [...(m.get(key(f)) ?? []), f]);
    return [...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, fs]) => feeRow(k, fs, to));
  };
  return { weekStart, weekEnd, from, to, total: feeRow('total', inWeek, to), byCategory: group((f) => f.category), byDepartment: group((f) => f.department) };
}

/** RO-11 (003: 供暖期间呼叫中心实行24小时倒班制度): is the local date inside the heating season (which may span new year)? */
export function isHeatingSeason(date: LocalDate, policy: Pick<RepairOrderPolicy, 'heatingSeason'>): boolean {
  const hs = policy.heatingSeason;
  if (!hs) return false;
  const md = date.slice(5);
  return hs.from <= hs.to ? md >= hs.from && md <= hs.to : md >= hs.from || md <= hs.to;
}

/**
 * RO-11: the call centre's coverage on a date. In the heating season it runs around the clock, on the
 * Attendance module's `call-centre` shifts (08:00–20:00, 09:00–21:00, 20:00–08:00 overnight, 10 minutes'
 * hand-over, ATT-1); outside it, the departments' business hours.
 */
export function callCentreCoverage(
  date: LocalDate,
  policy: Pick<RepairOrderPolicy, 'heatingSeason'>,
): { roundTheClock: boolean; attendancePreset: 'call-centre' | null; shifts: ShiftTemplate[]; handoverMinutes: number } {
  const on = isHeatingSeason(date, policy);
  const preset = ATTENDANCE_PRESETS['call-centre'];
  return on ? { roundTheClock: true, attendancePreset: 'call-centre', shifts: preset.shifts, handoverMinutes: preset.handoverMinutes } : { roundTheClock: false, attendancePreset: null, shifts: [], handoverMinutes: 0 };
}
