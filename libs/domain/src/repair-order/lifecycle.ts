import { checkApprover, routeApproval } from '../common/approval.js';
import { DomainError } from '../common/errors.js';
import { decideHandover } from '../common/handover.js';
import { fen, type Fen } from '../common/money.js';
import { SITE_MANAGEMENT_ROLES, type Role } from '../common/roles.js';
import { localDate, wallClock } from '../common/time.js';
import { bookFollowUp, planFollowUp, type FollowUpTask } from '../complaint/follow-up.js';
import { priceEstimate, summarize, validateEstimateLines, type Estimate, type EstimateLineInput, type PricedLine } from './estimate.js';
import { evaluateVehicleFollowUp, type VehicleFollowUpAnswers, type VehicleFollowUpVerdict } from './follow-up.js';
import { isKeyTag } from './key-tags.js';
import { followUpPolicyOf, type EstimateMethod, type RepairOrderPolicy } from './policy.js';
import { nextService, normalizePlate, VEHICLE_TYPES, type NextService, type VehicleType } from './vehicle.js';

/**
 * RO-2..RO-9: the repair order's life cycle, one pure decision function for the API to
 * load → decide → persist in one transaction → audit → publish.
 *
 *   opened ─consent_diagnosis→ diagnosing ─record_diagnosis→ diagnosed
 *   opened | diagnosed ─estimate→ estimated ─sign→ signed ─check_in→ checked_in ─dispatch→ dispatched
 *   (estimate again = a new version: a signed order goes back to `estimated` and needs a new signature)
 *   dispatched ─start_work→ in_progress ─complete→ completed ─quality_check→ quality_checked
 *   (a failed quality check goes back to in_progress) ─prepare_delivery→ ready ─settle→ settled ─exit→ exited
 *   opened … signed ─decline→ declined (exit notice and the diagnosis/estimate fee, RO-4)
 */
export const REPAIR_ORDER_STATES = [
  'opened',
  'diagnosing',
  'diagnosed',
  'estimated',
  'signed',
  'checked_in',
  'dispatched',
  'in_progress',
  'completed',
  'quality_checked',
  'ready',
  'settled',
  'exited',
  'declined',
] as const;
export type RepairOrderState = (typeof REPAIR_ORDER_STATES)[number];
export const FINAL_REPAIR_ORDER_STATES: readonly RepairOrderState[] = ['exited', 'declined'];
/** RO-5: the states in which the order holds its key tag (the API's partial unique index uses these). */
export const KEY_TAG_STATES: readonly RepairOrderState[] = ['checked_in', 'dispatched', 'in_progress', 'completed', 'quality_checked', 'ready', 'settled'];

