import { checkApprover, routeApproval } from '../common/approval.js';
import type { DisciplineEntryDraft } from '../common/discipline.js';
import { DomainError } from '../common/errors.js';
import { decideHandover, takeFirstContact } from '../common/handover.js';
import { atOrAbove, HIERARCHY, type Role } from '../common/roles.js';
import type { BusinessCalendar, SlaPause } from './business-time.js';
import { evaluateFollowUp, bookFollowUp, planFollowUp, type FollowUpAnswers, type FollowUpTask } from './follow-up.js';
import { classify, initialLevel, validateIntake, type Classification, type ClassificationInput, type ComplaintChannel, type ComplaintIntake } from './intake.js';
import { isClockTime } from '../attendance/policy.js';
import { restMinutesPerDay, slaTargetFor, type ComplaintPolicy, type ComplaintSeverity, type DayWindow } from './policy.js';
import { escalationAt, type EscalationReason, type EscalationStep, type SlaClock } from './sla.js';

/** CMP-9: the life cycle. Nothing is deleted; `rejected` and `closed` are final. */
export const COMPLAINT_STATES = ['received', 'triaged', 'investigating', 'proposed', 'approved', 'resolved', 'followed_up', 'closed', 'rejected', 'reopened'] as const;
export type ComplaintState = (typeof COMPLAINT_STATES)[number];
export const FINAL_COMPLAINT_STATES: readonly ComplaintState[] = ['closed', 'rejected'];
/** States in which the complaint still waits for a fix (SLA clocks run, escalation applies). */
export const OPEN_COMPLAINT_STATES: readonly ComplaintState[] = ['received', 'triaged', 'investigating', 'proposed', 'approved', 'reopened'];

export interface ComplaintProposal {
  id: string;
  text: string;
}

/** CMP-6: a staff member the investigation found responsible, and their department head. */
export interface ResponsibleStaff {
  userId: string;
  departmentHeadId: string | null;
}

export interface ComplaintInvestigation {
  department: string;
  investigatorId: string;
  findings: string | null;
  cause: string | null;
  responsibleStaff: ResponsibleStaff[];
}

/** What the API loads for a decision: the complaint's current facts. */
export interface ComplaintSnapshot {
  id: string;
  state: ComplaintState;
  receivedAt: Date;
  channel: ComplaintChannel;
  /** `null` for an online complaint nobody has taken yet (the first taker owns it, GEN-10). */
  receivedBy: string | null;
  /** GEN-10: whoever first took it, until an explicit hand-over. */
  ownerId: string | null;
  importantCustomer: boolean;
  /** What it is about (CMP-1); a complaint about a staff member names them. */
  subjectType: ComplaintIntake['subjectType'];
  subjectRef: string | null;
  classification: Classification | null;
  /** CMP-5: the level it started at; recorded steps and SLA breaches add to it (`escalationAt`). */
  baseLevel: number;
  escalations: EscalationStep[];
  clocks: SlaClock[];
  pauses: SlaPause[];
  firstRespondedAt: Date | null;
  investigation: ComplaintInvestigation | null;
  proposals: ComplaintProposal[];
  proposedBy: string | null;
  /** The proposer's roles on the site: GEN-6 routes their proposal one level up when they hold the approver role. */
  proposedByRoles: Role[];
  approval: { proposalId: string; approverId: string; comment: string | null; at: Date } | null;
  resolution: { at: Date; implementation: string; signature: string; feedback: string | null; onTheSpot: boolean } | null;
  /** CMP-2: the polite answer that ended an invalid complaint. */
  rejectionReply: string | null;
  followUp: FollowUpTask | null;
  reopenCount: number;
  closedAt: Date | null;
}

export interface ComplaintActor {
  userId: string;
  /** The actor's roles on the complaint's site. */
  roles: readonly Role[];
}

