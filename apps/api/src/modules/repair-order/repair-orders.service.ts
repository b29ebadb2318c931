import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  addDays,
  agreedLines,
  allocateKeyTag,
  assessWarrantyClaim,
  averageKmPerDay,
  currentTotals,
  customerFileLate,
  decideRepairOrder,
  followUpStatusAt,
  isDomainError,
  isSignedCurrent,
  localDate,
  nextService,
  normalizePhone,
  normalizePlate,
  openRepairOrder,
  repairOrderPending,
  repairOrderStatistics,
  progressCheckStatusAt,
  progressCheckWindow,
  REPAIR_ORDER_COMMAND_ROLES,
  REPAIR_ORDER_TRANSITIONS,
  serviceDue,
  serviceReminderAt,
  serviceReminderStateAt,
  STAFF_ROLES,
  validateCustomerFile,
  zonedTime,
  type ApprovalDecision,
  type NextService,
  type RepairOrderCommand,
  type RepairOrderContext,
  type RepairOrderDecision,
  type RepairOrderPolicy,
  type RepairOrderFact,
  type RepairOrderSnapshot,
  type Role,
} from '@sitedesk/domain';
import { randomUUID } from 'node:crypto';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AccessPolicy, type SiteRef } from '../../platform/access/access.policy.js';
import { Approval } from '../../platform/approvals/approval.entity.js';
import { ApprovalsService } from '../../platform/approvals/approvals.service.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import type { Principal } from '../../platform/auth/principal.js';
import { DisciplineService } from '../../platform/discipline/discipline.service.js';
import { fromDomainError, notFound, ProblemException } from '../../platform/errors/problem.js';
import { EventsService } from '../../platform/events/events.service.js';
import { page } from '../../platform/http/paging.js';
import { validationFailed } from '../../platform/http/validation.js';
import { userNames } from '../../platform/identity/user-names.js';
import { JobsService } from '../../platform/jobs/jobs.service.js';
import type {
  CreateVehicleFileDto,
  CreateWarrantyClaimDto,
  DecideWarrantyClaimDto,
  KeyCabinetDto,
  ListRepairFollowUpsQuery,
  ListRepairOrdersQuery,
  ListWarrantyClaimsQuery,
  RepairFollowUpDto,
  ListVehiclesQuery,
  OpenRepairOrderDto,
  RepairOrderDetailDto,
  RepairOrderDto,
  RepairOrderStatisticsDto,
  RepairStatisticsQuery,
  SiteWarrantyClaimDto,
  VehicleFileDto,
  WarrantyClaimDto,
} from './repair-order.dto.js';
import { dataOf, jsonSafe, readSnapshotOf, promotedColumnsOf, snapshotOf } from './repair-order-store.js';
import { KEY_TAG_STATES_SQL, RepairOrder, RepairOrderEvent, RepairOrderSignature, RepairWarrantyClaim, VehicleFile } from './repair-order.entities.js';
import { ComplaintsService } from '../complaint/complaints.service.js';
import { RepairPolicyService } from './policy.service.js';
import { pgCode } from '../../platform/errors/pg-errors.js';

export const PROGRESS_CHECK_JOB = 'repair_order.progress_check';
export const SERVICE_REMINDER_JOB = 'repair_order.service_reminder';
export const FOLLOW_UP_JOB = 'repair_order.follow_up_due';
export const DISCOUNT_APPROVAL = 'repair_order.discount';

/** Who reads repair orders and vehicle files (the service desk, the workshop, the cashier, management). */
export const REPAIR_READERS: Role[] = ['service_advisor', 'technician', 'cashier', 'supervisor', 'manager', 'director', 'admin'];
/** Who makes vehicle files (RO-1): the advisor and management. */
export const REPAIR_ADVISORS: Role[] = ['service_advisor', 'manager', 'director', 'admin'];
export const REPAIR_MANAGERS: Role[] = ['manager', 'director', 'admin'];
/** RO-12: finance and management. */
/** A part of a plate as typed (spaces, dots, dashes dropped; upper case) as an ILIKE pattern; `%`, `_` and `\` cannot match. */
const platePattern = (plate: string) => `%${plate.replace(/[\s·.\-%_\\]/g, '').toUpperCase()}%`;

export const REPAIR_STATISTICS_READERS: Role[] = ['cashier', 'supervisor', 'manager', 'director', 'admin'];
const STAFF = STAFF_ROLES as Role[];
const IN_WORKSHOP = ['dispatched', 'in_progress'];

const domain = <T>(f: () => T): T => {
  try {
    return f();
  } catch (e) {
    throw isDomainError(e) ? fromDomainError(e) : e;
  }
};
const constraintOf = (e: unknown) => (e as { constraint?: string })?.constraint ?? (e as { driverError?: { constraint?: string } })?.driverError?.constraint;

type Actor = { userId: string; roles: Role[] };

/**
 * Repair orders (SPEC section 5): customer and vehicle files (RO-1), the life cycle RO-2..RO-9 through
 * the domain's `decideRepairOrder`, the key cabinet (RO-5), the progress-check job (RO-8, GEN-8) and
 * discount approvals (RO-9, GEN-6). Each command locks the order row, decides, writes the order, its
 * signatures, the timeline and the audit in one transaction and announces it on the site's live events.
 */
