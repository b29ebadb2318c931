import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { STAFF_ROLES, type ClientAttributionPolicy, type Role } from '@sitedesk/domain';
import { IsUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '../../platform/access/access.policy.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ApiProblems, WRITE_PROBLEMS } from '../../platform/http/openapi.js';
import { userNames } from '../../platform/identity/user-names.js';
import type { ClientPolicyVersion } from './client-attribution.entities.js';
import { MANAGERS } from './follow-ups.service.js';
import { ClientPolicyVersionDto, PutClientPolicyDto } from './policy.dto.js';
import { ClientPolicyService } from './policy.service.js';

export class ClientPolicyQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
}

/** The site policy of SPEC section 2, edited by the manager (validated, versioned, audited). */
@ApiTags('clients')
@Controller('v1/clients/policy')
export class ClientPolicyController {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly policies: ClientPolicyService,
  ) {}

  private async dto(rows: ClientPolicyVersion[]): Promise<ClientPolicyVersionDto[]> {
    const names = await userNames(this.ds.manager, rows.map((r) => r.createdBy));
    return rows.map((r) => ({ version: r.version, policy: r.policy, createdBy: r.createdBy, createdByName: r.createdBy ? (names.get(r.createdBy) ?? null) : null, createdAt: r.createdAt }));
  }

  @Get()
  @Roles(...(STAFF_ROLES as Role[]))
  @ApiOperation({ operationId: 'getClientPolicy', summary: "The site's client-attribution policy in force (SPEC section 2): the newest version" })
  @ApiOkResponse({ type: ClientPolicyVersionDto })
  @ApiProblems([400, 401, 403, 404])
  async get(@CurrentPrincipal() p: Principal, @Query() q: ClientPolicyQuery): Promise<ClientPolicyVersionDto> {
    const { site } = await this.access.requireSite(p, q.siteId, STAFF_ROLES as Role[]);
    return (await this.dto((await this.policies.versions(site)).slice(0, 1)))[0];
  }

  @Get('versions')
  @Roles(...MANAGERS, 'supervisor')
  @ApiOperation({ operationId: 'listClientPolicyVersions', summary: 'Every version of the client policy, newest first' })
  @ApiOkResponse({ type: [ClientPolicyVersionDto] })
  @ApiProblems([400, 401, 403, 404])
  async versions(@CurrentPrincipal() p: Principal, @Query() q: ClientPolicyQuery): Promise<ClientPolicyVersionDto[]> {
    const { site } = await this.access.requireSite(p, q.siteId, [...MANAGERS, 'supervisor']);
    return this.dto(await this.policies.versions(site));
  }

  @Put()
  @Roles(...MANAGERS)
  @ApiOperation({
    operationId: 'publishClientPolicy',
    summary: 'The manager publishes a new version of the client policy (validated; the old versions stay)',
    description: 'Numbers out of range or inconsistent settings: 400 with the fields. Another manager published since baseVersion: 409 POLICY_VERSION_CONFLICT. Past decisions keep the version that made them.',
  })
  @ApiOkResponse({ type: ClientPolicyVersionDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 409: ['POLICY_VERSION_CONFLICT'] })
  async put(@CurrentPrincipal() p: Principal, @Body() body: PutClientPolicyDto): Promise<ClientPolicyVersionDto> {
    const { site } = await this.access.requireSite(p, body.siteId, MANAGERS);
    const row = await this.policies.publish(site, p.userId, body.baseVersion, { ...body.policy } as ClientAttributionPolicy);
    return (await this.dto([row]))[0];
  }
}
