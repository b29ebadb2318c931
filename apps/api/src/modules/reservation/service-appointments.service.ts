import { Injectable, OnModuleInit } from '@nestjs/common';
import { daySlots, decideAppointmentCancel, decideBooking, decideReminder, DEFAULT_APPOINTMENT_POLICY, fen, isDomainError, localClock, maskPhone, normalizePhone, reminderAt, reminderStateAt, reminderText, resolveSlot, STAFF_ROLES, validateAppointmentPolicy, workshopNoticeStateAt, type AppointmentPolicy, type Role } from '@sitedesk/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessPolicy, type SiteRef } from '../../platform/access/access.policy.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import type { Principal } from '../../platform/auth/principal.js';
import { fromDomainError, notFound, ProblemException } from '../../platform/errors/problem.js';
import { EventsService } from '../../platform/events/events.service.js';
import { page } from '../../platform/http/paging.js';
import { validationFailed } from '../../platform/http/validation.js';
import { userNames } from '../../platform/identity/user-names.js';
import { JobsService } from '../../platform/jobs/jobs.service.js';
import { SmsOutbox } from '../client-attribution/sms-outbox.service.js';
import type { BookServiceAppointmentDto, ListServiceAppointmentsQuery, ServiceAppointmentDto, ServiceSlotDto } from './service-appointments.dto.js';
import { AppointmentPolicyVersion, ServiceAppointment, ServiceSlot } from './service-appointments.entities.js';
import { isUniqueViolation } from '../../platform/errors/pg-errors.js';

/** The most appointments one exported register holds. */
export const SERVICE_REGISTER_EXPORT_LIMIT = 10_000;

const domain = <T>(f: () => T): T => {
  try {
    return f();
  } catch (e) {
    throw isDomainError(e) ? fromDomainError(e) : e;
  }
};
const rowsOf = <T>(result: unknown): T[] => (Array.isArray((result as unknown[])[0]) ? (result as T[][])[0] : (result as T[]));

export const WORKSHOP_NOTICE_JOB = 'reservation.workshop_notice';
export const APPOINTMENT_REMINDER_JOB = 'reservation.appointment_reminder';
export const APPOINTMENT_SWEEP_JOB = 'reservation.appointment_sweep';

/**
 * The site's appointment policy (bays, slots, deposit, reminder, move-in capacities): versions are never
 * edited; the newest governs new bookings, and each booking records the version it was made under.
 */
@Injectable()
export class AppointmentPolicyService {
  constructor(
    private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  async current(site: SiteRef, em: EntityManager = this.ds.manager): Promise<{ version: number; policy: AppointmentPolicy; row: AppointmentPolicyVersion }> {
    const latest = await em.getRepository(AppointmentPolicyVersion).findOne({ where: { siteId: site.id }, order: { version: 'DESC' } });
    if (latest) return { version: latest.version, policy: { ...DEFAULT_APPOINTMENT_POLICY, ...latest.policy }, row: latest };
    await em.createQueryBuilder().insert().into(AppointmentPolicyVersion).values({ siteId: site.id, version: 1, policy: DEFAULT_APPOINTMENT_POLICY, createdBy: null }).orIgnore().execute();
    const row = await em.getRepository(AppointmentPolicyVersion).findOneOrFail({ where: { siteId: site.id }, order: { version: 'DESC' } });
    return { version: row.version, policy: { ...DEFAULT_APPOINTMENT_POLICY, ...row.policy }, row };
  }

  async publish(site: SiteRef, userId: string, policy: AppointmentPolicy): Promise<AppointmentPolicyVersion> {
    const problems = validateAppointmentPolicy(policy);
    if (problems.length) throw validationFailed(problems.map((p) => ({ field: `policy.${p.field}`, message: p.message })));
    return this.ds.transaction(async (em) => {
      await this.current(site, em);
      await em.query('SELECT 1 FROM appointment_policy WHERE site_id = $1 FOR UPDATE', [site.id]);
      const last = (await em.getRepository(AppointmentPolicyVersion).maximum('version', { siteId: site.id })) ?? 0;
      const repo = em.getRepository(AppointmentPolicyVersion);
      const row = await repo.save(repo.create({ siteId: site.id, version: last + 1, policy, createdBy: userId }));
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'reservation.appointment_policy_published', entityType: 'appointment_policy', entityId: row.id, after: { version: row.version, ...policy } });
      return row;
    });
  }
}

