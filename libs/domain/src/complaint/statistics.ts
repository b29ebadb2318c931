import { localDate } from '../common/time.js';
import { businessMinutesBetween, type BusinessCalendar, type SlaPause } from './business-time.js';
import type { FollowUpAttitude } from './follow-up.js';
import type { ComplaintChannel, ComplaintKind, ComplaintValidity } from './intake.js';
import type { ComplaintSnapshot, ComplaintState } from './lifecycle.js';
import { readClock, type SlaClock, type SlaClockKind } from './sla.js';

/**
 * CMP-8: statistics as pure functions over plain records the API reads from its tables
 * (顾客投诉分类统计表, times to first response and resolution, SLA compliance, satisfaction, 回访总结).
 */
export interface ComplaintFact {
  id: string;
  receivedAt: Date;
  channel: ComplaintChannel;
  /** `null` until triaged. */
  kind: ComplaintKind | null;
  validity: ComplaintValidity | null;
  category: string | null;
  department: string | null;
  /** Staff members found responsible (CMP-6); a complaint counts once for each. */
  staffIds: string[];
  state: ComplaintState;
  importantCustomer: boolean;
  /** Business minutes from receipt to the first response / to the (last) resolution, when reached. */
  firstResponseMinutes: number | null;
  resolutionMinutes: number | null;
  /** SLA outcome per clock kind: true met, false breached, null not (yet) decided or no target. */
  firstResponseMet: boolean | null;
  resolutionMet: boolean | null;
  /** CMP-3: every promised reply time kept (false when one was missed). */
  promisedReplyMet: boolean | null;
  /** Staff found responsible and the complaint approved (CMP-6). */
  upheld: boolean;
}

export interface FollowUpFact {
  complaintId: string;
  calledAt: Date;
  solved: boolean;
  attitude: FollowUpAttitude;
  charged: boolean;
  score: number;
  /** The call reopened the complaint (CMP-10). */
  reopened: boolean;
}

export const COMPLAINT_GROUPINGS = ['category', 'department', 'staff', 'channel', 'month'] as const;
export type ComplaintGrouping = (typeof COMPLAINT_GROUPINGS)[number];

/** The key(s) a complaint counts under. `month` is the site-local `YYYY-MM` of receipt (GEN-4). */
export function groupKeys(f: ComplaintFact, by: ComplaintGrouping, timeZone: string): string[] {
  switch (by) {
    case 'category':
      return [f.category ?? 'untriaged'];
    case 'department':
      return [f.department ?? 'unassigned'];
    case 'staff':
      return f.staffIds.length ? [...new Set(f.staffIds)] : ['none'];
    case 'channel':
      return [f.channel];
    case 'month':
      return [localDate(f.receivedAt, timeZone).slice(0, 7)];
  }
}

export interface DurationSummary {
  count: number;
  /** Minutes; `null` when there is nothing to summarize. */
  median: number | null;
  p90: number | null;
}

/**
 * Median (the mean of the two middle values for an even count) and the 90th percentile by the
 * nearest-rank method (the smallest value with at least 90 % of the values at or below it).
 */
export function durationSummary(minutes: readonly (number | null)[]): DurationSummary {
  const v = minutes.filter((m): m is number => typeof m === 'number' && Number.isFinite(m)).sort((a, b) => a - b);
  if (!v.length) return { count: 0, median: null, p90: null };
  const mid = Math.floor(v.length / 2);
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  const p90 = v[Math.ceil(0.9 * v.length) - 1];
  return { count: v.length, median, p90 };
}

export interface Compliance {
  met: number;
  breached: number;
  /** met / (met + breached); `null` when none was decided. */
  rate: number | null;
}

const compliance = (values: (boolean | null)[]): Compliance => {
  const met = values.filter((x) => x === true).length;
  const breached = values.filter((x) => x === false).length;
  return { met, breached, rate: met + breached ? met / (met + breached) : null };
};

/** SLA compliance of first response, promised replies and resolution over decided clocks. */
export function slaCompliance(facts: readonly ComplaintFact[]): { firstResponse: Compliance; promisedReply: Compliance; resolution: Compliance } {
  return {
    firstResponse: compliance(facts.map((f) => f.firstResponseMet)),
    promisedReply: compliance(facts.map((f) => f.promisedReplyMet)),
    resolution: compliance(facts.map((f) => f.resolutionMet)),
  };
}

