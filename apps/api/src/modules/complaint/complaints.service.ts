import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  addDays,
  clockDueAt,
  decideComplaint,
  escalationAt,
  followUpStatusAt,
  HIERARCHY,
  isDomainError,
  nextBreachAt,
  openComplaint,
  settledClock,
  settledMinutes,
  settledOutcomes,
  upheld,
  type SettledOutcomes,
  STAFF_ROLES,
  unrecordedBreaches,
  zonedTime,
  type ApprovalDecision,
  type ComplaintCommand,
  type ComplaintContext,
  type ComplaintDecision,
  type ComplaintSnapshot,
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
import { PlatformCodes } from '../../platform/errors/codes.js';
import { fromDomainError, notFound, ProblemException } from '../../platform/errors/problem.js';
import { EventsService } from '../../platform/events/events.service.js';
import { page } from '../../platform/http/paging.js';
import { validationFailed } from '../../platform/http/validation.js';
import { userNames } from '../../platform/identity/user-names.js';
import { JobsService } from '../../platform/jobs/jobs.service.js';
import { loadFacts, PolicyCache, readNow, snapshotOf, type ComplaintFacts } from './complaint-store.js';
import type { ComplaintDetailDto, ComplaintDto, CreateComplaintDto, FollowUpTaskDto, ListComplaintsQuery, ListFollowUpsQuery } from './complaint.dto.js';
import { Complaint, ComplaintEscalation, ComplaintEvent, ComplaintFollowUp, ComplaintPause, ComplaintSlaClock } from './complaint.entities.js';
import { ComplaintPolicyService } from './policy.service.js';
import { readTogether } from '../../database/read-together.js';

export const SLA_JOB = 'complaint.sla';
export const SLA_SWEEP_JOB = 'complaint.sla_sweep';
export const PROPOSAL_APPROVAL = 'complaint.proposal';

/** Who reads the complaint inbox (the owner and the investigator read their own complaints too). */
export const COMPLAINT_READERS: Role[] = ['cs_agent', 'service_advisor', 'supervisor', 'manager', 'director', 'admin'];
/** The most complaints one exported file holds (a site's year is a few thousand). */
export const COMPLAINT_EXPORT_LIMIT = 10_000;
/** Who reads the follow-up calls and the statistics (CMP-7: the supervisor calls back). */
export const COMPLAINT_SUPERVISORS: Role[] = ['supervisor', 'manager', 'director', 'admin'];
const STAFF = STAFF_ROLES as Role[];

const domain = <T>(f: () => T): T => {
  try {
    return f();
  } catch (e) {
    throw isDomainError(e) ? fromDomainError(e) : e;
  }
};

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
/** CMP-8 stored facts: the stopped clocks' outcomes as the complaint's columns. */
const settledColumns = (o: SettledOutcomes) => ({ settledFirstResponseMet: o.firstResponseMet, settledPromisedReplyMet: o.promisedReplyMet, settledResolutionMet: o.resolutionMet });

/**
 * Complaints (SPEC section 4): intake (CMP-1), the life cycle of CMP-9 through the domain's
 * `decideComplaint`, SLA clocks with pauses and escalation (CMP-3, CMP-5, GEN-8), discipline slips
 * (CMP-6), hand-overs (GEN-10) and follow-up calls (CMP-7, CMP-10). Each command locks the complaint
 * row, decides, writes the state, its effects, the timeline and the audit in one transaction and
 * announces it on the site's live events.
 */
