import { Injectable } from '@nestjs/common';
import { evaluateDay, localDate, shiftBounds, sickLeaveStatus, weekOf, zonedTime, type AttendancePolicy, type DayResult, type LocalDate, type ShiftTemplate } from '@sitedesk/domain';
import { Between, DataSource, In, IsNull, LessThan, MoreThan, type EntityManager } from 'typeorm';
import type { SiteRef } from '../../platform/access/access.policy.js';
import { AttendanceIncident, BusinessOut, EveningMeeting, LeaveRequest, PunchRecord, RotaPublication, ScheduleEntry } from './attendance.entities.js';
import { AttendancePolicyService } from './policy.service.js';

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

  /** The published shift of each person on each date (absent from the map: not scheduled → rest). */
  async schedule(site: SiteRef, userIds: string[], from: LocalDate, to: LocalDate, em: EntityManager = this.ds.manager) {
    // Each date's week, worked out once per date rather than once per rota entry (a site-month is thousands of entries).
    const weekStartOf = new Map(datesBetween(from, to).map((d) => [d, weekOf(d)[0]]));
    const weeks = [...new Set(weekStartOf.values())];
    const published = new Set((await em.getRepository(RotaPublication).find({ where: { siteId: site.id, weekStart: In(weeks) } })).map((p) => p.weekStart));
    const entries = await em.getRepository(ScheduleEntry).find({ where: { siteId: site.id, userId: In(userIds), date: Between(from, to) } });
    const out = new Map<string, string | null>();
    for (const e of entries) if (published.has(weekStartOf.get(e.date) ?? weekOf(e.date)[0])) out.set(`${e.userId}|${e.date}`, e.shiftCode);
    return out;
  }

  async evaluate(site: SiteRef, userIds: string[], from: LocalDate, to: LocalDate, now = new Date(), em: EntityManager = this.ds.manager): Promise<Map<string, DayResult[]>> {
    const { on } = await this.policies.resolver(site, em);
    const start = zonedTime(addDays(from, -1), '00:00', site.timeZone);
    const end = zonedTime(addDays(to, 2), '00:00', site.timeZone);
    const [schedule, punches, leave, outs, meetings, incidents] = await Promise.all([
      this.schedule(site, userIds, from, to, em),
      // Bounded by time as well, so that the (site, user, at) index reads the period and not the year.
      em.getRepository(PunchRecord).find({ where: { siteId: site.id, userId: In(userIds), shiftDate: Between(from, to), at: Between(start, end), voidedAt: IsNull() }, order: { at: 'ASC' } }),
      em.getRepository(LeaveRequest).find({ where: { siteId: site.id, userId: In(userIds), status: 'approved', fromAt: LessThan(end), toAt: MoreThan(start) } }),
      em.getRepository(BusinessOut).find({ where: { siteId: site.id, userId: In(userIds), cancelledAt: IsNull(), fromAt: LessThan(end), toAt: MoreThan(start) } }),
      em.getRepository(EveningMeeting).find({ where: { siteId: site.id, date: Between(from, to) } }),
      em.getRepository(AttendanceIncident).find({ where: { siteId: site.id, userId: In(userIds), date: Between(from, to), voidedAt: IsNull() } }),
    ]);
    const meetingOn = new Map(meetings.map((m) => [m.date, m.endedAt]));
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
    const punchesOf = group(punches, (p) => `${p.userId}|${p.shiftDate}`);
    const leaveOf = group(leave, (l) => l.userId);
    const outsOf = group(outs, (o) => o.userId);
    const incidentOf = group(incidents, (i) => `${i.userId}|${i.date}|${i.kind}`);
    const dates = datesBetween(from, to);
    const result = new Map<string, DayResult[]>();
    for (const userId of userIds) {
      const personLeave = (leaveOf.get(userId) ?? []).map((l) => ({ from: l.fromAt, to: l.toAt, type: this.effectiveLeaveType(l, site, now, on) }));
      const personOuts = (outsOf.get(userId) ?? []).map((o) => ({ from: o.fromAt, to: o.toAt }));
      const days: DayResult[] = [];
      for (const date of dates) {
        const version = on(date);
        const code = schedule.get(`${userId}|${date}`);
        const shift: ShiftTemplate | null = code ? (version.policy.shifts.find((s) => s.code === code) ?? null) : null;
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
            now,
          }),
        );
      }
      result.set(userId, days);
    }
    return result;
  }

  /** ATT-8: sick leave without its certificate reads as the policy's conversion type once due (GEN-8). */
  private effectiveLeaveType(l: LeaveRequest, site: SiteRef, now: Date, on: (date: LocalDate) => { policy: AttendancePolicy }) {
    if (l.type !== 'sick' || !l.firstDayBack) return l.type;
    const convertTo = on(l.firstDayBack).policy.sick.convertTo;
    return sickLeaveStatus({ firstDayBack: l.firstDayBack, certificateAt: l.certificateAt, submittedAt: l.certificateSubmittedAt, now, timeZone: site.timeZone, convertTo }).leaveType;
  }

  /**
   * The shift segment a punch at `at` belongs to: today's or yesterday's (a night shift) published
   * shift whose window — from 4 hours before the start to 8 hours after the end — contains it.
   */
  async segmentFor(site: SiteRef, userId: string, at: Date, kind: 'in' | 'out', em: EntityManager = this.ds.manager): Promise<ShiftSegment | null> {
    const today = localDate(at, site.timeZone);
    const candidates = [addDays(today, -1), today, addDays(today, 1)];
    const schedule = await this.schedule(site, [userId], candidates[0], candidates[2], em);
    const { on } = await this.policies.resolver(site, em);
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

  /** The segment a recorded clock-in belongs to (its shift date and index), as the published rota has it now. */
  async segmentOf(site: SiteRef, userId: string, shiftDate: LocalDate, index: number, em: EntityManager = this.ds.manager): Promise<ShiftSegment | null> {
    const [schedule, { on }] = await Promise.all([this.schedule(site, [userId], shiftDate, shiftDate, em), this.policies.resolver(site, em)]);
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
    const [leave, outs] = await Promise.all([
      em.getRepository(LeaveRequest).find({ where: { siteId: site.id, userId, status: 'approved', fromAt: LessThan(to), toAt: MoreThan(from) } }),
      em.getRepository(BusinessOut).find({ where: { siteId: site.id, userId, cancelledAt: IsNull(), fromAt: LessThan(to), toAt: MoreThan(from) } }),
    ]);
    return [...leave, ...outs].map((r) => ({ from: r.fromAt, to: r.toAt }));
  }
}
