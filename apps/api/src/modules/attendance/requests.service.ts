import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  checkLeaveRequest,
  checkSwapRequest,
  isDomainError,
  localDate,
  shiftBounds,
  sickLeaveStatus,
  swapIsApprovedInTime,
  zonedTime,
  type LocalDate,
  type Role,
} from '@sitedesk/domain';
import { Between, DataSource, In, IsNull, LessThan, MoreThan, type EntityManager } from 'typeorm';
import { AccessPolicy, type SiteRef } from '../../platform/access/access.policy.js';
import type { Approval } from '../../platform/approvals/approval.entity.js';
import { ApprovalsService } from '../../platform/approvals/approvals.service.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import { EventsService } from '../../platform/events/events.service.js';
import { JobsService } from '../../platform/jobs/jobs.service.js';
import type { Principal } from '../../platform/auth/principal.js';
import { fromDomainError, notFound, ProblemException } from '../../platform/errors/problem.js';
import { validationFailed } from '../../platform/http/validation.js';
import { RoleAssignment } from '../../platform/identity/identity.entities.js';
import { addDays, AttendanceDataService, datesBetween } from './attendance-data.service.js';
import { BlackoutDay, LeaveRequest, PunchRecord, ScheduleEntry, SwapRequest } from './attendance.entities.js';
import { AttendancePolicyService } from './policy.service.js';
import type { CreateLeaveDto, CreateSwapDto, LeaveDto, MissedPunchDto, SwapDto } from './requests.dto.js';

const domain = <T>(f: () => T): T => {
  try {
    return f();
  } catch (e) {
    throw isDomainError(e) ? fromDomainError(e) : e;
  }
};

/** `convertTo`: the policy's conversion type for sick leave without a certificate (ATT-8), of the first day back. */
export const leaveDto = (l: LeaveRequest, site: SiteRef, now = new Date(), convertTo: 'personal' | 'annual' = 'personal'): LeaveDto => {
  const sick = l.type === 'sick' && l.status === 'approved' ? sickLeaveStatus({ firstDayBack: l.firstDayBack, certificateAt: l.certificateAt, submittedAt: l.certificateSubmittedAt, now, timeZone: site.timeZone, convertTo }) : null;
  return {
    id: l.id,
    userId: l.userId,
    type: l.type,
    from: l.fromAt,
    to: l.toAt,
    reason: l.reason,
    emergency: l.emergency,
    status: l.status,
    approvalSteps: l.approvalSteps,
    requestedAt: l.requestedAt,
    firstDayBack: l.firstDayBack,
    certificateAt: l.certificateAt,
    certificateSubmittedAt: l.certificateSubmittedAt,
    certificate: sick?.status ?? null,
    certificateDueAt: sick?.dueAt ?? null,
    readsAs: sick ? sick.leaveType : l.type,
  };
};

export const swapDto = (s: SwapRequest): SwapDto => ({
  id: s.id,
  requesterId: s.requesterId,
  colleagueId: s.colleagueId,
  requesterDate: s.requesterDate,
  colleagueDate: s.colleagueDate,
  reason: s.reason,
  status: s.status,
  requestedAt: s.requestedAt,
});