@Injectable()
export class ComplaintsService implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly events: EventsService,
    private readonly jobs: JobsService,
    private readonly discipline: DisciplineService,
    private readonly approvals: ApprovalsService,
    private readonly policies: ComplaintPolicyService,
  ) {}

  onModuleInit() {
    this.approvals.onDecision(PROPOSAL_APPROVAL, (em, a, d) => this.decidedInInbox(em, a, d));
    // CMP-5 / GEN-8: reads already show a breach at its deadline; the job records it and announces it.
    this.jobs.register(SLA_JOB, async (job, em) => {
      await this.recordBreaches(em, (job.payload as { complaintId: string }).complaintId);
    });
    // A safety net for a breach whose job was lost: every five minutes, any clock past its deadline not yet recorded.
    this.jobs.every(SLA_SWEEP_JOB, 5 * 60_000, async (_job, em) => {
      for (const id of await this.unrecordedBreachIds(em)) await this.recordBreaches(em, id);
    });
  }

  // ---------- reads ----------

  private async dtos(em: EntityManager, site: SiteRef, facts: ComplaintFacts[], now: Date): Promise<ComplaintDto[]> {
    const policies = new PolicyCache(em, site);
    const names = await userNames(em, facts.map((f) => f.row.ownerId));
    const out: ComplaintDto[] = [];
    for (const f of facts) {
      const { policy, calendar } = await policies.get(f.row.policyVersion);
      const s = snapshotOf(f);
      const r = readNow(s, policy, calendar, now);
      out.push(this.dto(f.row, r, names));
    }
    return out;
  }

  private dto(row: Complaint, r: ReturnType<typeof readNow>, names: Map<string, string>): ComplaintDto {
    return {
      id: row.id,
      siteId: row.siteId,
      state: row.state,
      channel: row.channel,
      complainantName: row.complainantName,
      contact: row.contact,
      content: row.content,
      subjectType: row.subjectType,
      subjectRef: row.subjectRef,
      customerId: row.customerId,
      importantCustomer: row.importantCustomer,
      receivedAt: row.receivedAt,
      receivedBy: row.receivedBy,
      ownerId: row.ownerId,
      ownerName: row.ownerId ? (names.get(row.ownerId) ?? '') : '',
      severity: row.severity,
      classification: row.classification ? { kind: row.classification.kind, validity: row.classification.validity, category: row.classification.category, severity: row.classification.severity, department: row.classification.department } : null,
      level: r.level.level,
      levelRole: r.level.role,
      breached: r.breached,
      waiting: r.waiting,
      nextDueAt: r.nextDueAt,
      firstRespondedAt: row.firstRespondedAt,
      resolvedAt: row.resolvedAt,
      closedAt: row.closedAt,
      reopenCount: row.reopenCount,
      policyVersion: row.policyVersion,
    };
  }

  private followUpDto(f: ComplaintFollowUp, c: Pick<Complaint, 'complainantName' | 'contact' | 'importantCustomer'>, now: Date): FollowUpTaskDto {
    return {
      id: f.id,
      complaintId: f.complaintId,
      complainantName: c.complainantName,
      contact: c.contact,
      importantCustomer: c.importantCustomer,
      plannedAt: f.plannedAt,
      dueBy: f.dueBy,
      assigneeRole: f.assigneeRole,
      bookedByCustomer: f.bookedByCustomer,
      outsideWindow: f.outsideWindow,
      status: f.status === 'dropped' ? 'dropped' : followUpStatusAt({ plannedAt: f.plannedAt, dueBy: f.dueBy, assigneeRole: f.assigneeRole, bookedByCustomer: f.bookedByCustomer, outsideWindow: f.outsideWindow }, f.doneAt, now),
      doneAt: f.doneAt,
      answers: f.answers,
      reopened: f.reopened,
    };
  }

  async detail(em: EntityManager, site: SiteRef, id: string, now = new Date()): Promise<ComplaintDetailDto> {
    const row = await em.getRepository(Complaint).findOneByOrFail({ id, siteId: site.id });
    const [f] = await loadFacts(em, [row]);
    const { policy, calendar } = await new PolicyCache(em, site).get(row.policyVersion);
    const s = snapshotOf(f);
    const r = readNow(s, policy, calendar, now);
    const [timeline, followUps] = await readTogether(
      em,
      () => em.getRepository(ComplaintEvent).find({ where: { complaintId: id }, order: { at: 'ASC', id: 'ASC' } }),
      () => em.getRepository(ComplaintFollowUp).find({ where: { complaintId: id }, order: { createdAt: 'ASC' } }),
    );
    const names = await userNames(em, [row.ownerId, ...timeline.map((e) => e.actorId)]);
    return {
      ...this.dto(row, r, names),
      investigation: row.investigation,
      proposals: row.proposals ?? [],
      proposedBy: row.proposedBy,
      approval: row.approval,
      resolution: row.resolution,
      rejectionReply: row.rejectionReply,
      clocks: r.clocks.map(({ clock, reading }) => ({
        key: clock.key,
        kind: clock.kind,
        startedAt: clock.startedAt,
        targetMinutes: clock.targetMinutes,
        promisedAt: clock.promisedAt,
        stoppedAt: clock.stoppedAt,
        dueAt: reading.dueAt,
        status: reading.status,
        remainingMinutes: reading.remainingMinutes === null ? null : Math.round(reading.remainingMinutes),
      })),
      pauses: f.pauses.map((p) => ({ from: p.fromAt, to: p.toAt, reason: p.reason })),
      escalations: f.escalations.map((e) => ({ at: e.at, reason: e.reason, clockKey: e.clockKey, fromLevel: e.fromLevel, toLevel: e.toLevel, role: e.role })),
      followUps: followUps.map((x) => this.followUpDto(x, row, now)),
      timeline: timeline.map((e) => ({ at: e.at, type: e.type, actorId: e.actorId, actorName: e.actorId ? (names.get(e.actorId) ?? '') : 'system', data: e.data, ruleIds: e.ruleIds, policyVersion: e.policyVersion })),
    };
  }

  async get(p: Principal, id: string): Promise<ComplaintDetailDto> {
    const row = await this.ds.getRepository(Complaint).findOne({ where: { id }, select: { id: true, siteId: true, ownerId: true, receivedBy: true, investigation: true } });
    if (!row) throw notFound('complaint');
    const { site, roles } = await this.access.requireObjectSite(p, row.siteId, STAFF, 'complaint');
    const involved = [row.ownerId, row.receivedBy, row.investigation?.investigatorId].includes(p.userId);
    if (!involved && !roles.some((r) => COMPLAINT_READERS.includes(r))) throw new ProblemException(403, PlatformCodes.FORBIDDEN, `this needs one of the roles ${COMPLAINT_READERS.join(', ')} on this site, or to work on the complaint`);
    return this.detail(this.ds.manager, site, id);
  }

  async list(site: SiteRef, q: ListComplaintsQuery) {
    const now = new Date();
    const size = q.pageSize ?? 50;
    const [rows, total] = await this.filtered(site, q, now)
      .skip(((q.page ?? 1) - 1) * size)
      .take(size)
      .getManyAndCount();
    return page(await this.dtos(this.ds.manager, site, await loadFacts(this.ds.manager, rows), now), total, q);
  }

  /**
   * CMP-8 / the complaint register (投诉登记表) as a file: every complaint the inbox's filters find, newest
   * first, read now (GEN-8), with the category's name under the policy version it was received under.
   * More than COMPLAINT_EXPORT_LIMIT is a 422 that asks for a narrower filter (the dates).
   */
  async exportRows(site: SiteRef, q: Omit<ListComplaintsQuery, 'page' | 'pageSize'>): Promise<{ complaint: ComplaintDto; categoryName: string | null }[]> {
    const now = new Date();
    const total = await this.filtered(site, q, now).getCount();
    if (total > COMPLAINT_EXPORT_LIMIT) {
      throw new ProblemException(422, 'EXPORT_TOO_LARGE', `${total} complaints match; a file holds at most ${COMPLAINT_EXPORT_LIMIT}: choose a shorter period`, { total, limit: COMPLAINT_EXPORT_LIMIT });
    }
    const policies = new PolicyCache(this.ds.manager, site);
    const out: { complaint: ComplaintDto; categoryName: string | null }[] = [];
    // The ids once, in order (a complaint arriving meanwhile cannot shift a page), then the rows and facts a thousand at a time.
    const ids: string[] = (await this.filtered(site, q, now).select('c.id', 'id').getRawMany<{ id: string }>()).map((r) => r.id);
    for (let offset = 0; offset < ids.length; offset += 1000) {
      const chunk = ids.slice(offset, offset + 1000);
      const at = new Map(chunk.map((id, i) => [id, i]));
      const rows = (await this.ds.getRepository(Complaint).find({ where: { siteId: site.id, id: In(chunk) } })).sort((a, b) => at.get(a.id)! - at.get(b.id)!);
      for (const complaint of await this.dtos(this.ds.manager, site, await loadFacts(this.ds.manager, rows), now)) {
        const code = complaint.classification?.category;
        const { policy } = await policies.get(complaint.policyVersion);
        out.push({ complaint, categoryName: code ? (policy.categories.find((c) => c.code === code)?.name ?? code) : null });
      }
    }
    return out;
  }

  /** The inbox's filters, newest first. */
  private filtered(site: SiteRef, q: Omit<ListComplaintsQuery, 'page' | 'pageSize'>, now: Date) {
    const qb = this.ds.getRepository(Complaint).createQueryBuilder('c').where('c.site_id = :site', { site: site.id });
    if (q.status) qb.andWhere('c.state = :state', { state: q.status });
    if (q.severity) qb.andWhere('c.severity = :severity', { severity: q.severity });
    if (q.category) qb.andWhere('c.category = :category', { category: q.category });
    if (q.channel) qb.andWhere('c.channel = :channel', { channel: q.channel });
    if (q.ownerId === 'none') qb.andWhere('c.owner_id IS NULL');
    else if (q.ownerId) qb.andWhere('c.owner_id = :owner', { owner: q.ownerId.toLowerCase() });
    if (q.from) qb.andWhere('c.received_at >= :from', { from: zonedTime(q.from, '00:00', site.timeZone) });
    if (q.to) qb.andWhere('c.received_at < :to', { to: zonedTime(addDays(q.to, 1), '00:00', site.timeZone) });
    if (q.breached !== undefined) {
      // The stored deadline is exact under the recorded pauses; the breach is read now (GEN-8).
      const breached = `EXISTS (SELECT 1 FROM complaint_sla_clock k WHERE k.site_id = c.site_id AND k.complaint_id = c.id AND k.due_at IS NOT NULL
                          AND ((k.stopped_at IS NULL AND k.due_at <= :now) OR (k.stopped_at IS NOT NULL AND k.stopped_at <= :now AND k.stopped_at >= k.due_at)))`;
      qb.andWhere(q.breached ? breached : `NOT ${breached}`, { now });
    }
    return qb.orderBy('c.received_at', 'DESC').addOrderBy('c.id', 'ASC');
  }

  // ---------- CMP-1 intake ----------

  async create(p: Principal, body: CreateComplaintDto): Promise<ComplaintDetailDto> {
    const { site, roles } = await this.access.requireSite(p, body.siteId, STAFF);
    return this.ds.transaction(async (em) => {
      // GEN-10: an online complaint waits unowned in the inbox (the first to take it owns it); whoever registers any other owns it.
      const id = await this.openIn(em, site, body.channel === 'online' ? null : { userId: p.userId, roles }, body, p.userId);
      return this.detail(em, site, id, new Date());
    });
  }

  /**
   * CMP-1 inside the caller's transaction: another module opens a complaint where it finds one (RO-10: a
   * follow-up call of a repair that went badly). `actor` owns it; null leaves it to the first taker.
   */
  async openIn(em: EntityManager, site: SiteRef, actor: { userId: string; roles: Role[] } | null, body: Omit<CreateComplaintDto, 'siteId'>, recordedBy: string): Promise<string> {
    const { version, policy } = await this.policies.current(site, em);
    const now = new Date();
    const ctx: ComplaintContext = { policy, calendar: (await new PolicyCache(em, site).get(version)).calendar, now };
    const intake = {
      channel: body.channel,
      complainantName: body.complainantName,
      contact: body.contact,
      content: body.content,
      subjectType: body.subjectType,
      subjectRef: body.subjectRef ?? null,
      importantCustomer: body.importantCustomer,
    };
    const id = randomUUID();
    const decision = domain(() => openComplaint({ id, intake, severity: body.severity ?? null }, actor, ctx));
    await this.checkLinks(em, site, body);
    const s = decision.complaint;
    const row = em.getRepository(Complaint).create({
      id,
      siteId: site.id,
      state: s.state,
      channel: s.channel,
      complainantName: body.complainantName.trim(),
      contact: body.contact.trim(),
      content: body.content.trim(),
      subjectType: s.subjectType,
      subjectRef: s.subjectRef?.trim() ?? null,
      customerId: body.customerId ?? null,
      importantCustomer: s.importantCustomer,
      receivedAt: s.receivedAt,
      receivedBy: recordedBy,
      ownerId: s.ownerId,
      baseLevel: s.baseLevel,
      severity: body.severity ?? 'normal',
      kind: null,
      validity: null,
      category: null,
      department: null,
      classification: null,
      investigation: null,
      proposals: [],
      proposedBy: null,
      proposedByRoles: [],
      approval: null,
      resolution: null,
      resolvedAt: null,
      rejectionReply: null,
      firstRespondedAt: null,
      reopenCount: 0,
      closedAt: null,
      policyVersion: version,
      updatedAt: now,
    });
    await em.getRepository(Complaint).insert(row);
    const empty: ComplaintFacts = { row, clocks: [], pauses: [], escalations: [], followUp: null };
    const initial = { ...s, clocks: [], pauses: [], escalations: [] } as ComplaintSnapshot;
    await this.persist(em, site, empty, initial, decision, ctx, recordedBy, version, {});
    return id;
  }

  /** CMP-1: what it is about must exist on this site where we keep it (units, staff, customers). */
  private async checkLinks(em: EntityManager, site: SiteRef, body: Omit<CreateComplaintDto, 'siteId'>) {
    const ref = body.subjectRef ?? null;
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    if (body.subjectType === 'unit') {
      const ok = ref && uuid.test(ref) && (await em.query(`SELECT 1 FROM unit WHERE id = $1 AND site_id = $2`, [ref, site.id])).length;
      if (!ok) throw validationFailed([{ field: 'subjectRef', message: 'no unit of this site' }]);
    }
    if (body.subjectType === 'staff') {
      if (!ref || !uuid.test(ref)) throw validationFailed([{ field: 'subjectRef', message: 'no staff member of this site' }]);
      await this.access.requireSiteStaff(em, site, [ref], 'subjectRef');
    }
    if (body.customerId && !(await em.query(`SELECT 1 FROM customer WHERE id = $1 AND site_id = $2`, [body.customerId, site.id])).length) {
      throw validationFailed([{ field: 'customerId', message: 'no customer of this site' }]);
    }
  }

  // ---------- CMP-9 transitions ----------

  async command(p: Principal, id: string, cmd: ComplaintCommand): Promise<ComplaintDetailDto> {
    return this.ds.transaction(async (em) => {
      const peek = await em.getRepository(Complaint).findOne({ where: { id }, select: { id: true, siteId: true } });
      if (!peek) throw notFound('complaint');
      const { site, roles } = await this.access.requireObjectSite(p, peek.siteId, STAFF, 'complaint');
      // The approval record first, then the complaint: the same lock order as a decision from the approvals inbox.
      if (cmd.type === 'approve' || cmd.type === 'send_back') {
        await em.query(`SELECT id FROM approval WHERE subject_type = 'complaint' AND subject_id = $1 AND status = 'pending' FOR UPDATE`, [id]);
      }
      await this.apply(em, site, { userId: p.userId, roles }, id, cmd, { fromApprovals: false });
      return this.detail(em, site, id);
    });
  }

  /** Load (locked), decide, persist: one command inside the caller's transaction. */
  private async apply(em: EntityManager, site: SiteRef, actor: { userId: string; roles: Role[] }, id: string, cmd: ComplaintCommand, opts: { fromApprovals: boolean }) {
    // The row lock lines up concurrent commands: the second one decides on the first one's result.
    const row = await em.getRepository(Complaint).findOneOrFail({ where: { id, siteId: site.id }, lock: { mode: 'pessimistic_write' } });
    const [facts] = await loadFacts(em, [row]);
    const { policy, calendar } = await new PolicyCache(em, site).get(row.policyVersion);
    const now = new Date();
    const ctx: ComplaintContext = { policy, calendar, now };
    const before = snapshotOf(facts);
    const decision = domain(() => decideComplaint(before, cmd, actor, ctx));
    // Data that names people must name staff of this site (checked after the state and the actor, like the domain's data).
    if (cmd.type === 'investigate') await this.access.requireSiteStaff(em, site, [cmd.investigatorId], 'investigatorId');
    if (cmd.type === 'propose') {
      await this.access.requireSiteStaff(em, site, cmd.responsibleStaff.map((s) => s.userId), 'responsibleStaff.userId');
      await this.access.requireSiteStaff(em, site, cmd.responsibleStaff.map((s) => s.departmentHeadId), 'responsibleStaff.departmentHeadId');
    }
    if (cmd.type === 'hand_over') await this.access.requireSiteStaff(em, site, [cmd.toUserId], 'toUserId');
    await this.persist(em, site, facts, before, decision, ctx, actor.userId, row.policyVersion, { command: cmd });
    await this.recordApproval(em, site, decision.complaint, cmd, actor.userId, ctx, opts);
  }

  /**
   * GEN-6: the proposals wait as an approval record in the approvals inbox, routed like the domain routes
   * them (one level up from a proposer who holds the approver role; at least the complaint's level). A
   * decision here closes that record; a decision in the inbox runs `approve`/`send_back` here.
   */
  private async recordApproval(em: EntityManager, site: SiteRef, c: ComplaintSnapshot, cmd: ComplaintCommand, actorId: string, ctx: ComplaintContext, opts: { fromApprovals: boolean }) {
    const repo = em.getRepository(Approval);
    if (cmd.type === 'propose') {
      await repo.update({ subjectType: 'complaint', subjectId: c.id, status: 'pending' }, { status: 'cancelled' });
      const level = escalationAt(c, ctx.policy, ctx.calendar, ctx.now).role;
      const role = HIERARCHY.indexOf(level) > HIERARCHY.indexOf(ctx.policy.approverRole) ? level : ctx.policy.approverRole;
      await this.approvals.request(em, site, {
        type: PROPOSAL_APPROVAL,
        subjectType: 'complaint',
        subjectId: c.id,
        requesterId: actorId,
        approverRole: role,
        payload: { proposals: c.proposals, ruleIds: ['CMP-4', 'GEN-6'] },
      });
    }
    if ((cmd.type === 'approve' || cmd.type === 'send_back') && !opts.fromApprovals) {
      const pending = await repo.findOne({ where: { subjectType: 'complaint', subjectId: c.id, status: 'pending' } });
      if (!pending) return;
      const before = { ...pending };
      Object.assign(pending, { status: cmd.type === 'approve' ? 'approved' : 'rejected', decidedBy: actorId, decidedAt: ctx.now, comment: cmd.type === 'approve' ? (cmd.comment ?? null) : cmd.comment });
      await repo.save(pending);
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: `approval.${pending.status}`, entityType: 'approval', entityId: pending.id, before, after: pending, reason: pending.comment });
    }
  }

  /** A decision taken in the approvals inbox (GEN-6): approve the one proposal, or send the proposals back. */
  private async decidedInInbox(em: EntityManager, a: Approval, decision: ApprovalDecision) {
    const site = await this.access.site(a.siteId);
    const row = site ? await em.getRepository(Complaint).findOne({ where: { id: a.subjectId, siteId: site.id } }) : null;
    if (!site || !row) throw notFound('complaint');
    const held: { role: Role }[] = await em.query(
      `SELECT DISTINCT role FROM role_assignment WHERE user_id = $1 AND revoked_at IS NULL AND (site_id = $2 OR (site_id IS NULL AND organization_id = $3))`,
      [a.decidedBy, site.id, site.organizationId],
    );
    const actor = { userId: a.decidedBy!, roles: held.map((h) => h.role) };
    if (decision === 'rejected') {
      await this.apply(em, site, actor, row.id, { type: 'send_back', comment: a.comment?.trim() || 'sent back from the approvals inbox' }, { fromApprovals: true });
      return;
    }
    if ((row.proposals ?? []).length !== 1) {
      throw new ProblemException(409, 'COMPLAINT_PROPOSAL_CHOICE_REQUIRED', 'this complaint has several proposals: approve one of them on the complaint (POST /api/v1/complaints/{id}/approve)');
    }
    await this.apply(em, site, actor, row.id, { type: 'approve', proposalId: row.proposals[0].id, comment: a.comment }, { fromApprovals: true });
  }

  /** Writes a decision: the row, clocks, pauses, escalation steps, follow-up task, slips, hand-overs, timeline, audit, events, the next SLA check. */
  private async persist(
    em: EntityManager,
    site: SiteRef,
    facts: ComplaintFacts,
    before: ComplaintSnapshot,
    decision: ComplaintDecision,
    ctx: ComplaintContext,
    actorId: string | null,
    policyVersion: number,
    extra: { command?: ComplaintCommand },
  ) {
    const { complaint: next, effects, ruleIds } = decision;
    const { now, calendar } = ctx;
    const row = facts.row;
    const beforeRow = { state: row.state, ownerId: row.ownerId, baseLevel: row.baseLevel, classification: row.classification };
    const cls = next.classification;
    Object.assign(row, {
      state: next.state,
      ownerId: next.ownerId,
      baseLevel: next.baseLevel,
      classification: cls,
      kind: cls?.kind ?? null,
      validity: cls?.validity ?? null,
      category: cls?.category ?? null,
      severity: cls?.severity ?? row.severity,
      department: next.investigation?.department ?? cls?.department ?? null,
      investigation: next.investigation,
      proposals: next.proposals,
      proposedBy: next.proposedBy,
      proposedByRoles: next.proposedByRoles,
      approval: next.approval ? { ...next.approval, at: next.approval.at.toISOString() } : null,
      resolution: next.resolution ? { ...next.resolution, at: next.resolution.at.toISOString() } : null,
      resolvedAt: next.resolution?.at ?? null,
      rejectionReply: next.rejectionReply,
      firstRespondedAt: next.firstRespondedAt,
      ...settledMinutes(next, calendar), // CMP-8 stored facts
      ...settledColumns(settledOutcomes(next.clocks, calendar, next.pauses)),
      upheld: upheld(next),
      reopenCount: next.reopenCount,
      closedAt: next.closedAt,
      updatedAt: now,
    });
    await em.getRepository(Complaint).save(row);

    // Clocks: upsert by key with the deadline under the pauses recorded now.
    for (const k of next.clocks) {
      const settled = settledClock(k, calendar, next.pauses); // CMP-8 stored facts, fixed once stopped
      await em
        .createQueryBuilder()
        .insert()
        .into(ComplaintSlaClock)
        .values({ siteId: site.id, complaintId: row.id, key: k.key, kind: k.kind, startedAt: k.startedAt, targetMinutes: k.targetMinutes, promisedAt: k.promisedAt, stoppedAt: k.stoppedAt, dueAt: clockDueAt(k, calendar, next.pauses), elapsedMinutes: settled?.elapsedMinutes ?? null, met: settled?.met ?? null })
        .orUpdate(['target_minutes', 'promised_at', 'stopped_at', 'due_at', 'elapsed_minutes', 'met'], ['complaint_id', 'key'])
        .execute();
    }
    // Pauses: the open one closed, a new one appended.
    for (let i = 0; i < next.pauses.length; i++) {
      const pz = next.pauses[i];
      const old = facts.pauses[i];
      if (old) {
        if ((old.toAt?.getTime() ?? null) !== (pz.to?.getTime() ?? null)) await em.getRepository(ComplaintPause).update({ id: old.id }, { toAt: pz.to });
      } else {
        await em.getRepository(ComplaintPause).insert({ siteId: site.id, complaintId: row.id, fromAt: pz.from, toAt: pz.to, reason: extra.command?.type === 'wait_for_customer' ? extra.command.reason.trim() : null });
      }
    }
    // Escalation steps (CMP-5): the domain's new manual/reopen steps, with the levels of its effects.
    const newSteps = next.escalations.slice(before.escalations.length);
    const stepEffects = effects.filter((e) => e.type === 'escalation');
    const levelNow = escalationAt(next, ctx.policy, calendar, now);
    for (const e of stepEffects) {
      await em.getRepository(ComplaintEscalation).insert({ siteId: site.id, complaintId: row.id, at: e.at, reason: e.reason, clockKey: null, fromLevel: e.fromLevel, toLevel: e.toLevel, role: e.role, actorId });
    }
    const unmatched = newSteps.length - stepEffects.filter((e) => e.reason !== 'classification').length;
    for (const step of newSteps.slice(newSteps.length - Math.max(0, unmatched))) {
      // A step taken at the top of the chain changes no level; it is recorded all the same.
      await em.getRepository(ComplaintEscalation).insert({ siteId: site.id, complaintId: row.id, at: step.at, reason: step.reason, clockKey: null, fromLevel: levelNow.level, toLevel: levelNow.level, role: levelNow.role, actorId });
    }

    // Follow-up calls (CMP-7/CMP-10).
    const open = facts.followUp;
    if (extra.command?.type === 'record_follow_up' && open) {
      await em.getRepository(ComplaintFollowUp).update({ id: open.id }, { status: 'done', doneAt: now, calledBy: actorId, answers: { ...extra.command.answers }, reopened: next.state === 'reopened' });
    } else if (next.state === 'reopened' && open) {
      await em.getRepository(ComplaintFollowUp).update({ id: open.id }, { status: 'dropped' });
    }
    for (const e of effects) {
      if (e.type !== 'follow_up_task') continue;
      const t = e.task;
      if (open && extra.command?.type === 'book_follow_up') {
        await em.getRepository(ComplaintFollowUp).update({ id: open.id }, { plannedAt: t.plannedAt, dueBy: t.dueBy, bookedByCustomer: t.bookedByCustomer, outsideWindow: t.outsideWindow });
      } else {
        await em.getRepository(ComplaintFollowUp).insert({ siteId: site.id, complaintId: row.id, status: 'open', plannedAt: t.plannedAt, dueBy: t.dueBy, assigneeRole: t.assigneeRole, bookedByCustomer: t.bookedByCustomer, outsideWindow: t.outsideWindow });
      }
    }
    // CMP-6 / GEN-9 slips and GEN-10 hand-overs through the platform.
    for (const e of effects) {
      if (e.type === 'discipline') await this.discipline.issue(em, site, e.draft, actorId);
      if (e.type === 'handover') await this.discipline.recordHandover(em, site, { subjectType: 'complaint', subjectId: row.id, fromUserId: e.from, toUserId: e.to, byUserId: actorId!, reason: e.reason });
    }
    // Timeline, audit and live events.
    for (const e of effects) {
      if (e.type !== 'event') continue;
      const events = em.getRepository(ComplaintEvent);
      await events.save(events.create({ siteId: site.id, complaintId: row.id, at: now, type: e.name, actorId, data: jsonSafe(e.data), ruleIds, policyVersion }));
      await this.audit.record(em, {
        organizationId: site.organizationId,
        siteId: site.id,
        action: e.name,
        entityType: 'complaint',
        entityId: row.id,
        before: beforeRow,
        after: { state: row.state, ownerId: row.ownerId, baseLevel: row.baseLevel, classification: row.classification, ruleIds, policyVersion, ...jsonSafe(e.data) },
        reason: reasonOf(extra.command),
      });
      await this.events.publish(em, site.id, e.name, { complaintId: row.id, state: row.state, ownerId: row.ownerId });
    }
    await this.scheduleNextCheck(em, site, next, ctx);
  }

  private async scheduleNextCheck(em: EntityManager, site: SiteRef, s: ComplaintSnapshot, ctx: Pick<ComplaintContext, 'calendar' | 'now'>) {
    const due = nextBreachAt(s, ctx.calendar, ctx.now);
    if (due) await this.jobs.schedule(em, { name: SLA_JOB, runAt: due, siteId: site.id, payload: { complaintId: s.id }, dedupeKey: `${SLA_JOB}:${s.id}:${due.toISOString()}` });
  }

  // ---------- CMP-5 / GEN-8: the breach job ----------

  /**
   * Records the breaches that happened and are not recorded yet, each at its own instant with the level
   * it raised the complaint to then — a late run records exactly what an on-time run would have. Idempotent.
   */
  async recordBreaches(em: EntityManager, complaintId: string, now = new Date()): Promise<number> {
    const row = await em.getRepository(Complaint).findOne({ where: { id: complaintId }, lock: { mode: 'pessimistic_write' } });
    const site = row ? await this.access.site(row.siteId) : null;
    if (!row || !site) return 0;
    const [facts] = await loadFacts(em, [row]);
    const { policy, calendar } = await new PolicyCache(em, site).get(row.policyVersion);
    const s = snapshotOf(facts);
    const recorded = new Set(facts.escalations.filter((e) => e.reason === 'breach' && e.clockKey).map((e) => e.clockKey!));
    const breaches = unrecordedBreaches(s, policy, calendar, recorded, now);
    let previous: number | null = null;
    for (const b of breaches) {
      const fromLevel = previous ?? escalationAt(s, policy, calendar, new Date(b.at.getTime() - 1)).level;
      previous = b.level;
      const inserted = await em
        .createQueryBuilder()
        .insert()
        .into(ComplaintEscalation)
        .values({ siteId: site.id, complaintId: row.id, at: b.at, reason: 'breach', clockKey: b.clockKey, fromLevel, toLevel: b.level, role: b.role, actorId: null })
        .orIgnore()
        .execute();
      // Recorded by a concurrent run already (unique per clock key): nothing more to say.
      if (!(inserted.raw as unknown[] | undefined)?.length) continue;
      const data = { clockKey: b.clockKey, kind: b.kind, fromLevel, level: b.level, role: b.role };
      await em.getRepository(ComplaintEvent).insert({ siteId: site.id, complaintId: row.id, at: b.at, type: 'complaint.sla_breached', actorId: null, data, ruleIds: ['CMP-5', 'GEN-8'], policyVersion: row.policyVersion });
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'complaint.sla_breached', entityType: 'complaint', entityId: row.id, after: { ...data, at: b.at.toISOString() }, actorId: null, actorLogin: 'system' });
      await this.events.publish(em, site.id, 'complaint.sla_breached', { complaintId: row.id, state: row.state, ...data });
    }
    await this.scheduleNextCheck(em, site, s, { calendar, now });
    return breaches.length;
  }

  private async unrecordedBreachIds(em: EntityManager): Promise<string[]> {
    const rows: { complaint_id: string }[] = await em.query(
      `SELECT DISTINCT k.complaint_id FROM complaint_sla_clock k
        WHERE k.due_at IS NOT NULL AND k.due_at <= now() AND (k.stopped_at IS NULL OR k.stopped_at >= k.due_at)
          AND NOT EXISTS (SELECT 1 FROM complaint_escalation e WHERE e.complaint_id = k.complaint_id AND e.reason = 'breach' AND e.clock_key = k.key)
        LIMIT 200`,
    );
    return rows.map((r) => r.complaint_id);
  }

  // ---------- CMP-7 follow-up calls ----------

  async followUps(site: SiteRef, q: ListFollowUpsQuery) {
    const now = new Date();
    const qb = this.ds.getRepository(ComplaintFollowUp).createQueryBuilder('f').where('f.site_id = :site', { site: site.id });
    const status = q.status ?? 'open';
    if (status === 'done') qb.andWhere(`f.status = 'done'`);
    else qb.andWhere(`f.status = 'open'`);
    if (status === 'planned') qb.andWhere('f.planned_at > :now', { now });
    if (status === 'due') qb.andWhere('f.planned_at <= :now AND f.due_by > :now', { now });
    if (status === 'overdue') qb.andWhere('f.due_by <= :now', { now });
    const size = q.pageSize ?? 50;
    const [rows, total] = await qb
      .orderBy(status === 'done' ? 'f.done_at' : 'f.planned_at', status === 'done' ? 'DESC' : 'ASC')
      .addOrderBy('f.id', 'ASC')
      .skip(((q.page ?? 1) - 1) * size)
      .take(size)
      .getManyAndCount();
    const complaints = rows.length ? await this.ds.getRepository(Complaint).find({ where: rows.map((r) => ({ id: r.complaintId })), select: { id: true, complainantName: true, contact: true, importantCustomer: true } }) : [];
    const byId = new Map(complaints.map((c) => [c.id, c]));
    return page(
      rows.map((r) => this.followUpDto(r, byId.get(r.complaintId)!, now)),
      total,
      q,
    );
  }
}

/** Dates to ISO strings, for jsonb. */
function jsonSafe(v: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(v, (_k, x) => (x instanceof Date ? iso(x) : x))) as Record<string, unknown>;
}

function reasonOf(cmd: ComplaintCommand | undefined): string | null {
  if (!cmd) return null;
  if ('reason' in cmd && typeof cmd.reason === 'string') return cmd.reason.trim();
  if (cmd.type === 'send_back') return cmd.comment.trim();
  return null;
}
