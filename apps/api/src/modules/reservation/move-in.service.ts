import { Injectable, OnModuleInit } from '@nestjs/common';
import { daySlots, decideCheckIn, decideLeaderDecision, decideMissed, decideReschedule, decideScheduleDate, decideStep, isDomainError, localClock, localDate, matchOwner, MOVE_IN_SCHEDULE_ROLES, MOVE_IN_STEP_ROLES, moveInStatusAt, parseMoveInCsv, resolveSlot, STAFF_ROLES, unitKey, type MoveInStep, type Role } from '@sitedesk/domain';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AccessPolicy, type SiteRef } from '../../platform/access/access.policy.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import type { Principal } from '../../platform/auth/principal.js';
import { PlatformCodes } from '../../platform/errors/codes.js';
import { fromDomainError, notFound, ProblemException } from '../../platform/errors/problem.js';
import { EventsService } from '../../platform/events/events.service.js';
import { validationFailed } from '../../platform/http/validation.js';
import { userNames } from '../../platform/identity/user-names.js';
import { JobsService } from '../../platform/jobs/jobs.service.js';
import type { CheckInDto, CheckInResultDto, MoveInAppointmentDto, MoveInBoardDto, MoveInImportErrorDto, MoveInImportResultDto, MoveInScheduleDto, RescheduleDto, ScheduleErrorDto, ScheduleResultDto } from './move-in.dto.js';
import { MoveInAppointment, MoveInDesk, MoveInLeaderSlot, MoveInSlot, MoveInStepRecord } from './move-in.entities.js';
import { Unit } from './reservation.entities.js';
import { AppointmentPolicyService } from './service-appointments.service.js';
import { readTogether } from '../../database/read-together.js';
import { pgCode } from '../../platform/errors/pg-errors.js';

const domain = <T>(f: () => T): T => {
  try {
    return f();
  } catch (e) {
    throw isDomainError(e) ? fromDomainError(e) : e;
  }
};
const pgConstraint = (e: unknown) => (e as { constraint?: string })?.constraint ?? (e as { driverError?: { constraint?: string } })?.driverError?.constraint;
const rowsOf = <T>(result: unknown): T[] => (Array.isArray((result as unknown[])[0]) ? (result as T[][])[0] : (result as T[]));

export const MOVE_IN_MISSED_JOB = 'reservation.move_in_missed';
export const MOVE_IN_SWEEP_JOB = 'reservation.move_in_sweep';
/** Besides the owner's own group leader, the site manager may decide for an early or late owner. */
const LEADER_OVERSEERS: Role[] = ['manager'];

/**
 * Move-in appointments (RES-7, RES-8): the next day's schedule with slot and group-leader capacities
 * counted by the database (RES-10), check-in at the desk or in the hall, the group leader's decision
 * for early and late owners, missed slots back to sales, the four steps with the holder of the papers,
 * the desk never left empty, and a day board live on `/api/v1/events` (`reservation.move_in`).
 */