/** The commands of CMP-9 and around it, each with its required data. */
export type ComplaintCommand =
  /** GEN-10: take an unowned complaint (one that came in online); the first taker owns it. */
  | { type: 'take' }
  /** CMP-3: answer the customer; when it cannot be solved on the spot, promise the next reply time. */
  | { type: 'respond'; message: string; promisedReplyAt?: Date | null }
  /** CMP-2: classify; an invalid complaint ends `rejected` with the polite reply given. */
  | { type: 'triage'; classification: ClassificationInput; reply?: string | null }
  /** CMP-3: solved at once (a grumble soothed, a small fix) and accepted by the customer. */
  | { type: 'settle_on_the_spot'; resolution: string; customerAccepted: boolean; signature: string }
  /** CMP-4: the responsible department and person investigate. */
  | { type: 'investigate'; investigatorId: string; department?: string | null }
  /** CMP-4: findings and at least one proposal; who is at fault (CMP-6). */
  | { type: 'propose'; findings: string; cause: string; proposals: ComplaintProposal[]; responsibleStaff: ResponsibleStaff[] }
  /** CMP-4: the supervisor or manager approves one proposal. */
  | { type: 'approve'; proposalId: string; comment?: string | null }
  /** CMP-4: the approver sends the proposals back to the investigation. */
  | { type: 'send_back'; comment: string }
  /** CMP-4: carried out; the customer accepts and signs; feedback collected. */
  | { type: 'resolve'; implementation: string; customerAccepted: boolean; signature: string; feedback?: string | null }
  /** CMP-4: the customer does not accept the approved solution. */
  | { type: 'customer_declined'; reason: string }
  /** CMP-7: the customer is busy; a later call time is booked. */
  | { type: 'book_follow_up'; at: Date; customerRestHours?: DayWindow[] | null }
  /** CMP-7/CMP-10: the call's answers. */
  | { type: 'record_follow_up'; answers: FollowUpAnswers }
  | { type: 'close'; summary: string }
  /** CMP-9: a finished complaint reopened by hand (the customer calls again). */
  | { type: 'reopen'; reason: string }
  /** CMP-5: what the handler cannot handle goes one level up. */
  | { type: 'escalate'; reason: string }
  /** GEN-10 */
  | { type: 'hand_over'; toUserId: string; reason: string }
  /** Waiting on the customer pauses the SLA clocks. */
  | { type: 'wait_for_customer'; reason: string }
  | { type: 'customer_responded' };

export type ComplaintCommandType = ComplaintCommand['type'];

export type ComplaintEffect =
  /** A live site event and an audit action name (`complaint.triaged` …). */
  | { type: 'event'; name: string; data: Record<string, unknown> }
  /** CMP-6/GEN-9: an entry for the discipline register. */
  | { type: 'discipline'; draft: DisciplineEntryDraft }
  /** CMP-5: the complaint moved up. */
  | { type: 'escalation'; fromLevel: number; toLevel: number; role: Role; reason: Exclude<EscalationReason, 'breach'> | 'classification'; at: Date }
  /** CMP-7: a follow-up call to schedule (or re-schedule). */
  | { type: 'follow_up_task'; task: FollowUpTask }
  /** GEN-10: a hand-over to record. */
  | { type: 'handover'; from: string | null; to: string; reason: string };

export interface ComplaintDecision {
  complaint: ComplaintSnapshot;
  effects: ComplaintEffect[];
  ruleIds: string[];
}

/** Which command is allowed in which state (the rest are 409 `COMPLAINT_TRANSITION_NOT_ALLOWED`). */
export const COMPLAINT_TRANSITIONS: Record<ComplaintCommandType, readonly ComplaintState[]> = {
  take: ['received', 'triaged', 'investigating', 'proposed', 'approved', 'resolved', 'followed_up', 'reopened'],
  respond: ['received', 'triaged', 'investigating', 'proposed', 'approved', 'reopened'],
  triage: ['received'],
  settle_on_the_spot: ['triaged'],
  investigate: ['triaged', 'reopened'],
  propose: ['investigating'],
  approve: ['proposed'],
  send_back: ['proposed'],
  resolve: ['approved'],
  customer_declined: ['approved'],
  book_follow_up: ['resolved'],
  record_follow_up: ['resolved'],
  close: ['followed_up'],
  reopen: ['resolved', 'followed_up', 'closed'],
  escalate: ['received', 'triaged', 'investigating', 'proposed', 'approved', 'reopened'],
  hand_over: ['received', 'triaged', 'investigating', 'proposed', 'approved', 'resolved', 'followed_up', 'reopened'],
  wait_for_customer: ['received', 'triaged', 'investigating', 'proposed', 'approved', 'reopened'],
  customer_responded: ['received', 'triaged', 'investigating', 'proposed', 'approved', 'reopened'],
};

