import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { localDate, STAFF_ROLES, type Role } from '@sitedesk/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource, IsNull } from 'typeorm';
import { AccessPolicy } from '../../platform/access/access.policy.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { notFound, ProblemException } from '../../platform/errors/problem.js';
import { ApiProblems, WRITE_PROBLEMS } from '../../platform/http/openapi.js';
import { validationFailed } from '../../platform/http/validation.js';
import { RoleAssignment } from '../../platform/identity/identity.entities.js';
import { userNames } from '../../platform/identity/user-names.js';
import { AttendanceIncident, BusinessOut, EveningMeeting } from './attendance.entities.js';
import { BusinessOutDto, BusinessOutResultDto, DaysQuery, EveningMeetingDto, IncidentDto, PersonDaysDto, PunchDto, SiteBody } from './attendance.dto.js';
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
    await this.kiosks.assertPersonalClockInAllowed(site, localDate(new Date(), site.timeZone), req.ip);
    const { punch, created } = await this.clock.clockIn(site, p.userId, { source: 'personal', ip: req.ip });
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

  private async requireMember(em: import('typeorm').EntityManager, siteId: string, userId: string) {
    const member = await em.getRepository(RoleAssignment).exists({ where: { siteId, userId, revokedAt: IsNull() } });
    if (!member) throw notFound('person on this site');
  }
}