export interface ClassificationRow {
  key: string;
  total: number;
  complaints: number;
  grumbles: number;
  untriaged: number;
  valid: number;
  invalid: number;
  upheld: number;
  /** Not yet resolved (open states). */
  open: number;
  firstResponse: DurationSummary;
  resolution: DurationSummary;
  sla: { firstResponse: Compliance; promisedReply: Compliance; resolution: Compliance };
}

const OPEN: readonly ComplaintState[] = ['received', 'triaged', 'investigating', 'proposed', 'approved', 'reopened'];
const FINISHED: readonly ComplaintState[] = ['resolved', 'followed_up', 'closed'];

/** CMP-8: the complaint classification table (顾客投诉分类统计表) by one grouping, rows sorted by key. */
export function classificationTable(facts: readonly ComplaintFact[], by: ComplaintGrouping, timeZone: string): ClassificationRow[] {
  const groups = new Map<string, ComplaintFact[]>();
  for (const f of facts) for (const k of groupKeys(f, by, timeZone)) groups.set(k, [...(groups.get(k) ?? []), f]);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, fs]) => ({
      key,
      total: fs.length,
      complaints: fs.filter((f) => f.kind === 'complaint').length,
      grumbles: fs.filter((f) => f.kind === 'grumble').length,
      untriaged: fs.filter((f) => f.kind === null).length,
      valid: fs.filter((f) => f.validity === 'valid').length,
      invalid: fs.filter((f) => f.validity === 'invalid').length,
      upheld: fs.filter((f) => f.upheld).length,
      open: fs.filter((f) => OPEN.includes(f.state)).length,
      firstResponse: durationSummary(fs.map((f) => f.firstResponseMinutes)),
      resolution: durationSummary(fs.map((f) => f.resolutionMinutes)),
      sla: slaCompliance(fs),
    }));
}

export interface SatisfactionSummary {
  calls: number;
  /** Mean score 1–10, `null` without calls. */
  averageScore: number | null;
  score: DurationSummary;
  solvedRate: number | null;
  chargedCount: number;
  attitude: Record<FollowUpAttitude, number>;
  /** Calls that reopened their complaint (CMP-10). */
  reopened: number;
}

/** CMP-8: satisfaction from the follow-up calls (回访总结报告). */
export function satisfaction(calls: readonly FollowUpFact[]): SatisfactionSummary {
  const n = calls.length;
  const attitude: Record<FollowUpAttitude, number> = { satisfied: 0, neutral: 0, unsatisfied: 0 };
  for (const c of calls) attitude[c.attitude]++;
  return {
    calls: n,
    averageScore: n ? calls.reduce((s, c) => s + c.score, 0) / n : null,
    score: durationSummary(calls.map((c) => c.score)),
    solvedRate: n ? calls.filter((c) => c.solved).length / n : null,
    chargedCount: calls.filter((c) => c.charged).length,
    attitude,
    reopened: calls.filter((c) => c.reopened).length,
  };
}

export interface MemberCoverage {
  /** Resolved complaints of member customers owed a call. */
  owed: number;
  calledBack: number;
  /** calledBack / owed (CMP-7: must be 100 %); `null` when none is owed. */
  rate: number | null;
  /** The complaints still without a call. */
  missing: string[];
}

/**
 * CMP-7: 100 % of member customers are called back. Over the complaints of important customers that
 * reached `resolved` (or later), which have a follow-up call on record.
 */
export function memberFollowUpCoverage(facts: readonly ComplaintFact[], calls: readonly FollowUpFact[]): MemberCoverage {
  const called = new Set(calls.map((c) => c.complaintId));
  // A complaint reopened by its call was owed one and got it.
  const owed = facts.filter((f) => f.importantCustomer && (FINISHED.includes(f.state) || called.has(f.id)));
  const missing = owed.filter((f) => !called.has(f.id)).map((f) => f.id);
  return { owed: owed.length, calledBack: owed.length - missing.length, rate: owed.length ? (owed.length - missing.length) / owed.length : null, missing };
}

/**
 * The statistics record of one complaint, derived from its snapshot at `now` (GEN-8): business minutes
 * from receipt to the first response and to the (latest) resolution, pauses excluded; per clock kind
 * whether every clock was met (`false` as soon as one was breached, `null` while undecided).
 */