/** The context of a decision: the site's policy, its business calendar and zone, and the server's clock (GEN-4). */
export interface ComplaintContext {
  policy: ComplaintPolicy;
  calendar: BusinessCalendar;
  now: Date;
}

const fail = (code: string, kind: DomainError['kind'], message: string, details: Record<string, unknown> = {}): never => {
  throw new DomainError(code, kind, message, details);
};

const text = (v: unknown, max: number) => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

function requireData(fields: Record<string, boolean>, ruleIds: string[]) {
  const missing = Object.entries(fields)
    .filter(([, ok]) => !ok)
    .map(([f]) => f);
  if (missing.length) {
    fail('COMPLAINT_DATA_REQUIRED', 'invalid', `this step needs: ${missing.join(', ')}`, { errors: missing.map((field) => ({ field, message: 'required' })), ruleIds });
  }
}

/**
 * CMP-1 + GEN-10: a complaint registered at once by whoever took it (they own it); `actor` is `null`
 * for a complaint that came in online, which the first staff member to `take` it owns. Starts the
 * first-response clock (CMP-3) with the targets of the severity given at intake, or `normal`.
 */
export function openComplaint(
  input: { id: string; intake: ComplaintIntake; severity?: ComplaintSeverity | null },
  actor: ComplaintActor | null,
  ctx: ComplaintContext,
): ComplaintDecision {
  const errors = validateIntake(input.intake);
  if (errors.length) fail('COMPLAINT_INTAKE_INVALID', 'invalid', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors, ruleIds: ['CMP-1'] });
  if (actor && (!actor.roles.length || actor.roles.every((r) => r === 'partner'))) fail('FORBIDDEN', 'forbidden', 'complaints are taken by staff (CMP-1)');
  const severity = input.severity ?? 'normal';
  const target = slaTargetFor(ctx.policy, { kind: 'complaint', category: null, severity });
  const { ownerId } = actor ? takeFirstContact({ ownerId: null }, actor.userId) : { ownerId: null };
  const complaint: ComplaintSnapshot = {
    id: input.id,
    state: 'received',
    receivedAt: ctx.now,
    channel: input.intake.channel,
    receivedBy: actor?.userId ?? null,
    ownerId,
    importantCustomer: input.intake.importantCustomer,
    subjectType: input.intake.subjectType,
    subjectRef: input.intake.subjectRef,
    classification: null,
    baseLevel: initialLevel(ctx.policy, { severity, importantCustomer: input.intake.importantCustomer }),
    escalations: [],
    clocks: [{ key: 'first_response', kind: 'first_response', startedAt: ctx.now, targetMinutes: target.firstResponseMinutes, promisedAt: null, stoppedAt: null }],
    pauses: [],
    firstRespondedAt: null,
    investigation: null,
    proposals: [],
    proposedBy: null,
    proposedByRoles: [],
    approval: null,
    resolution: null,
    rejectionReply: null,
    followUp: null,
    reopenCount: 0,
    closedAt: null,
  };
  return { complaint, effects: [{ type: 'event', name: 'complaint.received', data: { ownerId, level: complaint.baseLevel } }], ruleIds: ['CMP-1', 'GEN-10'] };
}

/** The escalation level of a complaint at `now` (CMP-5, GEN-8). */
export const complaintLevelAt = (c: ComplaintSnapshot, ctx: ComplaintContext) => escalationAt(c, ctx.policy, ctx.calendar, ctx.now);

/** Does someone with these roles stand at or above `level` of the chain? */
export function qualifiesAtLevel(roles: readonly Role[], policy: ComplaintPolicy, level: number): boolean {
  return policy.escalation.chain.slice(level).some((r) => atOrAbove(roles, r));
}

/**
 * GEN-10 + CMP-5: who works on a complaint — its owner, or a supervisor or above who stands at or
 * above the complaint's current level. A colleague of the owner is refused (`NOT_RESPONSIBLE`).
 */
function requireHandler(c: ComplaintSnapshot, actor: ComplaintActor, ctx: ComplaintContext) {
  if (c.ownerId === actor.userId) return;
  if (atOrAbove(actor.roles, 'supervisor') && qualifiesAtLevel(actor.roles, ctx.policy, complaintLevelAt(c, ctx).level)) return;
  fail('NOT_RESPONSIBLE', 'forbidden', 'the owner works on a complaint until they hand it over, or a supervisor at its level (GEN-10, CMP-5)', { ruleIds: ['GEN-10', 'CMP-5'] });
}

