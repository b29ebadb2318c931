import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { STAFF_ROLES, type Role } from '@sitedesk/domain';
import { IsIn, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource, In, IsNull } from 'typeorm';
import { AccessPolicy } from '../../platform/access/access.policy.js';
import { AuditService } from '../../platform/audit/audit.service.js';
import { CurrentPrincipal, Public, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { notFound, ProblemException } from '../../platform/errors/problem.js';
import { ApiProblems, WRITE_PROBLEMS } from '../../platform/http/openapi.js';
import { IdPipe } from '../../platform/http/params.js';
import { RoleAssignment, User } from '../../platform/identity/identity.entities.js';
import { KioskDevice, StaffPin } from './attendance.entities.js';
import { PunchDto, SiteQuery } from './attendance.dto.js';
import { ClockService } from './clock.service.js';
import { KioskService } from './kiosk.service.js';

const STAFF = STAFF_ROLES as Role[];
const MANAGERS: Role[] = ['manager', 'director', 'admin'];

export class CreateKioskDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ example: '前台打卡机', maxLength: 60 }) @IsString() @MinLength(1) @MaxLength(60) name: string;
}

export class KioskDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) lastSeenAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) revokedAt: Date | null;
}

export class CreatedKioskDto extends KioskDto {
  @ApiProperty({ description: 'The device token, shown once: enter it on the device (it sends it as X-Kiosk-Token)' }) token: string;
}

export class SetPinDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ example: '2580', description: '4–8 digits' }) @Matches(/^\d{4,8}$/, { message: 'pin must be 4–8 digits' }) pin: string;
}

export class KioskClockDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() userId: string;
  @ApiProperty({ example: '2580' }) @Matches(/^\d{4,8}$/, { message: 'pin must be 4–8 digits' }) pin: string;
  @ApiProperty({ enum: ['in', 'out'] }) @IsIn(['in', 'out']) kind: 'in' | 'out';
}

export class KioskStaffDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
}

export class KioskInfoDto {
  @ApiProperty() deviceName: string;
  @ApiProperty() siteName: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone: string;
  @ApiProperty({ type: [KioskStaffDto], description: 'The staff with a PIN for this site' }) staff: KioskStaffDto[];
}

const dto = (k: KioskDevice): KioskDto => ({ id: k.id, name: k.name, createdAt: k.createdAt, lastSeenAt: k.lastSeenAt, revokedAt: k.revokedAt });

