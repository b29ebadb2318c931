import { normalizeReportedPhone, phoneFits, reportsMayMatch } from './phone-pattern.js';
import type { ClientAttributionPolicy } from './policy.js';

type Reported = NonNullable<ReturnType<typeof normalizeReportedPhone>>;

/** CA-7: a report's life: `pending` until the visit, then `valid`, `natural`, `expired` or `deal`; or `duplicate` at once. */
export type ReportStatus = 'pending' | 'valid' | 'natural' | 'duplicate' | 'expired' | 'deal';

export interface ActiveReport {
  id: string;
  agencyId: string;
  reported: Reported;
  reportedAt: Date;
  /** Order of arrival: breaks a tie between reports made in the same instant (the database sequence). */
  sequence: number;
  status: ReportStatus;
  expiresAt: Date;
}

export interface ReportDecision {
  status: 'pending' | 'duplicate';
  /** Internal only: never shown to the agency (CA-7 does not reveal who owns the customer). */
  reason: 'new' | 'owned_on_site' | 'reported_earlier_by_another_agency' | 'reported_earlier_by_you';
  ruleIds: string[];
}

/**
 * CA-6, CA-7, CA-15: a new report is `duplicate` when the customer is already owned (protected) on the
 * site — any protected number fitting a masked report counts — or when an earlier report still running
 * may be the same customer (the earlier report wins). Otherwise it is `pending`.
 */
export function decideNewReport(
  input: { agencyId: string; reported: Reported; at: Date; sequence: number },
  context: { protectedPhones: string[]; activeReports: ActiveReport[] },
): ReportDecision {
  if (context.protectedPhones.some((p) => phoneFits(p, input.reported))) {
    return { status: 'duplicate', reason: 'owned_on_site', ruleIds: ['CA-7', ...(input.reported.kind === 'masked' ? ['CA-15'] : [])] };
  }
  const earlier = context.activeReports
    .filter((r) => (r.status === 'pending' || r.status === 'valid') && r.expiresAt > input.at && reportsMayMatch(r.reported, input.reported))
    .filter((r) => r.reportedAt < input.at || (r.reportedAt.getTime() === input.at.getTime() && r.sequence < input.sequence))
    .sort((a, b) => a.reportedAt.getTime() - b.reportedAt.getTime() || a.sequence - b.sequence)[0];
  if (earlier) {
    return {
      status: 'duplicate',
      reason: earlier.agencyId === input.agencyId ? 'reported_earlier_by_you' : 'reported_earlier_by_another_agency',
      ruleIds: ['CA-6', ...(input.reported.kind === 'masked' || earlier.reported.kind === 'masked' ? ['CA-15'] : [])],
    };
  }
  return { status: 'pending', reason: 'new', ruleIds: ['CA-6'] };
}

/** CA-7, GEN-8: the status as read — a pending report past its validity is expired, whether or not a job recorded it yet. */
export const reportStatusAt = (status: ReportStatus, expiresAt: Date, now: Date): ReportStatus => (status === 'pending' && expiresAt <= now ? 'expired' : status);

/** The moment a report stops counting when no visit came (CA-7: 7 days by default). */
export const reportExpiry = (at: Date, policy: ClientAttributionPolicy) => new Date(at.getTime() + policy.reportValidityDays * 86_400_000);

export interface VisitFacts {
  arrivedAt: Date;
  /** The full number registered at the visit. */
  phone: string;
  name: string;
  /** The customer mentioned the agency (or its agent) before the standard reception began. */
  mentionedAgency: boolean;
  /** The receptionist scanned or typed the report's visit code (CA-16): the agency brought them. */
  visitCode: boolean;
}

export interface VisitJudgement {
  status: 'valid' | 'natural' | 'expired';
  reason: 'in_time' | 'report_too_late' | 'phone_mismatch' | 'name_mismatch' | 'agency_not_mentioned' | 'expired';
  ruleIds: string[];
}

const sameName = (a: string, b: string) => a.replace(/\s+/g, '').toLowerCase() === b.replace(/\s+/g, '').toLowerCase();

/**
 * CA-6 at the visit: a report counts (`valid`) when it was made at least 30 minutes before the arrival,
 * the registered name and phone match it (the full phone fits a masked report, CA-15), and the customer
 * mentioned the agency before reception began — or the visit code was scanned (CA-16). Otherwise the
 * visit is natural. No visit within the validity: expired (CA-7).
 */
export function judgeVisit(report: { reported: Reported; customerName: string; reportedAt: Date; expiresAt: Date }, visit: VisitFacts, policy: ClientAttributionPolicy): VisitJudgement {
  if (visit.arrivedAt >= report.expiresAt) return { status: 'expired', reason: 'expired', ruleIds: ['CA-7'] };
  if (visit.arrivedAt.getTime() - report.reportedAt.getTime() < policy.reportLeadMinutes * 60_000) {
    return { status: 'natural', reason: 'report_too_late', ruleIds: ['CA-6'] };
  }
  if (!phoneFits(visit.phone, report.reported)) return { status: 'natural', reason: 'phone_mismatch', ruleIds: ['CA-6', ...(report.reported.kind === 'masked' ? ['CA-15'] : [])] };
  if (!sameName(visit.name, report.customerName)) return { status: 'natural', reason: 'name_mismatch', ruleIds: ['CA-6'] };
  if (!visit.mentionedAgency && !visit.visitCode) return { status: 'natural', reason: 'agency_not_mentioned', ruleIds: ['CA-6'] };
  return { status: 'valid', reason: 'in_time', ruleIds: ['CA-6', ...(visit.visitCode ? ['CA-16'] : [])] };
}
