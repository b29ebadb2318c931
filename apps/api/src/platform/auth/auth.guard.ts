import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Role } from '@sitedesk/domain';
import { currentContext } from '../context/request-context.js';
import { PlatformCodes } from '../errors/codes.js';
import { ProblemException } from '../errors/problem.js';
import { ApiKeysService } from './api-keys.service.js';
import { ANY_ROLE, PUBLIC, ROLES } from './decorators.js';
import type { Principal } from './principal.js';

const unauthenticated = () => new ProblemException(401, PlatformCodes.UNAUTHENTICATED, 'sign in first: send a valid access token or API key', { headers: { 'www-authenticate': 'Bearer' } });

/**
 * Default deny. Every route is authenticated unless marked @Public(), and must state its roles with
 * @Roles(...): a route with neither is refused (and the route test fails). Bearer JWTs go through
 * passport-jwt; partner API keys come as `Authorization: Bearer sdk_…` or `X-Api-Key`.
 */
@Injectable()
export class SiteDeskAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
  ) {
    super();
  }

  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const roles = this.reflector.getAllAndOverride<(Role | typeof ANY_ROLE)[]>(ROLES, targets);
    if (!roles?.length) throw new ProblemException(403, PlatformCodes.FORBIDDEN, 'this route states no roles and is closed');

    const req = ctx.switchToHttp().getRequest();
    const auth: string | undefined = req.headers.authorization;
    const headerKey: string | undefined = req.headers['x-api-key'];
    const bearer = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
    let principal: Principal | null = null;
    if (headerKey || bearer?.startsWith('sdk_')) {
      principal = await this.apiKeys.authenticate((headerKey ?? bearer)!);
      if (!principal) throw unauthenticated();
    } else {
      try {
        await super.canActivate(ctx);
      } catch {
        throw unauthenticated();
      }
      principal = req.user as Principal;
    }
    if (!principal) throw unauthenticated();
    req.principal = principal;
    const store = currentContext();
    if (store) store.principal = principal;

    if (!roles.includes(ANY_ROLE) && !principal.grants.some((g) => roles.includes(g.role))) {
      throw new ProblemException(403, PlatformCodes.FORBIDDEN, `this needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err || !user) throw unauthenticated();
    return user;
  }
}