/** Leave (ATT-7, ATT-8), swaps (ATT-9) and missed punches (ATT-15): requests decided through approvals (GEN-6). */
@Injectable()
export class AttendanceRequestsService implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly approvals: ApprovalsService,
    private readonly policies: AttendancePolicyService,
    private readonly data: AttendanceDataService,
    private readonly jobs: JobsService,
    private readonly events: EventsService,
  ) {}

  onModuleInit() {
    this.approvals.onDecision('attendance.leave', (em, a, d) => this.leaveDecided(em, a, d));
    this.approvals.onDecision('attendance.swap', (em, a, d) => this.swapDecided(em, a, d));
    this.approvals.onDecision('attendance.missed_punch', (em, a, d) => this.missedPunchDecided(em, a, d));
    this.approvals.onDecision('attendance.certificate', (em, a, d) => this.certificateDecided(em, a, d));
    // ATT-8 / GEN-8: reads already show converted sick leave once the certificate is overdue; this job records it.
    this.jobs.register('attendance.sick_certificate_due', async (job, em) => {
      const leave = await em.getRepository(LeaveRequest).findOneBy({ id: (job.payload as { leaveId: string }).leaveId });
      if (!leave || leave.status !== 'approved' || !leave.firstDayBack) return;
      const site = (await this.access.site(leave.siteId))!;
      const policy = (await this.policies.on(site, leave.firstDayBack, em)).policy;
      const status = sickLeaveStatus({ firstDayBack: leave.firstDayBack, certificateAt: leave.certificateAt, submittedAt: leave.certificateSubmittedAt, now: new Date(), timeZone: site.timeZone, convertTo: policy.sick.convertTo });
      if (status.status !== 'converted') return;
      await this.audit.record(em, {
        organizationId: site.organizationId,
        siteId: site.id,
        action: 'attendance.sick_leave_converted',
        entityType: 'leave_request',
        entityId: leave.id,
        after: { convertedTo: status.leaveType, dueAt: status.dueAt },
        reason: 'no medical certificate by the end of the first working day back (ATT-8)',
        actorId: null,
        actorLogin: 'system',
      });
    });
  }

  /** The working days a leave covers with their shift starts: published days, and the policy's first shift where the rota is not published yet. */
  private async workingDays(site: SiteRef, userId: string, from: Date, to: Date, em: EntityManager) {
    const first = localDate(from, site.timeZone);
    const last = localDate(new Date(to.getTime() - 1), site.timeZone);
    if (datesBetween(first, last).length > 62) throw validationFailed([{ field: 'to', message: 'at most 62 days at once' }]);
    const schedule = await this.data.schedule(site, [userId], addDays(first, -1), last, em);
    const { on } = await this.policies.resolver(site, em);
    const out: { date: LocalDate; start: Date }[] = [];
    for (const date of datesBetween(addDays(first, -1), last)) {
      const key = `${userId}|${date}`;
      const policy = on(date).policy;
      const code = schedule.has(key) ? schedule.get(key) : date >= first ? policy.shifts[0].code : null;
      const shift = code ? policy.shifts.find((s) => s.code === code) : null;
      if (!shift) continue;
      const bounds = shiftBounds(date, shift, site.timeZone);
      // The leave covers the day when it overlaps the day's shift.
      if (bounds.some((b) => b.from < to && b.to > from)) out.push({ date, start: bounds[0].from });
    }
    return out;
  }

  async createLeave(p: Principal, site: SiteRef, body: CreateLeaveDto): Promise<LeaveDto> {
    const from = new Date(body.from);
    const to = new Date(body.to);
    if (to <= from) throw validationFailed([{ field: 'to', message: 'must be after from' }]);
    const now = new Date();
    return this.ds.transaction(async (em) => {
      // One person's requests are checked for overlap one at a time.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`leave:${p.userId}`]);
      const overlap = await em.getRepository(LeaveRequest).exists({ where: { userId: p.userId, status: In(['pending', 'approved']), fromAt: LessThan(to), toAt: MoreThan(from) } });
      if (overlap) throw new ProblemException(409, 'LEAVE_OVERLAP', 'you already asked for leave in this time');
      const days = await this.workingDays(site, p.userId, from, to, em);
      const version = await this.policies.on(site, localDate(from, site.timeZone), em);
      const blackout = new Set(
        (await em.getRepository(BlackoutDay).find({ where: { siteId: site.id, date: Between(localDate(from, site.timeZone), localDate(to, site.timeZone)) } })).map((b) => b.date),
      );
      const decision = domain(() =>
        checkLeaveRequest({
          policy: version.policy,
          timeZone: site.timeZone,
          type: body.type,
          from,
          to,
          workingDays: days.map((d) => d.date),
          firstShiftStart: days[0]?.start ?? from,
          requestedAt: now,
          emergency: body.emergency ?? false,
          blackoutDates: blackout,
        }),
      );
      const leave = await em.getRepository(LeaveRequest).save(
        em.getRepository(LeaveRequest).create({
          siteId: site.id,
          userId: p.userId,
          type: body.type,
          fromAt: from,
          toAt: to,
          reason: body.reason,
          emergency: decision.emergency,
          status: 'pending',
          approvalSteps: decision.approvers.slice(1),
          requestedAt: now,
          policyVersion: version.version,
        }),
      );
      await this.approvals.request(em, site, {
        type: 'attendance.leave',
        subjectType: 'leave_request',
        subjectId: leave.id,
        requesterId: p.userId,
        approverRole: decision.approvers[0],
        payload: { type: body.type, from, to, ruleIds: decision.ruleIds },
      });
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'attendance.leave_requested', entityType: 'leave_request', entityId: leave.id, after: { ...leaveDto(leave, site), ruleIds: decision.ruleIds } });
      return leaveDto(leave, site);
    });
  }

  private async leaveDecided(em: EntityManager, a: Approval, decision: 'approved' | 'rejected') {
    const leave = await em.getRepository(LeaveRequest).findOne({ where: { id: a.subjectId }, lock: { mode: 'pessimistic_write' } });
    if (!leave || leave.status !== 'pending') throw new ProblemException(409, 'REQUEST_NOT_PENDING', 'the request is no longer pending');
    const site = (await this.access.site(leave.siteId))!;
    if (decision === 'rejected') {
      leave.status = 'rejected';
    } else if (leave.approvalSteps.length) {
      // The next approver in order (trampoline: the supervisor, then the store manager).
      const [next, ...rest] = leave.approvalSteps;
      leave.approvalSteps = rest;
      await this.approvals.request(em, site, {
        type: 'attendance.leave',
        subjectType: 'leave_request',
        subjectId: leave.id,
        requesterId: leave.userId,
        approverRole: next as Role,
        payload: a.payload,
      });
    } else {
      leave.status = 'approved';
      // ATT-8: the certificate is due on the first working day back — the day after the leave's last day.
      if (leave.type === 'sick') {
        leave.firstDayBack = addDays(localDate(new Date(leave.toAt.getTime() - 1), site.timeZone), 1);
        const dueAt = zonedTime(addDays(leave.firstDayBack, 1), '00:00', site.timeZone);
        await this.jobs.schedule(em, { name: 'attendance.sick_certificate_due', runAt: dueAt, siteId: site.id, payload: { leaveId: leave.id }, dedupeKey: `sick-due:${leave.id}` });
      }
    }
    await em.getRepository(LeaveRequest).save(leave);
    await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: `attendance.leave_${decision}`, entityType: 'leave_request', entityId: leave.id, after: leaveDto(leave, site) });
    await this.events.publish(em, site.id, 'attendance.request', { kind: 'leave', id: leave.id, userId: leave.userId, status: leave.status });
  }

  async cancelLeave(p: Principal, id: string): Promise<LeaveDto> {
    return this.ds.transaction(async (em) => {
      const leave = await em.getRepository(LeaveRequest).findOne({ where: { id, userId: p.userId }, lock: { mode: 'pessimistic_write' } });
      if (!leave) throw notFound('leave request');
      const site = (await this.access.site(leave.siteId))!;
      if (leave.status !== 'pending' && !(leave.status === 'approved' && leave.fromAt > new Date())) {
        throw new ProblemException(409, 'REQUEST_NOT_CANCELLABLE', 'only pending leave, or approved leave that has not begun, is cancelled');
      }
      const before = leaveDto(leave, site);
      leave.status = 'cancelled';
      await em.getRepository(LeaveRequest).save(leave);
      await em.query(`UPDATE approval SET status = 'cancelled' WHERE subject_type = 'leave_request' AND subject_id = $1 AND status = 'pending'`, [leave.id]);
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'attendance.leave_cancelled', entityType: 'leave_request', entityId: leave.id, before, after: leaveDto(leave, site) });
      await this.events.publish(em, site.id, 'attendance.request', { kind: 'leave', id: leave.id, userId: leave.userId, status: leave.status });
      return leaveDto(leave, site);
    });
  }

  /** ATT-8: the medical certificate arrived (recorded at server time by a clerk or manager). */
  async recordCertificate(p: Principal, site: SiteRef, id: string): Promise<LeaveDto> {
    return this.ds.transaction(async (em) => {
      const leave = await em.getRepository(LeaveRequest).findOne({ where: { id, siteId: site.id }, lock: { mode: 'pessimistic_write' } });
      if (!leave) throw notFound('leave request');
      if (leave.type !== 'sick' || leave.status !== 'approved') throw new ProblemException(409, 'NOT_SICK_LEAVE', 'a certificate belongs to approved sick leave');
      if (leave.certificateAt) throw new ProblemException(409, 'CERTIFICATE_RECORDED', 'the certificate is already recorded');
      if (leave.userId === p.userId) throw new ProblemException(403, 'SELF_APPROVAL_FORBIDDEN', 'nobody records their own certificate (GEN-6)');
      // Handed in through SiteDesk and waiting: it arrived when the person handed it in; the waiting approval closes.
      leave.certificateAt = leave.certificateSubmittedAt ?? new Date();
      await em.getRepository(LeaveRequest).save(leave);
      if (leave.certificateSubmittedAt) {
        await em.query(`UPDATE approval SET status = 'cancelled' WHERE type = 'attendance.certificate' AND subject_id = $1 AND status = 'pending'`, [leave.id]);
      }
      const convertTo = (await this.policies.on(site, leave.firstDayBack ?? localDate(leave.fromAt, site.timeZone), em)).policy.sick.convertTo;
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'attendance.certificate_received', entityType: 'leave_request', entityId: leave.id, after: leaveDto(leave, site, new Date(), convertTo) });
      await this.events.publish(em, site.id, 'attendance.request', { kind: 'leave', id: leave.id, userId: leave.userId, status: leave.status });
      return leaveDto(leave, site, new Date(), convertTo);
    });
  }

  /**
   * ATT-8, the person's side: they hand the certificate in (at server time, with a note); the clerk
   * confirms it through /approvals (GEN-6: nobody records their own). Handed in before the deadline,
   * the leave stays sick while the clerk decides.
   */
  async submitCertificate(p: Principal, id: string, note: string | null): Promise<LeaveDto> {
    return this.ds.transaction(async (em) => {
      const leave = await em.getRepository(LeaveRequest).findOne({ where: { id, userId: p.userId }, lock: { mode: 'pessimistic_write' } });
      if (!leave) throw notFound('leave request');
      const site = (await this.access.site(leave.siteId))!;
      if (leave.type !== 'sick' || leave.status !== 'approved') throw new ProblemException(409, 'NOT_SICK_LEAVE', 'a certificate belongs to approved sick leave');
      if (leave.certificateAt) throw new ProblemException(409, 'CERTIFICATE_RECORDED', 'the certificate is already recorded');
      if (leave.certificateSubmittedAt) throw new ProblemException(409, 'CERTIFICATE_SUBMITTED', 'the certificate is handed in and waits for the clerk');
      const now = new Date();
      const convertTo = (await this.policies.on(site, leave.firstDayBack ?? localDate(leave.fromAt, site.timeZone), em)).policy.sick.convertTo;
      const state = sickLeaveStatus({ firstDayBack: leave.firstDayBack, certificateAt: null, now, timeZone: site.timeZone, convertTo });
      if (state.status === 'converted') throw new ProblemException(409, 'CERTIFICATE_OVERDUE', `the certificate was due before ${state.dueAt?.toISOString()}: the leave counts as ${convertTo} leave (ATT-8)`);
      leave.certificateSubmittedAt = now;
      leave.certificateNote = note;
      await em.getRepository(LeaveRequest).save(leave);
      await this.approvals.request(em, site, {
        type: 'attendance.certificate',
        subjectType: 'leave_request',
        subjectId: leave.id,
        requesterId: p.userId,
        approverRole: 'clerk',
        subjectUserId: p.userId,
        payload: { submittedAt: now.toISOString(), note, from: leave.fromAt.toISOString(), to: leave.toAt.toISOString(), dueAt: state.dueAt?.toISOString() ?? null },
      });
      const dto = leaveDto(leave, site, now, convertTo);
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'attendance.certificate_submitted', entityType: 'leave_request', entityId: leave.id, after: dto });
      await this.events.publish(em, site.id, 'attendance.request', { kind: 'certificate', id: leave.id, userId: leave.userId, status: dto.certificate });
      return dto;
    });
  }

  /** The clerk's decision on a handed-in certificate: accepted as of when it was handed in, or refused (as if never handed in). */
  private async certificateDecided(em: EntityManager, a: Approval, decision: 'approved' | 'rejected') {
    const leave = await em.getRepository(LeaveRequest).findOne({ where: { id: a.subjectId }, lock: { mode: 'pessimistic_write' } });
    if (!leave || !leave.certificateSubmittedAt) throw new ProblemException(409, 'REQUEST_NOT_PENDING', 'no certificate waits for a decision');
    const site = (await this.access.site(leave.siteId))!;
    const before = { certificateAt: leave.certificateAt, certificateSubmittedAt: leave.certificateSubmittedAt };
    // A clerk may have recorded the paper directly meanwhile: that record stands.
    if (decision === 'approved') leave.certificateAt ??= leave.certificateSubmittedAt;
    else leave.certificateSubmittedAt = null;
    await em.getRepository(LeaveRequest).save(leave);
    const convertTo = (await this.policies.on(site, leave.firstDayBack ?? localDate(leave.fromAt, site.timeZone), em)).policy.sick.convertTo;
    const dto = leaveDto(leave, site, new Date(), convertTo);
    await this.audit.record(em, {
      organizationId: site.organizationId,
      siteId: site.id,
      action: decision === 'approved' ? 'attendance.certificate_received' : 'attendance.certificate_refused',
      entityType: 'leave_request',
      entityId: leave.id,
      before,
      after: dto,
      reason: a.comment,
    });
    // Refused after the deadline: the conversion the timed job skipped (the certificate was pending) is recorded now (GEN-8).
    if (decision === 'rejected' && dto.certificate === 'converted') {
      await this.audit.record(em, {
        organizationId: site.organizationId,
        siteId: site.id,
        action: 'attendance.sick_leave_converted',
        entityType: 'leave_request',
        entityId: leave.id,
        after: { convertedTo: dto.readsAs, dueAt: dto.certificateDueAt },
        reason: 'the medical certificate was refused and the deadline has passed (ATT-8)',
      });
    }
    await this.events.publish(em, site.id, 'attendance.request', { kind: 'certificate', id: leave.id, userId: leave.userId, status: dto.certificate });
  }

  async createSwap(p: Principal, site: SiteRef, body: CreateSwapDto): Promise<SwapDto> {
    return this.ds.transaction(async (em) => {
      const member = await em.getRepository(RoleAssignment).exists({ where: { userId: body.colleagueId, siteId: site.id, revokedAt: IsNull() } });
      if (!member) throw notFound('colleague on this site');
      const starts = await this.swapShiftStarts(em, site, p.userId, body.colleagueId, body.requesterDate, body.colleagueDate);
      const blackout = new Set((await em.getRepository(BlackoutDay).find({ where: { siteId: site.id, date: In([body.requesterDate, body.colleagueDate]) } })).map((b) => b.date));
      domain(() =>
        checkSwapRequest({ requesterId: p.userId, colleagueId: body.colleagueId, shiftStarts: starts, requestedAt: new Date(), restDatesAfterSwap: [body.requesterDate, body.colleagueDate], blackoutDates: blackout }),
      );
      const swap = await em.getRepository(SwapRequest).save(
        em.getRepository(SwapRequest).create({ siteId: site.id, requesterId: p.userId, colleagueId: body.colleagueId, requesterDate: body.requesterDate, colleagueDate: body.colleagueDate, reason: body.reason }),
      );
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'attendance.swap_requested', entityType: 'swap_request', entityId: swap.id, after: swapDto(swap) });
      return swapDto(swap);
    });
  }

  /** Both people must work the day they give away, by the published rota. */
  private async swapShiftStarts(em: EntityManager, site: SiteRef, requesterId: string, colleagueId: string, requesterDate: LocalDate, colleagueDate: LocalDate) {
    const from = requesterDate < colleagueDate ? requesterDate : colleagueDate;
    const to = requesterDate < colleagueDate ? colleagueDate : requesterDate;
    const schedule = await this.data.schedule(site, [requesterId, colleagueId], from, to, em);
    const { on } = await this.policies.resolver(site, em);
    const starts: Date[] = [];
    for (const [userId, date] of [[requesterId, requesterDate], [colleagueId, colleagueDate]] as const) {
      const code = schedule.get(`${userId}|${date}`);
      const shift = code ? on(date).policy.shifts.find((s) => s.code === code) : null;
      if (!shift) throw new ProblemException(422, 'SWAP_NOT_WORKING', `${userId === requesterId ? 'you do' : 'the colleague does'} not work on ${date} by the published rota`);
      starts.push(shiftBounds(date, shift, site.timeZone)[0].from);
    }
    return starts;
  }

  async answerSwap(p: Principal, id: string, accept: boolean): Promise<SwapDto> {
    return this.ds.transaction(async (em) => {
      const swap = await em.getRepository(SwapRequest).findOne({ where: { id, colleagueId: p.userId }, lock: { mode: 'pessimistic_write' } });
      if (!swap) throw notFound('swap request');
      if (swap.status !== 'awaiting_colleague') throw new ProblemException(409, 'REQUEST_NOT_PENDING', `the swap is ${swap.status}`);
      const site = (await this.access.site(swap.siteId))!;
      if (accept) {
        swap.status = 'awaiting_manager';
        swap.colleagueAcceptedAt = new Date();
        const policy = (await this.policies.on(site, swap.requesterDate, em)).policy;
        await this.approvals.request(em, site, {
          type: 'attendance.swap',
          subjectType: 'swap_request',
          subjectId: swap.id,
          requesterId: swap.requesterId,
          approverRole: policy.swapApprover,
          subjectUserId: swap.colleagueId,
          payload: { requesterDate: swap.requesterDate, colleagueDate: swap.colleagueDate },
        });
      } else swap.status = 'rejected';
      await em.getRepository(SwapRequest).save(swap);
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: accept ? 'attendance.swap_accepted' : 'attendance.swap_declined', entityType: 'swap_request', entityId: swap.id, after: swapDto(swap) });
      return swapDto(swap);
    });
  }

  private async swapDecided(em: EntityManager, a: Approval, decision: 'approved' | 'rejected') {
    const swap = await em.getRepository(SwapRequest).findOne({ where: { id: a.subjectId }, lock: { mode: 'pessimistic_write' } });
    if (!swap || swap.status !== 'awaiting_manager') throw new ProblemException(409, 'REQUEST_NOT_PENDING', 'the swap is no longer waiting');
    const site = (await this.access.site(swap.siteId))!;
    if (decision === 'approved') {
      const starts = await this.swapShiftStarts(em, site, swap.requesterId, swap.colleagueId, swap.requesterDate, swap.colleagueDate);
      // ATT-9: approved beforehand, or not at all.
      if (!swapIsApprovedInTime(new Date(), starts)) throw new ProblemException(409, 'SWAP_TOO_LATE', 'the first swapped shift has begun: a swap is approved beforehand (ATT-9)');
      const entries = await em.getRepository(ScheduleEntry).find({ where: { siteId: site.id, userId: In([swap.requesterId, swap.colleagueId]), date: In([swap.requesterDate, swap.colleagueDate]) } });
      const code = (u: string, d: string) => entries.find((e) => e.userId === u && e.date === d)?.shiftCode ?? null;
      const set = [
        { userId: swap.colleagueId, date: swap.requesterDate, shiftCode: code(swap.requesterId, swap.requesterDate) },
        { userId: swap.requesterId, date: swap.requesterDate, shiftCode: code(swap.colleagueId, swap.requesterDate) },
        { userId: swap.requesterId, date: swap.colleagueDate, shiftCode: code(swap.colleagueId, swap.colleagueDate) },
        { userId: swap.colleagueId, date: swap.colleagueDate, shiftCode: code(swap.requesterId, swap.colleagueDate) },
      ];
      await em
        .createQueryBuilder()
        .insert()
        .into(ScheduleEntry)
        .values(set.map((e) => ({ siteId: site.id, ...e, updatedBy: a.decidedBy!, updatedAt: new Date() })))
        .orUpdate(['shift_code', 'updated_by', 'updated_at'], ['site_id', 'user_id', 'date'])
        .execute();
    }
    swap.status = decision;
    await em.getRepository(SwapRequest).save(swap);
    await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: `attendance.swap_${decision}`, entityType: 'swap_request', entityId: swap.id, after: swapDto(swap) });
    await this.events.publish(em, site.id, 'attendance.request', { kind: 'swap', id: swap.id, userId: swap.requesterId, status: swap.status });
  }

  /** ATT-15: ask for a missed punch to be entered; the manager approves. */
  async requestMissedPunch(p: Principal, site: SiteRef, body: MissedPunchDto) {
    const at = new Date(body.at);
    if (at.getTime() > Date.now()) throw validationFailed([{ field: 'at', message: 'a missed punch is in the past' }]);
    if (at.getTime() < Date.now() - 62 * 86_400_000) throw validationFailed([{ field: 'at', message: 'at most 62 days back' }]);
    const segment = await this.data.segmentFor(site, p.userId, at, body.kind);
    if (!segment) throw new ProblemException(422, 'NO_SHIFT_THEN', 'you had no published shift at that time');
    return this.ds.transaction(async (em) => {
      const approval = await this.approvals.request(em, site, {
        type: 'attendance.missed_punch',
        subjectType: 'user',
        subjectId: p.userId,
        requesterId: p.userId,
        approverRole: 'manager',
        subjectUserId: p.userId,
        payload: { kind: body.kind, at: at.toISOString(), reason: body.reason, shiftDate: segment.shiftDate, segment: segment.segment },
      });
      return { approvalId: approval.id, approverRole: approval.approverRole };
    });
  }

  private async missedPunchDecided(em: EntityManager, a: Approval, decision: 'approved' | 'rejected') {
    if (decision !== 'approved') return;
    const payload = a.payload as { kind: 'in' | 'out'; at: string; reason: string; shiftDate: string; segment: number };
    await this.writeCorrection(em, a.siteId, a.subjectId, payload, a.decidedBy!);
  }

  /** ATT-15: a manager corrects someone else's record directly, with a reason. */
  async correct(p: Principal, site: SiteRef, userId: string, body: MissedPunchDto) {
    if (userId === p.userId) throw new ProblemException(403, 'SELF_APPROVAL_FORBIDDEN', 'nobody corrects their own record (GEN-6)');
    const at = new Date(body.at);
    if (at.getTime() > Date.now()) throw validationFailed([{ field: 'at', message: 'a correction is in the past' }]);
    const member = await this.ds.getRepository(RoleAssignment).exists({ where: { userId, siteId: site.id, revokedAt: IsNull() } });
    if (!member) throw notFound('person on this site');
    const segment = await this.data.segmentFor(site, userId, at, body.kind);
    if (!segment) throw new ProblemException(422, 'NO_SHIFT_THEN', 'the person had no published shift at that time');
    return this.ds.transaction((em) => this.writeCorrection(em, site.id, userId, { kind: body.kind, at: at.toISOString(), reason: body.reason, shiftDate: segment.shiftDate, segment: segment.segment }, p.userId));
  }

  private async writeCorrection(em: EntityManager, siteId: string, userId: string, c: { kind: 'in' | 'out'; at: string; reason: string; shiftDate: string; segment: number }, by: string) {
    const site = (await this.access.site(siteId))!;
    if (c.kind === 'in') {
      // A corrected clock-in replaces the one recorded for that shift (which stays, voided).
      await em.query(`UPDATE punch SET voided_at = now() WHERE user_id = $1 AND shift_date = $2 AND segment = $3 AND kind = 'in' AND voided_at IS NULL`, [userId, c.shiftDate, c.segment]);
    }
    const row = await em.getRepository(PunchRecord).save(
      em.getRepository(PunchRecord).create({ siteId, userId, kind: c.kind, at: new Date(c.at), shiftDate: c.shiftDate, segment: c.segment, source: 'correction', correctionReason: c.reason, correctedBy: by }),
    );
    await this.audit.record(em, { organizationId: site.organizationId, siteId, action: 'attendance.punch_corrected', entityType: 'punch', entityId: row.id, after: { userId, ...c }, reason: c.reason });
    await this.events.publish(em, siteId, 'attendance.punch', { userId, kind: c.kind, at: c.at, corrected: true });
    return { id: row.id, kind: row.kind, at: row.at, shiftDate: row.shiftDate, segment: row.segment, source: row.source };
  }
}
