import type { Role } from '../common/roles.js';
import { addBusinessMinutes, businessMinutesBetween, type BusinessCalendar, type SlaPause } from './business-time.js';
import type { ComplaintPolicy } from './policy.js';

/**
 * CMP-3, CMP-5 and GEN-8: SLA clocks are stored as facts (when they started, their target, when they
 * stopped) and read at any instant; a breach happens at its deadline whether or not a job ran then.
 */
export const SLA_CLOCK_KINDS = ['first_response', 'promised_reply', 'resolution'] as const;
export type SlaClockKind = (typeof SLA_CLOCK_KINDS)[number];

export interface SlaClock {
  /** Stable within the complaint (`first_response`, `promised_reply:2`, `resolution:1`): the job's dedupe key. */
  key: string;
  kind: SlaClockKind;
  startedAt: Date;
  /** Business minutes (first response, resolution); `null` for a promised reply. */
  targetMinutes: number | null;
  /** CMP-3: the next-reply time promised to the customer, an absolute deadline (pauses do not move it). */
  promisedAt: Date | null;
  /** When the obligation was met (first response given, promised reply given, resolved) or dropped. */
  stoppedAt: Date | null;
}

export type ClockStatus = 'running' | 'paused' | 'met' | 'breached';

export interface ClockReading {
  key: string;
  kind: SlaClockKind;
  /** `null` while a pause that is still open swallows the rest of the target. */
  dueAt: Date | null;
  status: ClockStatus;
  /** The breach instant (= the deadline), when breached. */
  breachedAt: Date | null;
  /** Business minutes used so far (calendar minutes for a promised reply). */
  elapsedMinutes: number;
  /** What is left before the deadline (negative when overdue); `null` while paused open-ended. */
  remainingMinutes: number | null;
}

/** The deadline of a clock under the pauses recorded so far. A pause after the deadline does not move it. */
export function clockDueAt(clock: SlaClock, cal: BusinessCalendar, pauses: readonly SlaPause[]): Date | null {
  if (clock.kind === 'promised_reply') return clock.promisedAt;
  if (clock.targetMinutes === null) return null;
  // Pauses only count inside the clock's own life.
  const own = pauses
    .filter((p) => (p.to === null || p.to > clock.startedAt) && (clock.stoppedAt === null || p.from < clock.stoppedAt))
    .map((p) => ({ from: p.from, to: clock.stoppedAt && (p.to === null || p.to > clock.stoppedAt) ? clock.stoppedAt : p.to }));
  return addBusinessMinutes(cal, clock.startedAt, clock.targetMinutes, own);
}

/**
 * Reads a clock at `now` (GEN-8). The interval is half-open: an obligation met strictly before its
 * deadline is met; at the deadline instant itself it is breached — the same instant the escalation is due.
 */
export function readClock(clock: SlaClock, cal: BusinessCalendar, pauses: readonly SlaPause[], now: Date): ClockReading {
  const dueAt = clockDueAt(clock, cal, pauses);
  const end = clock.stoppedAt && clock.stoppedAt < now ? clock.stoppedAt : now;
  const elapsedMinutes =
    clock.kind === 'promised_reply' ? Math.max(0, (end.getTime() - clock.startedAt.getTime()) / 60_000) : businessMinutesBetween(cal, clock.startedAt, end, pauses);
  let status: ClockStatus;
  const breached = dueAt !== null && (clock.stoppedAt && clock.stoppedAt <= now ? clock.stoppedAt >= dueAt : now >= dueAt);
  if (breached) status = 'breached';
  else if (clock.stoppedAt && clock.stoppedAt <= now) status = 'met';
  else if (clock.targetMinutes !== null && (dueAt === null || pauses.some((p) => p.from <= now && (p.to === null || p.to > now)))) status = 'paused';
  else status = 'running';
  let remainingMinutes: number | null = null;
  if (clock.kind === 'promised_reply' && dueAt) remainingMinutes = (dueAt.getTime() - end.getTime()) / 60_000;
  else if (clock.targetMinutes !== null && dueAt) remainingMinutes = clock.targetMinutes - elapsedMinutes;
  return { key: clock.key, kind: clock.kind, dueAt, status, breachedAt: breached ? dueAt : null, elapsedMinutes, remainingMinutes };
}

