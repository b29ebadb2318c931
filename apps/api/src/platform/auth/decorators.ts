import { createParamDecorator, ExecutionContext, SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiSecurity } from '@nestjs/swagger';
import type { Role } from '@sitedesk/domain';
import type { Principal } from './principal.js';

export const PUBLIC = 'sitedesk:public';
export const ROLES = 'sitedesk:roles';
export const ANY_ROLE = '*';

/** A route anyone may call (login, health). Every other route states its roles. */
export const Public = () => SetMetadata(PUBLIC, true);

/**
 * The roles that may call a route, held on at least one site. The service then checks the role on
 * the object's own site through the AccessPolicy. `Roles('*')` means any signed-in user. The OpenAPI
 * document lists them as `x-sitedesk-roles` on the operation.
 */
export const Roles = (...roles: (Role | typeof ANY_ROLE)[]) =>
  applyDecorators(
    SetMetadata(ROLES, roles),
    ApiBearerAuth('bearer'),
    ApiExtension('x-sitedesk-roles', roles),
    ...(roles.includes('partner') ? [ApiSecurity('apiKey')] : []),
  );

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest().principal);
