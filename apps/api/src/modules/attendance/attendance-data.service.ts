import { Injectable } from '@nestjs/common';
import { evaluateDay, localDate, shiftBounds, sickLeaveStatus, zonedTime, type AttendancePolicy, type DayResult, type LocalDate, type ShiftTemplate } from '@sitedesk/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { SiteRef } from '../../platform/access/access.policy.js';
import type { LeaveRequest } from './attendance.entities.js';
import { AttendancePolicyService, VERSION_KEY_SQL } from './policy.service.js';
import { readTogether } from '../../database/read-together.js';

/** A shift segment of a person's published rota, with the policy version that governs its date. */
export interface ShiftSegment {
  shiftDate: LocalDate;
  segment: number;
  start: Date;
  end: Date;
  /** The day's last segment (the one an evening meeting extends). */
  last: boolean;
  policy: AttendancePolicy;
}

/** An approved leave request as the evaluation reads it (plain row). */
interface LeaveRow {
  user_id: string;
  type: LeaveRequest['type'];
  from_at: Date;
  to_at: Date;
  first_day_back: string | null;
  certificate_at: Date | null;
  certificate_submitted_at: Date | null;
}

/** The policy resolver of a site (`AttendancePolicyService.resolver`), read once and handed on. */
export type PolicyResolver = Awaited<ReturnType<AttendancePolicyService['resolver']>>;

/** What `AttendanceDataService.clockContext` read for a punch at `at`. */
export interface ClockContext {
  at: Date;
  /** `at`'s local date at the site. */
  today: LocalDate;
  resolver: PolicyResolver;
  /** The segment the punch belongs to (see `segmentFor`), decided from what was read. */
  segment: (kind: 'in' | 'out') => ShiftSegment | null;
  /** The approved leave and business-outs overlapping [from, to) (see `covering`), for a segment of the candidate days. */
  covering: (from: Date, to: Date) => { from: Date; to: Date }[];
}

/** The segment among the candidate dates' published shifts whose window contains `at` (see `segmentFor`). */
function segmentAt(site: SiteRef, userId: string, at: Date, kind: 'in' | 'out', candidates: LocalDate[], schedule: Map<string, string | null>, on: PolicyResolver['on']): ShiftSegment | null {
  let best: (ShiftSegment & { distance: number }) | null = null;
  for (const date of candidates) {
    const code = schedule.get(`${userId}|${date}`);
    const policy = on(date).policy;
    const shift = code ? policy.shifts.find((s) => s.code === code) : null;
    if (!shift) continue;
    const bounds = shiftBounds(date, shift, site.timeZone);
    bounds.forEach((b, segment) => {
      if (at.getTime() < b.from.getTime() - 4 * 3_600_000 || at.getTime() > b.to.getTime() + 8 * 3_600_000) return;
      // A clock-in belongs to the segment whose start is nearest, a clock-out to the one whose end is.
      const distance = Math.abs(at.getTime() - (kind === 'in' ? b.from : b.to).getTime());
      if (!best || distance < best.distance) best = { shiftDate: date, segment, start: b.from, end: b.to, last: segment === bounds.length - 1, policy, distance };
    });
  }
  if (!best) return null;
  const { distance: _d, ...found } = best as ShiftSegment & { distance: number };
  return found;
}

