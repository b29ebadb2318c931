import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { addDays, localDate, STAFF_ROLES, zonedTime, type Role } from '@sitedesk/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Between, DataSource, IsNull, LessThan, LessThanOrEqual, MoreThan, MoreThanOrEqual, type FindOptionsWhere } from 'typeorm';
import { AccessPolicy } from '../../platform/access/access.policy.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { notFound, ProblemException } from '../../platform/errors/problem.js';
import { ApiProblems, pageOf, WRITE_PROBLEMS } from '../../platform/http/openapi.js';
import { page, paging } from '../../platform/http/paging.js';
import { EventsService } from '../../platform/events/events.service.js';
import { IdPipe } from '../../platform/http/params.js';
import { validationFailed } from '../../platform/http/validation.js';
import { RoleAssignment } from '../../platform/identity/identity.entities.js';
import { userNames } from '../../platform/identity/user-names.js';
import { AttendanceIncident, BusinessOut, EveningMeeting } from './attendance.entities.js';
import { BusinessOutDto, BusinessOutRecordDto, BusinessOutResultDto, DaysQuery, EveningMeetingDto, EveningMeetingRecordDto, IncidentDto, IncidentRecordDto, MeetingsQuery, PersonDaysDto, PunchDto, RecordsQuery, SiteBody, VoidIncidentDto } from './attendance.dto.js';
import { AttendanceDataService } from './attendance-data.service.js';
import { ClockService } from './clock.service.js';
import { KioskService } from './kiosk.service.js';

const STAFF = STAFF_ROLES as Role[];
const OVERSEERS: Role[] = ['supervisor', 'clerk', 'manager', 'director', 'admin'];
const MANAGERS: Role[] = ['manager', 'director', 'admin'];