/** The shared clock-in device (the seeds' 打卡机): registered by a manager; staff clock in at it with their PIN. */
@ApiTags('attendance')
@Controller('v1/attendance')
export class KioskController {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly kiosks: KioskService,
    private readonly clock: ClockService,
  ) {}

  @Get('kiosks')
  @Roles(...MANAGERS)
  @ApiOperation({ operationId: 'listKiosks', summary: "The site's registered clock-in devices" })
  @ApiOkResponse({ type: [KioskDto] })
  @ApiProblems([400, 401, 403, 404])
  async list(@CurrentPrincipal() p: Principal, @Query() q: SiteQuery): Promise<KioskDto[]> {
    const { site } = await this.access.requireSite(p, q.siteId, MANAGERS);
    return (await this.ds.getRepository(KioskDevice).find({ where: { siteId: site.id }, order: { createdAt: 'DESC' } })).map(dto);
  }

  @Post('kiosks')
  @Roles(...MANAGERS)
  @ApiOperation({ operationId: 'registerKiosk', summary: 'Register a clock-in device; its token is shown once' })
  @ApiCreatedResponse({ type: CreatedKioskDto })
  @ApiProblems([...WRITE_PROBLEMS, 422])
  async register(@CurrentPrincipal() p: Principal, @Body() body: CreateKioskDto): Promise<CreatedKioskDto> {
    const { site } = await this.access.requireSite(p, body.siteId, MANAGERS);
    const { token, prefix, tokenHash } = KioskService.newToken();
    return this.ds.transaction(async (em) => {
      const row = await em.getRepository(KioskDevice).save(em.getRepository(KioskDevice).create({ siteId: site.id, name: body.name, prefix, tokenHash, createdBy: p.userId }));
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'attendance.kiosk_registered', entityType: 'kiosk_device', entityId: row.id, after: dto(row) });
      return { ...dto(row), token };
    });
  }

  @Post('kiosks/:id/revoke')
  @Roles(...MANAGERS)
  @HttpCode(200)
  @ApiOperation({ operationId: 'revokeKiosk', summary: 'Revoke a clock-in device at once' })
  @ApiOkResponse({ type: KioskDto })
  @ApiProblems([401, 403, 404, 409], { 409: ['ALREADY_REVOKED'] })
  async revoke(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string): Promise<KioskDto> {
    const row = await this.ds.getRepository(KioskDevice).findOneBy({ id });
    if (!row) throw notFound('device');
    const { site } = await this.access.requireSite(p, row.siteId, MANAGERS).catch(() => {
      throw notFound('device');
    });
    if (row.revokedAt) throw new ProblemException(409, 'ALREADY_REVOKED', 'the device is already revoked');
    return this.ds.transaction(async (em) => {
      row.revokedAt = new Date();
      await em.getRepository(KioskDevice).save(row);
      await this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'attendance.kiosk_revoked', entityType: 'kiosk_device', entityId: row.id, after: dto(row) });
      return dto(row);
    });
  }

  @Put('pin')
  @Roles(...STAFF)
  @HttpCode(204)
  @ApiOperation({ operationId: 'setClockInPin', summary: "Set your PIN for the site's kiosk" })
  @ApiNoContentResponse({ description: 'Set' })
  @ApiProblems([...WRITE_PROBLEMS])
  async setPin(@CurrentPrincipal() p: Principal, @Body() body: SetPinDto) {
    const { site } = await this.access.requireSite(p, body.siteId, STAFF);
    await this.kiosks.setPin(site, p.userId, body.pin);
    await this.ds.transaction((em) => this.audit.record(em, { organizationId: site.organizationId, siteId: site.id, action: 'attendance.pin_set', entityType: 'user', entityId: p.userId }));
  }

  @Get('kiosk')
  @Public()
  @ApiHeader({ name: 'X-Kiosk-Token', required: true, description: 'The device token from registration' })
  @ApiOperation({ operationId: 'kioskInfo', summary: 'For the kiosk page: the device, its site and the people who can clock in there' })
  @ApiOkResponse({ type: KioskInfoDto })
  @ApiProblems([401])
  async info(@Headers('x-kiosk-token') token: string | undefined): Promise<KioskInfoDto> {
    const { device, site } = await this.kiosks.device(token);
    const pins = await this.ds.getRepository(StaffPin).find({ where: { siteId: site.id } });
    const active = await this.ds.getRepository(RoleAssignment).find({ where: { siteId: site.id, revokedAt: IsNull(), userId: In(pins.map((x) => x.userId)) } });
    const ids = [...new Set(active.map((r) => r.userId))];
    const users = ids.length ? await this.ds.getRepository(User).find({ where: { id: In(ids), active: true }, order: { displayName: 'ASC' } }) : [];
    return { deviceName: device.name, siteName: site.name, timeZone: site.timeZone, staff: users.map((u) => ({ userId: u.id, displayName: u.displayName })) };
  }

  @Post('kiosk/clock')
  @Public()
  @ApiHeader({ name: 'X-Kiosk-Token', required: true, description: 'The device token from registration' })
  @ApiOperation({ operationId: 'kioskClock', summary: 'Clock in or out at the kiosk with your PIN (server time)', description: 'Five wrong PINs for a person at a device within 5 minutes, or thirty at a device within a minute, answer 429.' })
  @ApiCreatedResponse({ type: PunchDto })
  @ApiOkResponse({ type: PunchDto, description: 'Already clocked in for this shift: the first punch' })
  @ApiProblems([400, 401, 409, 429], { 401: ['UNAUTHENTICATED', 'WRONG_PIN'], 409: ['NO_SHIFT_NOW', 'NOT_CLOCKED_IN'] })
  async kioskClock(@Headers('x-kiosk-token') token: string | undefined, @Body() body: KioskClockDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<PunchDto> {
    const { device, site } = await this.kiosks.device(token);
    await this.kiosks.checkPin(device, body.userId, body.pin);
    const member = await this.ds.getRepository(RoleAssignment).exists({ where: { siteId: site.id, userId: body.userId, revokedAt: IsNull() } });
    if (!member) throw notFound('person on this site');
    const ctx = { source: 'kiosk' as const, ip: req.ip, deviceId: device.id };
    if (body.kind === 'out') return this.clock.clockOut(site, body.userId, ctx);
    const { punch, created } = await this.clock.clockIn(site, body.userId, ctx);
    void reply.status(created ? 201 : 200);
    return punch;
  }
}