export function addDays(date: LocalDate, n: number): LocalDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function datesBetween(from: LocalDate, to: LocalDate): LocalDate[] {
  const out: LocalDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/**
 * Loads what the domain needs to judge attendance (schedule, punches, leave, business-outs, evening
 * meetings, incidents, policy versions) for a site, people and dates, in a handful of queries, and
 * runs `evaluateDay` for each person and date.
 */
@Injectable()
export class AttendanceDataService {
  constructor(
    private readonly ds: DataSource,
    private readonly policies: AttendancePolicyService,
  ) {}

  /**
   * The published shift of each person on each date (absent from the map: not scheduled → rest). One
   * query: the rota entries joined to the publication of their (Monday-based, as `weekOf`) week, read as
   * plain rows (no entity hydration: a site-month is thousands of entries).
   */
  async schedule(site: SiteRef, userIds: string[], from: LocalDate, to: LocalDate, em: EntityManager = this.ds.manager) {
    const rows: { user_id: string; date: string; shift_code: string | null }[] = await em.query(
      `SELECT e.user_id, e.date::text AS date, e.shift_code
         FROM schedule_entry e
         JOIN rota_publication p ON p.site_id = e.site_id AND p.week_start = e.date - (extract(isodow FROM e.date)::int - 1)
        WHERE e.site_id = $1 AND e.user_id = ANY($2::uuid[]) AND e.date BETWEEN $3 AND $4`,
      [site.id, userIds, from, to],
    );
    const out = new Map<string, string | null>();
    for (const e of rows) out.set(`${e.user_id}|${e.date}`, e.shift_code);
    return out;
  }

  async evaluate(
    site: SiteRef,
    userIds: string[],
    from: LocalDate,
    to: LocalDate,
    now = new Date(),
    em: EntityManager = this.ds.manager,
    resolver?: PolicyResolver,
  ): Promise<Map<string, DayResult[]>> {
    const start = zonedTime(addDays(from, -1), '00:00', site.timeZone);
    const end = zonedTime(addDays(to, 2), '00:00', site.timeZone);
    // Plain rows with the columns the domain needs (no entity hydration: a site-month is ~5,000 punches).
    const [{ on }, schedule, punches, leave, outs, meetings, incidents] = await readTogether(
      em,
      async () => resolver ?? this.policies.resolver(site, em),
      () => this.schedule(site, userIds, from, to, em),
      // Bounded by time as well, so that the (site, user, at) index reads the period and not the year.
      () => em.query(
        `SELECT user_id, shift_date::text AS shift_date, at, kind, source FROM punch
          WHERE site_id = $1 AND user_id = ANY($2::uuid[]) AND shift_date BETWEEN $3 AND $4 AND at BETWEEN $5 AND $6 AND voided_at IS NULL
          ORDER BY at ASC`,
        [site.id, userIds, from, to, start, end],
      ) as Promise<{ user_id: string; shift_date: string; at: Date; kind: 'in' | 'out'; source: string }[]>,
      () => em.query(
        `SELECT user_id, type, from_at, to_at, first_day_back::text AS first_day_back, certificate_at, certificate_submitted_at FROM leave_request
          WHERE site_id = $1 AND user_id = ANY($2::uuid[]) AND status = 'approved' AND from_at < $3 AND to_at > $4`,
        [site.id, userIds, end, start],
      ) as Promise<LeaveRow[]>,
      () => em.query(`SELECT user_id, from_at, to_at FROM business_out WHERE site_id = $1 AND user_id = ANY($2::uuid[]) AND cancelled_at IS NULL AND from_at < $3 AND to_at > $4`, [
        site.id,
        userIds,
        end,
        start,
      ]) as Promise<{ user_id: string; from_at: Date; to_at: Date }[]>,
      () => em.query(`SELECT date::text AS date, ended_at FROM evening_meeting WHERE site_id = $1 AND date BETWEEN $2 AND $3`, [site.id, from, to]) as Promise<{ date: string; ended_at: Date }[]>,
      () => em.query(`SELECT user_id, date::text AS date, kind FROM attendance_incident WHERE site_id = $1 AND user_id = ANY($2::uuid[]) AND date BETWEEN $3 AND $4 AND voided_at IS NULL`, [
        site.id,
        userIds,
        from,
        to,
      ]) as Promise<{ user_id: string; date: string; kind: string }[]>,
    );
    const meetingOn = new Map(meetings.map((m) => [m.date, m.ended_at]));
    // Index everything once by person (and date): the loops below touch each row a constant number of times.
    const group = <T, K>(rows: T[], key: (r: T) => K) => {
      const m = new Map<K, T[]>();
      for (const r of rows) {
        const k = key(r);
        const list = m.get(k);
        if (list) list.push(r);
        else m.set(k, [r]);
      }
      return m;
    };
    const punchesOf = group(punches, (p) => `${p.user_id}|${p.shift_date}`);
    const leaveOf = group(leave, (l) => l.user_id);
    const outsOf = group(outs, (o) => o.user_id);
    const incidentOf = new Set(incidents.map((i) => `${i.user_id}|${i.date}|${i.kind}`));
    // Each date's policy version and its shifts by code, worked out once per date rather than per person and date.
    const dates = datesBetween(from, to).map((date) => {
      const version = on(date);
      return { date, version, shifts: new Map(version.policy.shifts.map((s) => [s.code, s])) };
    });
    const result = new Map<string, DayResult[]>();
    for (const userId of userIds) {
      const personLeave = (leaveOf.get(userId) ?? []).map((l) => ({ from: l.from_at, to: l.to_at, type: this.effectiveLeaveType(l, site, now, on) }));
      const personOuts = (outsOf.get(userId) ?? []).map((o) => ({ from: o.from_at, to: o.to_at }));
      const days: DayResult[] = [];
      for (const { date, version, shifts } of dates) {
        const code = schedule.get(`${userId}|${date}`);
        const shift: ShiftTemplate | null = code ? (shifts.get(code) ?? null) : null;
        days.push(
          evaluateDay({
            date,
            timeZone: site.timeZone,
            policy: version.policy,
            policyVersion: version.version,
            shift,
            punches: (punchesOf.get(`${userId}|${date}`) ?? []).map((p) => ({ at: p.at, kind: p.kind, corrected: p.source === 'correction' })),
            leave: personLeave,
            businessOuts: personOuts,
            eveningMeetingEnd: meetingOn.get(date) ?? null,
            unapprovedSwap: incidentOf.has(`${userId}|${date}|unapproved_swap`),
            leftPost: incidentOf.has(`${userId}|${date}|left_post`),
            workReport: incidentOf.has(`${userId}|${date}|false_work_report`) ? 'false' : incidentOf.has(`${userId}|${date}|unfinished_work_report`) ? 'unfinished' : undefined,
            now,
          }),
        );
      }
      result.set(userId, days);
    }
    return result;
  }

  /** ATT-8: sick leave without its certificate reads as the policy's conversion type once due (GEN-8). */
  private effectiveLeaveType(l: LeaveRow, site: SiteRef, now: Date, on: (date: LocalDate) => { policy: AttendancePolicy }) {
    if (l.type !== 'sick' || !l.first_day_back) return l.type;
    const convertTo = on(l.first_day_back).policy.sick.convertTo;
    return sickLeaveStatus({ firstDayBack: l.first_day_back, certificateAt: l.certificate_at, submittedAt: l.certificate_submitted_at, now, timeZone: site.timeZone, convertTo }).leaveType;
  }

  /**
   * The shift segment a punch at `at` belongs to: today's or yesterday's (a night shift) published
   * shift whose window — from 4 hours before the start to 8 hours after the end — contains it.
   */
  async segmentFor(site: SiteRef, userId: string, at: Date, kind: 'in' | 'out', em: EntityManager = this.ds.manager, resolver?: PolicyResolver): Promise<ShiftSegment | null> {
    const today = localDate(at, site.timeZone);
    const candidates = [addDays(today, -1), today, addDays(today, 1)];
    const [schedule, { on }] = await readTogether(em, () => this.schedule(site, [userId], candidates[0], candidates[2], em), async () => resolver ?? this.policies.resolver(site, em));
    return segmentAt(site, userId, at, kind, candidates, schedule, on);
  }

  /**
   * What a clock-in at `at` needs, in ONE statement: the person's published rota of yesterday, today and
   * tomorrow (as `schedule`), their approved leave and business-outs overlapping those days (what may
   * excuse an off-time punch, as `covering`), and the identity of the site's policy versions, whose
   * content comes from `AttendancePolicyService.resolverFor` (read again only when the list changed).
   */
  async clockContext(site: SiteRef, userId: string, at: Date, em: EntityManager = this.ds.manager): Promise<ClockContext> {
    const today = localDate(at, site.timeZone);
    const dates = [addDays(today, -1), today, addDays(today, 1)];
    // Every segment of a candidate date lies within [yesterday 00:00, the day after tomorrow + 1 day 00:00).
    const windowStart = zonedTime(dates[0], '00:00', site.timeZone);
    const windowEnd = zonedTime(addDays(dates[2], 2), '00:00', site.timeZone);
    const rows: { row: 'v' | 's' | 'c'; date: string | null; shift_code: string | null; versions: string | null; from_at: Date | null; to_at: Date | null }[] = await em.query(
      `SELECT 'v' AS row, NULL::text AS date, NULL::text AS shift_code, ${VERSION_KEY_SQL} AS versions, NULL::timestamptz AS from_at, NULL::timestamptz AS to_at
       UNION ALL
       SELECT 's', e.date::text, e.shift_code, NULL, NULL, NULL
         FROM schedule_entry e
         JOIN rota_publication p ON p.site_id = e.site_id AND p.week_start = e.date - (extract(isodow FROM e.date)::int - 1)
        WHERE e.site_id = $1 AND e.user_id = $2 AND e.date BETWEEN $3 AND $4
       UNION ALL
       SELECT 'c', NULL, NULL, NULL, from_at, to_at FROM leave_request WHERE site_id = $1 AND user_id = $2 AND status = 'approved' AND from_at < $6 AND to_at > $5
       UNION ALL
       SELECT 'c', NULL, NULL, NULL, from_at, to_at FROM business_out WHERE site_id = $1 AND user_id = $2 AND cancelled_at IS NULL AND from_at < $6 AND to_at > $5`,
      [site.id, userId, dates[0], dates[2], windowStart, windowEnd],
    );
    const schedule = new Map<string, string | null>();
    const around: { from: Date; to: Date }[] = [];
    let key: string | null = null;
    for (const r of rows) {
      if (r.row === 'v') key = r.versions;
      else if (r.row === 's') schedule.set(`${userId}|${r.date}`, r.shift_code);
      else around.push({ from: r.from_at!, to: r.to_at! });
    }
    const resolver = await this.policies.resolverFor(site, key, em);
    return {
      at,
      today,
      resolver,
      segment: (kind) => segmentAt(site, userId, at, kind, dates, schedule, resolver.on),
      // As `covering`: those overlapping [from, to), which lies inside the window read.
      covering: (from, to) => around.filter((c) => c.from.getTime() < to.getTime() && c.to.getTime() > from.getTime()),
    };
  }

  /** The segment a recorded clock-in belongs to (its shift date and index), as the published rota has it now. */
  async segmentOf(site: SiteRef, userId: string, shiftDate: LocalDate, index: number, em: EntityManager = this.ds.manager): Promise<ShiftSegment | null> {
    const [schedule, { on }] = await readTogether(em, () => this.schedule(site, [userId], shiftDate, shiftDate, em), () => this.policies.resolver(site, em));
    const code = schedule.get(`${userId}|${shiftDate}`);
    const policy = on(shiftDate).policy;
    const shift = code ? policy.shifts.find((s) => s.code === code) : null;
    if (!shift) return null;
    const bounds = shiftBounds(shiftDate, shift, site.timeZone);
    const b = bounds[index];
    return b ? { shiftDate, segment: index, start: b.from, end: b.to, last: index === bounds.length - 1, policy } : null;
  }

  /** Approved leave and business-outs of a person that overlap [from, to): what excuses a late start or an early end. */
  async covering(site: SiteRef, userId: string, from: Date, to: Date, em: EntityManager = this.ds.manager): Promise<{ from: Date; to: Date }[]> {
    const rows: { from_at: Date; to_at: Date }[] = await em.query(
      `SELECT from_at, to_at FROM leave_request WHERE site_id = $1 AND user_id = $2 AND status = 'approved' AND from_at < $3 AND to_at > $4
       UNION ALL
       SELECT from_at, to_at FROM business_out WHERE site_id = $1 AND user_id = $2 AND cancelled_at IS NULL AND from_at < $3 AND to_at > $4`,
      [site.id, userId, to, from],
    );
    return rows.map((r) => ({ from: r.from_at, to: r.to_at }));
  }
}