/**
 * CMP-4 + GEN-6: the approver is the policy's role (supervisor) or above, routed one level up when the
 * proposer holds that role themselves, and at least the complaint's current level (CMP-5); never the
 * proposer nor a staff member found at fault.
 */
function requireApprover(c: ComplaintSnapshot, actor: ComplaintActor, ctx: ComplaintContext) {
  const routed = routeApproval(c.proposedByRoles, ctx.policy.approverRole);
  const level = complaintLevelAt(c, ctx);
  const required = HIERARCHY.indexOf(level.role) > HIERARCHY.indexOf(routed) ? level.role : routed;
  if ((c.investigation?.responsibleStaff ?? []).some((s) => s.userId === actor.userId)) {
    fail('SELF_APPROVAL_FORBIDDEN', 'forbidden', 'nobody approves the outcome of a complaint against themselves (GEN-6)', { ruleIds: ['GEN-6'] });
  }
  checkApprover({ requesterId: c.proposedBy ?? '', approverRole: required }, actor);
}

function requireRole(actor: ComplaintActor, role: Role, ruleIds: string[]) {
  if (!atOrAbove(actor.roles, role)) fail('COMPLAINT_ROLE_REQUIRED', 'forbidden', `this step needs the role ${role}`, { role, ruleIds });
}

/** Stop the running clocks of these kinds at `now`. */
const stopClocks = (clocks: SlaClock[], kinds: SlaClock['kind'][], now: Date) => clocks.map((k) => (kinds.includes(k.kind) && k.stoppedAt === null ? { ...k, stoppedAt: now } : k));
const countKind = (clocks: SlaClock[], kind: SlaClock['kind']) => clocks.filter((k) => k.kind === kind).length;
const closeOpenPause = (pauses: SlaPause[], now: Date) => pauses.map((p) => (p.to === null ? { ...p, to: now } : p));

function resolutionClock(c: ComplaintSnapshot, policy: ComplaintPolicy, startedAt: Date): SlaClock[] {
  if (!c.classification) return [];
  const minutes = slaTargetFor(policy, c.classification).resolutionMinutes;
  if (minutes === null) return [];
  const n = countKind(c.clocks, 'resolution') + 1;
  return [{ key: `resolution:${n}`, kind: 'resolution', startedAt, targetMinutes: minutes, promisedAt: null, stoppedAt: null }];
}

function escalateOne(c: ComplaintSnapshot, ctx: ComplaintContext, reason: 'manual' | 'reopen'): { complaint: ComplaintSnapshot; effect: ComplaintEffect | null } {
  const before = complaintLevelAt(c, ctx);
  const next = { ...c, escalations: [...c.escalations, { at: ctx.now, reason }] };
  const after = complaintLevelAt(next, ctx);
  if (after.level === before.level) return { complaint: next, effect: null };
  return { complaint: next, effect: { type: 'escalation', fromLevel: before.level, toLevel: after.level, role: after.role, reason, at: ctx.now } };
}

/**
 * CMP-9: the one decision function. Checks, in this order, that the command is allowed in the
 * complaint's state (409), that the actor may do it (403) and that its data is there (400/422); the
 * input is never mutated. Returns the next snapshot
 * and the effects for the API to persist in one transaction (discipline slips, escalations, follow-up
 * tasks, hand-overs, events).
 */