@Injectable()
export class RepairOrdersService implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly events: EventsService,
    private readonly jobs: JobsService,
    private readonly discipline: DisciplineService,
    private readonly approvals: ApprovalsService,
    private readonly policies: RepairPolicyService,
    private readonly complaints: ComplaintsService,
  ) {}

  onModuleInit() {
    this.approvals.onDecision(DISCOUNT_APPROVAL, (em, a, d) => this.decidedInInbox(em, a, d));
    // RO-8 / GEN-8: reads show the check's status from stored times; the job records and announces it.
    this.jobs.register(PROGRESS_CHECK_JOB, async (job, em) => {
      await this.recordProgressCheckDue(em, (job.payload as { orderId: string }).orderId);
    });
    // RO-10 / GEN-8: the follow-up call's list reads its status now; the job announces it once when it falls due.
    this.jobs.register(FOLLOW_UP_JOB, async (job, em) => {
      await this.announceFollowUpDue(em, (job.payload as { orderId: string }).orderId);
    });
    // RO-10 / GEN-8: reads show the reminder's state from the stored instant; the job announces it once.
    this.jobs.register(SERVICE_REMINDER_JOB, async (job, em) => {
      await this.announceServiceReminder(em, (job.payload as { vehicleId: string }).vehicleId);
    });
  }

  // ---------- RO-1 vehicle files ----------

  private vehicleDto(v: VehicleFile, today: string): VehicleFileDto {
    return {
      id: v.id,
      siteId: v.siteId,
      name: v.customerName,
      address: v.address,
      phone: v.phone,
      plate: v.plate,
      model: v.model,
      type: v.vehicleType,
      odometerKm: v.odometerKm,
      kmPerDay: v.kmPerDay,
      visitDate: v.visitDate,
      workDone: v.workDone,
      wishes: v.wishes,
      lastServiceDate: v.lastServiceDate,
      lastServiceKm: v.lastServiceKm,
      nextService: v.nextService,
      serviceDue: serviceDue(v.nextService, today, v.odometerKm).due,
      reminderAt: v.serviceReminderAt,
      reminderState: serviceReminderStateAt({ remindAt: v.serviceReminderAt, sentAt: v.serviceReminderSentAt }, new Date()),
      reminderSentAt: v.serviceReminderSentAt,
      late: v.late,
      createdBy: v.createdBy,
      createdAt: v.createdAt,
      policyVersion: v.policyVersion,
    };
  }

  async createVehicle(p: Principal, body: CreateVehicleFileDto): Promise<VehicleFileDto> {
    const { site } = await this.access.requireSite(p, body.siteId, REPAIR_ADVISORS);
    const input = { name: body.name, address: body.address, phone: body.phone, visitDate: body.visitDate, vehicle: { ...body.vehicle }, workDone: body.workDone, wishes: body.wishes ?? null };
    const problems = validateCustomerFile(input);
    const now = new Date();
    const today = localDate(now, site.timeZone);
    if (!problems.some((x) => x.field === 'visitDate') && body.visitDate > today) problems.push({ field: 'visitDate', message: 'not after today' });
    if (problems.length) throw validationFailed(problems);
    const plate = normalizePlate(body.vehicle.plate)!;
    return this.ds.transaction(async (em) => {
      const { version, policy } = await this.policies.current(site, em);
      const next = nextService({ date: body.visitDate, odometerKm: body.vehicle.odometerKm }, policy, null);
      const repo = em.getRepository(VehicleFile);
      const row = repo.create({
        siteId: site.id,
        customerName: body.name.trim(),
        address: body.address.trim(),
        phone: normalizePhone(body.phone)!,
        plate,
        model: body.vehicle.model.trim(),
        vehicleType: body.vehicle.type,
        odometerKm: body.vehicle.odometerKm,
        kmPerDay: null,
        visitDate: body.visitDate,
        workDone: body.workDone.trim(),
        wishes: body.wishes?.trim() || null,
        lastServiceDate: body.visitDate,
        lastServiceKm: body.vehicle.odometerKm,
        nextService: next,
        nextServiceDate: next.dueDate,
        late: customerFileLate(zonedTime(body.visitDate, '12:00', site.timeZone), now, site.timeZone),
        serviceReminderAt: serviceReminderAt(next, policy, site.timeZone, now),
        serviceReminderSentAt: null,
        serviceReminderSentBy: null,
        createdBy: p.userId,
        policyVersion: version,
        updatedAt: now,
      });
      try {
        await repo.insert(row);
      } catch (e) {
        if (pgCode(e) === '23505') throw new ProblemException(409, 'RO_VEHICLE_FILE_EXISTS', `the site has a file for ${plate} already (RO-1)`, { plate });
        throw e;
      }
      const saved = await repo.findOneByOrFail({ id: row.id });
      await this.scheduleReminder(em, site, saved);
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'repair_order.vehicle_file_created', entityType: 'vehicle_file', entityId: saved.id, after: { ...saved, ruleIds: ['RO-1', 'GEN-11'] } });
      await this.events.publish(em, site.id, 'repair_order.vehicle_file_created', { vehicleId: saved.id, plate, late: saved.late });
      return this.vehicleDto(saved, today);
    });
  }

  async listVehicles(site: SiteRef, q: ListVehiclesQuery) {
    const qb = this.ds.getRepository(VehicleFile).createQueryBuilder('v').where('v.site_id = :site', { site: site.id });
    if (q.plate) qb.andWhere('v.plate ILIKE :plate', { plate: platePattern(q.plate) });
    if (q.dueBy) qb.andWhere('v.next_service_date <= :due', { due: q.dueBy });
    // RO-10 reminders, read now (GEN-8).
    if (q.reminder === 'due') qb.andWhere('v.service_reminder_at <= now() AND v.service_reminder_sent_at IS NULL');
    if (q.reminder === 'pending') qb.andWhere('v.service_reminder_at > now() AND v.service_reminder_sent_at IS NULL');
    if (q.reminder === 'sent') qb.andWhere('v.service_reminder_sent_at IS NOT NULL');
    const size = q.pageSize ?? 50;
    const [rows, total] = await qb
      .orderBy(q.dueBy ? 'v.next_service_date' : 'v.created_at', q.dueBy ? 'ASC' : 'DESC')
      .addOrderBy('v.id', 'ASC')
      .skip(((q.page ?? 1) - 1) * size)
      .take(size)
      .getManyAndCount();
    const today = localDate(new Date(), site.timeZone);
    return page(
      rows.map((r) => this.vehicleDto(r, today)),
      total,
      q,
    );
  }

  async getVehicle(p: Principal, id: string): Promise<VehicleFileDto> {
    const row = await this.ds.getRepository(VehicleFile).findOne({ where: { id } });
    if (!row) throw notFound('vehicle file');
    const { site } = await this.access.requireObjectSite(p, row.siteId, REPAIR_READERS, 'vehicle file');
    return this.vehicleDto(row, localDate(new Date(), site.timeZone));
  }

  // ---------- RO-5 key cabinet ----------

  async keyCabinet(site: SiteRef): Promise<KeyCabinetDto> {
    const cabinet = await this.policies.cabinet(site);
    const held: { key_tag: string; id: string; plate: string }[] = await this.ds.query(`SELECT key_tag, id, plate FROM repair_order WHERE site_id = $1 AND key_tag IS NOT NULL AND ${KEY_TAG_STATES_SQL}`, [site.id]);
    const by = new Map(held.map((h) => [h.key_tag, h]));
    return { tags: cabinet.tags.map((tag) => ({ tag, orderId: by.get(tag)?.id ?? null, plate: by.get(tag)?.plate ?? null })), inUse: held.length, updatedAt: cabinet.updatedAt };
  }

  // ---------- reads ----------

  private async signaturesOf(em: EntityManager, ids: string[]): Promise<Map<string, RepairOrderSignature[]>> {
    const out = new Map<string, RepairOrderSignature[]>();
    if (!ids.length) return out;
    const rows = await em.getRepository(RepairOrderSignature).find({ where: { orderId: In(ids) }, order: { at: 'ASC', id: 'ASC' } });
    for (const r of rows) out.set(r.orderId, [...(out.get(r.orderId) ?? []), r]);
    return out;
  }

  private dto(row: RepairOrder, s: RepairOrderSnapshot, policy: RepairOrderPolicy, names: Map<string, string>, now: Date): RepairOrderDto {
    const window = progressCheckWindow(s, policy);
    return {
      id: row.id,
      siteId: row.siteId,
      vehicleId: row.vehicleId,
      state: row.state,
      version: row.version,
      advisorId: row.advisorId,
      advisorName: names.get(row.advisorId) ?? '',
      customerName: s.customer.name,
      customerPhone: s.customer.phone,
      plate: row.plate,
      model: s.vehicle.model,
      category: row.category,
      keyTag: row.keyTag,
      openedAt: row.openedAt,
      promisedAt: row.promisedAt,
      totalFen: currentTotals(s)?.totalFen ?? null,
      signedCurrent: isSignedCurrent(s),
      progressCheck: window ? { from: window.from, to: window.to, status: progressCheckStatusAt(s, policy, now) } : null,
      // RO-7/8/9/10: from the snapshot already loaded with the page (no read per order).
      pending: repairOrderPending(s, policy, now),
      policyVersion: row.policyVersion,
    };
  }

  async detail(em: EntityManager, site: SiteRef, id: string, now = new Date(), loaded?: RepairOrder): Promise<RepairOrderDetailDto> {
    const row = loaded ?? (await em.getRepository(RepairOrder).findOneByOrFail({ id, siteId: site.id }));
    const sigs = (await this.signaturesOf(em, [id])).get(id) ?? [];
    // The parts are returned as stored (`data` holds them JSON-safe already): no revive and re-serialize (issue #7).
    const s = readSnapshotOf(row, sigs);
    const d = row.data as Record<string, unknown>;
    const policy = await this.policies.version(site, row.policyVersion, em);
    const timeline = await em.getRepository(RepairOrderEvent).find({ where: { orderId: id }, order: { at: 'ASC', id: 'ASC' } });
    const names = await userNames(em, [row.advisorId, ...timeline.map((e) => e.actorId)]);
    const obj = (k: string) => (d[k] == null ? null : (d[k] as Record<string, unknown>));
    const list = (k: string) => (d[k] ?? []) as Record<string, unknown>[];
    const totals = currentTotals(s);
    return {
      ...this.dto(row, s, policy, names, now),
      diagnosis: obj('diagnosis'),
      estimate: obj('estimate'),
      totals: totals == null ? null : (jsonSafe(totals) as unknown as Record<string, unknown>),
      wishes: s.wishes,
      checkIn: obj('checkIn'),
      dispatch: obj('dispatch'),
      additional: list('additional'),
      work: list('work'),
      progressChecks: list('progressChecks'),
      qualityChecks: list('qualityChecks'),
      delivery: obj('delivery'),
      discount: obj('discount'),
      settlement: obj('settlement'),
      exit: obj('exit'),
      decline: obj('decline'),
      exitNotice: row.exitNotice,
      followUp: obj('followUp'),
      followUpResult: obj('followUpResult'),
      signatures: sigs.map((x) => ({ purpose: x.purpose, signer: x.signer, at: x.at, version: x.version, recordedBy: x.recordedBy })),
      timeline: timeline.map((e) => ({ at: e.at, type: e.type, actorId: e.actorId, actorName: e.actorId ? (names.get(e.actorId) ?? '') : 'system', data: e.data, ruleIds: e.ruleIds, policyVersion: e.policyVersion })),
    };
  }

  async get(p: Principal, id: string): Promise<RepairOrderDetailDto> {
    // The whole row at once (its site decides access): one statement instead of a peek and a reload.
    const row = await this.ds.getRepository(RepairOrder).findOne({ where: { id } });
    if (!row) throw notFound('repair order');
    const { site } = await this.access.requireObjectSite(p, row.siteId, REPAIR_READERS, 'repair order');
    return this.detail(this.ds.manager, site, id, new Date(), row);
  }

  async list(site: SiteRef, q: ListRepairOrdersQuery) {
    const now = new Date();
    const qb = this.ds.getRepository(RepairOrder).createQueryBuilder('o').where('o.site_id = :site', { site: site.id });
    if (q.state) qb.andWhere('o.state = :state', { state: q.state });
    if (q.advisorId) qb.andWhere('o.advisor_id = :advisor', { advisor: q.advisorId.toLowerCase() });
    if (q.plate) qb.andWhere('o.plate ILIKE :plate', { plate: platePattern(q.plate) });
    if (q.from) qb.andWhere('o.opened_at >= :from', { from: zonedTime(q.from, '00:00', site.timeZone) });
    if (q.to) qb.andWhere('o.opened_at < :to', { to: zonedTime(addDays(q.to, 1), '00:00', site.timeZone) });
    if (q.awaitingAnswer !== undefined) qb.andWhere('o.awaiting_answer = :awaiting', { awaiting: q.awaitingAnswer });
    const size = q.pageSize ?? 50;
    const [rows, total] = await qb
      .orderBy('o.opened_at', 'DESC')
      .addOrderBy('o.id', 'ASC')
      .skip(((q.page ?? 1) - 1) * size)
      .take(size)
      .getManyAndCount();
    const em = this.ds.manager;
    const sigs = await this.signaturesOf(em, rows.map((r) => r.id));
    const names = await userNames(em, rows.map((r) => r.advisorId));
    const policies = new Map<number, RepairOrderPolicy>();
    const items: RepairOrderDto[] = [];
    for (const r of rows) {
      if (!policies.has(r.policyVersion)) policies.set(r.policyVersion, await this.policies.version(site, r.policyVersion, em));
      items.push(this.dto(r, readSnapshotOf(r, sigs.get(r.id) ?? []), policies.get(r.policyVersion)!, names, now));
    }
    return page(items, total, q);
  }

  // ---------- RO-10 follow-up calls ----------

  /** RO-10 (CMP-7): the follow-up calls owed 2 days to a week after exit, read now (GEN-8), earliest first. */
  async followUps(site: SiteRef, q: ListRepairFollowUpsQuery) {
    const now = new Date();
    const status = q.status ?? 'open';
    const planned = `(o.data->'followUp'->>'plannedAt')::timestamptz`;
    const due = `(o.data->'followUp'->>'dueBy')::timestamptz`;
    const qb = this.ds
      .getRepository(RepairOrder)
      .createQueryBuilder('o')
      .where('o.site_id = :site', { site: site.id })
      .andWhere(`o.state = 'exited' AND jsonb_typeof(o.data->'followUp') = 'object'`);
    if (status === 'done') qb.andWhere(`jsonb_typeof(o.data->'followUpResult') = 'object'`);
    else qb.andWhere(`(o.data->'followUpResult' IS NULL OR jsonb_typeof(o.data->'followUpResult') = 'null')`);
    if (status === 'planned') qb.andWhere(`${planned} > :now`, { now });
    if (status === 'due') qb.andWhere(`${planned} <= :now AND ${due} > :now`, { now });
    if (status === 'overdue') qb.andWhere(`${due} <= :now`, { now });
    const size = q.pageSize ?? 50;
    const [rows, total] = await qb
      .orderBy(planned, 'ASC')
      .addOrderBy('o.id', 'ASC')
      .skip(((q.page ?? 1) - 1) * size)
      .take(size)
      .getManyAndCount();
    const items: RepairFollowUpDto[] = rows.map((r) => {
      const s = snapshotOf(r, []);
      const task = s.followUp!;
      const doneAt = s.followUpResult?.at ?? null;
      return {
        orderId: r.id,
        plate: r.plate,
        customerName: s.customer.name,
        customerPhone: s.customer.phone,
        advisorId: r.advisorId,
        exitedAt: s.exit!.at,
        plannedAt: task.plannedAt,
        dueBy: task.dueBy,
        bookedByCustomer: task.bookedByCustomer,
        status: followUpStatusAt(task, doneAt, now),
        doneAt,
        openCase: s.followUpResult ? s.followUpResult.verdict.openCase : null,
      };
    });
    return page(items, total, q);
  }

  // ---------- RO-10 warranty claims ----------

  private claimDto(c: RepairWarrantyClaim): WarrantyClaimDto {
    const a = c.assessment;
    return {
      id: c.id,
      orderId: c.orderId,
      lineIds: c.lineIds,
      description: c.description,
      odometerKm: c.odometerKm,
      assessment: { inPeriod: a.inPeriod, coveredLineIds: a.coveredLineIds, excludedLineIds: a.excludedLineIds, expiresOn: a.expiresOn, expiresAtKm: a.expiresAtKm },
      status: c.status,
      resolution: c.resolution,
      claimedAt: c.claimedAt,
      recordedBy: c.recordedBy,
      decidedBy: c.decidedBy,
      decidedAt: c.decidedAt,
    };
  }

  /** RO-10: the site's warranty claims, open ones first, newest first; by status and a part of the plate. */
  async siteWarrantyClaims(site: SiteRef, q: ListWarrantyClaimsQuery) {
    const qb = this.ds
      .getRepository(RepairWarrantyClaim)
      .createQueryBuilder('c')
      .innerJoin(RepairOrder, 'o', 'o.id = c.order_id AND o.site_id = c.site_id')
      .innerJoin(VehicleFile, 'v', 'v.id = o.vehicle_id')
      .addSelect('o.plate', 'plate')
      .addSelect('o.advisor_id', 'advisor_id')
      .addSelect('v.customer_name', 'customer_name')
      .where('c.site_id = :site', { site: site.id });
    if (q.status) qb.andWhere('c.status = :status', { status: q.status });
    if (q.plate) qb.andWhere('o.plate ILIKE :plate', { plate: platePattern(q.plate) });
    const size = q.pageSize ?? 50;
    const total = await qb.getCount();
    const { raw, entities } = await qb
      .orderBy(`CASE WHEN c.status = 'open' THEN 0 ELSE 1 END`, 'ASC')
      .addOrderBy('c.claimed_at', 'DESC')
      .addOrderBy('c.id', 'ASC')
      .offset(((q.page ?? 1) - 1) * size)
      .limit(size)
      .getRawAndEntities();
    const items: SiteWarrantyClaimDto[] = entities.map((c, i) => ({ ...this.claimDto(c), plate: raw[i].plate, advisorId: raw[i].advisor_id, customerName: raw[i].customer_name }));
    return page(items, total, q);
  }

  async warrantyClaims(p: Principal, orderId: string): Promise<WarrantyClaimDto[]> {
    const row = await this.ds.getRepository(RepairOrder).findOne({ where: { id: orderId }, select: { id: true, siteId: true } });
    if (!row) throw notFound('repair order');
    await this.access.requireObjectSite(p, row.siteId, REPAIR_READERS, 'repair order');
    const claims = await this.ds.getRepository(RepairWarrantyClaim).find({ where: { orderId }, order: { claimedAt: 'ASC', id: 'ASC' } });
    return claims.map((c) => this.claimDto(c));
  }

  /** RO-10 + RO-3: a warranty claim (索赔) on an exited order, recorded with its assessment (period, lines with a guarantee). */
  async claimWarranty(p: Principal, orderId: string, body: CreateWarrantyClaimDto): Promise<WarrantyClaimDto> {
    const peek = await this.ds.getRepository(RepairOrder).findOne({ where: { id: orderId }, select: { id: true, siteId: true } });
    if (!peek) throw notFound('repair order');
    const { site } = await this.access.requireObjectSite(p, peek.siteId, REPAIR_ADVISORS, 'repair order');
    return this.ds.transaction(async (em) => {
      const row = await em.getRepository(RepairOrder).findOneOrFail({ where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
      if (row.state !== 'exited') throw new ProblemException(409, 'RO_TRANSITION_NOT_ALLOWED', `a ${row.state} repair order has no warranty yet (RO-10)`, { state: row.state, command: 'warranty_claim' });
      const s = snapshotOf(row, []);
      const policy = await this.policies.version(site, row.policyVersion, em);
      const now = new Date();
      const assessment = domain(() =>
        assessWarrantyClaim(
          { lineIds: [...body.lineIds], description: body.description, odometerKm: body.odometerKm },
          { exitedAt: s.exit!.at, exitOdometerKm: s.checkIn?.odometerKm ?? s.vehicle.odometerKm, lines: agreedLines(s) },
          policy,
          site.timeZone,
          now,
        ),
      );
      const repo = em.getRepository(RepairWarrantyClaim);
      const claim = await repo.save(
        repo.create({ siteId: site.id, orderId, lineIds: [...new Set(body.lineIds)], description: body.description.trim(), odometerKm: body.odometerKm, assessment, status: 'open', resolution: null, claimedAt: now, recordedBy: p.userId, decidedBy: null, decidedAt: null, policyVersion: row.policyVersion }),
      );
      await em.query(`UPDATE vehicle_file SET odometer_km = GREATEST(odometer_km, $2), updated_at = now() WHERE id = $1`, [row.vehicleId, body.odometerKm]);
      await this.claimEvent(em, site, row, 'repair_order.warranty_claimed', p.userId, { claimId: claim.id, lineIds: claim.lineIds, inPeriod: assessment.inPeriod, coveredLineIds: assessment.coveredLineIds, excludedLineIds: assessment.excludedLineIds }, null);
      return this.claimDto(claim);
    });
  }

  /** RO-10: the advisor handles the claim: accepted or rejected with the resolution, once. */
  async decideWarrantyClaim(p: Principal, orderId: string, claimId: string, body: DecideWarrantyClaimDto): Promise<WarrantyClaimDto> {
    const peek = await this.ds.getRepository(RepairOrder).findOne({ where: { id: orderId }, select: { id: true, siteId: true } });
    if (!peek) throw notFound('repair order');
    const { site } = await this.access.requireObjectSite(p, peek.siteId, REPAIR_ADVISORS, 'repair order');
    return this.ds.transaction(async (em) => {
      const row = await em.getRepository(RepairOrder).findOneOrFail({ where: { id: orderId } });
      const claim = await em.getRepository(RepairWarrantyClaim).findOne({ where: { id: claimId, orderId }, lock: { mode: 'pessimistic_write' } });
      if (!claim) throw notFound('warranty claim');
      if (claim.status !== 'open') throw new ProblemException(409, 'RO_WARRANTY_CLAIM_DECIDED', `this claim is already ${claim.status} (RO-10)`);
      const now = new Date();
      Object.assign(claim, { status: body.decision, resolution: body.resolution.trim(), decidedBy: p.userId, decidedAt: now });
      await em.getRepository(RepairWarrantyClaim).save(claim);
      await this.claimEvent(em, site, row, `repair_order.warranty_claim_${body.decision}`, p.userId, { claimId, inPeriod: claim.assessment.inPeriod, resolution: claim.resolution }, claim.resolution);
      return this.claimDto(claim);
    });
  }

  private async claimEvent(em: EntityManager, site: SiteRef, row: RepairOrder, type: string, actorId: string, data: Record<string, unknown>, reason: string | null) {
    const events = em.getRepository(RepairOrderEvent);
    await events.save(events.create({ siteId: site.id, orderId: row.id, at: new Date(), type, actorId, data, ruleIds: ['RO-10', 'RO-3'], policyVersion: row.policyVersion }));
    await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: type, entityType: 'repair_order', entityId: row.id, after: { ...data, ruleIds: ['RO-10', 'RO-3'] }, reason });
    await this.events.publish(em, site.id, type, { orderId: row.id, ...data });
  }

  // ---------- RO-12 statistics ----------

  /** RO-12: settled orders per week or month (site-local, by settlement): vehicles by type and category, revenue and receivables. */
  async statistics(site: SiteRef, q: RepairStatisticsQuery): Promise<RepairOrderStatisticsDto> {
    if (q.to < q.from || Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.from}T00:00:00Z`) > 400 * 86_400_000) throw validationFailed([{ field: 'to', message: 'on or after `from`, at most 400 days later' }]);
    // Columns only (written with `data`): an index range over (site_id, settled_at) of the period's settled orders.
    const rows: { id: string; category: string; vehicle_type: string; settled_at: Date; due_fen: string; paid_fen: string }[] = await this.ds.query(
      `SELECT id, category, vehicle_type, settled_at, due_fen, paid_fen
         FROM repair_order
        WHERE site_id = $1 AND settled_at IS NOT NULL AND settled_at >= $2 AND settled_at < $3`,
      [site.id, zonedTime(q.from, '00:00', site.timeZone), zonedTime(addDays(q.to, 1), '00:00', site.timeZone)],
    );
    const facts = rows.map((r) => ({ id: r.id, settledAt: new Date(r.settled_at), vehicleType: r.vehicle_type, category: r.category, dueFen: Number(r.due_fen), paidFen: Number(r.paid_fen) })) as RepairOrderFact[];
    return { period: q.period, from: q.from, to: q.to, rows: domain(() => repairOrderStatistics(facts, q.period, site.timeZone)) };
  }

  // ---------- open ----------

  async open(p: Principal, body: OpenRepairOrderDto): Promise<RepairOrderDetailDto> {
    const vehicle = await this.ds.getRepository(VehicleFile).findOne({ where: { id: body.vehicleId } });
    if (!vehicle) throw notFound('vehicle file');
    const { site, roles } = await this.access.requireObjectSite(p, vehicle.siteId, STAFF, 'vehicle file');
    return this.ds.transaction(async (em) => {
      const { version, policy } = await this.policies.current(site, em);
      const now = new Date();
      const ctx: RepairOrderContext = { policy, timeZone: site.timeZone, now };
      const id = randomUUID();
      const decision = domain(() =>
        openRepairOrder(
          {
            id,
            customer: { name: vehicle.customerName, phone: vehicle.phone },
            vehicle: { plate: vehicle.plate, model: vehicle.model, type: vehicle.vehicleType, odometerKm: vehicle.odometerKm, kmPerDay: vehicle.kmPerDay },
            category: body.category,
          },
          { userId: p.userId, roles },
          ctx,
        ),
      );
      const s = decision.next;
      const row = em.getRepository(RepairOrder).create({
        id,
        siteId: site.id,
        vehicleId: vehicle.id,
        state: s.state,
        version: s.version,
        advisorId: s.advisorId,
        plate: s.vehicle.plate,
        category: s.category,
        keyTag: null,
        openedAt: s.openedAt,
        promisedAt: null,
        data: dataOf(s),
        ...promotedColumnsOf(s),
        exitNotice: null,
        policyVersion: version,
        updatedAt: now,
      });
      await em.getRepository(RepairOrder).save(row);
      await this.persist(em, site, row, s, decision, ctx, p.userId, null);
      return this.detail(em, site, id, now);
    });
  }

  // ---------- RO-2..RO-10 commands ----------

  async command(p: Principal, id: string, cmd: RepairOrderCommand): Promise<RepairOrderDetailDto> {
    return this.ds.transaction(async (em) => {
      const peek = await em.getRepository(RepairOrder).findOne({ where: { id }, select: { id: true, siteId: true } });
      if (!peek) throw notFound('repair order');
      const { site, roles } = await this.access.requireObjectSite(p, peek.siteId, STAFF, 'repair order');
      // The approval record first, then the order: the same lock order as a decision from the approvals inbox.
      if (cmd.type === 'decide_discount') {
        await em.query(`SELECT id FROM approval WHERE subject_type = 'repair_order' AND subject_id = $1 AND status = 'pending' FOR UPDATE`, [id]);
      }
      await this.apply(em, site, { userId: p.userId, roles }, id, cmd, { fromApprovals: false });
      return this.detail(em, site, id);
    });
  }

  /** Load (locked), decide, persist: one command inside the caller's transaction. */
  private async apply(em: EntityManager, site: SiteRef, actor: Actor, id: string, cmd: RepairOrderCommand, opts: { fromApprovals: boolean }) {
    if (cmd.type === 'check_in' && REPAIR_ORDER_TRANSITIONS.check_in.includes((await em.getRepository(RepairOrder).findOneByOrFail({ id })).state)) {
      // RO-5: check-ins of a site take their key tags one after the other; the partial unique index is the guarantee.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`repair_key_cabinet:${site.id}`]);
    }
    // The row lock lines up concurrent commands: the second one decides on the first one's result.
    const row = await em.getRepository(RepairOrder).findOneOrFail({ where: { id, siteId: site.id }, lock: { mode: 'pessimistic_write' } });
    const sigs = (await this.signaturesOf(em, [id])).get(id) ?? [];
    const policy = await this.policies.version(site, row.policyVersion, em);
    const now = new Date();
    const ctx: RepairOrderContext = { policy, timeZone: site.timeZone, now };
    const before = snapshotOf(row, sigs);
    let command = cmd;
    if (cmd.type === 'check_in' && REPAIR_ORDER_TRANSITIONS.check_in.includes(before.state) && actor.roles.some((r) => REPAIR_ORDER_COMMAND_ROLES.check_in.includes(r))) {
      const cabinet = await this.policies.cabinet(site, em);
      const open: { id: string; key_tag: string }[] = await em.query(`SELECT id, key_tag FROM repair_order WHERE site_id = $1 AND key_tag IS NOT NULL AND ${KEY_TAG_STATES_SQL}`, [site.id]);
      const keyTag = domain(() =>
        allocateKeyTag(
          cabinet.tags,
          open.map((o) => ({ orderId: o.id, keyTag: o.key_tag })),
          id,
          cmd.keyTag || null,
        ),
      );
      command = { ...cmd, keyTag };
    }
    const decision = domain(() => decideRepairOrder(before, command, actor, ctx));
    // Data that names people must name staff of this site (checked after the state and the actor, like the domain's data).
    if (cmd.type === 'dispatch') await this.access.requireSiteStaff(em, site, [cmd.receiverId], 'receiverId');
    if (cmd.type === 'record_diagnosis') await this.access.requireSiteStaff(em, site, [cmd.assistedBy], 'assistedBy');
    if (cmd.type === 'hand_over') await this.access.requireSiteStaff(em, site, [cmd.toUserId], 'toUserId');
    await this.persist(em, site, row, before, decision, ctx, actor.userId, command);
    await this.recordApproval(em, site, decision.next, command, actor.userId, opts);
  }

  /** Writes a decision: the row, new signatures, the vehicle file, approvals, hand-overs, timeline, audit, events, the progress-check job. */
  private async persist(em: EntityManager, site: SiteRef, row: RepairOrder, before: RepairOrderSnapshot, decision: RepairOrderDecision, ctx: RepairOrderContext, actorId: string, cmd: RepairOrderCommand | null) {
    const { next, effects, ruleIds } = decision;
    const { now } = ctx;
    const beforeRow = { state: row.state, version: row.version, advisorId: row.advisorId, keyTag: row.keyTag };
    const notice = effects.find((e) => e.type === 'exit_notice');
    Object.assign(row, {
      state: next.state,
      version: next.version,
      advisorId: next.advisorId,
      category: next.category,
      keyTag: next.checkIn?.keyTag ?? row.keyTag,
      promisedAt: next.promisedAt,
      data: dataOf(next),
      ...promotedColumnsOf(next),
      exitNotice: notice && notice.type === 'exit_notice' ? { kind: notice.kind, feeFen: notice.feeFen, feeLines: [...notice.feeLines], at: now.toISOString() } : row.exitNotice,
      updatedAt: now,
    });
    try {
      await em.getRepository(RepairOrder).save(row);
    } catch (e) {
      // RO-5: the partial unique index refused a second open order on the tag.
      if (pgCode(e) === '23505' && constraintOf(e) === 'UQ_repair_order_key_tag') {
        throw new ProblemException(409, 'RO_KEY_TAG_IN_USE', `tag ${row.keyTag} is on another open order (RO-5)`, { keyTag: row.keyTag, ruleIds: ['RO-5'] });
      }
      throw e;
    }
    const policyVersion = row.policyVersion;

    // Signatures bound to the version (append-only).
    for (const s of next.signatures.slice(before.signatures.length)) {
      await em.getRepository(RepairOrderSignature).insert({ siteId: site.id, orderId: row.id, purpose: s.purpose, signer: s.signer, at: s.at, version: s.version, recordedBy: actorId });
    }
    // RO-5: the odometer read at check-in updates the vehicle file.
    if (cmd?.type === 'check_in' && next.checkIn) {
      await em.query(`UPDATE vehicle_file SET odometer_km = GREATEST(odometer_km, $2), updated_at = now() WHERE id = $1`, [row.vehicleId, next.checkIn.odometerKm]);
    }
    for (const e of effects) {
      if (e.type === 'next_service') await this.recordNextService(em, site, row, next, e.next, now);
      if (e.type === 'follow_up_task') {
        const at = e.task.plannedAt;
        await this.jobs.schedule(em, { name: FOLLOW_UP_JOB, runAt: at, siteId: site.id, payload: { orderId: row.id }, dedupeKey: `${FOLLOW_UP_JOB}:${row.id}:${at.toISOString()}` });
      }
      if (e.type === 'open_case') {
        // RO-10 → CMP-1: a follow-up call that found the repair wanting opens a complaint about the order,
        // unowned in the complaint log until someone takes it (GEN-10).
        const vehicle = await em.getRepository(VehicleFile).findOneByOrFail({ id: row.vehicleId });
        const complaintId = await this.complaints.openIn(
          em,
          site,
          null,
          {
            channel: 'follow_up_call',
            complainantName: vehicle.customerName.slice(0, 60),
            contact: vehicle.phone,
            content: `${row.plate}: ${e.reasons.join('; ')} (RO-10)`.slice(0, 4000),
            subjectType: 'repair_order',
            subjectRef: row.id,
            importantCustomer: false,
          },
          actorId,
        );
        Object.assign(e, { complaintId });
      }
      if (e.type === 'handover') await this.discipline.recordHandover(em, site, { subjectType: 'repair_order', subjectId: row.id, fromUserId: e.from, toUserId: e.to, byUserId: actorId, reason: e.reason });
      if (e.type === 'approval_request') {
        await em.getRepository(Approval).update({ subjectType: 'repair_order', subjectId: row.id, status: 'pending' }, { status: 'cancelled' });
        await this.approvals.request(em, site, {
          type: DISCOUNT_APPROVAL,
          subjectType: 'repair_order',
          subjectId: row.id,
          requesterId: actorId,
          approverRole: e.approverRole,
          payload: { amountFen: e.amountFen, plate: row.plate, ruleIds: ['RO-9', 'GEN-6'] },
        });
      }
    }
    // Timeline, audit and live events; the other effects are recorded on the timeline too.
    const timeline = async (type: string, data: Record<string, unknown>, audit: boolean) => {
      const events = em.getRepository(RepairOrderEvent);
      await events.save(events.create({ siteId: site.id, orderId: row.id, at: now, type, actorId, data: jsonSafe(data), ruleIds, policyVersion }));
      if (audit) {
        await this.audit.record(em, {
          organizationId: site.organizationId,
          siteId: site.id,
          action: type,
          entityType: 'repair_order',
          entityId: row.id,
          before: beforeRow,
          after: { state: row.state, version: row.version, advisorId: row.advisorId, keyTag: row.keyTag, ruleIds, policyVersion, ...jsonSafe(data) },
          reason: cmd && 'reason' in cmd && typeof cmd.reason === 'string' ? cmd.reason.trim() : null,
        });
      }
      await this.events.publish(em, site.id, type, { orderId: row.id, state: row.state, version: row.version, ...jsonSafe(data) });
    };
    for (const e of effects) {
      if (e.type === 'event') await timeline(e.name, e.data, true);
      else if (e.type === 'exit_notice' || e.type === 'key_tag_released' || e.type === 'workshop_notice' || e.type === 'progress_anomaly' || e.type === 'open_case') {
        const { type, ...data } = e;
        await timeline(`repair_order.${type}`, data, false);
      }
    }
    // RO-8: the progress check is due at 70 % of the promised duration (moved when agreed work moves the promise).
    const window = IN_WORKSHOP.includes(next.state) ? progressCheckWindow(next, ctx.policy) : null;
    if (window) {
      await this.jobs.schedule(em, { name: PROGRESS_CHECK_JOB, runAt: window.from, siteId: site.id, payload: { orderId: row.id }, dedupeKey: `${PROGRESS_CHECK_JOB}:${row.id}:${window.from.toISOString()}` });
    }
  }

  /** RO-1/RO-10: the exit is the vehicle's last service: the file's next service counts from it. */
  private async recordNextService(em: EntityManager, site: SiteRef, row: RepairOrder, s: RepairOrderSnapshot, next: NextService, now: Date) {
    const file = await em.getRepository(VehicleFile).findOneOrFail({ where: { id: row.vehicleId }, lock: { mode: 'pessimistic_write' } });
    const date = localDate(now, site.timeZone);
    const km = s.checkIn?.odometerKm ?? file.odometerKm;
    const kmPerDay = averageKmPerDay({ date: file.lastServiceDate, odometerKm: file.lastServiceKm }, { date, odometerKm: km }) ?? file.kmPerDay;
    const policy = await this.policies.version(site, row.policyVersion, em);
    await em.getRepository(VehicleFile).update(
      { id: file.id },
      {
        lastServiceDate: date,
        lastServiceKm: km,
        odometerKm: Math.max(file.odometerKm, km),
        kmPerDay,
        nextService: next,
        nextServiceDate: next.dueDate,
        workDone: (s.estimate?.lines ?? []).map((l) => l.description).join('; ').slice(0, 2000) || file.workDone,
        // RO-10: a new next service, a new reminder.
        serviceReminderAt: serviceReminderAt(next, policy, site.timeZone, now),
        serviceReminderSentAt: null,
        serviceReminderSentBy: null,
        updatedAt: now,
      },
    );
    await this.scheduleReminder(em, site, await em.getRepository(VehicleFile).findOneByOrFail({ id: file.id }));
  }

  /**
   * GEN-6: the discount request waits as an approval record in the approvals inbox. A decision on the
   * order closes that record; a decision in the inbox runs `decide_discount` here.
   */
  private async recordApproval(em: EntityManager, site: SiteRef, s: RepairOrderSnapshot, cmd: RepairOrderCommand, actorId: string, opts: { fromApprovals: boolean }) {
    if (cmd.type !== 'decide_discount' || opts.fromApprovals) return;
    const repo = em.getRepository(Approval);
    const pending = await repo.findOne({ where: { subjectType: 'repair_order', subjectId: s.id, status: 'pending' } });
    if (!pending) return;
    const before = { ...pending };
    Object.assign(pending, { status: cmd.decision, decidedBy: actorId, decidedAt: new Date(), comment: cmd.comment ?? null });
    await repo.save(pending);
    await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: `approval.${pending.status}`, entityType: 'approval', entityId: pending.id, before, after: pending, reason: pending.comment });
  }

  /** A decision taken in the approvals inbox (GEN-6). */
  private async decidedInInbox(em: EntityManager, a: Approval, decision: ApprovalDecision) {
    const site = await this.access.site(a.siteId);
    const row = site ? await em.getRepository(RepairOrder).findOne({ where: { id: a.subjectId, siteId: site.id } }) : null;
    if (!site || !row) throw notFound('repair order');
    const held: { role: Role }[] = await em.query(
      `SELECT DISTINCT role FROM role_assignment WHERE user_id = $1 AND revoked_at IS NULL AND (site_id = $2 OR (site_id IS NULL AND organization_id = $3))`,
      [a.decidedBy, site.id, site.organizationId],
    );
    await this.apply(em, site, { userId: a.decidedBy!, roles: held.map((h) => h.role) }, row.id, { type: 'decide_discount', decision, comment: a.comment ?? null }, { fromApprovals: true });
  }

  /** RO-10 + GEN-8: announces (once per planned instant) that the follow-up call is due, read from stored times; idempotent. */
  async announceFollowUpDue(em: EntityManager, orderId: string, now = new Date()): Promise<string | null> {
    const row = await em.getRepository(RepairOrder).findOne({ where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
    const site = row ? await this.access.site(row.siteId) : null;
    if (!row || !site) return null;
    const s = snapshotOf(row, []);
    if (!s.followUp) return null;
    const status = followUpStatusAt(s.followUp, s.followUpResult?.at ?? null, now);
    if (status !== 'due' && status !== 'overdue') return status;
    const plannedAt = s.followUp.plannedAt.toISOString();
    const seen = await em.query(`SELECT 1 FROM repair_order_event WHERE order_id = $1 AND type = 'repair_order.follow_up_due' AND data->>'plannedAt' = $2`, [orderId, plannedAt]);
    if (!seen.length) {
      const data = { plannedAt, dueBy: s.followUp.dueBy.toISOString(), assigneeRole: s.followUp.assigneeRole, plate: row.plate };
      const events = em.getRepository(RepairOrderEvent);
      await events.save(events.create({ siteId: site.id, orderId, at: now, type: 'repair_order.follow_up_due', actorId: null, data, ruleIds: ['RO-10', 'CMP-7', 'GEN-8'], policyVersion: row.policyVersion }));
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'repair_order.follow_up_due', entityType: 'repair_order', entityId: orderId, after: data, actorId: null, actorLogin: 'system' });
      await this.events.publish(em, site.id, 'repair_order.follow_up_due', { orderId, advisorId: row.advisorId, ...data });
    }
    return status;
  }

  // ---------- RO-10 next-service reminders ----------

  private async scheduleReminder(em: EntityManager, site: SiteRef, v: VehicleFile) {
    if (!v.serviceReminderAt) return;
    await this.jobs.schedule(em, { name: SERVICE_REMINDER_JOB, runAt: v.serviceReminderAt, siteId: site.id, payload: { vehicleId: v.id }, dedupeKey: `${SERVICE_REMINDER_JOB}:${v.id}:${v.serviceReminderAt.toISOString()}` });
  }

  /** GEN-8: announces a due reminder once per reminder instant (the audit trail is the record); idempotent. */
  async announceServiceReminder(em: EntityManager, vehicleId: string, now = new Date()): Promise<string | null> {
    const v = await em.getRepository(VehicleFile).findOne({ where: { id: vehicleId }, lock: { mode: 'pessimistic_write' } });
    const site = v ? await this.access.site(v.siteId) : null;
    if (!v || !site) return null;
    const state = serviceReminderStateAt({ remindAt: v.serviceReminderAt, sentAt: v.serviceReminderSentAt }, now);
    if (state !== 'due') return state;
    const remindAt = v.serviceReminderAt!.toISOString();
    const seen = await em.query(`SELECT 1 FROM audit_event WHERE entity_type = 'vehicle_file' AND entity_id = $1 AND action = 'repair_order.service_reminder_due' AND after->>'remindAt' = $2 LIMIT 1`, [v.id, remindAt]);
    if (!seen.length) {
      const data = { vehicleId: v.id, plate: v.plate, remindAt, nextServiceDate: v.nextServiceDate, ruleIds: ['RO-10', 'GEN-8'] };
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'repair_order.service_reminder_due', entityType: 'vehicle_file', entityId: v.id, after: data, actorId: null, actorLogin: 'system' });
      await this.events.publish(em, site.id, 'repair_order.service_reminder_due', data);
    }
    return state;
  }

  /** RO-10: the customer was reminded of the next service (recorded once). */
  async reminderSent(p: Principal, id: string): Promise<VehicleFileDto> {
    const peek = await this.ds.getRepository(VehicleFile).findOne({ where: { id }, select: { id: true, siteId: true } });
    if (!peek) throw notFound('vehicle file');
    const { site } = await this.access.requireObjectSite(p, peek.siteId, REPAIR_ADVISORS, 'vehicle file');
    return this.ds.transaction(async (em) => {
      const v = await em.getRepository(VehicleFile).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
      const now = new Date();
      if (!v.serviceReminderAt) throw new ProblemException(409, 'RO_NO_SERVICE_REMINDER', 'the file has no next-service reminder (RO-10)');
      if (v.serviceReminderSentAt) throw new ProblemException(409, 'RO_REMINDER_ALREADY_SENT', 'the customer was already reminded of this service (RO-10)');
      await em.getRepository(VehicleFile).update({ id }, { serviceReminderSentAt: now, serviceReminderSentBy: p.userId, updatedAt: now });
      const data = { plate: v.plate, remindAt: v.serviceReminderAt.toISOString(), nextServiceDate: v.nextServiceDate, ruleIds: ['RO-10'] };
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'repair_order.service_reminder_sent', entityType: 'vehicle_file', entityId: id, before: { serviceReminderSentAt: null }, after: { serviceReminderSentAt: now.toISOString(), ...data } });
      await this.events.publish(em, site.id, 'repair_order.service_reminder_sent', { vehicleId: id, ...data });
      return this.vehicleDto(await em.getRepository(VehicleFile).findOneByOrFail({ id }), localDate(now, site.timeZone));
    });
  }

  // ---------- RO-8 / GEN-8: the progress-check job ----------

  /** Records (once per window) that the progress check is due or overdue, read from stored times; idempotent. */
  async recordProgressCheckDue(em: EntityManager, orderId: string, now = new Date()): Promise<string | null> {
    const row = await em.getRepository(RepairOrder).findOne({ where: { id: orderId }, lock: { mode: 'pessimistic_write' } });
    const site = row ? await this.access.site(row.siteId) : null;
    if (!row || !site) return null;
    const sigs = (await this.signaturesOf(em, [orderId])).get(orderId) ?? [];
    const s = snapshotOf(row, sigs);
    const policy = await this.policies.version(site, row.policyVersion, em);
    const window = progressCheckWindow(s, policy);
    const status = progressCheckStatusAt(s, policy, now);
    if (!window || (status !== 'due' && status !== 'overdue')) return status;
    const type = `repair_order.progress_check_${status}`;
    const from = window.from.toISOString();
    const seen = await em.query(`SELECT 1 FROM repair_order_event WHERE order_id = $1 AND type = $2 AND data->>'windowFrom' = $3`, [orderId, type, from]);
    if (!seen.length) {
      const data = { windowFrom: from, windowTo: window.to.toISOString(), promisedAt: s.promisedAt?.toISOString() ?? null };
      const events = em.getRepository(RepairOrderEvent);
      await events.save(events.create({ siteId: site.id, orderId, at: now, type, actorId: null, data, ruleIds: ['RO-8', 'GEN-8'], policyVersion: row.policyVersion }));
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: type, entityType: 'repair_order', entityId: orderId, after: data, actorId: null, actorLogin: 'system' });
      await this.events.publish(em, site.id, type, { orderId, advisorId: row.advisorId, ...data });
    }
    if (status === 'due') await this.jobs.schedule(em, { name: PROGRESS_CHECK_JOB, runAt: window.to, siteId: site.id, payload: { orderId }, dedupeKey: `${PROGRESS_CHECK_JOB}:${orderId}:${window.to.toISOString()}:overdue` });
    return status;
  }
}