/** CMP-5: why a complaint moved up a level. Breaches are derived from the clocks, never counted from records. */
export type EscalationReason = 'manual' | 'reopen' | 'breach';

export interface EscalationStep {
  at: Date;
  reason: EscalationReason;
  /** For a breach: the clock's key. */
  clockKey?: string;
}

export interface SlaBreach {
  clockKey: string;
  kind: SlaClockKind;
  at: Date;
}

export interface EscalationReading {
  /** Index in the policy's chain. */
  level: number;
  role: Role;
  /** Every breach that happened at or before the instant, earliest first. */
  breaches: SlaBreach[];
  atTop: boolean;
}

export interface EscalationFacts {
  /** The level the complaint started at (CMP-5: major or important customer starts higher). */
  baseLevel: number;
  /** Recorded steps. Steps with reason `breach` are ignored here: the clocks say when breaches happened. */
  escalations: readonly EscalationStep[];
  clocks: readonly SlaClock[];
  pauses: readonly SlaPause[];
}

/** Every breach of the clocks that happened at or before `t`, earliest first. */
export function breachesAt(facts: Pick<EscalationFacts, 'clocks' | 'pauses'>, cal: BusinessCalendar, t: Date): SlaBreach[] {
  const out: SlaBreach[] = [];
  for (const c of facts.clocks) {
    const r = readClock(c, cal, facts.pauses, t);
    if (r.breachedAt) out.push({ clockKey: c.key, kind: c.kind, at: r.breachedAt });
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime() || a.clockKey.localeCompare(b.clockKey));
}

/**
 * CMP-5 + GEN-8: the escalation level due at instant `t` — the start level, one up for each manual
 * or reopening step and for each SLA breach at or before `t`, capped at the top of the chain. A job
 * that runs late asks for the level at the breach instants and records exactly what a read showed.
 */
export function escalationAt(facts: EscalationFacts, policy: Pick<ComplaintPolicy, 'escalation'>, cal: BusinessCalendar, t: Date): EscalationReading {
  const top = policy.escalation.chain.length - 1;
  const breaches = breachesAt(facts, cal, t);
  const steps = facts.escalations.filter((s) => s.reason !== 'breach' && s.at <= t).length;
  const level = Math.min(top, facts.baseLevel + steps + breaches.length);
  return { level, role: policy.escalation.chain[level], breaches, atTop: level === top };
}

/**
 * For the escalation job: the breaches at or before `now` that are not yet recorded, each with the
 * level it raised the complaint to (computed at its own instant, not at the job's).
 */
export function unrecordedBreaches(
  facts: EscalationFacts,
  policy: Pick<ComplaintPolicy, 'escalation'>,
  cal: BusinessCalendar,
  recordedClockKeys: ReadonlySet<string>,
  now: Date,
): (SlaBreach & { level: number; role: Role })[] {
  return breachesAt(facts, cal, now)
    .filter((b) => !recordedClockKeys.has(b.clockKey))
    .map((b) => {
      const r = escalationAt(facts, policy, cal, b.at);
      return { ...b, level: r.level, role: r.role };
    });
}

/** When the next breach is due after `now` (for scheduling the job); `null` when no running clock has a known deadline. */
export function nextBreachAt(facts: Pick<EscalationFacts, 'clocks' | 'pauses'>, cal: BusinessCalendar, now: Date): Date | null {
  let next: Date | null = null;
  for (const c of facts.clocks) {
    const r = readClock(c, cal, facts.pauses, now);
    if ((r.status === 'running' || r.status === 'paused') && r.dueAt && r.dueAt > now && (!next || r.dueAt < next)) next = r.dueAt;
  }
  return next;
}
