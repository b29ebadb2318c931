import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { checkWeekRota, localDate, PRESET_NAMES, PRESETS, proposeRestDays, STAFF_ROLES, weekOf, type AttendancePolicy, type Role } from '@sitedesk/domain';
import { Between, DataSource, In, IsNull } from 'typeorm';
import { AccessPolicy, type SiteRef } from '../../platform/access/access.policy.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { notFound, ProblemException } from '../../platform/errors/problem.js';
import { ApiProblems, WRITE_PROBLEMS } from '../../platform/http/openapi.js';
import { IdPipe } from '../../platform/http/params.js';
import { validationFailed } from '../../platform/http/validation.js';
import { RoleAssignment, User } from '../../platform/identity/identity.entities.js';
import { BlackoutDay, RotaPublication, ScheduleEntry } from './attendance.entities.js';
import { BlackoutDayDto, CreateBlackoutDayDto, ProposeRotaDto, PublishRotaDto, PutRotaDto, RangeQuery, RotaDto, SiteQuery, WeekQuery } from './attendance.dto.js';
import { PolicyVersionDto, PresetDto, PutPolicyDto } from './policy.dto.js';
import { AttendancePolicyService } from './policy.service.js';

const STAFF = STAFF_ROLES as Role[];
const MANAGERS: Role[] = ['manager', 'director', 'admin'];
const ROTA_EDITORS: Role[] = ['clerk', 'manager', 'director', 'admin'];