export function complaintFact(c: ComplaintSnapshot, cal: BusinessCalendar, now: Date): ComplaintFact {
  const readings = c.clocks.map((k) => readClock(k, cal, c.pauses, now));
  const outcome = (kind: SlaClockKind): boolean | null => {
    const rs = readings.filter((r) => r.kind === kind);
    if (rs.some((r) => r.status === 'breached')) return false;
    return rs.length > 0 && rs.every((r) => r.status === 'met') ? true : null;
  };
  const cls = c.classification;
  const staff = c.investigation?.responsibleStaff ?? [];
  return {
    id: c.id,
    receivedAt: c.receivedAt,
    channel: c.channel,
    kind: cls?.kind ?? null,
    validity: cls?.validity ?? null,
    category: cls?.category ?? null,
    department: c.investigation?.department ?? cls?.department ?? null,
    staffIds: staff.map((s) => s.userId),
    state: c.state,
    importantCustomer: c.importantCustomer,
    firstResponseMinutes: c.firstRespondedAt ? businessMinutesBetween(cal, c.receivedAt, c.firstRespondedAt, c.pauses) : null,
    resolutionMinutes: c.resolution ? businessMinutesBetween(cal, c.receivedAt, c.resolution.at, c.pauses) : null,
    firstResponseMet: outcome('first_response'),
    resolutionMet: outcome('resolution'),
    promisedReplyMet: outcome('promised_reply'),
    upheld: upheld(c),
  };
}

/** CMP-8: a valid complaint (not a grumble) with someone found responsible, once a remedy was approved or carried out. */
export function upheld(c: Pick<ComplaintSnapshot, 'classification' | 'investigation' | 'approval' | 'resolution'>): boolean {
  const cls = c.classification;
  return cls?.kind === 'complaint' && cls.validity === 'valid' && (c.investigation?.responsibleStaff ?? []).length > 0 && (c.approval !== null || c.resolution !== null);
}

/**
 * CMP-8, stored facts: what a clock says once it has stopped never changes afterwards (its deadline
 * only depends on pauses inside its own life; GEN-8 reads a stopped clock the same at any later
 * instant). The API stores this when `stoppedAt` is set and the statistics count it in SQL; `null` for
 * a clock still running (read at request time with `readClock`).
 */
export function settledClock(clock: SlaClock, cal: BusinessCalendar, pauses: readonly SlaPause[]): { elapsedMinutes: number; met: boolean } | null {
  if (!clock.stoppedAt) return null;
  const r = readClock(clock, cal, pauses, clock.stoppedAt);
  return { elapsedMinutes: r.elapsedMinutes, met: r.status === 'met' };
}

/** What a complaint's stopped clocks of one kind say: `false` if one was breached, `true` if there are some and all met, else `null`. */
export interface SettledOutcomes {
  firstResponseMet: boolean | null;
  promisedReplyMet: boolean | null;
  resolutionMet: boolean | null;
}

/**
 * CMP-8, stored facts: `complaintFact`'s per-kind SLA outcome over the **stopped** clocks only (each
 * fixed once stopped, `settledClock`). The statistics combine it with the clocks still running, read
 * at the request: a kind is breached if either side is, met if every clock of both sides met.
 */
export function settledOutcomes(clocks: readonly SlaClock[], cal: BusinessCalendar, pauses: readonly SlaPause[]): SettledOutcomes {
  const outcome = (kind: SlaClockKind): boolean | null => {
    const met = clocks.filter((k) => k.kind === kind).flatMap((k) => settledClock(k, cal, pauses) ?? []).map((s) => s.met);
    if (met.includes(false)) return false;
    return met.length > 0 ? true : null;
  };
  return { firstResponseMet: outcome('first_response'), promisedReplyMet: outcome('promised_reply'), resolutionMet: outcome('resolution') };
}

/**
 * CMP-8, stored facts: business minutes from receipt to the first response and to the (latest)
 * resolution, exactly as `complaintFact` counts them; fixed once reached (pauses start later).
 */
export function settledMinutes(
  c: Pick<ComplaintSnapshot, 'receivedAt' | 'firstRespondedAt' | 'pauses'> & { resolution: { at: Date } | null },
  cal: BusinessCalendar,
): { firstResponseMinutes: number | null; resolutionMinutes: number | null } {
  return {
    firstResponseMinutes: c.firstRespondedAt ? businessMinutesBetween(cal, c.receivedAt, c.firstRespondedAt, c.pauses) : null,
    resolutionMinutes: c.resolution ? businessMinutesBetween(cal, c.receivedAt, c.resolution.at, c.pauses) : null,
  };
}