@Injectable()
export class MoveInService implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly events: EventsService,
    private readonly jobs: JobsService,
    private readonly policies: AppointmentPolicyService,
  ) {}

  onModuleInit() {
    // GEN-8: reads show `missed` at the slot's end; the job records it and tells sales.
    this.jobs.register(MOVE_IN_MISSED_JOB, async (job, em) => {
      const a = await em.getRepository(MoveInAppointment).findOne({ where: { id: (job.payload as { appointmentId: string }).appointmentId }, lock: { mode: 'pessimistic_write' } });
      if (!a || a.status !== 'scheduled' || moveInStatusAt(a, new Date()) !== 'missed') return;
      const site = await this.access.site(a.siteId);
      if (site) await this.recordMissed(em, site, a, null);
    });
    // A safety net for a lost job: every minute, scheduled lines whose slot ended.
    this.jobs.every(MOVE_IN_SWEEP_JOB, 60_000, async (_job, em) => {
      const ended: { id: string }[] = await em.query(`SELECT id FROM move_in_appointment WHERE status = 'scheduled' AND ends_at <= now() ORDER BY ends_at LIMIT 200 FOR UPDATE SKIP LOCKED`);
      for (const r of ended) {
        const a = await em.getRepository(MoveInAppointment).findOneByOrFail({ id: r.id });
        const site = await this.access.site(a.siteId);
        if (site) await this.recordMissed(em, site, a, null);
      }
    });
  }

  private async load(em: EntityManager, p: Principal, id: string, roles: readonly Role[]) {
    const peek = await em.getRepository(MoveInAppointment).findOne({ where: { id }, select: { id: true, siteId: true } });
    if (!peek) throw notFound('move-in appointment');
    const { site, roles: held } = await this.access.requireObjectSite(p, peek.siteId, roles, 'move-in appointment');
    const a = await em.getRepository(MoveInAppointment).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
    return { a, site, held };
  }

  private async staffOfSite(em: EntityManager, site: SiteRef, ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows: { user_id: string }[] = await em.query(
      `SELECT DISTINCT user_id FROM role_assignment WHERE user_id = ANY($1) AND revoked_at IS NULL AND role <> 'partner' AND (site_id = $2 OR (site_id IS NULL AND organization_id = $3))`,
      [ids, site.id, site.organizationId],
    );
    return new Set(rows.map((r) => r.user_id));
  }

  private async publish(em: EntityManager, site: SiteRef, a: MoveInAppointment, change: string) {
    await this.events.publish(em, site.id, 'reservation.move_in', { appointmentId: a.id, date: a.date, change, status: moveInStatusAt(a, new Date()), step: a.step });
  }

  private async record(em: EntityManager, site: SiteRef, a: MoveInAppointment, before: Partial<MoveInAppointment> | null, action: string, change: string, actor?: { id: null; login: string }, reason?: string | null) {
    a.updatedAt = new Date();
    await em.getRepository(MoveInAppointment).save(a);
    await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: `reservation.move_in_${action}`, entityType: 'move_in_appointment', entityId: a.id, before, after: a, reason: reason ?? null, ...(actor ? { actorId: actor.id, actorLogin: actor.login } : {}) });
    await this.publish(em, site, a, change);
  }

  // ---------- RES-10: capacities in the database ----------

  /** Takes a place in the slot and in the leader's share of it; false with the code when either is full. */
  private async takePlace(em: EntityManager, site: SiteRef, slot: { date: string; startsAt: Date; endsAt: Date }, leaderId: string, capacities: { slot: number; leader: number }): Promise<{ slotId: string } | { code: 'SLOT_FULL' | 'LEADER_FULL' }> {
    await em.query(`INSERT INTO move_in_slot (site_id, date, starts_at, ends_at, capacity) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (site_id, starts_at) DO NOTHING`, [site.id, slot.date, slot.startsAt, slot.endsAt, capacities.slot]);
    const taken = rowsOf<{ id: string }>(await em.query(`UPDATE move_in_slot SET booked = booked + 1 WHERE site_id = $1 AND starts_at = $2 AND booked < capacity RETURNING id`, [site.id, slot.startsAt]));
    if (!taken.length) return { code: 'SLOT_FULL' };
    const slotId = taken[0].id;
    await em.query(`INSERT INTO move_in_leader_slot (site_id, slot_id, leader_id, capacity) VALUES ($1, $2, $3, $4) ON CONFLICT (slot_id, leader_id) DO NOTHING`, [site.id, slotId, leaderId, capacities.leader]);
    const led = rowsOf<{ id: string }>(await em.query(`UPDATE move_in_leader_slot SET booked = booked + 1 WHERE slot_id = $1 AND leader_id = $2 AND booked < capacity RETURNING id`, [slotId, leaderId]));
    if (!led.length) return { code: 'LEADER_FULL' };
    return { slotId };
  }

  private async freePlace(em: EntityManager, a: MoveInAppointment) {
    await em.query(`UPDATE move_in_slot SET booked = booked - 1 WHERE id = $1`, [a.slotId]);
    await em.query(`UPDATE move_in_leader_slot SET booked = booked - 1 WHERE slot_id = $1 AND leader_id = $2`, [a.slotId, a.leaderId]);
  }

  // ---------- RES-7: the schedule ----------

  /** The next day's schedule, entered: good entries in one transaction, each refused entry reported by index. */
  async schedule(p: Principal, site: SiteRef, body: MoveInScheduleDto): Promise<ScheduleResultDto> {
    return this.scheduleEntries(p, site, body.date, body.entries);
  }

  /**
   * The schedule imported as CSV (入住时间预约安排表): units named by building and number, group leaders
   * by login or name among the site's staff. Bad lines are reported by line; the good ones are written.
   */
  async importSchedule(p: Principal, site: SiteRef, body: { date: string; csv: string }): Promise<MoveInImportResultDto> {
    domain(() => decideScheduleDate(body.date, localDate(new Date(), site.timeZone)));
    const parsed = parseMoveInCsv(body.csv);
    const errors: MoveInImportErrorDto[] = [...parsed.errors];
    const units: { id: string; unit_key: string }[] = parsed.rows.length
      ? await this.ds.query(`SELECT id, unit_key FROM unit WHERE site_id = $1 AND unit_key = ANY($2)`, [site.id, parsed.rows.map((r) => unitKey(r))])
      : [];
    const unitByKey = new Map(units.map((u) => [u.unit_key, u.id]));
    const staff: { id: string; login: string; display_name: string }[] = await this.ds.query(
      `SELECT DISTINCT u.id, u.login, u.display_name FROM app_user u JOIN role_assignment ra ON ra.user_id = u.id
        WHERE ra.revoked_at IS NULL AND ra.role <> 'partner' AND (ra.site_id = $1 OR (ra.site_id IS NULL AND ra.organization_id = $2))`,
      [site.id, site.organizationId],
    );
    const leaderOf = (text: string) => {
      const t = text.toLowerCase();
      const found = staff.filter((u) => u.login.toLowerCase() === t || u.login.toLowerCase().split('@')[0] === t || u.display_name === text);
      return found.length === 1 ? found[0].id : null;
    };
    const entries: MoveInScheduleDto['entries'] = [];
    const lines: number[] = [];
    for (const r of parsed.rows) {
      const unitId = unitByKey.get(unitKey(r));
      const leaderId = leaderOf(r.leader);
      if (!unitId) errors.push({ line: r.line, field: 'number', code: 'UNIT_UNKNOWN', message: `${r.building} ${r.number} is not in the site's inventory` });
      if (!leaderId) errors.push({ line: r.line, field: 'leader', code: 'LEADER_UNKNOWN', message: `${r.leader}: no single staff member of the site by that login or name` });
      if (!unitId || !leaderId) continue;
      entries.push({ time: r.time, unitId, ownerName: r.ownerName, noticeNo: r.noticeNo, leaderId });
      lines.push(r.line);
    }
    const result = entries.length ? await this.scheduleEntries(p, site, body.date, entries) : { created: 0, ids: [], errors: [] };
    errors.push(...result.errors.map((e) => ({ line: lines[e.index], field: 'row', code: e.code, message: e.message })));
    return { created: result.created, ids: result.ids, errors: errors.sort((a, b) => a.line - b.line) };
  }

  private async scheduleEntries(p: Principal, site: SiteRef, date: string, entries: MoveInScheduleDto['entries']): Promise<ScheduleResultDto> {
    const body = { date, entries };
    const now = new Date();
    domain(() => decideScheduleDate(body.date, localDate(now, site.timeZone)));
    const { policy } = await this.policies.current(site);
    const slots = new Map(daySlots(body.date, policy, site.timeZone).map((s) => [s.time, s]));
    const units = new Set((await this.ds.getRepository(Unit).find({ where: { siteId: site.id, id: In([...new Set(body.entries.map((e) => e.unitId))]) }, select: { id: true } })).map((u) => u.id));
    const leaders = await this.staffOfSite(this.ds.manager, site, [...new Set(body.entries.map((e) => e.leaderId))]);
    return this.ds.transaction(async (em) => {
      const errors: ScheduleErrorDto[] = [];
      const ids: string[] = [];
      for (const [index, entry] of body.entries.entries()) {
        const slot = slots.get(entry.time);
        if (!slot) errors.push({ index, code: 'SLOT_INVALID', message: `no slot starts at ${entry.time}` });
        else if (!units.has(entry.unitId)) errors.push({ index, code: 'UNIT_UNKNOWN', message: 'no such unit on this site' });
        else if (!leaders.has(entry.leaderId)) errors.push({ index, code: 'LEADER_UNKNOWN', message: 'the group leader is not staff of this site' });
        if (!slot || !units.has(entry.unitId) || !leaders.has(entry.leaderId)) continue;
        // Each entry in its own savepoint: a full slot or a duplicate leaves the others intact.
        await em.query('SAVEPOINT move_in_entry');
        try {
          const place = await this.takePlace(em, site, { date: body.date, ...slot }, entry.leaderId, { slot: policy.moveInSlotCapacity, leader: policy.moveInLeaderCapacity });
          if ('code' in place) {
            await em.query('ROLLBACK TO SAVEPOINT move_in_entry');
            errors.push({ index, code: place.code, message: place.code === 'SLOT_FULL' ? `the ${entry.time} slot is full (RES-10)` : `the group leader has no room left at ${entry.time} (RES-10)` });
            continue;
          }
          const repo = em.getRepository(MoveInAppointment);
          const a = repo.create({
            siteId: site.id,
            slotId: place.slotId,
            date: body.date,
            startsAt: slot.startsAt,
            endsAt: slot.endsAt,
            unitId: entry.unitId,
            ownerName: entry.ownerName.trim(),
            noticeNo: entry.noticeNo,
            noticeKey: entry.noticeNo.toLowerCase(),
            leaderId: entry.leaderId,
            status: 'scheduled',
            createdBy: p.userId,
            updatedAt: now,
          });
          await repo.insert(a);
          await em.query('RELEASE SAVEPOINT move_in_entry');
          await this.jobs.schedule(em, { name: MOVE_IN_MISSED_JOB, runAt: new Date(slot.endsAt.getTime() + 1000), siteId: site.id, payload: { appointmentId: a.id }, dedupeKey: `${MOVE_IN_MISSED_JOB}:${a.id}` });
          ids.push(a.id);
        } catch (e) {
          if (pgCode(e) !== '23505') throw e;
          await em.query('ROLLBACK TO SAVEPOINT move_in_entry');
          const notice = pgConstraint(e) === 'UQ_move_in_notice_active';
          errors.push({ index, code: notice ? 'NOTICE_EXISTS' : 'UNIT_SCHEDULED', message: notice ? 'this move-in notice is already on the schedule' : 'this unit already has a move-in appointment' });
        }
      }
      if (ids.length) {
        await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'reservation.move_in_scheduled', entityType: 'move_in_schedule', entityId: site.id, after: { date: body.date, ids, refused: errors.length } });
        await this.events.publish(em, site.id, 'reservation.move_in', { date: body.date, change: 'scheduled', count: ids.length });
      }
      return { created: ids.length, ids, errors };
    });
  }

  // ---------- RES-7: check-in ----------

  /** Owners arriving together are checked one by one; at least one must be found, or nothing is written. */
  async checkIn(p: Principal, site: SiteRef, body: CheckInDto): Promise<{ results: CheckInResultDto[] }> {
    return this.ds.transaction(async (em) => {
      const now = new Date();
      const results: CheckInResultDto[] = [];
      for (const [index, party] of body.parties.entries()) {
        const fail = (code: string) => results.push({ index, appointmentId: null, code, status: null, arrival: null });
        if (!party.noticeNo && !(party.unitId && party.ownerName)) {
          fail('PARTY_INCOMPLETE');
          continue;
        }
        const candidates = await em.getRepository(MoveInAppointment).find({
          where: party.noticeNo ? { siteId: site.id, noticeKey: party.noticeNo.trim().toLowerCase() } : { siteId: site.id, unitId: party.unitId },
          lock: { mode: 'pessimistic_write' },
        });
        const a = matchOwner(
          candidates.filter((c) => c.status !== 'rescheduled'),
          party,
        );
        if (!a) {
          fail('NOT_ON_SCHEDULE');
          continue;
        }
        let decided: ReturnType<typeof decideCheckIn>;
        try {
          decided = decideCheckIn(a, now);
        } catch (e) {
          if (!isDomainError(e)) throw e;
          fail(e.code);
          continue;
        }
        const before = { ...a };
        Object.assign(a, { status: decided.status, arrival: decided.arrival, arrivedAt: now, checkedInBy: p.userId, checkedInVia: body.via });
        if (body.via === 'hall' && decided.status === 'arrived') {
          // The ambassador who met the owner in the hall holds the notice: the reception step is theirs.
          a.step = 'reception';
          a.papersHolderId = p.userId;
          await em.getRepository(MoveInStepRecord).insert({ siteId: site.id, appointmentId: a.id, step: 'reception', holderId: p.userId, byId: p.userId, at: now });
        }
        await this.record(em, site, a, before, 'checked_in', 'checked_in');
        results.push({ index, appointmentId: a.id, code: null, status: decided.status, arrival: decided.arrival });
      }
      if (!results.some((r) => r.appointmentId)) {
        const first = results[0].code!;
        const status = first === 'ALREADY_ARRIVED' ? 409 : first === 'PARTY_INCOMPLETE' ? 400 : 422;
        throw new ProblemException(status, first, 'no owner of this arrival was checked in', { results });
      }
      return { results };
    });
  }

  /** RES-7: the owner's group leader (or the manager) decides about an early or late owner. */
  async leaderDecision(p: Principal, id: string, decision: 'take_now' | 'wait'): Promise<MoveInAppointmentDto> {
    return this.ds.transaction(async (em) => {
      const { a, site, held } = await this.load(em, p, id, STAFF_ROLES);
      if (a.leaderId !== p.userId && !held.some((r) => LEADER_OVERSEERS.includes(r))) throw new ProblemException(403, PlatformCodes.FORBIDDEN, "only the owner's group leader (or the manager) decides");
      const { status } = domain(() => decideLeaderDecision(a, decision));
      const before = { ...a };
      Object.assign(a, { status, leaderDecision: decision, leaderDecidedAt: new Date() });
      await this.record(em, site, a, before, 'leader_decided', 'leader_decision');
      return (await this.toDtos(em, site, [a]))[0];
    });
  }

  // ---------- RES-7: missed and new times ----------

  private async recordMissed(em: EntityManager, site: SiteRef, a: MoveInAppointment, by: string | null, note?: string) {
    const before = { ...a };
    // It was missed when the slot ended, whenever this is recorded (GEN-8).
    Object.assign(a, { status: 'missed', missedAt: a.endsAt });
    await this.record(em, site, a, before, 'missed', 'missed', by ? undefined : { id: null, login: 'system' }, note ?? 'RES-7: the slot passed without the owner; sales gives a new time');
  }

  async missed(p: Principal, id: string, note?: string): Promise<MoveInAppointmentDto> {
    return this.ds.transaction(async (em) => {
      const { a, site } = await this.load(em, p, id, ['receptionist', ...MOVE_IN_SCHEDULE_ROLES]);
      domain(() => decideMissed(a, new Date()));
      await this.recordMissed(em, site, a, p.userId, note);
      return (await this.toDtos(em, site, [a]))[0];
    });
  }

  /** RES-7: sales gives a new time; the old line stays, marked rescheduled, and its places are free again. */
  async reschedule(p: Principal, id: string, body: RescheduleDto): Promise<MoveInAppointmentDto> {
    return this.ds.transaction(async (em) => {
      const { a, site } = await this.load(em, p, id, MOVE_IN_SCHEDULE_ROLES);
      const now = new Date();
      domain(() => decideReschedule(a, now));
      const { policy } = await this.policies.current(site, em);
      const slot = domain(() => resolveSlot(body.date, body.time, policy, site.timeZone, now));
      const before = { ...a };
      await this.freePlace(em, a);
      Object.assign(a, { status: 'rescheduled', missedAt: a.missedAt ?? (moveInStatusAt(a, now) === 'missed' ? a.endsAt : null) });
      await em.getRepository(MoveInAppointment).save(a);
      const place = await this.takePlace(em, site, { date: body.date, ...slot }, a.leaderId, { slot: policy.moveInSlotCapacity, leader: policy.moveInLeaderCapacity });
      if ('code' in place) throw new ProblemException(409, place.code, place.code === 'SLOT_FULL' ? `the ${body.time} slot is full (RES-10)` : `the group leader has no room left at ${body.time} (RES-10)`);
      const repo = em.getRepository(MoveInAppointment);
      const next = repo.create({
        siteId: site.id,
        slotId: place.slotId,
        date: body.date,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        unitId: a.unitId,
        ownerName: a.ownerName,
        noticeNo: a.noticeNo,
        noticeKey: a.noticeKey,
        leaderId: a.leaderId,
        status: 'scheduled',
        createdBy: p.userId,
        updatedAt: now,
      });
      await repo.insert(next);
      a.rescheduledTo = next.id;
      await this.record(em, site, a, before, 'rescheduled', 'rescheduled');
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'reservation.move_in_scheduled', entityType: 'move_in_appointment', entityId: next.id, after: { ...next, rescheduledFrom: a.id } });
      await this.jobs.schedule(em, { name: MOVE_IN_MISSED_JOB, runAt: new Date(slot.endsAt.getTime() + 1000), siteId: site.id, payload: { appointmentId: next.id }, dedupeKey: `${MOVE_IN_MISSED_JOB}:${next.id}` });
      return (await this.toDtos(em, site, [next]))[0];
    });
  }

  // ---------- RES-8: the four steps ----------

  async step(p: Principal, id: string, step: MoveInStep, holderId?: string): Promise<MoveInAppointmentDto> {
    return this.ds.transaction(async (em) => {
      const { a, site, held } = await this.load(em, p, id, STAFF_ROLES);
      domain(() => decideStep(a, step, held));
      const holder = holderId ?? p.userId;
      if (!(await this.staffOfSite(em, site, [holder])).has(holder)) throw validationFailed([{ field: 'holderId', message: 'not staff of this site' }]);
      if (step === 'reception' && held.includes('receptionist')) await this.leaveDesk(em, site, p.userId);
      const before = { ...a };
      const now = new Date();
      Object.assign(a, { step, papersHolderId: holder });
      await em.getRepository(MoveInStepRecord).insert({ siteId: site.id, appointmentId: a.id, step, holderId: holder, byId: p.userId, at: now });
      await this.record(em, site, a, before, `step_${step}`, 'step');
      return (await this.toDtos(em, site, [a]))[0];
    });
  }

  // ---------- RES-7: the desk is never left empty ----------

  /** Leaves the desk; the CHECK refuses it when the caller is the last receptionist there. */
  private async leaveDesk(em: EntityManager, site: SiteRef, userId: string): Promise<string[]> {
    const date = localDate(new Date(), site.timeZone);
    try {
      const rows = rowsOf<{ at_desk: string[] }>(await em.query(`UPDATE move_in_desk SET at_desk = array_remove(at_desk, $3::uuid), updated_at = now() WHERE site_id = $1 AND date = $2 AND $3::uuid = ANY(at_desk) RETURNING at_desk`, [site.id, date, userId]));
      return rows[0]?.at_desk ?? [];
    } catch (e) {
      if (pgCode(e) === '23514') throw new ProblemException(409, 'DESK_UNATTENDED', 'at least one receptionist stays at the desk (RES-7): the owner waits until a colleague is back');
      throw e;
    }
  }

  async desk(p: Principal, site: SiteRef, action: 'join' | 'leave'): Promise<{ date: string; atDesk: string[] }> {
    return this.ds.transaction(async (em) => {
      const date = localDate(new Date(), site.timeZone);
      if (action === 'join') {
        await em.query(
          `INSERT INTO move_in_desk (site_id, date, at_desk) VALUES ($1, $2, ARRAY[$3::uuid])
           ON CONFLICT (site_id, date) DO UPDATE SET at_desk = CASE WHEN $3::uuid = ANY(move_in_desk.at_desk) THEN move_in_desk.at_desk ELSE array_append(move_in_desk.at_desk, $3::uuid) END, updated_at = now()`,
          [site.id, date, p.userId],
        );
      } else await this.leaveDesk(em, site, p.userId);
      const row = await em.getRepository(MoveInDesk).findOne({ where: { siteId: site.id, date } });
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: `reservation.move_in_desk_${action}`, entityType: 'move_in_desk', entityId: row?.id ?? site.id, after: { date, atDesk: row?.atDesk ?? [] } });
      await this.events.publish(em, site.id, 'reservation.move_in', { date, change: `desk_${action}` });
      const names = await userNames(em, row?.atDesk ?? []);
      return { date, atDesk: (row?.atDesk ?? []).map((id) => names.get(id) ?? id) };
    });
  }

  // ---------- the day board ----------

  async toDtos(em: EntityManager, site: SiteRef, rows: MoveInAppointment[], now = new Date()): Promise<MoveInAppointmentDto[]> {
    if (!rows.length) return [];
    const [units, steps] = await readTogether(
      em,
      () => em.getRepository(Unit).find({ where: { id: In([...new Set(rows.map((a) => a.unitId))]) }, select: { id: true, building: true, number: true } }),
      () => em.getRepository(MoveInStepRecord).find({ where: { appointmentId: In(rows.map((a) => a.id)) }, order: { at: 'ASC' } }),
    );
    const names = await userNames(em, [...rows.flatMap((a) => [a.leaderId, a.papersHolderId]), ...steps.flatMap((s) => [s.holderId, s.byId])]);
    const unitLabel = new Map(units.map((u) => [u.id, `${u.building} ${u.number}`]));
    return rows.map((a) => ({
      id: a.id,
      date: a.date,
      time: localClock(a.startsAt, site.timeZone),
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      unitId: a.unitId,
      unitLabel: unitLabel.get(a.unitId) ?? '',
      ownerName: a.ownerName,
      noticeNo: a.noticeNo,
      leaderId: a.leaderId,
      leaderName: names.get(a.leaderId) ?? '',
      status: moveInStatusAt(a, now),
      arrival: a.arrival,
      arrivedAt: a.arrivedAt,
      checkedInVia: a.checkedInVia,
      leaderDecision: a.leaderDecision,
      step: a.step,
      papersHolderName: a.papersHolderId ? (names.get(a.papersHolderId) ?? '') : null,
      rescheduledTo: a.rescheduledTo,
      steps: steps.filter((s) => s.appointmentId === a.id).map((s) => ({ step: s.step, holderName: names.get(s.holderId) ?? '', byName: names.get(s.byId) ?? '', at: s.at })),
    }));
  }

  async get(p: Principal, id: string): Promise<MoveInAppointmentDto> {
    const a = await this.ds.getRepository(MoveInAppointment).findOneBy({ id });
    if (!a) throw notFound('move-in appointment');
    const { site } = await this.access.requireObjectSite(p, a.siteId, STAFF_ROLES, 'move-in appointment');
    return (await this.toDtos(this.ds.manager, site, [a]))[0];
  }

  /** RES-7/RES-8: the day on one screen: the desk, the slots with each group leader's load, every owner's status, step and papers. */
  async board(site: SiteRef, date: string): Promise<MoveInBoardDto> {
    const em = this.ds.manager;
    const [slots, appointments, desk] = await Promise.all([
      em.getRepository(MoveInSlot).find({ where: { siteId: site.id, date }, order: { startsAt: 'ASC' } }),
      em.getRepository(MoveInAppointment).find({ where: { siteId: site.id, date }, order: { startsAt: 'ASC', ownerName: 'ASC' } }),
      em.getRepository(MoveInDesk).findOne({ where: { siteId: site.id, date } }),
    ]);
    const leaders = slots.length ? await em.getRepository(MoveInLeaderSlot).find({ where: { slotId: In(slots.map((s) => s.id)) } }) : [];
    const names = await userNames(em, [...leaders.map((l) => l.leaderId), ...(desk?.atDesk ?? [])]);
    return {
      date,
      desk: { date, atDesk: (desk?.atDesk ?? []).map((id) => names.get(id) ?? id) },
      slots: slots.map((s) => ({
        time: localClock(s.startsAt, site.timeZone),
        startsAt: s.startsAt,
        capacity: s.capacity,
        booked: s.booked,
        leaders: leaders.filter((l) => l.slotId === s.id).map((l) => ({ leaderId: l.leaderId, leaderName: names.get(l.leaderId) ?? '', capacity: l.capacity, booked: l.booked })),
      })),
      appointments: await this.toDtos(em, site, appointments),
    };
  }

  /** Roles of a step, for the API description. */
  static stepRoles = MOVE_IN_STEP_ROLES;
}