/**
 * Service appointments (RES-9, RES-10): booking into a slot whose bays the database counts (a
 * conditional UPDATE under the slot's row lock, and a CHECK constraint), the register by day,
 * cancellation that frees the bay, the same-day workshop notice and the customer's reminder through
 * the SMS outbox of CA-13 — both scheduled as jobs in the booking's transaction (GEN-8).
 */
@Injectable()
export class ServiceAppointmentsService implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly events: EventsService,
    private readonly jobs: JobsService,
    private readonly policies: AppointmentPolicyService,
    private readonly outbox: SmsOutbox,
  ) {}

  onModuleInit() {
    this.jobs.register(WORKSHOP_NOTICE_JOB, async (job, em) => {
      await this.notifyWorkshop(em, (job.payload as { appointmentId: string }).appointmentId);
    });
    this.jobs.register(APPOINTMENT_REMINDER_JOB, async (job, em) => {
      await this.remind(em, (job.payload as { appointmentId: string }).appointmentId);
    });
    // A safety net for a lost or failed job: every minute, reminders due and workshop notices not yet sent.
    this.jobs.every(APPOINTMENT_SWEEP_JOB, 60_000, async (_job, em) => {
      const due: { id: string }[] = await em.query(
        `SELECT id FROM service_appointment WHERE status = 'booked' AND reminded_at IS NULL AND remind_at <= now() AND starts_at > now() ORDER BY remind_at LIMIT 200`,
      );
      for (const r of due) await this.remind(em, r.id);
      const unnoticed: { id: string }[] = await em.query(`SELECT id FROM service_appointment WHERE status = 'booked' AND workshop_notified_at IS NULL AND booked_at < now() - interval '1 minute' ORDER BY booked_at LIMIT 200`);
      for (const r of unnoticed) await this.notifyWorkshop(em, r.id);
    });
  }

  // ---------- reads ----------

  async toDtos(rows: ServiceAppointment[], site: SiteRef, em: EntityManager = this.ds.manager, now = new Date()): Promise<ServiceAppointmentDto[]> {
    const names = await userNames(em, rows.map((a) => a.bookedBy));
    return rows.map((a) => ({
      id: a.id,
      siteId: a.siteId,
      date: a.date,
      time: localClock(a.startsAt, site.timeZone),
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      status: a.status,
      customerName: a.customerName,
      customerPhoneMasked: maskPhone(a.customerPhone),
      vehiclePlate: a.vehiclePlate,
      vehicleModel: a.vehicleModel,
      work: a.work,
      partsFen: a.partsFen,
      depositFen: a.depositFen,
      requiredDepositFen: a.requiredDepositFen,
      depositReceiptNo: a.depositReceiptNo,
      formNo: a.formNo,
      signedBy: a.signedBy,
      bookedBy: a.bookedBy,
      bookedByName: names.get(a.bookedBy) ?? '',
      bookedAt: a.bookedAt,
      policyVersion: a.policyVersion,
      remindAt: a.remindAt,
      remindedAt: a.remindedAt,
      reminder: reminderStateAt(a, now),
      workshopNotifiedAt: a.workshopNotifiedAt,
      workshopNotice: a.status === 'cancelled' && !a.workshopNotifiedAt ? 'not_needed' : workshopNoticeStateAt(a, now, site.timeZone),
      cancelledAt: a.cancelledAt,
      cancelReason: a.cancelReason,
    }));
  }

  async get(p: Principal, id: string): Promise<ServiceAppointmentDto> {
    const row = await this.ds.getRepository(ServiceAppointment).findOneBy({ id });
    if (!row) throw notFound('appointment');
    const site = (await this.access.requireObjectSite(p, row.siteId, STAFF_ROLES, 'appointment')).site;
    return (await this.toDtos([row], site))[0];
  }

  /** RES-9: the appointment register (预约统计表): by day, in slot order, paged. */
  async list(site: SiteRef, q: ListServiceAppointmentsQuery) {
    const size = q.pageSize ?? 50;
    const [rows, total] = await this.filtered(site, q)
      .skip(((q.page ?? 1) - 1) * size)
      .take(size)
      .getManyAndCount();
    return page(await this.toDtos(rows, site), total, q);
  }

  /** RES-9: the register (预约统计表) as a file: every appointment the filters find; more than the limit is a 422. */
  async all(site: SiteRef, q: Omit<ListServiceAppointmentsQuery, 'page' | 'pageSize'>): Promise<ServiceAppointmentDto[]> {
    const total = await this.filtered(site, q).getCount();
    if (total > SERVICE_REGISTER_EXPORT_LIMIT) {
      throw new ProblemException(422, 'EXPORT_TOO_LARGE', `${total} appointments match; a file holds at most ${SERVICE_REGISTER_EXPORT_LIMIT}: choose a day`, { total, limit: SERVICE_REGISTER_EXPORT_LIMIT });
    }
    return this.toDtos(await this.filtered(site, q).getMany(), site);
  }

  /** The register's filters, in slot order. */
  private filtered(site: SiteRef, q: Omit<ListServiceAppointmentsQuery, 'page' | 'pageSize'>) {
    const qb = this.ds.getRepository(ServiceAppointment).createQueryBuilder('a').where('a.site_id = :site', { site: site.id });
    if (q.date) qb.andWhere('a.date = :date', { date: q.date });
    if (q.status) qb.andWhere('a.status = :status', { status: q.status });
    return qb.orderBy('a.starts_at', 'ASC').addOrderBy('a.booked_at', 'ASC').addOrderBy('a.id', 'ASC');
  }

  /** The day's slots with their bays: slots nobody booked yet show the policy's bays. */
  async slots(site: SiteRef, date: string): Promise<ServiceSlotDto[]> {
    const { policy } = await this.policies.current(site);
    const stored = await this.ds.getRepository(ServiceSlot).find({ where: { siteId: site.id, date } });
    const byStart = new Map(stored.map((s) => [s.startsAt.getTime(), s]));
    const fromPolicy = daySlots(date, policy, site.timeZone).map((s) => {
      const row = byStart.get(s.startsAt.getTime());
      byStart.delete(s.startsAt.getTime());
      const capacity = row?.capacity ?? policy.bays;
      const booked = row?.booked ?? 0;
      return { time: s.time, startsAt: s.startsAt, endsAt: s.endsAt, capacity, booked, free: Math.max(capacity - booked, 0) };
    });
    // Slots booked under an earlier policy (other times) stay listed while they hold bookings.
    const earlier = [...byStart.values()].map((row) => ({
      time: localClock(row.startsAt, site.timeZone),
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      capacity: row.capacity,
      booked: row.booked,
      free: Math.max(row.capacity - row.booked, 0),
    }));
    return [...fromPolicy, ...earlier].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  }

  // ---------- RES-9 / RES-10: booking ----------

  async book(p: Principal, site: SiteRef, body: BookServiceAppointmentDto): Promise<ServiceAppointmentDto> {
    const phone = normalizePhone(body.customerPhone);
    if (!phone) throw validationFailed([{ field: 'customerPhone', message: 'must be a mainland mobile or an international number' }]);
    return this.ds.transaction(async (em) => {
      const now = new Date();
      const { version, policy } = await this.policies.current(site, em);
      const slot = domain(() => resolveSlot(body.date, body.time, policy, site.timeZone, now));
      const { requiredDepositFen } = domain(() =>
        decideBooking({ partsFen: fen(body.partsFen), depositFen: fen(body.depositFen), depositReceiptNo: body.depositReceiptNo ?? null, formNo: body.formNo, signedBy: body.signedBy }, policy),
      );
      // RES-10: the slot row exists once per site and start; its counter only rises below capacity.
      // The contended step is the counter's conditional UPDATE: it row-locks the slot until commit, so it
      // comes last, after everything else this booking writes. Before it, an unlocked read finds the
      // slot (its id for the appointment) and answers a slot already full at once; the UPDATE decides.
      const full = () => new ProblemException(409, 'SLOT_FULL', `every bay of the ${body.time} slot is booked (RES-10)`);
      let slotRow = rowsOf<{ id: string; booked: number; capacity: number }>(await em.query(`SELECT id, booked, capacity FROM service_slot WHERE site_id = $1 AND starts_at = $2`, [site.id, slot.startsAt]))[0];
      if (!slotRow) {
        // The first booking of the slot makes its row; a parallel first booking finds it made (no lock kept on an existing row).
        await em.query(
          `INSERT INTO service_slot (site_id, date, starts_at, ends_at, capacity) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (site_id, starts_at) DO NOTHING`,
          [site.id, body.date, slot.startsAt, slot.endsAt, policy.bays],
        );
        slotRow = rowsOf<{ id: string; booked: number; capacity: number }>(await em.query(`SELECT id, booked, capacity FROM service_slot WHERE site_id = $1 AND starts_at = $2`, [site.id, slot.startsAt]))[0];
      }
      if (slotRow.booked >= slotRow.capacity) throw full();
      const repo = em.getRepository(ServiceAppointment);
      const appointment = repo.create({
        siteId: site.id,
        slotId: slotRow.id,
        date: body.date,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        status: 'booked',
        customerName: body.customerName.trim(),
        customerPhone: phone,
        vehiclePlate: body.vehiclePlate.trim().toUpperCase(),
        vehicleModel: body.vehicleModel?.trim() || null,
        work: body.work.trim(),
        partsFen: body.partsFen,
        depositFen: body.depositFen,
        requiredDepositFen,
        depositReceiptNo: body.depositReceiptNo ?? null,
        formNo: body.formNo,
        signedBy: body.signedBy.trim(),
        bookedBy: p.userId,
        bookedAt: now,
        policyVersion: version,
        remindAt: reminderAt(slot.startsAt, now, policy),
        remindedAt: null,
        reminderSmsId: null,
        workshopNotifiedAt: null,
      });
      try {
        await repo.insert(appointment);
      } catch (e) {
        if (isUniqueViolation(e)) throw new ProblemException(409, 'FORM_NO_EXISTS', 'an appointment with this form number is already in the register');
        throw e;
      }
      // RES-9: the workshop hears of it the same day (at once), the customer the policy's hours before.
      await this.jobs.schedule(em, { name: WORKSHOP_NOTICE_JOB, runAt: now, siteId: site.id, payload: { appointmentId: appointment.id }, dedupeKey: `${WORKSHOP_NOTICE_JOB}:${appointment.id}` });
      await this.jobs.schedule(em, { name: APPOINTMENT_REMINDER_JOB, runAt: appointment.remindAt, siteId: site.id, payload: { appointmentId: appointment.id }, dedupeKey: `${APPOINTMENT_REMINDER_JOB}:${appointment.id}` });
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'reservation.appointment_booked', entityType: 'service_appointment', entityId: appointment.id, after: appointment });
      const [dto] = await this.toDtos([appointment], site, em, now);
      // Last: take a bay. Below capacity or nothing (the CHECK booked <= capacity backs it); when full, the
      // whole booking above rolls back with the 409.
      const taken = rowsOf<{ id: string; booked: number; capacity: number }>(
        await em.query(`UPDATE service_slot SET booked = booked + 1 WHERE id = $1 AND booked < capacity RETURNING id, booked, capacity`, [slotRow.id]),
      );
      if (!taken.length) throw full();
      // pg_notify is delivered at commit; it takes no row lock.
      await this.events.publish(em, site.id, 'reservation.appointment', { appointmentId: appointment.id, change: 'booked', date: body.date, time: body.time, booked: taken[0].booked, capacity: taken[0].capacity });
      return dto;
    });
  }

  async cancel(p: Principal, id: string, reason: string, roles: readonly Role[]): Promise<ServiceAppointmentDto> {
    const peek = await this.ds.getRepository(ServiceAppointment).findOne({ where: { id }, select: { id: true, siteId: true } });
    if (!peek) throw notFound('appointment');
    const site = (await this.access.requireObjectSite(p, peek.siteId, roles, 'appointment')).site;
    return this.ds.transaction(async (em) => {
      const a = await em.getRepository(ServiceAppointment).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
      const now = new Date();
      domain(() => decideAppointmentCancel(a, now));
      const before = { ...a };
      Object.assign(a, { status: 'cancelled', cancelledAt: now, cancelledBy: p.userId, cancelReason: reason });
      await em.getRepository(ServiceAppointment).save(a);
      const freed = rowsOf<{ booked: number; capacity: number }>(await em.query(`UPDATE service_slot SET booked = booked - 1 WHERE id = $1 RETURNING booked, capacity`, [a.slotId]));
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'reservation.appointment_cancelled', entityType: 'service_appointment', entityId: a.id, before, after: a, reason });
      await this.events.publish(em, site.id, 'reservation.appointment', { appointmentId: a.id, change: 'cancelled', date: a.date, booked: freed[0]?.booked ?? null, capacity: freed[0]?.capacity ?? null });
      return (await this.toDtos([a], site, em, now))[0];
    });
  }

  // ---------- jobs ----------

  /** RES-9: tells the workshop (the site's live board, technicians and managers) so that a bay is kept. Idempotent. */
  async notifyWorkshop(em: EntityManager, appointmentId: string): Promise<boolean> {
    const a = await em.getRepository(ServiceAppointment).findOne({ where: { id: appointmentId }, lock: { mode: 'pessimistic_write' } });
    if (!a || a.workshopNotifiedAt || a.status !== 'booked') return false;
    const site = await this.access.site(a.siteId);
    if (!site) return false;
    const before = { ...a };
    a.workshopNotifiedAt = new Date();
    await em.getRepository(ServiceAppointment).save(a);
    await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'reservation.workshop_notified', entityType: 'service_appointment', entityId: a.id, before, after: a, actorId: null, actorLogin: 'system' });
    await this.events.publish(em, site.id, 'reservation.workshop', { appointmentId: a.id, date: a.date, startsAt: a.startsAt.toISOString(), vehiclePlate: a.vehiclePlate, work: a.work });
    return true;
  }

  /**
   * RES-9 / GEN-8: queues the reminder in the CA-13 SMS outbox (delivered by its own job) while the booked
   * appointment lies ahead — also when this job runs late; never after it began or was cancelled.
   */
  async remind(em: EntityManager, appointmentId: string): Promise<boolean> {
    const a = await em.getRepository(ServiceAppointment).findOne({ where: { id: appointmentId }, lock: { mode: 'pessimistic_write' } });
    if (!a) return false;
    const now = new Date();
    if (decideReminder(a, now) !== 'send') return false;
    const site = await this.access.site(a.siteId);
    if (!site) return false;
    // Service customers are not sales customers: the outbox row names the appointment as its subject.
    const sms = await this.outbox.queue(em, site, { subjectRef: `service_appointment:${a.id}`, toPhone: a.customerPhone, body: reminderText(a, site.name, site.timeZone) }, now);
    const before = { ...a };
    Object.assign(a, { remindedAt: now, reminderSmsId: sms.id });
    await em.getRepository(ServiceAppointment).save(a);
    await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'reservation.appointment_reminded', entityType: 'service_appointment', entityId: a.id, before, after: a, actorId: null, actorLogin: 'system' });
    return true;
  }
}
