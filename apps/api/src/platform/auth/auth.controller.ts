import { Body, Controller, Get, HttpCode, Patch, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { isRole, type Role } from '@sitedesk/domain';
import type { FastifyRequest } from 'fastify';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { PlatformCodes } from '../errors/codes.js';
import { ProblemException } from '../errors/problem.js';
import { ApiProblems } from '../http/openapi.js';
import { Agency, Organization, Site, User } from '../identity/identity.entities.js';
import { AuthService } from './auth.service.js';
import { ChangePasswordDto, LoginDto, MeDto, RefreshDto, TokenPairDto, UpdateMeDto } from './auth.dto.js';
import { CurrentPrincipal, Public, Roles } from './decorators.js';
import { loadGrants } from './grants.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { Principal } from './principal.js';

@ApiTags('auth')
@Controller('v1')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  @Post('auth/login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ operationId: 'login', summary: 'Sign in with login and password', description: 'The sixth failure within a minute for an account from one address answers 429.' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblems([400, 401, 429], { 401: ['INVALID_CREDENTIALS'] })
  login(@Body() body: LoginDto, @Req() req: FastifyRequest) {
    return this.auth.login(body.login, body.password, req.ip);
  }

  @Post('auth/refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({ operationId: 'refresh', summary: 'Exchange a refresh token for a new pair', description: 'Rotates the refresh token. Presenting a used refresh token again revokes every token of that sign-in (TOKEN_REUSED).' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblems([400, 401], { 401: ['UNAUTHENTICATED', 'TOKEN_REUSED'] })
  refresh(@Body() body: RefreshDto) {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('auth/logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ operationId: 'logout', summary: 'End a sign-in: revokes the refresh token and its family' })
  @ApiNoContentResponse({ description: 'Signed out (also when the token was already unknown)' })
  @ApiProblems([400])
  async logout(@Body() body: RefreshDto) {
    await this.auth.logout(body.refreshToken);
  }

  @Get('me')
  @Roles('*')
  @ApiOperation({ operationId: 'getMe', summary: 'The signed-in user, their sites and roles' })
  @ApiOkResponse({ type: MeDto })
  @ApiProblems([401])
  me(@CurrentPrincipal() p: Principal): Promise<MeDto> {
    return this.describe(p.userId);
  }

  @Patch('me')
  @Roles('*')
  @ApiOperation({ operationId: 'updateMe', summary: 'Change your display name or console language' })
  @ApiOkResponse({ type: MeDto })
  @ApiProblems([400, 401])
  async updateMe(@CurrentPrincipal() p: Principal, @Body() body: UpdateMeDto): Promise<MeDto> {
    await this.ds.transaction(async (em) => {
      const user = await em.getRepository(User).findOneByOrFail({ id: p.userId });
      const before = { locale: user.locale, displayName: user.displayName };
      Object.assign(user, body);
      await em.getRepository(User).save(user);
      await this.audit.record(em, { organizationId: user.organizationId, action: 'user.updated', entityType: 'user', entityId: user.id, before, after: { locale: user.locale, displayName: user.displayName } });
    });
    return this.describe(p.userId);
  }

  @Post('me/password')
  @Roles('*')
  @HttpCode(204)
  @ApiOperation({ operationId: 'changePassword', summary: 'Change your password (needs the current one)' })
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiProblems([400, 401, 403], { 403: ['INVALID_CREDENTIALS'] })
  async changePassword(@CurrentPrincipal() p: Principal, @Body() body: ChangePasswordDto) {
    const user = await this.ds.getRepository(User).findOneByOrFail({ id: p.userId });
    if (!(await verifyPassword(user.passwordHash, body.currentPassword))) {
      throw new ProblemException(403, PlatformCodes.INVALID_CREDENTIALS, 'the current password is wrong');
    }
    const passwordHash = await hashPassword(body.newPassword);
    await this.ds.transaction(async (em) => {
      await em.getRepository(User).update({ id: user.id }, { passwordHash });
      await this.audit.record(em, { organizationId: user.organizationId, action: 'user.password_changed', entityType: 'user', entityId: user.id });
    });
  }

  private async describe(userId: string): Promise<MeDto> {
    const user = await this.ds.getRepository(User).findOneByOrFail({ id: userId });
    const [org, agency, grants] = await Promise.all([
      this.ds.getRepository(Organization).findOneByOrFail({ id: user.organizationId }),
      user.agencyId ? this.ds.getRepository(Agency).findOneBy({ id: user.agencyId }) : null,
      loadGrants(this.ds.manager, user.id),
    ]);
    const orgRoles = [...new Set(grants.filter((g) => g.siteId === null).map((g) => g.role))];
    const siteIds = [...new Set(grants.filter((g) => g.siteId).map((g) => g.siteId!))];
    const sites = await this.ds.getRepository(Site).find({
      where: orgRoles.length ? { organizationId: user.organizationId } : { id: In(siteIds) },
      order: { code: 'ASC' },
    });
    return {
      id: user.id,
      login: user.login,
      displayName: user.displayName,
      locale: user.locale,
      organizationId: org.id,
      organizationName: org.name,
      agencyId: user.agencyId,
      agencyName: agency?.name ?? null,
      organizationRoles: orgRoles,
      sites: sites.map((s) => ({
        siteId: s.id,
        code: s.code,
        name: s.name,
        kind: s.kind,
        timeZone: s.timeZone,
        roles: [...new Set([...orgRoles, ...grants.filter((g) => g.siteId === s.id).map((g) => g.role)])].filter((r): r is Role => isRole(r)),
      })),
    };
  }
}