export const CONSENT_CHANNELS = ['phone', 'in_person', 'sms', 'wechat'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

/** A customer's signature bound to the version of the order they saw (RO-4, RO-5, RO-9). */
export interface SignatureRecord {
  purpose: 'diagnosis_consent' | 'order' | 'document_differences' | 'belongings' | 'exit';
  signer: string;
  at: Date;
  version: number;
}

export interface DiagnosisRecord {
  consentAt: Date;
  findings: string | null;
  recommendation: string | null;
  /** RO-2: the technician who helped when the advisor was unsure. */
  assistedBy: string | null;
  /** RO-2: when the diagnosis report (检测诊断单) was handed to the customer. */
  reportHandedOverAt: Date | null;
}

export interface CheckInRecord {
  at: Date;
  documents: { received: string[]; differences: string | null };
  inspection: { exterior: string; interior: string; instruments: string; anomalies: string[] };
  belongings: string[];
  keyTag: string;
  fuelPercent: number;
  odometerKm: number;
}

export type DispatchTarget = { kind: 'team'; team: string } | { kind: 'workshop_lead' };

export interface DispatchRecord {
  target: DispatchTarget;
  receiverId: string;
  receiverName: string;
  /** The server's instant of the hand-over. */
  at: Date;
  /** RO-6: the time written beside the receiver's signature, to the nearest 10 minutes (site zone). */
  signedTime: Date;
}

export interface AdditionalWork {
  line: PricedLine;
  /** RO-7: the delay it causes, told to the customer. */
  delayMinutes: number;
  reportedBy: string;
  reportedAt: Date;
  /** RO-7: the customer's explicit answer; `null` while pending. */
  consent: { decision: 'yes' | 'no'; at: Date; channel: ConsentChannel; recordedBy: string; workshopToldName: string } | null;
}

export interface WorkRecord {
  lineId: string;
  startedAt: Date;
  startedBy: string;
  finishedAt: Date | null;
}

export interface ProgressCheckRecord {
  at: Date;
  by: string;
  anomalies: string | null;
  action: string | null;
}

export interface DiscountRequest {
  amountFen: Fen;
  percent: number;
  reason: string;
  requestedBy: string;
  requestedAt: Date;
  /** The level the amount needs (RO-9), routed one up when the requester holds it (GEN-6). */
  approverRole: Role;
  decision: { decision: 'approved' | 'rejected'; by: string; at: Date; comment: string | null } | null;
}

export interface SettlementRecord {
  at: Date;
  by: string;
  totalFen: Fen;
  discountFen: Fen;
  dueFen: Fen;
  paidFen: Fen;
  /** 欠收: what is still owed. */
  receivableFen: Fen;
}

export interface ExitDocuments {
  repairOrder: boolean;
  settlement: boolean;
  warrantyCertificate: boolean;
  vehicleDocuments: boolean;
  key: boolean;
}

export interface RepairOrderSnapshot {
  id: string;
  state: RepairOrderState;
  /** Goes up whenever work, price, promised time or wishes change; signatures name the version. */
  version: number;
  openedAt: Date;
  /** GEN-10: the advisor who took the customer owns the order until an explicit hand-over. */
  advisorId: string;
  customer: { name: string; phone: string };
  vehicle: { plate: string; model: string; type: VehicleType; odometerKm: number; kmPerDay: number | null };
  /** The repair category (维修类别) for statistics (RO-12). */
  category: string;
  diagnosis: DiagnosisRecord | null;
  estimate: Estimate | null;
  qualityNoticeGiven: boolean;
  promisedAt: Date | null;
  wishes: string | null;
  signatures: SignatureRecord[];
  checkIn: CheckInRecord | null;
  dispatch: DispatchRecord | null;
  additional: AdditionalWork[];
  work: WorkRecord[];
  progressChecks: ProgressCheckRecord[];
  qualityChecks: { at: Date; by: string; passed: boolean; notes: string; reworkLineIds: string[] }[];
  delivery: { at: Date; cleaned: boolean; belongingsReturned: boolean } | null;
  discount: DiscountRequest | null;
  settlement: SettlementRecord | null;
  exit: { at: Date; documents: ExitDocuments; nextService: NextService } | null;
  decline: { at: Date; kind: 'declined' | 'appointment'; reason: string; feeFen: Fen } | null;
  followUp: FollowUpTask | null;
  /** RO-10: the call's answers and CMP-10's verdict. */
  followUpResult: { at: Date; by: string; answers: VehicleFollowUpAnswers; verdict: VehicleFollowUpVerdict } | null;
}

export interface RepairOrderActor {
  userId: string;
  /** The actor's roles on the order's site. */
  roles: readonly Role[];
}

export type RepairOrderCommand =
  /** RO-2: the customer consents to a diagnosis. */
  | { type: 'consent_diagnosis'; signer: string }
  /** RO-2: the diagnosis report, handed to the customer; a technician may have helped. */
  | { type: 'record_diagnosis'; findings: string; recommendation: string; assistedBy?: string | null; reportHandedOver: boolean }
  /** RO-3/RO-4: the estimate with its method, the promised time and other wishes; again = a new version. */
  | { type: 'estimate'; method?: EstimateMethod | null; lines: EstimateLineInput[]; qualityNoticeGiven?: boolean; promisedAt: Date; wishes?: string | null; category?: string | null }
  /** RO-4: the customer signs the version they saw. */
  | { type: 'sign'; signer: string; version: number }
  /** RO-4: the customer declines, or books an appointment instead. */
  | { type: 'decline'; kind: 'declined' | 'appointment'; reason: string }
  /** RO-5 */
  | {
      type: 'check_in';
      documents: { received: string[]; differences?: string | null; differencesSignedBy?: string | null };
      inspection: { exterior: string; interior: string; instruments: string; anomalies: string[] };
      belongings: { items: string[]; signedBy: string };
      keyTag: string;
      fuelPercent: number;
      odometerKm: number;
    }
  /** RO-6: the workshop receiver signs. */
  | { type: 'dispatch'; target: DispatchTarget; receiverId: string; receiverName: string }
  /** RO-7: the workshop reports additional work with the delay it causes. */
  | { type: 'report_additional_work'; lines: EstimateLineInput[]; delayMinutes: number }
  /** RO-7: the customer's yes or no, with the channel and the workshop person told. */
  | { type: 'record_additional_consent'; lineIds: string[]; decision: 'yes' | 'no'; channel: ConsentChannel; workshopToldName: string }
  | { type: 'start_work'; lineId: string }
  | { type: 'finish_work'; lineId: string }
  /** RO-8 */
  | { type: 'record_progress_check'; anomalies?: string | null; action?: string | null }
  /** RO-9 */
  | { type: 'complete' }
  | { type: 'quality_check'; passed: boolean; notes: string; reworkLineIds?: string[] }
  | { type: 'prepare_delivery'; cleaned: boolean; belongingsReturned: boolean }
  | { type: 'request_discount'; amountFen: number; reason: string }
  | { type: 'decide_discount'; decision: 'approved' | 'rejected'; comment?: string | null }
  | { type: 'settle'; paidFen: number }
  | { type: 'exit'; documents: ExitDocuments; signer: string; version: number }
  /** RO-10 (CMP-7): a busy customer books a later call. */
  | { type: 'book_follow_up'; at: Date }
  /** RO-10: the call's answers. */
  | { type: 'record_follow_up'; answers: VehicleFollowUpAnswers }
  /** GEN-10 */
  | { type: 'hand_over'; toUserId: string; reason: string };

export type RepairOrderCommandType = RepairOrderCommand['type'];

export type RepairOrderEffect =
  /** A live site event and the audit action name (`repair_order.signed` …). */
  | { type: 'event'; name: string; data: Record<string, unknown> }
  /** RO-4/RO-9: the exit notice (出厂通知单) to print; a declined order's carries the fee. */
  | { type: 'exit_notice'; kind: 'declined' | 'appointment' | 'repaired'; feeFen: Fen; feeLines: ('diagnosis' | 'estimate')[] }
  /** RO-5: the key tag is free again. */
  | { type: 'key_tag_released'; keyTag: string }
  /** RO-7: tell the workshop person (recorded with the time). */
  | { type: 'workshop_notice'; to: string; lineIds: string[]; decision: 'yes' | 'no'; at: Date }
  /** RO-8: an anomaly found by the progress check, acted on at once. */
  | { type: 'progress_anomaly'; anomalies: string; action: string }
  /** RO-9 + GEN-6: a discount request for the approver role. */
  | { type: 'approval_request'; approverRole: Role; amountFen: Fen }
  /** RO-10: the follow-up call (CMP-7's task), 2 days to a week after exit. */
  | { type: 'follow_up_task'; task: FollowUpTask }
  /** RO-10: the next service, for reminders. */
  | { type: 'next_service'; next: NextService }
  /** RO-10: the follow-up found a problem (not running well, low score): a case for the advisor — a warranty check or a complaint (CMP-1 channel `follow_up_call`). */
  | { type: 'open_case'; reasons: VehicleFollowUpVerdict['reasons'] }
  | { type: 'handover'; from: string | null; to: string; reason: string };

export interface RepairOrderDecision {
  next: RepairOrderSnapshot;
  effects: RepairOrderEffect[];
  ruleIds: string[];
}

/** The context of a decision: the site's policy and zone, and the server's clock (GEN-4). */
export interface RepairOrderContext {
  policy: RepairOrderPolicy;
  timeZone: string;
  now: Date;
}

const BEFORE_CHECK_IN: readonly RepairOrderState[] = ['opened', 'diagnosing', 'diagnosed', 'estimated', 'signed'];
const IN_WORKSHOP: readonly RepairOrderState[] = ['dispatched', 'in_progress'];

/** Which command is allowed in which state (the rest: 409 `RO_TRANSITION_NOT_ALLOWED`). */
export const REPAIR_ORDER_TRANSITIONS: Record<RepairOrderCommandType, readonly RepairOrderState[]> = {
  consent_diagnosis: ['opened'],
  record_diagnosis: ['diagnosing'],
  estimate: ['opened', 'diagnosed', 'estimated', 'signed'],
  sign: ['estimated'],
  decline: BEFORE_CHECK_IN,
  check_in: ['signed'],
  dispatch: ['checked_in'],
  report_additional_work: IN_WORKSHOP,
  record_additional_consent: IN_WORKSHOP,
  start_work: IN_WORKSHOP,
  finish_work: ['in_progress'],
  record_progress_check: IN_WORKSHOP,
  complete: ['in_progress'],
  quality_check: ['completed'],
  prepare_delivery: ['quality_checked'],
  request_discount: ['ready'],
  decide_discount: ['ready'],
  settle: ['ready'],
  exit: ['settled'],
  book_follow_up: ['exited'],
  record_follow_up: ['exited'],
  hand_over: REPAIR_ORDER_STATES.filter((s) => !FINAL_REPAIR_ORDER_STATES.includes(s)),
};

const ADVISOR: readonly Role[] = ['service_advisor', ...SITE_MANAGEMENT_ROLES];
const WORKSHOP: readonly Role[] = ['technician', 'supervisor', ...SITE_MANAGEMENT_ROLES];
/** Who may give each command (besides any per-command rule). */
export const REPAIR_ORDER_COMMAND_ROLES: Record<RepairOrderCommandType, readonly Role[]> = {
  consent_diagnosis: ADVISOR,
  record_diagnosis: ADVISOR,
  estimate: ADVISOR,
  sign: ADVISOR,
  decline: ADVISOR,
  check_in: ADVISOR,
  dispatch: ADVISOR,
  report_additional_work: WORKSHOP,
  record_additional_consent: ADVISOR,
  start_work: WORKSHOP,
  finish_work: WORKSHOP,
  record_progress_check: ADVISOR,
  complete: WORKSHOP,
  quality_check: WORKSHOP,
  prepare_delivery: ADVISOR,
  request_discount: [...ADVISOR, 'cashier', 'supervisor'],
  // The approver's level is checked by the rule (RO-9, GEN-6).
  decide_discount: ['supervisor', ...SITE_MANAGEMENT_ROLES],
  settle: [...ADVISOR, 'cashier'],
  exit: ADVISOR,
  book_follow_up: ADVISOR,
  record_follow_up: ADVISOR,
  hand_over: [...ADVISOR, 'supervisor'],
};

const fail = (code: string, kind: DomainError['kind'], message: string, details: Record<string, unknown> = {}): never => {
  throw new DomainError(code, kind, message, details);
};
const text = (v: unknown, max: number) => typeof v === 'string' && v.trim().length > 0 && v.length <= max;
const optText = (v: unknown, max: number) => v == null || (typeof v === 'string' && v.length <= max);
const isDate = (v: unknown): v is Date => v instanceof Date && !Number.isNaN(v.getTime());
const textList = (v: unknown, maxItems: number, maxLen: number, min = 0) => Array.isArray(v) && v.length >= min && v.length <= maxItems && v.every((x) => text(x, maxLen));

function requireData(fields: Record<string, boolean>, ruleIds: string[]) {
  const missing = Object.entries(fields)
    .filter(([, ok]) => !ok)
    .map(([f]) => f);
  if (missing.length) fail('RO_DATA_REQUIRED', 'invalid', `this step needs: ${missing.join(', ')}`, { errors: missing.map((field) => ({ field, message: 'required or malformed' })), ruleIds });
}

/**
 * RO-6: the time written beside the workshop receiver's signature, "精确到十分钟" (002): the site's
 * wall-clock time rounded to the **nearest** `minutes` (10 by default) — 10:04:59 → 10:00,
 * 10:05:00 → 10:10 (half up). The exact server instant is kept beside it.
 */
export function roundToNearestMinutes(t: Date, minutes: number, timeZone: string): Date {
  const w = wallClock(t, timeZone);
  const block = minutes * 60_000;
  const into = ((w.minute % minutes) * 60 + w.second) * 1000 + t.getUTCMilliseconds();
  return new Date(t.getTime() - into + (into * 2 >= block ? block : 0));
}

/** The order's lines as they stand: the signed estimate plus additional work the customer said yes to. */
export function agreedLines(o: Pick<RepairOrderSnapshot, 'estimate' | 'additional'>): PricedLine[] {
  return [...(o.estimate?.lines ?? []), ...o.additional.filter((a) => a.consent?.decision === 'yes').map((a) => a.line)];
}

/** The order's current price: the estimate's method and margin applied to the agreed lines (RO-3, RO-7). */
export function currentTotals(o: Pick<RepairOrderSnapshot, 'estimate' | 'additional'>): Estimate | null {
  return o.estimate ? summarize(o.estimate.method, agreedLines(o), o.estimate.riskMarginPercent) : null;
}

/** RO-4: is the current version signed by the customer (for this purpose)? */
export const isSignedCurrent = (o: Pick<RepairOrderSnapshot, 'signatures' | 'version'>, purpose: SignatureRecord['purpose'] = 'order') =>
  o.signatures.some((s) => s.purpose === purpose && s.version === o.version);

/** RO-8: the progress check window, 70–80 % of the promised duration, counted from the hand-over to the workshop. */
export function progressCheckWindow(o: Pick<RepairOrderSnapshot, 'dispatch' | 'promisedAt'>, policy: Pick<RepairOrderPolicy, 'progressCheck'>): { from: Date; to: Date } | null {
  if (!o.dispatch || !o.promisedAt || o.promisedAt <= o.dispatch.at) return null;
  const start = o.dispatch.at.getTime();
  const span = o.promisedAt.getTime() - start;
  return { from: new Date(start + Math.round((span * policy.progressCheck.fromPercent) / 100)), to: new Date(start + Math.round((span * policy.progressCheck.toPercent) / 100)) };
}

export type ProgressCheckStatus = 'not_applicable' | 'not_yet' | 'due' | 'overdue' | 'done';

/** RO-8 + GEN-8: the check's status read at `now` from stored times; a check inside or after the window counts. */
export function progressCheckStatusAt(o: Pick<RepairOrderSnapshot, 'dispatch' | 'promisedAt' | 'progressChecks' | 'state'>, policy: Pick<RepairOrderPolicy, 'progressCheck'>, now: Date): ProgressCheckStatus {
  const w = progressCheckWindow(o, policy);
  if (!w) return 'not_applicable';
  if (o.progressChecks.some((c) => c.at >= w.from)) return 'done';
  if (!IN_WORKSHOP.includes(o.state)) return 'not_applicable';
  if (now < w.from) return 'not_yet';
  return now < w.to ? 'due' : 'overdue';
}

/** RO-9: the level a discount needs — the first whose limit covers its share of the total. */
export function discountApproverRole(amountFen: number, totalFen: number, policy: Pick<RepairOrderPolicy, 'discountLevels'>): { role: Role; percent: number } {
  const percent = totalFen > 0 ? (amountFen * 100) / totalFen : 100;
  const level = policy.discountLevels.find((l) => percent <= l.upToPercent) ?? policy.discountLevels[policy.discountLevels.length - 1];
  return { role: level.role, percent };
}

/** The input of `openRepairOrder` (RO-1's file is validated by the API with `validateCustomerFile`). */
export interface OpenRepairOrderInput {
  id: string;
  customer: { name: string; phone: string };
  vehicle: { plate: string; model: string; type: VehicleType; odometerKm: number; kmPerDay?: number | null };
  category: string;
}

/** Opens an order for a customer at the desk; the advisor who takes it owns it (GEN-10, 首问责任制). */
export function openRepairOrder(input: OpenRepairOrderInput, actor: RepairOrderActor, ctx: RepairOrderContext): RepairOrderDecision {
  if (!actor.roles.some((r) => ADVISOR.includes(r))) fail('RO_ROLE_REQUIRED', 'forbidden', 'a service advisor opens repair orders', { ruleIds: ['RO-1'] });
  const plate = normalizePlate(input?.vehicle?.plate);
  requireData(
    {
      id: text(input?.id, 60),
      'customer.name': text(input?.customer?.name, 60),
      'customer.phone': text(input?.customer?.phone, 30),
      'vehicle.plate': plate !== null,
      'vehicle.model': text(input?.vehicle?.model, 60),
      'vehicle.type': (VEHICLE_TYPES as readonly string[]).includes(input?.vehicle?.type),
      'vehicle.odometerKm': Number.isInteger(input?.vehicle?.odometerKm) && input.vehicle.odometerKm >= 0 && input.vehicle.odometerKm <= 5_000_000,
      'vehicle.kmPerDay': input?.vehicle?.kmPerDay == null || (typeof input.vehicle.kmPerDay === 'number' && Number.isFinite(input.vehicle.kmPerDay) && input.vehicle.kmPerDay > 0),
      category: /^[a-z][a-z0-9_-]{0,29}$/.test(input?.category ?? ''),
    },
    ['RO-1'],
  );
  const next: RepairOrderSnapshot = {
    id: input.id,
    state: 'opened',
    version: 0,
    openedAt: ctx.now,
    advisorId: actor.userId,
    customer: { name: input.customer.name.trim(), phone: input.customer.phone.trim() },
    vehicle: { plate: plate!, model: input.vehicle.model.trim(), type: input.vehicle.type, odometerKm: input.vehicle.odometerKm, kmPerDay: input.vehicle.kmPerDay ?? null },
    category: input.category,
    diagnosis: null,
    estimate: null,
    qualityNoticeGiven: false,
    promisedAt: null,
    wishes: null,
    signatures: [],
    checkIn: null,
    dispatch: null,
    additional: [],
    work: [],
    progressChecks: [],
    qualityChecks: [],
    delivery: null,
    discount: null,
    settlement: null,
    exit: null,
    decline: null,
    followUp: null,
    followUpResult: null,
  };
  return { next, effects: [{ type: 'event', name: 'repair_order.opened', data: { advisorId: actor.userId } }], ruleIds: ['RO-1', 'GEN-10'] };
}

/**
 * RO-2..RO-9: the one decision function. Checks, in this order, the state (409
 * `RO_TRANSITION_NOT_ALLOWED`), the actor's role (403), the data (400/422); never mutates its input.
 */
export function decideRepairOrder(o: RepairOrderSnapshot, cmd: RepairOrderCommand, actor: RepairOrderActor, ctx: RepairOrderContext): RepairOrderDecision {
  const allowed = typeof cmd?.type === 'string' && Object.hasOwn(REPAIR_ORDER_TRANSITIONS, cmd.type) ? REPAIR_ORDER_TRANSITIONS[cmd.type as RepairOrderCommandType] : undefined;
  if (!allowed) fail('RO_COMMAND_UNKNOWN', 'invalid', `unknown command ${String(cmd?.type)}`);
  if (!allowed!.includes(o.state)) fail('RO_TRANSITION_NOT_ALLOWED', 'conflict', `a ${o.state} repair order cannot ${cmd.type.replace(/_/g, ' ')}`, { state: o.state, command: cmd.type });
  if (!actor.roles.some((r) => REPAIR_ORDER_COMMAND_ROLES[cmd.type].includes(r))) {
    fail('RO_ROLE_REQUIRED', 'forbidden', `${cmd.type.replace(/_/g, ' ')} needs one of the roles ${REPAIR_ORDER_COMMAND_ROLES[cmd.type].join(', ')}`, { command: cmd.type });
  }
  const { policy, now } = ctx;
  const effects: RepairOrderEffect[] = [];
  const event = (name: string, data: Record<string, unknown> = {}) => effects.push({ type: 'event', name: `repair_order.${name}`, data });
  let next: RepairOrderSnapshot = o;
  let ruleIds: string[] = [];

  switch (cmd.type) {
    case 'consent_diagnosis': {
      requireData({ signer: text(cmd.signer, 60) }, ['RO-2']);
      next = {
        ...o,
        state: 'diagnosing',
        diagnosis: { consentAt: now, findings: null, recommendation: null, assistedBy: null, reportHandedOverAt: null },
        signatures: [...o.signatures, { purpose: 'diagnosis_consent', signer: cmd.signer.trim(), at: now, version: o.version }],
      };
      ruleIds = ['RO-2'];
      event('diagnosis_consented');
      break;
    }
    case 'record_diagnosis': {
      requireData({ findings: text(cmd.findings, 4000), recommendation: text(cmd.recommendation, 4000), assistedBy: cmd.assistedBy == null || text(cmd.assistedBy, 100) }, ['RO-2']);
      if (cmd.reportHandedOver !== true) fail('RO_DIAGNOSIS_REPORT_REQUIRED', 'unprocessable', 'the diagnosis report is handed to the customer (RO-2)', { ruleIds: ['RO-2'] });
      next = {
        ...o,
        state: 'diagnosed',
        diagnosis: { ...o.diagnosis!, findings: cmd.findings.trim(), recommendation: cmd.recommendation.trim(), assistedBy: cmd.assistedBy ?? null, reportHandedOverAt: now },
      };
      ruleIds = ['RO-2'];
      event('diagnosed', { assistedBy: cmd.assistedBy ?? null });
      break;
    }
    case 'estimate': {
      requireData(
        {
          promisedAt: isDate(cmd.promisedAt),
          wishes: optText(cmd.wishes, 2000),
          category: cmd.category == null || /^[a-z][a-z0-9_-]{0,29}$/.test(cmd.category),
        },
        ['RO-3', 'RO-4'],
      );
      if (cmd.promisedAt <= now) fail('RO_PROMISED_TIME_IN_PAST', 'invalid', 'the promised time lies in the future (RO-4)', { ruleIds: ['RO-4'] });
      const estimate = priceEstimate(cmd.method ?? policy.estimate.defaultMethod, cmd.lines, policy, { qualityNoticeGiven: cmd.qualityNoticeGiven });
      const resigned = o.state === 'signed';
      next = {
        ...o,
        state: 'estimated',
        version: o.version + 1,
        estimate,
        qualityNoticeGiven: cmd.qualityNoticeGiven === true,
        promisedAt: cmd.promisedAt,
        wishes: cmd.wishes?.trim() || null,
        category: cmd.category ?? o.category,
      };
      ruleIds = ['RO-3', 'RO-4'];
      event(resigned ? 're_estimated' : 'estimated', { version: next.version, totalFen: estimate.totalFen, method: estimate.method, disclaimer: estimate.disclaimer !== null });
      break;
    }
    case 'sign': {
      requireData({ signer: text(cmd.signer, 60), version: Number.isInteger(cmd.version) }, ['RO-4']);
      if (cmd.version !== o.version) fail('RO_ORDER_VERSION_CHANGED', 'conflict', `the order changed (version ${o.version}); the customer signs the current version (RO-4)`, { version: o.version, ruleIds: ['RO-4'] });
      next = { ...o, state: 'signed', signatures: [...o.signatures, { purpose: 'order', signer: cmd.signer.trim(), at: now, version: o.version }] };
      ruleIds = ['RO-4'];
      event('signed', { version: o.version });
      break;
    }
    case 'decline': {
      requireData({ kind: cmd.kind === 'declined' || cmd.kind === 'appointment', reason: text(cmd.reason, 2000) }, ['RO-4']);
      const feeLines: ('diagnosis' | 'estimate')[] = [];
      if (o.diagnosis?.reportHandedOverAt) feeLines.push('diagnosis');
      if (o.estimate) feeLines.push('estimate');
      const feeFen = fen((feeLines.includes('diagnosis') ? policy.fees.diagnosisFen : 0) + (feeLines.includes('estimate') ? policy.fees.estimateFen : 0));
      next = { ...o, state: 'declined', decline: { at: now, kind: cmd.kind, reason: cmd.reason.trim(), feeFen } };
      effects.push({ type: 'exit_notice', kind: cmd.kind, feeFen, feeLines });
      ruleIds = ['RO-4', 'GEN-3'];
      event('declined', { kind: cmd.kind, feeFen });
      break;
    }
    case 'check_in': {
      const d = cmd.documents;
      const differences = typeof d?.differences === 'string' ? d.differences.trim() || null : null;
      requireData(
        {
          'documents.received': textList(d?.received, 30, 100, 1),
          'documents.differences': optText(d?.differences, 2000),
          // RO-5: differences are signed by the customer.
          'documents.differencesSignedBy': differences === null || text(d?.differencesSignedBy, 60),
          'inspection.exterior': text(cmd.inspection?.exterior, 2000),
          'inspection.interior': text(cmd.inspection?.interior, 2000),
          'inspection.instruments': text(cmd.inspection?.instruments, 2000),
          'inspection.anomalies': textList(cmd.inspection?.anomalies, 50, 500),
          'belongings.items': textList(cmd.belongings?.items, 100, 200),
          'belongings.signedBy': text(cmd.belongings?.signedBy, 60),
          keyTag: isKeyTag(cmd.keyTag),
          fuelPercent: Number.isInteger(cmd.fuelPercent) && cmd.fuelPercent >= 0 && cmd.fuelPercent <= 100,
          odometerKm: Number.isInteger(cmd.odometerKm) && cmd.odometerKm >= 0 && cmd.odometerKm <= 5_000_000,
        },
        ['RO-5'],
      );
      if (!isSignedCurrent(o)) fail('RO_SIGNATURE_REQUIRED', 'unprocessable', 'the customer signs the current version of the order first (RO-4)', { version: o.version, ruleIds: ['RO-4'] });
      if (cmd.odometerKm < o.vehicle.odometerKm) {
        fail('RO_ODOMETER_BELOW_FILE', 'unprocessable', `the odometer reads less than the vehicle file's ${o.vehicle.odometerKm} km (RO-5)`, { ruleIds: ['RO-5', 'RO-1'] });
      }
      const sigs: SignatureRecord[] = [{ purpose: 'belongings', signer: cmd.belongings.signedBy.trim(), at: now, version: o.version }];
      if (differences) sigs.push({ purpose: 'document_differences', signer: d.differencesSignedBy!.trim(), at: now, version: o.version });
      next = {
        ...o,
        state: 'checked_in',
        vehicle: { ...o.vehicle, odometerKm: cmd.odometerKm },
        signatures: [...o.signatures, ...sigs],
        checkIn: {
          at: now,
          documents: { received: d.received.map((x) => x.trim()), differences },
          inspection: { exterior: cmd.inspection.exterior.trim(), interior: cmd.inspection.interior.trim(), instruments: cmd.inspection.instruments.trim(), anomalies: cmd.inspection.anomalies.map((x) => x.trim()) },
          belongings: cmd.belongings.items.map((x) => x.trim()),
          keyTag: cmd.keyTag,
          fuelPercent: cmd.fuelPercent,
          odometerKm: cmd.odometerKm,
        },
      };
      ruleIds = ['RO-5'];
      event('checked_in', { keyTag: cmd.keyTag });
      break;
    }
    case 'dispatch': {
      const t = cmd.target;
      requireData(
        {
          target: t?.kind === 'workshop_lead' || (t?.kind === 'team' && text(t.team, 60)),
          receiverId: text(cmd.receiverId, 100),
          receiverName: text(cmd.receiverName, 60),
        },
        ['RO-6'],
      );
      const teams = [...new Set(agreedLines(o).map((l) => l.team))];
      if (t.kind === 'team') {
        // RO-6: single-team work goes to the team directly; multi-team work to the workshop lead.
        if (teams.length > 1) fail('RO_DISPATCH_MULTI_TEAM', 'unprocessable', `work for ${teams.length} teams goes to the workshop lead (RO-6)`, { teams, ruleIds: ['RO-6'] });
        if (teams[0] !== t.team) fail('RO_DISPATCH_WRONG_TEAM', 'unprocessable', `the work is for team ${teams[0]} (RO-6)`, { teams, ruleIds: ['RO-6'] });
      }
      const dispatch: DispatchRecord = {
        target: t.kind === 'team' ? { kind: 'team', team: t.team } : { kind: 'workshop_lead' },
        receiverId: cmd.receiverId,
        receiverName: cmd.receiverName.trim(),
        at: now,
        signedTime: roundToNearestMinutes(now, policy.dispatchRoundingMinutes, ctx.timeZone),
      };
      next = { ...o, state: 'dispatched', dispatch };
      ruleIds = ['RO-6'];
      event('dispatched', { target: dispatch.target, receiverId: dispatch.receiverId, signedTime: dispatch.signedTime });
      break;
    }
    case 'report_additional_work': {
      requireData({ delayMinutes: Number.isInteger(cmd.delayMinutes) && cmd.delayMinutes >= 0 && cmd.delayMinutes <= 30 * 24 * 60 }, ['RO-7']);
      const errors = validateEstimateLines(cmd.lines);
      if (errors.length) fail('RO_ESTIMATE_INVALID', 'invalid', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors, ruleIds: ['RO-3', 'RO-7'] });
      const ids = new Set([...(o.estimate?.lines ?? []).map((l) => l.id), ...o.additional.map((a) => a.line.id)]);
      const clash = cmd.lines.find((l) => ids.has(l.id));
      if (clash) fail('RO_LINE_ID_TAKEN', 'conflict', `line ${clash.id} is already on the order`, { lineId: clash.id, ruleIds: ['RO-7'] });
      // Priced with the order's method; the margin is applied once, on the sum, by `summarize`.
      const priced = priceEstimate('system', cmd.lines, policy).lines;
      next = { ...o, additional: [...o.additional, ...priced.map((line) => ({ line, delayMinutes: cmd.delayMinutes, reportedBy: actor.userId, reportedAt: now, consent: null }))] };
      ruleIds = ['RO-7'];
      event('additional_work_reported', { lineIds: priced.map((l) => l.id), delayMinutes: cmd.delayMinutes });
      break;
    }
    case 'record_additional_consent': {
      requireData(
        {
          lineIds: textList(cmd.lineIds, 50, 40, 1),
          decision: cmd.decision === 'yes' || cmd.decision === 'no',
          channel: (CONSENT_CHANNELS as readonly string[]).includes(cmd.channel),
          workshopToldName: text(cmd.workshopToldName, 60),
        },
        ['RO-7'],
      );
      const wanted = new Set(cmd.lineIds);
      const found = o.additional.filter((a) => wanted.has(a.line.id));
      if (found.length !== wanted.size) fail('RO_LINE_UNKNOWN', 'invalid', 'name additional work lines of this order (RO-7)', { ruleIds: ['RO-7'] });
      if (found.some((a) => a.consent)) fail('RO_CONSENT_ALREADY_RECORDED', 'conflict', "the customer's answer is already recorded (RO-7)", { ruleIds: ['RO-7'] });
      const consent = { decision: cmd.decision, at: now, channel: cmd.channel, recordedBy: actor.userId, workshopToldName: cmd.workshopToldName.trim() };
      const additional = o.additional.map((a) => (wanted.has(a.line.id) ? { ...a, consent } : a));
      next = { ...o, additional };
      if (cmd.decision === 'yes') {
        // The order changes: a new version, and the promised time moves by the delay told to the customer.
        const delay = Math.max(...found.map((a) => a.delayMinutes));
        next = { ...next, version: o.version + 1, promisedAt: o.promisedAt ? new Date(o.promisedAt.getTime() + delay * 60_000) : null };
      }
      effects.push({ type: 'workshop_notice', to: consent.workshopToldName, lineIds: [...wanted], decision: cmd.decision, at: now });
      ruleIds = ['RO-7'];
      event('additional_work_answered', { lineIds: [...wanted], decision: cmd.decision, channel: cmd.channel });
      break;
    }
    case 'start_work': {
      requireData({ lineId: text(cmd.lineId, 40) }, ['RO-7']);
      const extra = o.additional.find((a) => a.line.id === cmd.lineId);
      if (!extra && !(o.estimate?.lines ?? []).some((l) => l.id === cmd.lineId)) fail('RO_LINE_UNKNOWN', 'invalid', `no line ${cmd.lineId} on this order`);
      if (extra && extra.consent?.decision !== 'yes') {
        fail(
          extra.consent ? 'RO_ADDITIONAL_WORK_DECLINED' : 'RO_ADDITIONAL_WORK_NOT_APPROVED',
          'unprocessable',
          extra.consent ? 'the customer said no to this additional work (RO-7)' : "additional work starts only after the customer's explicit yes (RO-7)",
          { lineId: cmd.lineId, ruleIds: ['RO-7'] },
        );
      }
      if (o.work.some((w) => w.lineId === cmd.lineId && w.finishedAt === null)) fail('RO_WORK_ALREADY_STARTED', 'conflict', `line ${cmd.lineId} is already in work`);
      if (o.work.some((w) => w.lineId === cmd.lineId) && !reworkPending(o, cmd.lineId)) fail('RO_WORK_ALREADY_DONE', 'conflict', `line ${cmd.lineId} is finished`);
      next = { ...o, state: 'in_progress', work: [...o.work, { lineId: cmd.lineId, startedAt: now, startedBy: actor.userId, finishedAt: null }] };
      ruleIds = ['RO-7'];
      event('work_started', { lineId: cmd.lineId });
      break;
    }
    case 'finish_work': {
      requireData({ lineId: text(cmd.lineId, 40) }, ['RO-9']);
      const idx = o.work.findIndex((w) => w.lineId === cmd.lineId && w.finishedAt === null);
      if (idx < 0) fail('RO_WORK_NOT_STARTED', 'conflict', `line ${cmd.lineId} is not in work`);
      next = { ...o, work: o.work.map((w, i) => (i === idx ? { ...w, finishedAt: now } : w)) };
      ruleIds = ['RO-9'];
      event('work_finished', { lineId: cmd.lineId });
      break;
    }
    case 'record_progress_check': {
      const anomalies = typeof cmd.anomalies === 'string' ? cmd.anomalies.trim() || null : null;
      requireData({ anomalies: optText(cmd.anomalies, 2000), action: anomalies === null ? optText(cmd.action, 2000) : text(cmd.action, 2000) }, ['RO-8']);
      next = { ...o, progressChecks: [...o.progressChecks, { at: now, by: actor.userId, anomalies, action: cmd.action?.trim() || null }] };
      // RO-8: anomalies are acted on at once.
      if (anomalies) effects.push({ type: 'progress_anomaly', anomalies, action: cmd.action!.trim() });
      ruleIds = ['RO-8'];
      event('progress_checked', { anomalies: anomalies !== null, status: progressCheckStatusAt(o, policy, now) });
      break;
    }
    case 'complete': {
      const pending = o.additional.filter((a) => !a.consent).map((a) => a.line.id);
      if (pending.length) fail('RO_ADDITIONAL_WORK_PENDING', 'unprocessable', "the customer's answer on additional work is still missing (RO-7)", { lineIds: pending, ruleIds: ['RO-7'] });
      const unfinished = agreedLines(o)
        .map((l) => l.id)
        .filter((id) => !lineDone(o, id));
      if (unfinished.length) fail('RO_WORK_UNFINISHED', 'unprocessable', `lines not finished: ${unfinished.join(', ')} (RO-9)`, { lineIds: unfinished, ruleIds: ['RO-9'] });
      next = { ...o, state: 'completed' };
      ruleIds = ['RO-9'];
      event('completed');
      break;
    }
    case 'quality_check': {
      const rework = cmd.reworkLineIds ?? [];
      requireData({ passed: typeof cmd.passed === 'boolean', notes: text(cmd.notes, 2000), reworkLineIds: textList(rework, 50, 40, cmd.passed === false ? 1 : 0) }, ['RO-9']);
      const ids = new Set(agreedLines(o).map((l) => l.id));
      if (rework.some((id) => !ids.has(id))) fail('RO_LINE_UNKNOWN', 'invalid', 'rework names lines of this order (RO-9)', { ruleIds: ['RO-9'] });
      // Nobody passes their own work alone: the inspector did not work on every line.
      if (cmd.passed && o.work.length > 0 && o.work.every((w) => w.startedBy === actor.userId)) {
        fail('RO_SELF_INSPECTION_FORBIDDEN', 'forbidden', 'the quality check is made by someone other than the only technician (RO-9, GEN-6)', { ruleIds: ['RO-9', 'GEN-6'] });
      }
      next = {
        ...o,
        state: cmd.passed ? 'quality_checked' : 'in_progress',
        qualityChecks: [...o.qualityChecks, { at: now, by: actor.userId, passed: cmd.passed, notes: cmd.notes.trim(), reworkLineIds: cmd.passed ? [] : [...rework] }],
      };
      ruleIds = ['RO-9'];
      event(cmd.passed ? 'quality_passed' : 'quality_failed', { reworkLineIds: cmd.passed ? [] : rework });
      break;
    }
    case 'prepare_delivery': {
      if (cmd.cleaned !== true || cmd.belongingsReturned !== true) {
        fail('RO_DELIVERY_NOT_READY', 'unprocessable', 'the vehicle is cleaned and the belongings put back first (RO-9)', { ruleIds: ['RO-9'] });
      }
      next = { ...o, state: 'ready', delivery: { at: now, cleaned: true, belongingsReturned: true } };
      ruleIds = ['RO-9'];
      event('ready');
      break;
    }
    case 'request_discount': {
      requireData({ amountFen: Number.isSafeInteger(cmd.amountFen) && cmd.amountFen > 0, reason: text(cmd.reason, 2000) }, ['RO-9']);
      if (o.discount && !o.discount.decision) fail('RO_DISCOUNT_PENDING', 'conflict', 'a discount request is already waiting for approval (RO-9)', { ruleIds: ['RO-9'] });
      const total = currentTotals(o)?.totalFen ?? 0;
      if (cmd.amountFen > total) fail('RO_DISCOUNT_TOO_LARGE', 'unprocessable', 'a discount cannot exceed the order total (RO-9)', { totalFen: total, ruleIds: ['RO-9'] });
      const level = discountApproverRole(cmd.amountFen, total, policy);
      const approverRole = routeApproval(actor.roles, level.role);
      next = {
        ...o,
        discount: { amountFen: fen(cmd.amountFen), percent: level.percent, reason: cmd.reason.trim(), requestedBy: actor.userId, requestedAt: now, approverRole, decision: null },
      };
      effects.push({ type: 'approval_request', approverRole, amountFen: fen(cmd.amountFen) });
      ruleIds = ['RO-9', 'GEN-6'];
      event('discount_requested', { amountFen: cmd.amountFen, approverRole });
      break;
    }
    case 'decide_discount': {
      if (!o.discount || o.discount.decision) fail('RO_NO_DISCOUNT_PENDING', 'conflict', 'no discount request waits for a decision (RO-9)', { ruleIds: ['RO-9'] });
      requireData({ decision: cmd.decision === 'approved' || cmd.decision === 'rejected', comment: optText(cmd.comment, 2000) }, ['RO-9']);
      checkApprover({ requesterId: o.discount!.requestedBy, approverRole: o.discount!.approverRole }, actor);
      next = { ...o, discount: { ...o.discount!, decision: { decision: cmd.decision, by: actor.userId, at: now, comment: cmd.comment?.trim() || null } } };
      ruleIds = ['RO-9', 'GEN-6'];
      event(`discount_${cmd.decision}`, { amountFen: o.discount!.amountFen });
      break;
    }
    case 'settle': {
      requireData({ paidFen: Number.isSafeInteger(cmd.paidFen) && cmd.paidFen >= 0 }, ['RO-9']);
      if (o.discount && !o.discount.decision) fail('RO_DISCOUNT_PENDING', 'conflict', 'the discount request is decided before settlement (RO-9)', { ruleIds: ['RO-9'] });
      const total = currentTotals(o)?.totalFen ?? fen(0);
      const discountFen = o.discount?.decision?.decision === 'approved' ? o.discount.amountFen : fen(0);
      const dueFen = fen(total - discountFen);
      if (cmd.paidFen > dueFen) fail('RO_OVERPAYMENT', 'unprocessable', `the amount due is ${dueFen} fen (RO-9)`, { dueFen, ruleIds: ['RO-9'] });
      const settlement: SettlementRecord = { at: now, by: actor.userId, totalFen: total, discountFen, dueFen, paidFen: fen(cmd.paidFen), receivableFen: fen(dueFen - cmd.paidFen) };
      next = { ...o, state: 'settled', settlement };
      ruleIds = ['RO-9'];
      event('settled', { dueFen, paidFen: cmd.paidFen, receivableFen: settlement.receivableFen });
      break;
    }
    case 'exit': {
      const docs = cmd.documents;
      requireData({ signer: text(cmd.signer, 60), version: Number.isInteger(cmd.version) }, ['RO-9']);
      const missing = (['repairOrder', 'settlement', 'warrantyCertificate', 'vehicleDocuments', 'key'] as const).filter((k) => docs?.[k] !== true);
      if (missing.length) fail('RO_EXIT_DOCUMENTS_MISSING', 'unprocessable', `hand over: ${missing.join(', ')} (RO-9)`, { missing, ruleIds: ['RO-9'] });
      if (cmd.version !== o.version) fail('RO_ORDER_VERSION_CHANGED', 'conflict', `the customer signs the current version ${o.version} (RO-9)`, { version: o.version, ruleIds: ['RO-9'] });
      const ns = nextService({ date: localDate(now, ctx.timeZone), odometerKm: o.checkIn?.odometerKm ?? o.vehicle.odometerKm }, policy, o.vehicle.kmPerDay);
      const task = planFollowUp(now, followUpPolicyOf(policy.followUp), ctx.timeZone);
      next = {
        ...o,
        state: 'exited',
        signatures: [...o.signatures, { purpose: 'exit', signer: cmd.signer.trim(), at: now, version: o.version }],
        exit: { at: now, documents: { repairOrder: true, settlement: true, warrantyCertificate: true, vehicleDocuments: true, key: true }, nextService: ns },
        followUp: task,
      };
      effects.push({ type: 'exit_notice', kind: 'repaired', feeFen: fen(0), feeLines: [] });
      if (o.checkIn) effects.push({ type: 'key_tag_released', keyTag: o.checkIn.keyTag });
      effects.push({ type: 'follow_up_task', task }, { type: 'next_service', next: ns });
      ruleIds = ['RO-9', 'RO-10', 'RO-1'];
      event('exited', { version: o.version, nextServiceDate: ns.dueDate });
      break;
    }
    case 'book_follow_up': {
      if (!o.followUp || o.followUpResult) fail('RO_FOLLOW_UP_NOT_OPEN', 'conflict', 'no follow-up call is waiting (RO-10)', { ruleIds: ['RO-10'] });
      const task = bookFollowUp(o.followUp!, cmd.at, now, followUpPolicyOf(policy.followUp), ctx.timeZone);
      next = { ...o, followUp: task };
      effects.push({ type: 'follow_up_task', task });
      ruleIds = ['RO-10', 'CMP-7'];
      event('follow_up_booked', { plannedAt: task.plannedAt, outsideWindow: task.outsideWindow });
      break;
    }
    case 'record_follow_up': {
      if (!o.followUp || o.followUpResult) fail('RO_FOLLOW_UP_NOT_OPEN', 'conflict', 'no follow-up call is waiting (RO-10)', { ruleIds: ['RO-10'] });
      const verdict = evaluateVehicleFollowUp(cmd.answers, policy);
      next = { ...o, followUpResult: { at: now, by: actor.userId, answers: { ...cmd.answers }, verdict } };
      if (verdict.openCase) effects.push({ type: 'open_case', reasons: verdict.reasons });
      ruleIds = verdict.ruleIds;
      event('followed_up', { score: cmd.answers.score, openCase: verdict.openCase });
      break;
    }
    case 'hand_over': {
      requireData({ toUserId: text(cmd.toUserId, 100) }, ['GEN-10']);
      const h = decideHandover({ ownerId: o.advisorId }, { actorId: actor.userId, actorRoles: actor.roles, toUserId: cmd.toUserId, reason: typeof cmd.reason === 'string' ? cmd.reason : '' });
      next = { ...o, advisorId: h.to };
      effects.push({ type: 'handover', from: h.from, to: h.to, reason: cmd.reason.trim() });
      ruleIds = ['GEN-10'];
      event('handed_over', { from: h.from, to: h.to });
      break;
    }
  }
  return { next, effects, ruleIds };
}

/** A line is done when its last work record is finished and no failed quality check asked for rework since. */
function lineDone(o: RepairOrderSnapshot, lineId: string): boolean {
  const records = o.work.filter((w) => w.lineId === lineId);
  const last = records[records.length - 1];
  return !!last && last.finishedAt !== null && !reworkPending(o, lineId);
}

/** A failed quality check named the line after its last work finished. */
function reworkPending(o: RepairOrderSnapshot, lineId: string): boolean {
  const records = o.work.filter((w) => w.lineId === lineId);
  const lastFinish = records[records.length - 1]?.finishedAt ?? null;
  return o.qualityChecks.some((q) => !q.passed && q.reworkLineIds.includes(lineId) && (lastFinish === null || q.at >= lastFinish));
}