export function decideComplaint(c: ComplaintSnapshot, cmd: ComplaintCommand, actor: ComplaintActor, ctx: ComplaintContext): ComplaintDecision {
  const allowed = typeof cmd?.type === 'string' && Object.hasOwn(COMPLAINT_TRANSITIONS, cmd.type) ? COMPLAINT_TRANSITIONS[cmd.type as ComplaintCommandType] : undefined;
  if (!allowed) fail('COMPLAINT_COMMAND_UNKNOWN', 'invalid', `unknown command ${String(cmd?.type)}`);
  if (!allowed!.includes(c.state)) {
    fail('COMPLAINT_TRANSITION_NOT_ALLOWED', 'conflict', `a ${c.state} complaint cannot ${cmd.type.replace(/_/g, ' ')} (CMP-9)`, { state: c.state, command: cmd.type, ruleIds: ['CMP-9'] });
  }
  const { policy, now } = ctx;
  const effects: ComplaintEffect[] = [];
  const event = (name: string, data: Record<string, unknown> = {}) => effects.push({ type: 'event', name: `complaint.${name}`, data });
  let next: ComplaintSnapshot = c;
  let ruleIds: string[] = ['CMP-9'];

  switch (cmd.type) {
    case 'take': {
      if (!qualifiesAtLevel(actor.roles, policy, 0)) requireRole(actor, policy.escalation.chain[0], ['GEN-10']);
      if (c.ownerId) fail('COMPLAINT_ALREADY_OWNED', 'conflict', 'the complaint has an owner; they hand it over explicitly (GEN-10)', { ownerId: c.ownerId, ruleIds: ['GEN-10'] });
      next = { ...c, ownerId: takeFirstContact({ ownerId: null }, actor.userId).ownerId };
      ruleIds = ['GEN-10'];
      event('taken', { ownerId: actor.userId });
      break;
    }
    case 'respond': {
      requireHandler(c, actor, ctx);
      const promised = cmd.promisedReplyAt ?? null;
      requireData({ message: text(cmd.message, 2000), promisedReplyAt: promised === null || (promised instanceof Date && !Number.isNaN(promised.getTime())) }, ['CMP-3']);
      if (promised && promised <= now) fail('COMPLAINT_PROMISE_IN_PAST', 'invalid', 'the promised reply time lies in the future (CMP-3)', { ruleIds: ['CMP-3'] });
      // A reply keeps the earlier promise; a new promise starts a new clock.
      let clocks = stopClocks(c.clocks, ['first_response', 'promised_reply'], now);
      if (promised) {
        const n = countKind(c.clocks, 'promised_reply') + 1;
        clocks = [...clocks, { key: `promised_reply:${n}`, kind: 'promised_reply', startedAt: now, targetMinutes: null, promisedAt: promised, stoppedAt: null }];
      }
      next = { ...c, clocks, firstRespondedAt: c.firstRespondedAt ?? now };
      ruleIds = ['CMP-3'];
      event('responded', { promisedReplyAt: promised });
      break;
    }
    case 'triage': {
      requireHandler(c, actor, ctx);
      const classification = classify(cmd.classification, policy);
      const base = Math.max(c.baseLevel, initialLevel(policy, { severity: classification.severity, importantCustomer: c.importantCustomer }));
      if (classification.validity === 'invalid') {
        requireData({ reply: text(cmd.reply, 2000) }, ['CMP-2']);
        next = {
          ...c,
          state: 'rejected',
          classification,
          baseLevel: base,
          rejectionReply: cmd.reply!.trim(),
          clocks: stopClocks(c.clocks, ['first_response', 'promised_reply'], now),
          pauses: closeOpenPause(c.pauses, now),
          firstRespondedAt: c.firstRespondedAt ?? now,
          closedAt: now,
        };
        ruleIds = ['CMP-2', 'CMP-9'];
        event('rejected', { classification });
        break;
      }
      next = { ...c, state: 'triaged', classification, baseLevel: base };
      // The first-response target follows the classification; the resolution clock runs from receipt.
      const target = slaTargetFor(policy, classification);
      next.clocks = c.clocks.map((k) => (k.kind === 'first_response' && k.stoppedAt === null ? { ...k, targetMinutes: target.firstResponseMinutes } : k));
      next.clocks = [...next.clocks, ...resolutionClock(next, policy, c.receivedAt)];
      ruleIds = ['CMP-2', 'CMP-5', 'CMP-9'];
      const [before, after] = [complaintLevelAt(c, ctx), complaintLevelAt(next, ctx)];
      if (after.level !== before.level) effects.push({ type: 'escalation', fromLevel: before.level, toLevel: after.level, role: after.role, reason: 'classification', at: now });
      event('triaged', { classification });
      break;
    }
    case 'settle_on_the_spot': {
      requireHandler(c, actor, ctx);
      requireData({ resolution: text(cmd.resolution, 4000), signature: text(cmd.signature, 200) }, ['CMP-3']);
      if (cmd.customerAccepted !== true) fail('COMPLAINT_CUSTOMER_ACCEPTANCE_REQUIRED', 'unprocessable', 'a complaint is resolved only when the customer accepts (CMP-4)', { ruleIds: ['CMP-4'] });
      next = resolveNow(c, ctx, { implementation: cmd.resolution.trim(), signature: cmd.signature.trim(), feedback: null, onTheSpot: true });
      effects.push({ type: 'follow_up_task', task: next.followUp! });
      ruleIds = ['CMP-3', 'CMP-7', 'CMP-9'];
      event('resolved', { onTheSpot: true });
      break;
    }
    case 'investigate': {
      requireHandler(c, actor, ctx);
      requireData({ investigatorId: text(cmd.investigatorId, 100), department: cmd.department == null || text(cmd.department, 60) }, ['CMP-4']);
      const department = cmd.department?.trim() || c.classification?.department || 'unassigned';
      next = {
        ...c,
        state: 'investigating',
        investigation: { department, investigatorId: cmd.investigatorId, findings: null, cause: null, responsibleStaff: c.investigation?.responsibleStaff ?? [] },
      };
      ruleIds = ['CMP-4', 'CMP-9'];
      event('investigating', { department, investigatorId: cmd.investigatorId });
      break;
    }
    case 'propose': {
      if (c.investigation?.investigatorId !== actor.userId) requireHandler(c, actor, ctx);
      const proposals = Array.isArray(cmd.proposals) ? cmd.proposals : [];
      const staff = Array.isArray(cmd.responsibleStaff) ? cmd.responsibleStaff : [];
      requireData(
        {
          findings: text(cmd.findings, 4000),
          cause: text(cmd.cause, 1000),
          proposals: proposals.length > 0 && proposals.length <= 10 && proposals.every((p) => text(p?.id, 40) && text(p?.text, 2000)) && new Set(proposals.map((p) => p.id)).size === proposals.length,
          responsibleStaff: staff.length <= 20 && staff.every((s) => text(s?.userId, 100) && (s.departmentHeadId == null || text(s.departmentHeadId, 100))),
        },
        ['CMP-4'],
      );
      next = {
        ...c,
        state: 'proposed',
        investigation: { ...c.investigation!, findings: cmd.findings.trim(), cause: cmd.cause.trim(), responsibleStaff: staff.map((s) => ({ userId: s.userId, departmentHeadId: s.departmentHeadId ?? null })) },
        proposals: proposals.map((p) => ({ id: p.id, text: p.text.trim() })),
        proposedBy: actor.userId,
        proposedByRoles: [...actor.roles],
        approval: null,
      };
      ruleIds = ['CMP-4', 'CMP-9'];
      event('proposed', { proposals: proposals.length });
      break;
    }
    case 'approve': {
      requireApprover(c, actor, ctx);
      requireData({ proposalId: text(cmd.proposalId, 40), comment: cmd.comment == null || (typeof cmd.comment === 'string' && cmd.comment.length <= 2000) }, ['CMP-4']);
      if (!c.proposals.some((p) => p.id === cmd.proposalId)) fail('COMPLAINT_PROPOSAL_UNKNOWN', 'invalid', 'approve one of the proposals (CMP-4)', { ruleIds: ['CMP-4'] });
      next = { ...c, state: 'approved', approval: { proposalId: cmd.proposalId, approverId: actor.userId, comment: cmd.comment?.trim() || null, at: now } };
      ruleIds = ['CMP-4', 'CMP-9', 'GEN-6'];
      // CMP-6: upheld against staff members → a violation slip each, and their department heads dealt with.
      const slips = upheldDiscipline(c, policy);
      if (slips.length) {
        effects.push(...slips.map((draft) => ({ type: 'discipline' as const, draft })));
        ruleIds.push('CMP-6', 'GEN-9');
      }
      event('approved', { proposalId: cmd.proposalId, slips: slips.length });
      break;
    }
    case 'send_back': {
      requireApprover(c, actor, ctx);
      requireData({ comment: text(cmd.comment, 2000) }, ['CMP-4']);
      next = { ...c, state: 'investigating' };
      ruleIds = ['CMP-4', 'CMP-9'];
      event('sent_back', { comment: cmd.comment.trim() });
      break;
    }
    case 'resolve': {
      requireHandler(c, actor, ctx);
      requireData(
        { implementation: text(cmd.implementation, 4000), signature: text(cmd.signature, 200), feedback: cmd.feedback == null || (typeof cmd.feedback === 'string' && cmd.feedback.length <= 2000) },
        ['CMP-4'],
      );
      if (cmd.customerAccepted !== true) fail('COMPLAINT_CUSTOMER_ACCEPTANCE_REQUIRED', 'unprocessable', 'a complaint is resolved only when the customer accepts and signs (CMP-4)', { ruleIds: ['CMP-4'] });
      next = resolveNow(c, ctx, { implementation: cmd.implementation.trim(), signature: cmd.signature.trim(), feedback: cmd.feedback?.trim() || null, onTheSpot: false });
      effects.push({ type: 'follow_up_task', task: next.followUp! });
      ruleIds = ['CMP-4', 'CMP-7', 'CMP-9'];
      event('resolved', { onTheSpot: false });
      break;
    }
    case 'customer_declined': {
      requireHandler(c, actor, ctx);
      requireData({ reason: text(cmd.reason, 2000) }, ['CMP-4']);
      next = { ...c, state: 'investigating', approval: null };
      ruleIds = ['CMP-4', 'CMP-9'];
      event('declined', { reason: cmd.reason.trim() });
      break;
    }
    case 'book_follow_up': {
      requireRole(actor, policy.followUp.callerRole, ['CMP-7']);
      const own = cmd.customerRestHours ?? null;
      requireData({ customerRestHours: own === null || (Array.isArray(own) && own.length <= 5 && own.every((w) => isClockTime(w?.start) && isClockTime(w?.end) && w.start !== w.end)) }, ['CMP-7']);
      if (own && restMinutesPerDay(own) > 20 * 60) fail('FOLLOW_UP_NO_CALLABLE_TIME', 'unprocessable', 'the rest hours leave no time to call (CMP-7)', { ruleIds: ['CMP-7'] });
      const task = bookFollowUp(c.followUp!, cmd.at, now, policy, ctx.calendar.timeZone, cmd.customerRestHours ?? undefined);
      next = { ...c, followUp: task };
      effects.push({ type: 'follow_up_task', task });
      ruleIds = ['CMP-7'];
      event('follow_up_booked', { plannedAt: task.plannedAt, outsideWindow: task.outsideWindow });
      break;
    }
    case 'record_follow_up': {
      requireRole(actor, policy.followUp.callerRole, ['CMP-7']);
      const verdict = evaluateFollowUp(cmd.answers, policy);
      ruleIds = verdict.ruleIds;
      if (!verdict.reopen) {
        next = { ...c, state: 'followed_up' };
        event('followed_up', { score: cmd.answers.score });
        break;
      }
      // CMP-10: reopened and one level up; a new resolution clock runs from now.
      const reopened = reopenNow(c, ctx);
      next = reopened.complaint;
      if (reopened.effect) effects.push(reopened.effect);
      ruleIds = [...ruleIds, 'CMP-5', 'CMP-9'];
      event('reopened', { reasons: verdict.reasons, score: cmd.answers.score });
      break;
    }
    case 'close': {
      requireRole(actor, policy.closerRole, ['CMP-9']);
      requireData({ summary: text(cmd.summary, 4000) }, ['CMP-8']);
      next = { ...c, state: 'closed', closedAt: now };
      event('closed', {});
      break;
    }
    case 'reopen': {
      requireRole(actor, policy.closerRole, ['CMP-9']);
      requireData({ reason: text(cmd.reason, 2000) }, ['CMP-9']);
      const reopened = reopenNow(c, ctx);
      next = reopened.complaint;
      if (reopened.effect) effects.push(reopened.effect);
      ruleIds = ['CMP-5', 'CMP-9'];
      event('reopened', { reason: cmd.reason.trim() });
      break;
    }
    case 'escalate': {
      requireHandler(c, actor, ctx);
      requireData({ reason: text(cmd.reason, 2000) }, ['CMP-5']);
      if (complaintLevelAt(c, ctx).atTop) fail('COMPLAINT_AT_TOP_LEVEL', 'conflict', 'the complaint is already at the top of the escalation chain (CMP-5)', { ruleIds: ['CMP-5'] });
      const up = escalateOne(c, ctx, 'manual');
      next = up.complaint;
      if (up.effect) effects.push(up.effect);
      ruleIds = ['CMP-5'];
      event('escalated', { reason: cmd.reason.trim() });
      break;
    }
    case 'hand_over': {
      requireData({ toUserId: text(cmd.toUserId, 100) }, ['GEN-10']);
      const h = decideHandover({ ownerId: c.ownerId }, { actorId: actor.userId, actorRoles: actor.roles, toUserId: cmd.toUserId, reason: typeof cmd.reason === 'string' ? cmd.reason : '' });
      next = { ...c, ownerId: h.to };
      effects.push({ type: 'handover', from: h.from, to: h.to, reason: cmd.reason.trim() });
      ruleIds = ['GEN-10'];
      event('handed_over', { from: h.from, to: h.to });
      break;
    }
    case 'wait_for_customer': {
      requireHandler(c, actor, ctx);
      requireData({ reason: text(cmd.reason, 500) }, ['CMP-3']);
      if (c.pauses.some((p) => p.to === null)) fail('COMPLAINT_ALREADY_WAITING', 'conflict', 'already waiting on the customer');
      next = { ...c, pauses: [...c.pauses, { from: now, to: null }] };
      ruleIds = ['CMP-5'];
      event('waiting_on_customer', { reason: cmd.reason.trim() });
      break;
    }
    case 'customer_responded': {
      requireHandler(c, actor, ctx);
      if (!c.pauses.some((p) => p.to === null)) fail('COMPLAINT_NOT_WAITING', 'conflict', 'not waiting on the customer');
      next = { ...c, pauses: closeOpenPause(c.pauses, now) };
      ruleIds = ['CMP-5'];
      event('customer_responded', {});
      break;
    }
  }
  return { complaint: next, effects, ruleIds };
}