/** Attendance set-up: the policy (ATT-1, versioned), blackout days (ATT-3) and the rota (ATT-2). */
@ApiTags('attendance')
@Controller('v1/attendance')
export class ScheduleController {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly policies: AttendancePolicyService,
  ) {}

  @Get('policy/presets')
  @Roles(...STAFF)
  @ApiOperation({ operationId: 'listAttendancePresets', summary: 'The policy presets named after their sources (ATT-1)' })
  @ApiOkResponse({ type: [PresetDto] })
  @ApiProblems([401, 403])
  presets(): PresetDto[] {
    return PRESET_NAMES.map((name) => ({ name, policy: PRESETS[name] }));
  }

  @Get('policy')
  @Roles(...STAFF)
  @ApiOperation({ operationId: 'listAttendancePolicyVersions', summary: "The site's policy versions, oldest first; the last one with effectiveFrom ≤ a date governs it" })
  @ApiOkResponse({ type: [PolicyVersionDto] })
  @ApiProblems([400, 401, 403, 404])
  async versions(@CurrentPrincipal() p: Principal, @Query() q: SiteQuery): Promise<PolicyVersionDto[]> {
    const { site } = await this.access.requireSite(p, q.siteId, STAFF);
    return (await this.policies.versions(site)).map(({ version, effectiveFrom, policy, createdBy, createdAt }) => ({ version, effectiveFrom, policy, createdBy, createdAt }));
  }

  @Put('policy')
  @Roles(...MANAGERS)
  @ApiOperation({ operationId: 'publishAttendancePolicy', summary: 'Publish a new policy version from a date on', description: 'Versions are never edited; days before effectiveFrom keep the version that judged them. A version may not start in a submitted month (MONTH_SUBMITTED).' })
  @ApiOkResponse({ type: PolicyVersionDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 409: ['MONTH_SUBMITTED'] })
  async publishPolicy(@CurrentPrincipal() p: Principal, @Body() body: PutPolicyDto): Promise<PolicyVersionDto> {
    const { site } = await this.access.requireSite(p, body.siteId, MANAGERS);
    const row = await this.policies.publish(site, p.userId, body.effectiveFrom, body.policy as unknown as AttendancePolicy);
    return { version: row.version, effectiveFrom: row.effectiveFrom, policy: row.policy, createdBy: row.createdBy, createdAt: row.createdAt };
  }

  @Get('blackout-days')
  @Roles(...STAFF)
  @ApiOperation({ operationId: 'listBlackoutDays', summary: 'Blackout days (ATT-3): holidays, opening, advertising and mortgage days' })
  @ApiOkResponse({ type: [BlackoutDayDto] })
  @ApiProblems([400, 401, 403, 404])
  async blackoutDays(@CurrentPrincipal() p: Principal, @Query() q: RangeQuery): Promise<BlackoutDayDto[]> {
    const { site } = await this.access.requireSite(p, q.siteId, STAFF);
    const rows = await this.ds.getRepository(BlackoutDay).find({ where: { siteId: site.id, date: Between(q.from, q.to) }, order: { date: 'ASC' } });
    return rows.map(({ id, date, kind, name }) => ({ id, date, kind, name }));
  }

  @Post('blackout-days')
  @Roles(...ROTA_EDITORS)
  @ApiOperation({ operationId: 'createBlackoutDay', summary: 'Declare a blackout day: everybody works, leave is refused (ATT-3)' })
  @ApiCreatedResponse({ type: BlackoutDayDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 409: ['BLACKOUT_DAY_EXISTS'] })
  async createBlackoutDay(@CurrentPrincipal() p: Principal, @Body() body: CreateBlackoutDayDto): Promise<BlackoutDayDto> {
    const { site } = await this.access.requireSite(p, body.siteId, ROTA_EDITORS);
    return this.ds.transaction(async (em) => {
      const inserted = await em
        .createQueryBuilder()
        .insert()
        .into(BlackoutDay)
        .values({ siteId: site.id, date: body.date, kind: body.kind, name: body.name, createdBy: p.userId })
        .orIgnore()
        .returning(['id'])
        .execute();
      if (!inserted.raw.length) throw new ProblemException(409, 'BLACKOUT_DAY_EXISTS', `${body.date} is already a blackout day`);
      const id = inserted.raw[0].id as string;
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'attendance.blackout_day_created', entityType: 'blackout_day', entityId: id, after: body });
      return { id, date: body.date, kind: body.kind, name: body.name };
    });
  }

  @Delete('blackout-days/:id')
  @Roles(...ROTA_EDITORS)
  @HttpCode(204)
  @ApiOperation({ operationId: 'removeBlackoutDay', summary: 'Remove a blackout day declared by mistake (audited)' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems([401, 403, 404])
  async removeBlackoutDay(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    const row = await this.ds.getRepository(BlackoutDay).findOneBy({ id });
    if (!row) throw notFound('blackout day');
    const { site } = await this.access.requireSite(p, row.siteId, ROTA_EDITORS).catch(() => {
      throw notFound('blackout day');
    });
    await this.ds.transaction(async (em) => {
      await em.getRepository(BlackoutDay).delete({ id });
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'attendance.blackout_day_removed', entityType: 'blackout_day', entityId: id, before: { date: row.date, kind: row.kind, name: row.name } });
    });
  }

  @Get('rota')
  @Roles(...STAFF)
  @ApiOperation({ operationId: 'getRota', summary: "A week of the site's rota (ATT-2) with the problems that block publication" })
  @ApiOkResponse({ type: RotaDto })
  @ApiProblems([400, 401, 403, 404])
  async rota(@CurrentPrincipal() p: Principal, @Query() q: WeekQuery): Promise<RotaDto> {
    const { site } = await this.access.requireSite(p, q.siteId, STAFF);
    return this.describeWeek(site, weekOf(q.week));
  }

  @Put('rota')
  @Roles(...ROTA_EDITORS)
  @ApiOperation({ operationId: 'putRota', summary: 'Set shifts and rest days (the clerk keeps the rota)', description: 'Days of a published week that have begun cannot be changed (ROTA_DATE_PAST); corrections of the past go through missed-punch requests.' })
  @ApiOkResponse({ type: RotaDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 409: ['ROTA_DATE_PAST'] })
  async putRota(@CurrentPrincipal() p: Principal, @Body() body: PutRotaDto): Promise<RotaDto> {
    const { site } = await this.access.requireSite(p, body.siteId, ROTA_EDITORS);
    const today = localDate(new Date(), site.timeZone);
    const staff = await this.staffIds(site);
    const { on } = await this.policies.resolver(site);
    const problems = body.entries.flatMap((e, i) => {
      const out: { field: string; message: string }[] = [];
      if (!staff.has(e.userId)) out.push({ field: `entries[${i}].userId`, message: 'not a member of the staff of this site' });
      if (e.shiftCode && !on(e.date).policy.shifts.some((s) => s.code === e.shiftCode)) out.push({ field: `entries[${i}].shiftCode`, message: `no shift "${e.shiftCode}" in the policy of ${e.date}` });
      return out;
    });
    if (problems.length) throw validationFailed(problems);
    // Past days of a published week have been judged: they are not rescheduled. An unpublished week may still be filled in.
    const pastWeeks = [...new Set(body.entries.filter((e) => e.date < today).map((e) => weekOf(e.date)[0]))];
    if (pastWeeks.length && (await this.ds.getRepository(RotaPublication).exists({ where: { siteId: site.id, weekStart: In(pastWeeks) } }))) {
      throw new ProblemException(409, 'ROTA_DATE_PAST', 'days of a published week that have begun are not rescheduled');
    }
    await this.ds.transaction(async (em) => {
      await em
        .createQueryBuilder()
        .insert()
        .into(ScheduleEntry)
        .values(body.entries.map((e) => ({ siteId: site.id, userId: e.userId, date: e.date, shiftCode: e.shiftCode, updatedBy: p.userId, updatedAt: new Date() })))
        .orUpdate(['shift_code', 'updated_by', 'updated_at'], ['site_id', 'user_id', 'date'])
        .execute();
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'attendance.rota_changed', entityType: 'rota', entityId: site.id, after: { entries: body.entries } });
    });
    return this.describeWeek(site, weekOf(body.entries[0].date));
  }

  @Post('rota/propose')
  @Roles(...ROTA_EDITORS)
  @HttpCode(200)
  @ApiOperation({ operationId: 'proposeRota', summary: 'Fill a week: everyone works the shift, one rotating rest day Monday–Friday (ATT-2), not on blackout days' })
  @ApiOkResponse({ type: RotaDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 409: ['ROTA_DATE_PAST'] })
  async propose(@CurrentPrincipal() p: Principal, @Body() body: ProposeRotaDto): Promise<RotaDto> {
    const { site } = await this.access.requireSite(p, body.siteId, ROTA_EDITORS);
    const week = weekOf(body.week);
    const { on } = await this.policies.resolver(site);
    if (!on(week[0]).policy.shifts.some((s) => s.code === body.shiftCode)) throw validationFailed([{ field: 'shiftCode', message: `no shift "${body.shiftCode}" in the policy` }]);
    if (week[6] < localDate(new Date(), site.timeZone)) throw new ProblemException(409, 'ROTA_DATE_PAST', 'the week is over');
    const staff = [...(await this.staffIds(site))].sort();
    const blackout = await this.blackoutSet(site, week[0], week[6]);
    const rest = proposeRestDays(staff, week, blackout);
    const sixDay = on(week[0]).policy.sixDayWeek;
    const entries = staff.flatMap((userId) =>
      week.map((date, i) => ({ userId, date, shiftCode: date === rest.get(userId) || (!sixDay && i >= 5) ? null : body.shiftCode })),
    );
    return this.putRota(p, { siteId: site.id, entries: entries.filter((e) => e.date >= localDate(new Date(), site.timeZone)) });
  }

  @Post('rota/publish')
  @Roles(...ROTA_EDITORS)
  @HttpCode(200)
  @ApiOperation({ operationId: 'publishRota', summary: 'Publish a week: from then on its days are judged (ATT-2)', description: 'Refused with ROTA_INVALID and the problems when the week breaks ATT-2/ATT-3.' })
  @ApiOkResponse({ type: RotaDto })
  @ApiProblems([...WRITE_PROBLEMS, 422], { 422: ['ROTA_INVALID'] })
  async publish(@CurrentPrincipal() p: Principal, @Body() body: PublishRotaDto): Promise<RotaDto> {
    const { site } = await this.access.requireSite(p, body.siteId, ROTA_EDITORS);
    const week = weekOf(body.week);
    const described = await this.describeWeek(site, week);
    if (described.problems.length) throw new ProblemException(422, 'ROTA_INVALID', 'the week breaks the rota rules', { problems: described.problems });
    await this.ds.transaction(async (em) => {
      const inserted = await em.createQueryBuilder().insert().into(RotaPublication).values({ siteId: site.id, weekStart: week[0], publishedBy: p.userId }).orIgnore().returning(['id']).execute();
      if (inserted.raw.length) {
        await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'attendance.rota_published', entityType: 'rota', entityId: `${site.id}:${week[0]}`, after: { weekStart: week[0] } });
      }
    });
    return this.describeWeek(site, week);
  }

  private async staffIds(site: SiteRef): Promise<Set<string>> {
    const rows = await this.ds.getRepository(RoleAssignment).find({ where: { siteId: site.id, revokedAt: IsNull(), role: In(STAFF.filter((r) => r !== 'admin')) } });
    return new Set(rows.map((r) => r.userId));
  }

  private async blackoutSet(site: SiteRef, from: string, to: string) {
    return new Set((await this.ds.getRepository(BlackoutDay).find({ where: { siteId: site.id, date: Between(from, to) } })).map((b) => b.date));
  }

  private async describeWeek(site: SiteRef, week: string[]): Promise<RotaDto> {
    const staff = [...(await this.staffIds(site))];
    const [users, entries, publication, blackout] = await Promise.all([
      staff.length ? this.ds.getRepository(User).find({ where: { id: In(staff) }, order: { displayName: 'ASC' } }) : [],
      this.ds.getRepository(ScheduleEntry).find({ where: { siteId: site.id, date: Between(week[0], week[6]) } }),
      this.ds.getRepository(RotaPublication).findOneBy({ siteId: site.id, weekStart: week[0] }),
      this.blackoutSet(site, week[0], week[6]),
    ]);
    const shift = new Map(entries.map((e) => [`${e.userId}|${e.date}`, e.shiftCode]));
    const people = users.map((u) => ({
      userId: u.id,
      displayName: u.displayName,
      days: week.map((date) => ({ date, shiftCode: shift.get(`${u.id}|${date}`) ?? null, scheduled: shift.has(`${u.id}|${date}`) })),
    }));
    const scheduled = people.filter((person) => person.days.some((d) => d.scheduled));
    const restDays = new Map(scheduled.map((person) => [person.userId, person.days.filter((d) => d.scheduled && d.shiftCode === null).map((d) => d.date)]));
    const policy = (await this.policies.on(site, week[0])).policy;
    return { weekStart: week[0], published: !!publication, publishedAt: publication?.publishedAt ?? null, people, problems: checkWeekRota(policy, week, restDays, blackout) };
  }
}
