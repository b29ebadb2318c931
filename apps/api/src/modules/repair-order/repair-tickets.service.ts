import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  addDays,
  businessCalendar,
  decideTicket,
  isDomainError,
  openTicket,
  STAFF_ROLES,
  ticketStatistics,
  ticketTimingAt,
  weeklyFeeSummary,
  zonedTime,
  type BusinessCalendar,
  type RepairOrderPolicy,
  type Role,
  type TicketCommand,
  type TicketContext,
  type TicketEffect,
  type TicketFact,
  type TicketSnapshot,
} from '@sitedesk/domain';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessPolicy, type SiteRef } from '../../platform/access/access.policy.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import type { Principal } from '../../platform/auth/principal.js';
import { DisciplineService } from '../../platform/discipline/discipline.service.js';
import { fromDomainError, notFound } from '../../platform/errors/problem.js';
import { EventsService } from '../../platform/events/events.service.js';
import { page } from '../../platform/http/paging.js';
import { validationFailed } from '../../platform/http/validation.js';
import { userNames } from '../../platform/identity/user-names.js';
import { JobsService } from '../../platform/jobs/jobs.service.js';
import { jsonSafe, revive } from './repair-order-store.js';
import { RepairTicket, RepairTicketEvent } from './repair-order.entities.js';
import type { RepairStatisticsQuery } from './repair-order.dto.js';
import type { CreateRepairTicketDto, FeeSummaryDto, ListRepairTicketsQuery, RepairTicketDetailDto, RepairTicketDto, TicketStatisticsDto } from './repair-ticket.dto.js';
import { RepairPolicyService } from './policy.service.js';

export const TICKET_TIMER_JOB = 'repair_ticket.timer';
/** Who reads repair tickets: the customer-service desk, the departments' staff, the cashier, management. */
export const TICKET_READERS: Role[] = ['cs_agent', 'clerk', 'supervisor', 'technician', 'cashier', 'manager', 'director', 'admin'];
/** Who reads the weekly fee summary (004 客服主管 每周汇总上缴财务). */
export const TICKET_FEE_READERS: Role[] = ['supervisor', 'cashier', 'manager', 'director', 'admin'];
const STAFF = STAFF_ROLES as Role[];

const domain = <T>(f: () => T): T => {
  try {
    return f();
  } catch (e) {
    throw isDomainError(e) ? fromDomainError(e) : e;
  }
};

type Actor = { userId: string; roles: Role[] };

const snapshotOf = (row: RepairTicket): TicketSnapshot => ({ ...(revive(row.data) as TicketSnapshot), id: row.id, state: row.state, ownerId: row.ownerId });

/**
 * RO-11 property repair tickets (报修): intake with the read-back script, the work ticket to the
 * responsible department with its time limit (reminder, breach and escalation recorded by a job, read
 * from stored times, GEN-8), the fee ticket of a paid service and the weekly fee summary, CMP-7's
 * follow-up call. One transaction per command: lock, decide with `decideTicket`, persist, audit, publish.
 */