/** Clocking (ATT-4, server time only), business-outs (ATT-10), evening meetings (ATT-1), incidents (ATT-6/9), evaluated days. */
@ApiTags('attendance')
@Controller('v1/attendance')
export class ClockController {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly data: AttendanceDataService,
    private readonly clock: ClockService,
    private readonly kiosks: KioskService,
    private readonly events: EventsService,
  ) {}

  @Post('clock-in')
  @Roles(...STAFF)
  @ApiOperation({
    operationId: 'clockIn',
    summary: 'Clock in, at server time (GEN-4)',
    description: 'No client time is accepted. Clocking in again for the same shift answers the first punch with 200 (never a second punch); a first clock-in answers 201.',
  })
  @ApiCreatedResponse({ type: PunchDto, description: 'Clocked in' })
  @ApiOkResponse({ type: PunchDto, description: 'Already clocked in for this shift: the first punch' })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 403: ['CLOCK_IN_KIOSK_ONLY', 'CLOCK_IN_OUTSIDE_NETWORK'], 409: ['NO_SHIFT_NOW'] })
  async clockIn(@CurrentPrincipal() p: Principal, @Body() body: SiteBody, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<PunchDto> {
    const { site } = await this.access.requireSite(p, body.siteId, STAFF);
    // The rota and the policy versions are read once (one statement), for the network rule and the shift alike.
    const context = await this.data.clockContext(site, p.userId, new Date());
    await this.kiosks.assertPersonalClockInAllowed(site, context.today, req.ip, context.resolver);
    const { punch, created } = await this.clock.clockIn(site, p.userId, { source: 'personal', ip: req.ip }, context);
    void reply.status(created ? 201 : 200);
    return punch;
  }

  @Post('clock-out')
  @Roles(...STAFF)
  @ApiOperation({ operationId: 'clockOut', summary: 'Clock out, at server time', description: 'Without a clock-in for the shift: 409 NOT_CLOCKED_IN. Clocking out again later moves the clock-out (the last one counts).' })
  @ApiCreatedResponse({ type: PunchDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 403: ['CLOCK_IN_KIOSK_ONLY', 'CLOCK_IN_OUTSIDE_NETWORK'], 409: ['NOT_CLOCKED_IN'] })
  async clockOut(@CurrentPrincipal() p: Principal, @Body() body: SiteBody, @Req() req: FastifyRequest): Promise<PunchDto> {
    const { site } = await this.access.requireSite(p, body.siteId, STAFF);
    await this.kiosks.assertPersonalClockInAllowed(site, localDate(new Date(), site.timeZone), req.ip);
    return this.clock.clockOut(site, p.userId, { source: 'personal', ip: req.ip });
  }

  @Post('business-outs')
  @Roles(...STAFF)
  @ApiOperation({ operationId: 'registerBusinessOut', summary: 'Register a business out before leaving (ATT-10): counts as present' })
  @ApiCreatedResponse({ type: BusinessOutResultDto })
  @ApiProblems([...WRITE_PROBLEMS, 422])
  async businessOut(@CurrentPrincipal() p: Principal, @Body() body: BusinessOutDto): Promise<BusinessOutResultDto> {
    const { site, roles } = await this.access.requireSite(p, body.siteId, STAFF);
    const userId = body.userId ?? p.userId;
    if (userId !== p.userId && !roles.some((r) => MANAGERS.includes(r))) throw new ProblemException(403, 'FORBIDDEN', 'only a manager registers a business out for someone else');
    const from = new Date(body.from);
    const to = new Date(body.to);
    if (to <= from || to.getTime() - from.getTime() > 7 * 86_400_000) throw validationFailed([{ field: 'to', message: 'must be after from, within 7 days' }]);
    // ATT-10: registered before leaving — not for a time already past (a correction is a missed-punch request).
    if (from.getTime() < Date.now() - 5 * 60_000) throw validationFailed([{ field: 'from', message: 'a business out is registered before leaving' }]);
    return this.ds.transaction(async (em) => {
      await this.requireMember(em, site.id, userId);
      const row = await em.getRepository(BusinessOut).save(em.getRepository(BusinessOut).create({ siteId: site.id, userId, fromAt: from, toAt: to, whereabouts: body.whereabouts }));
      const dto = { id: row.id, userId, from, to, whereabouts: row.whereabouts };
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'attendance.business_out', entityType: 'business_out', entityId: row.id, after: dto });
      await this.events.publish(em, site.id, 'attendance.business_out', { userId, id: row.id });
      return dto;
    });
  }

  @Post('evening-meetings')
  @Roles('supervisor', 'manager', 'director', 'admin')
  @HttpCode(200)
  @ApiOperation({ operationId: 'recordEveningMeeting', summary: "Record when the day's evening meeting ended (ATT-1 case site: the day ends then)" })
  @ApiOkResponse({ type: EveningMeetingDto })
  @ApiProblems([...WRITE_PROBLEMS, 422])
  async eveningMeeting(@CurrentPrincipal() p: Principal, @Body() body: EveningMeetingDto): Promise<EveningMeetingDto> {
    const { site } = await this.access.requireSite(p, body.siteId, ['supervisor', ...MANAGERS]);
    const endedAt = new Date(body.endedAt);
    if (endedAt.getTime() > Date.now() + 60_000) throw validationFailed([{ field: 'endedAt', message: 'a meeting is recorded once it has ended' }]);
    await this.ds.transaction(async (em) => {
      await em.createQueryBuilder().insert().into(EveningMeeting).values({ siteId: site.id, date: body.date, endedAt, recordedBy: p.userId }).orUpdate(['ended_at', 'recorded_by'], ['site_id', 'date']).execute();
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'attendance.evening_meeting', entityType: 'evening_meeting', entityId: `${site.id}:${body.date}`, after: body });
      await this.events.publish(em, site.id, 'attendance.evening_meeting', { date: body.date });
    });
    return body;
  }

  @Post('incidents')
  @Roles(...MANAGERS)
  @ApiOperation({ operationId: 'recordAttendanceIncident', summary: 'Record a swap without approval (ATT-9: both absent) or leaving the post (ATT-6)' })
  @ApiCreatedResponse({ type: IncidentDto })
  @ApiProblems([...WRITE_PROBLEMS, 422], { 403: ['SELF_APPROVAL_FORBIDDEN'] })
  async incident(@CurrentPrincipal() p: Principal, @Body() body: IncidentDto): Promise<IncidentDto> {
    const { site } = await this.access.requireSite(p, body.siteId, MANAGERS);
    if (body.userId === p.userId) throw new ProblemException(403, 'SELF_APPROVAL_FORBIDDEN', 'nobody records an incident against themselves (GEN-6)');
    await this.ds.transaction(async (em) => {
      await this.requireMember(em, site.id, body.userId);
      const row = await em.getRepository(AttendanceIncident).save(em.getRepository(AttendanceIncident).create({ siteId: site.id, userId: body.userId, date: body.date, kind: body.kind, note: body.note, recordedBy: p.userId }));
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: `attendance.incident.${body.kind}`, entityType: 'attendance_incident', entityId: row.id, after: body });
      await this.events.publish(em, site.id, 'attendance.incident', { userId: body.userId, date: body.date, kind: body.kind });
    });
    return body;
  }

  @Get('days')
  @Roles(...STAFF)
  @ApiOperation({ operationId: 'listAttendanceDays', summary: 'Evaluated days (present, late n min, absent, on leave …) with the rule ids and policy version that decided each', description: 'Your own days, or anyone\'s on the site for supervisors, clerks and managers. Without userId, overseers get everyone of the site. At most 62 days.' })
  @ApiOkResponse({ type: [PersonDaysDto] })
  @ApiProblems([400, 401, 403, 404])
  async days(@CurrentPrincipal() p: Principal, @Query() q: DaysQuery): Promise<PersonDaysDto[]> {
    const { site, roles } = await this.access.requireSite(p, q.siteId, STAFF);
    if (q.to < q.from || (new Date(q.to).getTime() - new Date(q.from).getTime()) / 86_400_000 > 61) throw validationFailed([{ field: 'to', message: 'from ≤ to, at most 62 days' }]);
    const overseer = roles.some((r) => OVERSEERS.includes(r));
    let userIds: string[];
    if (q.userId && q.userId !== p.userId) {
      if (!overseer) throw new ProblemException(403, 'FORBIDDEN', "only supervisors, clerks and managers see other people's days");
      await this.requireMember(this.ds.manager, site.id, q.userId);
      userIds = [q.userId];
    } else if (!q.userId && overseer) {
      const rows = await this.ds.getRepository(RoleAssignment).find({ where: { siteId: site.id, revokedAt: IsNull() } });
      userIds = [...new Set(rows.filter((r) => r.role !== 'partner').map((r) => r.userId))];
    } else userIds = [p.userId];
    const [result, names] = await Promise.all([this.data.evaluate(site, userIds, q.from, q.to), userNames(this.ds.manager, userIds)]);
    return userIds.map((userId) => ({ userId, displayName: names.get(userId) ?? '', days: result.get(userId) ?? [] }));
  }

  @Get('business-outs')
  @Roles(...STAFF)
  @ApiOperation({
    operationId: 'listBusinessOuts',
    summary: 'Business outs (ATT-10, the whereabouts board 员工去向牌): your own, or the site\'s for supervisors, clerks and managers',
    description: 'Those overlapping the local dates from–to (site time zone), newest first. Cancelled ones are listed with cancelledAt.',
  })
  @ApiOkResponse({ type: pageOf(BusinessOutRecordDto) })
  @ApiProblems([400, 401, 403, 404])
  async listBusinessOuts(@CurrentPrincipal() p: Principal, @Query() q: RecordsQuery) {
    const { site, roles } = await this.access.requireSite(p, q.siteId, STAFF);
    const userId = this.whose(p, roles, q);
    this.checkRange(q);
    const where: FindOptionsWhere<BusinessOut> = { siteId: site.id, ...(userId ? { userId } : {}) };
    // Overlap with [from 00:00, to+1 00:00) in the site's zone.
    if (q.from) where.toAt = MoreThan(zonedTime(q.from, '00:00', site.timeZone));
    if (q.to) where.fromAt = LessThan(zonedTime(addDays(q.to, 1), '00:00', site.timeZone));
    const [rows, total] = await this.ds.getRepository(BusinessOut).findAndCount({ where, order: { fromAt: 'DESC', id: 'ASC' }, ...paging(q) });
    const names = await userNames(this.ds.manager, rows.map((r) => r.userId));
    return page(
      rows.map((r) => ({ id: r.id, userId: r.userId, displayName: names.get(r.userId) ?? '', from: r.fromAt, to: r.toAt, whereabouts: r.whereabouts, cancelledAt: r.cancelledAt, createdAt: r.createdAt })),
      total,
      q,
    );
  }

  @Get('evening-meetings')
  @Roles(...STAFF)
  @ApiOperation({ operationId: 'listEveningMeetings', summary: "When the site's evening meetings ended (ATT-1 case site: the day ends then), newest first" })
  @ApiOkResponse({ type: pageOf(EveningMeetingRecordDto) })
  @ApiProblems([400, 401, 403, 404])
  async listEveningMeetings(@CurrentPrincipal() p: Principal, @Query() q: MeetingsQuery) {
    const { site } = await this.access.requireSite(p, q.siteId, STAFF);
    this.checkRange(q);
    const where: FindOptionsWhere<EveningMeeting> = { siteId: site.id };
    if (q.from && q.to) where.date = Between(q.from, q.to);
    else if (q.from) where.date = MoreThanOrEqual(q.from);
    else if (q.to) where.date = LessThanOrEqual(q.to);
    const [rows, total] = await this.ds.getRepository(EveningMeeting).findAndCount({ where, order: { date: 'DESC' }, ...paging(q) });
    const names = await userNames(this.ds.manager, rows.map((r) => r.recordedBy));
    return page(rows.map((r) => ({ date: r.date, endedAt: r.endedAt, recordedBy: r.recordedBy, recordedByName: names.get(r.recordedBy) ?? '' })), total, q);
  }

  @Get('incidents')
  @Roles(...STAFF)
  @ApiOperation({ operationId: 'listAttendanceIncidents', summary: "Recorded incidents (ATT-9 swap without approval, ATT-6 left the post): your own, or the site's for supervisors, clerks and managers" })
  @ApiOkResponse({ type: pageOf(IncidentRecordDto) })
  @ApiProblems([400, 401, 403, 404])
  async listIncidents(@CurrentPrincipal() p: Principal, @Query() q: RecordsQuery) {
    const { site, roles } = await this.access.requireSite(p, q.siteId, STAFF);
    const userId = this.whose(p, roles, q);
    this.checkRange(q);
    const where: FindOptionsWhere<AttendanceIncident> = { siteId: site.id, voidedAt: IsNull(), ...(userId ? { userId } : {}) };
    if (q.from && q.to) where.date = Between(q.from, q.to);
    else if (q.from) where.date = MoreThanOrEqual(q.from);
    else if (q.to) where.date = LessThanOrEqual(q.to);
    const [rows, total] = await this.ds.getRepository(AttendanceIncident).findAndCount({ where, order: { date: 'DESC', createdAt: 'DESC' }, ...paging(q) });
    const names = await userNames(this.ds.manager, rows.flatMap((r) => [r.userId, r.recordedBy]));
    return page(
      rows.map((r) => ({ id: r.id, userId: r.userId, displayName: names.get(r.userId) ?? '', date: r.date, kind: r.kind, note: r.note, recordedBy: r.recordedBy, recordedByName: names.get(r.recordedBy) ?? '', createdAt: r.createdAt })),
      total,
      q,
    );
  }

  @Post('business-outs/:id/cancel')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'cancelBusinessOut', summary: 'Cancel a business out that has not begun: your own, or anyone\'s for a manager (ATT-10)' })
  @ApiOkResponse({ type: BusinessOutRecordDto })
  @ApiProblems([401, 403, 404, 409], { 409: ['BUSINESS_OUT_STARTED'] })
  async cancelBusinessOut(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string): Promise<BusinessOutRecordDto> {
    const found = await this.ds.getRepository(BusinessOut).findOneBy({ id });
    if (!found) throw notFound('business out');
    const { site, roles } = await this.access.requireSite(p, found.siteId, STAFF).catch(() => {
      throw notFound('business out');
    });
    // Someone else's is not even visible to staff: 404, as for another site.
    if (found.userId !== p.userId && !roles.some((r) => MANAGERS.includes(r))) throw notFound('business out');
    return this.ds.transaction(async (em) => {
      const row = await em.getRepository(BusinessOut).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (row.cancelledAt || row.fromAt.getTime() <= Date.now()) throw new ProblemException(409, 'BUSINESS_OUT_STARTED', row.cancelledAt ? 'the business out is already cancelled' : 'a business out that has begun stays on record');
      row.cancelledAt = new Date();
      await em.getRepository(BusinessOut).save(row);
      const names = await userNames(em, [row.userId]);
      const dto = { id: row.id, userId: row.userId, displayName: names.get(row.userId) ?? '', from: row.fromAt, to: row.toAt, whereabouts: row.whereabouts, cancelledAt: row.cancelledAt, createdAt: row.createdAt };
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'attendance.business_out_cancelled', entityType: 'business_out', entityId: row.id, after: dto });
      await this.events.publish(em, site.id, 'attendance.business_out', { userId: row.userId, id: row.id });
      return dto;
    });
  }

  @Post('incidents/:id/void')
  @Roles(...MANAGERS)
  @HttpCode(200)
  @ApiOperation({ operationId: 'voidAttendanceIncident', summary: 'Void an incident recorded by mistake, with a reason (audited); the day is judged again without it' })
  @ApiOkResponse({ type: IncidentRecordDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 403: ['SELF_APPROVAL_FORBIDDEN'], 409: ['INCIDENT_VOIDED'] })
  async voidIncident(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: VoidIncidentDto): Promise<IncidentRecordDto> {
    const found = await this.ds.getRepository(AttendanceIncident).findOneBy({ id });
    if (!found) throw notFound('incident');
    const { site } = await this.access.requireSite(p, found.siteId, MANAGERS).catch((e: unknown) => {
      // Another site's incident is a 404; a missing role on this site stays a 403.
      if (e instanceof ProblemException && e.status === 403) throw e;
      throw notFound('incident');
    });
    if (found.userId === p.userId) throw new ProblemException(403, 'SELF_APPROVAL_FORBIDDEN', 'nobody voids an incident against themselves (GEN-6)');
    return this.ds.transaction(async (em) => {
      const row = await em.getRepository(AttendanceIncident).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (row.voidedAt) throw new ProblemException(409, 'INCIDENT_VOIDED', 'the incident is already void');
      row.voidedAt = new Date();
      await em.getRepository(AttendanceIncident).save(row);
      const names = await userNames(em, [row.userId, row.recordedBy]);
      const dto = { id: row.id, userId: row.userId, displayName: names.get(row.userId) ?? '', date: row.date, kind: row.kind, note: row.note, recordedBy: row.recordedBy, recordedByName: names.get(row.recordedBy) ?? '', createdAt: row.createdAt };
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'attendance.incident_voided', entityType: 'attendance_incident', entityId: row.id, before: dto, after: { voidedAt: row.voidedAt }, reason: body.reason });
      await this.events.publish(em, site.id, 'attendance.incident', { userId: row.userId, date: row.date, kind: row.kind });
      return dto;
    });
  }

  /** Whose records a list shows: staff only their own (asking for someone else's is 403); overseers anyone's, or the whole site. */
  private whose(p: Principal, roles: Role[], q: { userId?: string }): string | undefined {
    const overseer = roles.some((r) => OVERSEERS.includes(r));
    if (overseer) return q.userId;
    if (q.userId && q.userId !== p.userId) throw new ProblemException(403, 'FORBIDDEN', "only supervisors, clerks and managers see other people's records");
    return p.userId;
  }

  private checkRange(q: { from?: string; to?: string }) {
    if (q.from && q.to && q.to < q.from) throw validationFailed([{ field: 'to', message: 'must not be before from' }]);
  }

  private async requireMember(em: import('typeorm').EntityManager, siteId: string, userId: string) {
    const member = await em.getRepository(RoleAssignment).exists({ where: { siteId, userId, revokedAt: IsNull() } });
    if (!member) throw notFound('person on this site');
  }
}