function resolveNow(c: ComplaintSnapshot, ctx: ComplaintContext, r: { implementation: string; signature: string; feedback: string | null; onTheSpot: boolean }): ComplaintSnapshot {
  const { now, policy } = ctx;
  return {
    ...c,
    state: 'resolved',
    resolution: { at: now, ...r },
    clocks: stopClocks(c.clocks, ['first_response', 'promised_reply', 'resolution'], now),
    pauses: closeOpenPause(c.pauses, now),
    firstRespondedAt: c.firstRespondedAt ?? now,
    followUp: planFollowUp(now, policy, ctx.calendar.timeZone),
  };
}

function reopenNow(c: ComplaintSnapshot, ctx: ComplaintContext): { complaint: ComplaintSnapshot; effect: ComplaintEffect | null } {
  const base: ComplaintSnapshot = { ...c, state: 'reopened', reopenCount: c.reopenCount + 1, followUp: null, approval: null, closedAt: null };
  base.clocks = [...c.clocks, ...resolutionClock(c, ctx.policy, ctx.now)];
  return escalateOne(base, ctx, 'reopen');
}

/**
 * CMP-6 + GEN-9: an upheld complaint (valid, approved, staff found responsible) issues the policy's
 * slip to each responsible staff member and deals with their department head, once per person.
 */
