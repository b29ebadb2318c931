import { addDays } from '../attendance/rota.js';
import { DomainError } from '../common/errors.js';
import { localDate, zonedTime, type LocalDate } from '../common/time.js';
import { evaluateFollowUp, nextCallableAt, validateFollowUpAnswers, type FollowUpAnswers, type FollowUpVerdict } from '../complaint/follow-up.js';
import type { PricedLine } from './estimate.js';
import { followUpPolicyOf, type RepairOrderPolicy } from './policy.js';
import type { NextService } from './vehicle.js';

/**
 * RO-10 (002 篇一 16 跟踪服务): the first follow-up call 2 days to a week after the vehicle left —
 * how the vehicle runs, the customer's opinion of the service, care advice, the next service date.
 * The task itself is CMP-7's (`planFollowUp`/`bookFollowUp` with the policy's `followUp` window,
 * planned by `decideRepairOrder` at exit); here are the script's answers, the next-service reminders
 * and the warranty claims (索赔).
 */
export interface VehicleFollowUpAnswers extends FollowUpAnswers {
  /** The script's own questions: care advice given and the next service date told. */
  careAdviceGiven: boolean;
  nextServiceDateTold: boolean;
}

export interface VehicleFollowUpVerdict extends FollowUpVerdict {
  /** A vehicle that does not run well, or a low score, is a case for the advisor: a warranty check or a complaint (CMP-1 channel `follow_up_call`). */
  openCase: boolean;
}

/**
 * RO-10: the answers of the call, checked with CMP-7's validation (`solved` = the vehicle runs well,
 * `attitude` = the opinion of the service, score 1–10) plus the script's two duties; evaluated with
 * CMP-10's rule (not solved, or a score at or below the policy's threshold).
 */
export function evaluateVehicleFollowUp(a: VehicleFollowUpAnswers, policy: Pick<RepairOrderPolicy, 'followUp'>): VehicleFollowUpVerdict {
  const errors = validateFollowUpAnswers(a);
  if (typeof a?.careAdviceGiven !== 'boolean') errors.push({ field: 'careAdviceGiven', message: 'true or false' });
  if (typeof a?.nextServiceDateTold !== 'boolean') errors.push({ field: 'nextServiceDateTold', message: 'true or false' });
  if (errors.length) throw new DomainError('FOLLOW_UP_ANSWERS_INVALID', 'invalid', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors, ruleIds: ['RO-10', 'CMP-7'] });
  if (!a.careAdviceGiven || !a.nextServiceDateTold) {
    throw new DomainError('RO_FOLLOW_UP_SCRIPT_INCOMPLETE', 'unprocessable', 'the call gives care advice and tells the next service date (RO-10)', { ruleIds: ['RO-10'] });
  }
  const v = evaluateFollowUp(a, followUpPolicyOf(policy.followUp));
  return { ...v, ruleIds: ['RO-10', ...v.ruleIds], openCase: v.reopen };
}

/**
 * RO-10: when the next-service reminder is due — `reminderDaysBefore` days before the next service
 * date, at the first instant of that day outside the customer's rest hours (09:00 with the default
 * rest hours). `null` without a next service date. A reminder day already past is due at once (`now`).
 */
export function serviceReminderAt(next: Pick<NextService, 'dueDate'>, policy: Pick<RepairOrderPolicy, 'reminderDaysBefore' | 'followUp'>, timeZone: string, now: Date): Date | null {
  if (!next.dueDate) return null;
  const day: LocalDate = addDays(next.dueDate, -policy.reminderDaysBefore);
  const at = nextCallableAt(zonedTime(day, '00:00', timeZone), policy.followUp.restHours, timeZone);
  if (at >= now) return at;
  // Late (the order exited inside the reminder period): remind at the next callable instant, if before the service date.
  return localDate(now, timeZone) <= next.dueDate ? nextCallableAt(now, policy.followUp.restHours, timeZone) : null;
}

export type ServiceReminderState = 'none' | 'pending' | 'due' | 'sent';

/** GEN-8: the reminder's state read from stored instants. */
export function serviceReminderStateAt(r: { remindAt: Date | null; sentAt: Date | null }, now: Date): ServiceReminderState {
  if (!r.remindAt) return 'none';
  if (r.sentAt && r.sentAt <= now) return 'sent';
  return now >= r.remindAt ? 'due' : 'pending';
}

/** RO-10: warranty claims (索赔), recorded and handled by the advisor (002). */
export interface WarrantyClaimInput {
  lineIds: string[];
  description: string;
  /** The vehicle's odometer at the claim. */
  odometerKm: number;
}

export interface WarrantyAssessment {
  /** Within the guarantee's days and km (whichever ends first). */
  inPeriod: boolean;
  /** Lines claimable: those of the order with a guarantee. */
  coveredLineIds: string[];
  /** RO-3: lines with a customer-supplied part or an aftermarket part on a critical system carry no guarantee. */
  excludedLineIds: string[];
  expiresOn: LocalDate;
  expiresAtKm: number | null;
  ruleIds: string[];
}

/**
 * RO-10 + RO-3: checks a claim against the order that left on `exitedAt` at `exitOdometerKm`: inside the
 * guarantee (policy `warranty`, whichever of days and km ends first), and only for lines that carry
 * the quality guarantee. The advisor then handles it; the assessment is what they see.
 */
export function assessWarrantyClaim(
  claim: WarrantyClaimInput,
  order: { exitedAt: Date; exitOdometerKm: number; lines: readonly Pick<PricedLine, 'id' | 'noGuarantee'>[] },
  policy: Pick<RepairOrderPolicy, 'warranty'>,
  timeZone: string,
  now: Date,
): WarrantyAssessment {
  const errors: { field: string; message: string }[] = [];
  if (!Array.isArray(claim?.lineIds) || claim.lineIds.length === 0) errors.push({ field: 'lineIds', message: 'at least one line of the order' });
  else if (claim.lineIds.some((id) => !order.lines.some((l) => l.id === id))) errors.push({ field: 'lineIds', message: 'lines of this order' });
  if (typeof claim?.description !== 'string' || !claim.description.trim() || claim.description.length > 4000) errors.push({ field: 'description', message: '1 to 4000 characters' });
  if (!Number.isInteger(claim?.odometerKm) || claim.odometerKm < order.exitOdometerKm) errors.push({ field: 'odometerKm', message: `whole km, at least the ${order.exitOdometerKm} km at exit` });
  if (errors.length) throw new DomainError('RO_WARRANTY_CLAIM_INVALID', 'invalid', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors, ruleIds: ['RO-10'] });
  const expiresOn = addDays(localDate(order.exitedAt, timeZone), policy.warranty.days);
  const expiresAtKm = policy.warranty.km === null ? null : order.exitOdometerKm + policy.warranty.km;
  const inPeriod = localDate(now, timeZone) <= expiresOn && (expiresAtKm === null || claim.odometerKm <= expiresAtKm);
  const claimed = order.lines.filter((l) => claim.lineIds.includes(l.id));
  return {
    inPeriod,
    coveredLineIds: inPeriod ? claimed.filter((l) => !l.noGuarantee).map((l) => l.id) : [],
    excludedLineIds: claimed.filter((l) => l.noGuarantee).map((l) => l.id),
    expiresOn,
    expiresAtKm,
    ruleIds: ['RO-10', 'RO-3'],
  };
}
