import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ApiProblems, pageOf, WRITE_PROBLEMS } from '../../platform/http/openapi.js';
import { IdPipe } from '../../platform/http/params.js';
import { CreateUserDto, ListUsersQuery, RevokeDto, RoleGrantDto, UpdateUserDto, UserDto } from './identity.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@Controller('v1/users')
@Roles('admin', 'director', 'manager')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ operationId: 'listUsers', summary: 'Users of your organization (admin) or of the sites you manage' })
  @ApiOkResponse({ type: pageOf(UserDto) })
  @ApiProblems([400, 401, 403, 404])
  list(@CurrentPrincipal() p: Principal, @Query() q: ListUsersQuery) {
    return this.users.list(p, q);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getUser', summary: 'One user with their roles' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems([401, 403, 404])
  get(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.users.get(p, id);
  }

  @Post()
  @ApiOperation({ operationId: 'createUser', summary: 'Create a user with roles', description: 'Admins grant any role; a site manager grants staff roles below manager on their own site.' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 409: ['LOGIN_TAKEN'] })
  create(@CurrentPrincipal() p: Principal, @Body() body: CreateUserDto) {
    return this.users.create(p, body);
  }

  @Patch(':id')
  @ApiOperation({ operationId: 'updateUser', summary: 'Rename, disable or enable a user', description: 'Disabling ends every sign-in of the user at once: refresh tokens are revoked and access tokens issued before are refused on every API process (GEN-7).' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 409: ['CANNOT_DISABLE_SELF'] })
  update(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: UpdateUserDto) {
    return this.users.update(p, id, body);
  }

  @Post(':id/roles')
  @ApiOperation({ operationId: 'grantRole', summary: 'Grant a role on a site (or org-wide, admin only)' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 409: ['ROLE_ALREADY_HELD', 'PARTNER_NEEDS_AGENCY'] })
  grant(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: RoleGrantDto) {
    return this.users.grant(p, id, body);
  }

  @Post(':id/roles/:assignmentId/revoke')
  @HttpCode(200)
  @ApiOperation({ operationId: 'revokeRole', summary: 'Revoke a role assignment (kept in history); the access tokens issued before are refused from now on (GEN-7), a refresh gives the new grants' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 409: ['CANNOT_REVOKE_OWN_ADMIN'] })
  revoke(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Param('assignmentId', IdPipe) assignmentId: string, @Body() body: RevokeDto) {
    return this.users.revoke(p, id, assignmentId, body.reason);
  }
}