@Injectable()
export class RepairTicketsService implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly events: EventsService,
    private readonly jobs: JobsService,
    private readonly discipline: DisciplineService,
    private readonly policies: RepairPolicyService,
  ) {}

  onModuleInit() {
    this.jobs.register(TICKET_TIMER_JOB, async (job, em) => {
      await this.recordTiming(em, (job.payload as { ticketId: string }).ticketId);
    });
  }

  private async context(em: EntityManager, site: SiteRef, version: number | null, now: Date): Promise<{ version: number; policy: RepairOrderPolicy; ctx: TicketContext }> {
    const current = version === null ? await this.policies.current(site, em) : { version, policy: await this.policies.version(site, version, em) };
    const calendar: BusinessCalendar = businessCalendar(current.policy.tickets, site.timeZone);
    return { version: current.version, policy: current.policy, ctx: { policy: current.policy, calendar, now } };
  }

  private dto(row: RepairTicket, s: TicketSnapshot, ctx: TicketContext, names: Map<string, string>): RepairTicketDto {
    const timing = ticketTimingAt(s, ctx.policy, ctx.calendar, ctx.now);
    return {
      id: row.id,
      siteId: row.siteId,
      state: row.state,
      ownerId: row.ownerId,
      ownerName: names.get(row.ownerId) ?? '',
      problem: s.problem,
      address: s.address,
      name: s.name,
      phone: s.phone,
      category: s.category,
      paid: s.paid,
      department: row.department,
      receivedAt: row.receivedAt,
      timing: { workTicket: timing.workTicket, reminderAt: timing.reminderAt, dueAt: timing.dueAt, status: timing.status, level: timing.level, role: timing.role },
      feeTotalFen: row.feeTotalFen,
      feePaidAt: row.feePaidAt,
      policyVersion: row.policyVersion,
    };
  }

  async detail(em: EntityManager, site: SiteRef, id: string, now = new Date()): Promise<RepairTicketDetailDto> {
    const row = await em.getRepository(RepairTicket).findOneByOrFail({ id, siteId: site.id });
    const s = snapshotOf(row);
    const { ctx } = await this.context(em, site, row.policyVersion, now);
    const timeline = await em.getRepository(RepairTicketEvent).find({ where: { ticketId: id }, order: { at: 'ASC', id: 'ASC' } });
    const names = await userNames(em, [row.ownerId, ...timeline.map((e) => e.actorId)]);
    return {
      ...this.dto(row, s, ctx, names),
      workTickets: jsonSafe(s.workTickets) as unknown as Record<string, unknown>[],
      report: s.report,
      feeTicket: s.feeTicket ? (jsonSafe(s.feeTicket) as unknown as Record<string, unknown>) : null,
      followUp: s.followUp ? (jsonSafe(s.followUp) as unknown as Record<string, unknown>) : null,
      followUpVerdicts: jsonSafe(s.followUpVerdicts) as unknown as Record<string, unknown>[],
      closedAt: s.closedAt,
      timeline: timeline.map((e) => ({ at: e.at, type: e.type, actorId: e.actorId, actorName: e.actorId ? (names.get(e.actorId) ?? '') : 'system', data: e.data, ruleIds: e.ruleIds })),
    };
  }

  async get(p: Principal, id: string): Promise<RepairTicketDetailDto> {
    const row = await this.ds.getRepository(RepairTicket).findOne({ where: { id }, select: { id: true, siteId: true } });
    if (!row) throw notFound('repair ticket');
    const { site } = await this.access.requireObjectSite(p, row.siteId, TICKET_READERS, 'repair ticket');
    return this.detail(this.ds.manager, site, id);
  }

  async list(site: SiteRef, q: ListRepairTicketsQuery) {
    const now = new Date();
    const qb = this.ds.getRepository(RepairTicket).createQueryBuilder('t').where('t.site_id = :site', { site: site.id });
    if (q.state) qb.andWhere('t.state = :state', { state: q.state });
    if (q.category) qb.andWhere('t.category = :category', { category: q.category });
    if (q.department) qb.andWhere('t.department = :department', { department: q.department });
    const size = q.pageSize ?? 50;
    const [rows, total] = await qb
      .orderBy('t.received_at', 'DESC')
      .addOrderBy('t.id', 'ASC')
      .skip(((q.page ?? 1) - 1) * size)
      .take(size)
      .getManyAndCount();
    const names = await userNames(this.ds.manager, rows.map((r) => r.ownerId));
    const ctxs = new Map<number, TicketContext>();
    const items: RepairTicketDto[] = [];
    for (const r of rows) {
      if (!ctxs.has(r.policyVersion)) ctxs.set(r.policyVersion, (await this.context(this.ds.manager, site, r.policyVersion, now)).ctx);
      items.push(this.dto(r, snapshotOf(r), ctxs.get(r.policyVersion)!, names));
    }
    return page(items, total, q);
  }

  /** RO-11 (004 客服主管): the week's fee tickets for finance, by category and department. */
  async fees(site: SiteRef, weekStart: string): Promise<FeeSummaryDto> {
    const from = zonedTime(weekStart, '00:00', site.timeZone);
    const to = zonedTime(addDays(weekStart, 7), '00:00', site.timeZone);
    const rows = await this.ds
      .getRepository(RepairTicket)
      .createQueryBuilder('t')
      .where('t.site_id = :site AND t.fee_issued_at >= :from AND t.fee_issued_at < :to', { site: site.id, from, to })
      .getMany();
    const facts = rows.map((r) => ({ ticketId: r.id, category: r.category, department: r.department ?? '', totalFen: r.feeTotalFen ?? 0, issuedAt: r.feeIssuedAt!, paidAt: r.feePaidAt })) as Parameters<typeof weeklyFeeSummary>[0];
    const s = domain(() => weeklyFeeSummary(facts, weekStart, site.timeZone));
    return { weekStart: s.weekStart, weekEnd: s.weekEnd, total: s.total, byCategory: s.byCategory, byDepartment: s.byDepartment };
  }

  /** RO-11/RO-12: tickets received per week or month, by department: done, open, breached, times to done and to close. */
  async statistics(site: SiteRef, q: RepairStatisticsQuery): Promise<TicketStatisticsDto> {
    if (q.to < q.from || Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.from}T00:00:00Z`) > 400 * 86_400_000) throw validationFailed([{ field: 'to', message: 'on or after `from`, at most 400 days later' }]);
    const rows = await this.ds
      .getRepository(RepairTicket)
      .createQueryBuilder('t')
      .where('t.site_id = :site AND t.received_at >= :from AND t.received_at < :to', { site: site.id, from: zonedTime(q.from, '00:00', site.timeZone), to: zonedTime(addDays(q.to, 1), '00:00', site.timeZone) })
      .getMany();
    const now = new Date();
    const { ctx } = await this.context(this.ds.manager, site, null, now);
    const ctxs = new Map<number, TicketContext>();
    const facts: TicketFact[] = [];
    for (const r of rows) {
      if (!ctxs.has(r.policyVersion)) ctxs.set(r.policyVersion, (await this.context(this.ds.manager, site, r.policyVersion, now)).ctx);
      const c = ctxs.get(r.policyVersion)!;
      const s = snapshotOf(r);
      // Any work ticket past its limit: each read with the tickets issued up to it.
      const breached = s.workTickets.some((_, i) => ['breached', 'met_late'].includes(ticketTimingAt({ workTickets: s.workTickets.slice(0, i + 1) }, c.policy, c.calendar, now).status));
      const last = s.workTickets[s.workTickets.length - 1];
      facts.push({ id: r.id, receivedAt: r.receivedAt, department: r.department ?? 'none', doneAt: s.state === 'dispatched' || s.state === 'received' ? null : (last?.doneAt ?? null), closedAt: s.closedAt, breached });
    }
    return { period: q.period, from: q.from, to: q.to, rows: domain(() => ticketStatistics(facts, q.period, ctx.calendar)) };
  }

  async create(p: Principal, body: CreateRepairTicketDto): Promise<RepairTicketDetailDto> {
    const { site, roles } = await this.access.requireSite(p, body.siteId, STAFF);
    return this.ds.transaction(async (em) => {
      const now = new Date();
      const { version, ctx } = await this.context(em, site, null, now);
      const id = randomUUID();
      const intake = { problem: body.problem, address: body.address, name: body.name, phone: body.phone, category: body.category, readBack: { ...body.readBack } };
      const decision = domain(() => openTicket({ id, intake }, { userId: p.userId, roles }, ctx));
      const s = decision.next;
      const repo = em.getRepository(RepairTicket);
      const row = repo.create({ id, siteId: site.id, state: s.state, ownerId: s.ownerId, category: s.category, department: null, phone: s.phone, receivedAt: s.receivedAt, feeTotalFen: null, feeIssuedAt: null, feePaidAt: null, data: jsonSafe(s) as unknown as Record<string, unknown>, policyVersion: version, updatedAt: now });
      await repo.save(row);
      await this.persist(em, site, row, decision, ctx, p.userId, null);
      return this.detail(em, site, id, now);
    });
  }

  async command(p: Principal, id: string, cmd: TicketCommand): Promise<RepairTicketDetailDto> {
    return this.ds.transaction(async (em) => {
      const peek = await em.getRepository(RepairTicket).findOne({ where: { id }, select: { id: true, siteId: true } });
      if (!peek) throw notFound('repair ticket');
      const { site, roles } = await this.access.requireObjectSite(p, peek.siteId, STAFF, 'repair ticket');
      const actor: Actor = { userId: p.userId, roles };
      const row = await em.getRepository(RepairTicket).findOneOrFail({ where: { id, siteId: site.id }, lock: { mode: 'pessimistic_write' } });
      const { ctx } = await this.context(em, site, row.policyVersion, new Date());
      const decision = domain(() => decideTicket(snapshotOf(row), cmd, actor, ctx));
      if (cmd.type === 'hand_over') {
        const ok = await em.query(
          `SELECT 1 FROM role_assignment ra JOIN app_user u ON u.id = ra.user_id WHERE ra.user_id = $1 AND ra.revoked_at IS NULL AND ra.role <> 'partner' AND u.organization_id = $3 AND (ra.site_id = $2 OR (ra.site_id IS NULL AND ra.organization_id = $3)) LIMIT 1`,
          [cmd.toUserId, site.id, site.organizationId],
        );
        if (!ok.length) throw validationFailed([{ field: 'toUserId', message: 'no staff member of this site' }]);
      }
      await this.persist(em, site, row, decision, ctx, actor.userId, cmd);
      return this.detail(em, site, id);
    });
  }

  private async persist(em: EntityManager, site: SiteRef, row: RepairTicket, decision: { next: TicketSnapshot; effects: TicketEffect[]; ruleIds: string[] }, ctx: TicketContext, actorId: string, cmd: TicketCommand | null) {
    const { next, effects, ruleIds } = decision;
    const before = { state: row.state, ownerId: row.ownerId, department: row.department };
    const last = next.workTickets[next.workTickets.length - 1];
    Object.assign(row, {
      state: next.state,
      ownerId: next.ownerId,
      department: last?.department ?? null,
      feeTotalFen: next.feeTicket?.totalFen ?? null,
      feeIssuedAt: next.feeTicket?.issuedAt ?? null,
      feePaidAt: next.feeTicket?.paidAt ?? null,
      data: jsonSafe(next) as unknown as Record<string, unknown>,
      updatedAt: ctx.now,
    });
    await em.getRepository(RepairTicket).save(row);
    for (const e of effects) {
      if (e.type === 'handover') await this.discipline.recordHandover(em, site, { subjectType: 'repair_ticket', subjectId: row.id, fromUserId: e.from, toUserId: e.to, byUserId: actorId, reason: e.reason });
      if (e.type !== 'event') continue;
      const events = em.getRepository(RepairTicketEvent);
      await events.save(events.create({ siteId: site.id, ticketId: row.id, at: ctx.now, type: e.name, actorId, data: jsonSafe(e.data), ruleIds, policyVersion: row.policyVersion }));
      await this.audit.record(em, {
        organizationId: site.organizationId,
        siteId: site.id,
        action: e.name,
        entityType: 'repair_ticket',
        entityId: row.id,
        before,
        after: { state: row.state, ownerId: row.ownerId, department: row.department, ruleIds, policyVersion: row.policyVersion, ...jsonSafe(e.data) },
        reason: cmd?.type === 'hand_over' ? cmd.reason.trim() : null,
      });
      await this.events.publish(em, site.id, e.name, { ticketId: row.id, state: row.state, ownerId: row.ownerId, ...jsonSafe(e.data) });
    }
    await this.scheduleTimer(em, site, next, ctx);
  }

  private async scheduleTimer(em: EntityManager, site: SiteRef, s: TicketSnapshot, ctx: TicketContext) {
    const at = ticketTimingAt(s, ctx.policy, ctx.calendar, ctx.now).nextChangeAt;
    if (at) await this.jobs.schedule(em, { name: TICKET_TIMER_JOB, runAt: at, siteId: site.id, payload: { ticketId: s.id }, dedupeKey: `${TICKET_TIMER_JOB}:${s.id}:${at.toISOString()}` });
  }

  /**
   * RO-11 + GEN-8: records the reminder and each breach (one level up per time limit overrun) of the
   * current work ticket that the stored times show at `now` and that are not recorded yet, each at its
   * own instant; schedules the next change. Idempotent.
   */
  async recordTiming(em: EntityManager, ticketId: string, now = new Date()): Promise<string | null> {
    const row = await em.getRepository(RepairTicket).findOne({ where: { id: ticketId }, lock: { mode: 'pessimistic_write' } });
    const site = row ? await this.access.site(row.siteId) : null;
    if (!row || !site) return null;
    const s = snapshotOf(row);
    const { ctx } = await this.context(em, site, row.policyVersion, now);
    const timing = ticketTimingAt(s, ctx.policy, ctx.calendar, now);
    if (timing.workTicket === null) return timing.status;
    const seen: { type: string; at: Date }[] = await em.query(`SELECT type, at FROM repair_ticket_event WHERE ticket_id = $1 AND (data->>'workTicket')::int = $2 AND type IN ('ticket.reminder_due', 'ticket.breached')`, [ticketId, timing.workTicket]);
    const has = (type: string, at: Date) => seen.some((x) => x.type === type && new Date(x.at).getTime() === at.getTime());
    const record = async (type: string, at: Date, data: Record<string, unknown>) => {
      if (has(type, at)) return;
      const events = em.getRepository(RepairTicketEvent);
      await events.save(events.create({ siteId: site.id, ticketId, at, type, actorId: null, data, ruleIds: ['RO-11', 'GEN-8'], policyVersion: row.policyVersion }));
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: type, entityType: 'repair_ticket', entityId: ticketId, after: { ...data, at: at.toISOString() }, actorId: null, actorLogin: 'system' });
      await this.events.publish(em, site.id, type, { ticketId, ...data });
    };
    const open = timing.status === 'running' || timing.status === 'reminder_due' || timing.status === 'breached';
    if (open && timing.reminderAt && timing.reminderAt <= now) await record('ticket.reminder_due', timing.reminderAt, { workTicket: timing.workTicket, department: row.department, dueAt: timing.dueAt?.toISOString() ?? null });
    const chain = ctx.policy.tickets.escalationChain;
    const base = Math.min(chain.length - 1, timing.workTicket - 1);
    for (const [i, at] of timing.breaches.entries()) {
      const level = Math.min(chain.length - 1, base + i + 1);
      await record('ticket.breached', at, { workTicket: timing.workTicket, department: row.department, level, role: chain[level] });
    }
    await this.scheduleTimer(em, site, s, ctx);
    return timing.status;
  }
}