export function upheldDiscipline(c: Pick<ComplaintSnapshot, 'id' | 'classification' | 'investigation'>, policy: ComplaintPolicy): DisciplineEntryDraft[] {
  if (c.classification?.validity !== 'valid' || c.classification.kind !== 'complaint') return [];
  const staff = c.investigation?.responsibleStaff ?? [];
  const evidence = `complaint ${c.id}: ${c.investigation?.cause ?? ''}`.trim().slice(0, 1000);
  const drafts: DisciplineEntryDraft[] = [];
  const seen = new Set<string>();
  for (const s of staff) {
    if (seen.has(`staff:${s.userId}`)) continue;
    seen.add(`staff:${s.userId}`);
    drafts.push({ userId: s.userId, kind: policy.discipline.staffKind, ruleId: 'CMP-6', amountFen: policy.discipline.staffAmountFen, evidence, sourceModule: 'complaint', sourceRef: c.id });
  }
  const heads = policy.discipline.departmentHeadKind;
  if (heads) {
    for (const s of staff) {
      const h = s.departmentHeadId;
      if (!h || seen.has(`head:${h}`) || seen.has(`staff:${h}`)) continue;
      seen.add(`head:${h}`);
      drafts.push({ userId: h, kind: heads, ruleId: 'CMP-6', amountFen: policy.discipline.departmentHeadAmountFen, evidence: `department head — ${evidence}`.slice(0, 1000), sourceModule: 'complaint', sourceRef: c.id });
    }
  }
  return drafts;
}
