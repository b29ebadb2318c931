import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessPolicy } from '../../platform/access/access.policy.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ApiProblems, pageOf, WRITE_PROBLEMS } from '../../platform/http/openapi.js';
import { IdPipe } from '../../platform/http/params.js';
import { OVERSEERS } from './follow-ups.service.js';
import { PoolCustomerDto, PoolQuery, RenewalRequestDto, RequestRenewalDto } from './pool.dto.js';
import { PoolService } from './pool.service.js';

/** CA-5: the site's open pool and re-registration with the supervisor's signature. */
@ApiTags('clients')
@Controller('v1/clients')
export class PoolController {
  constructor(
    private readonly access: AccessPolicy,
    private readonly pool: PoolService,
  ) {}

  @Get('pool')
  @Roles('consultant', ...OVERSEERS)
  @ApiOperation({ operationId: 'listOpenPool', summary: "The site's open pool: customers whose protection window ran out (CA-5), most recent first" })
  @ApiOkResponse({ type: pageOf(PoolCustomerDto) })
  @ApiProblems([400, 401, 403, 404])
  async list(@CurrentPrincipal() p: Principal, @Query() q: PoolQuery) {
    const { site, roles } = await this.access.requireSite(p, q.siteId, ['consultant', ...OVERSEERS]);
    return this.pool.list(site, PoolService.isOverseer(roles), q);
  }

  @Post('customers/:id/renewals')
  @Roles('consultant')
  @ApiOperation({
    operationId: 'requestRenewal',
    summary: 'Re-register a customer (CA-5): the owner renews the window, any consultant claims from the open pool; the supervisor signs it in /approvals',
    description: 'Creates an approval of type client.renewal. Owned by someone else: 409 CUSTOMER_OWNED; never owned: 409 NOT_IN_OPEN_POOL; already waiting: 409 RENEWAL_PENDING. On approval the renewal is recorded as a customer event and the owner is decided again.',
  })
  @ApiCreatedResponse({ type: RenewalRequestDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 409: ['CUSTOMER_OWNED', 'NOT_IN_OPEN_POOL', 'RENEWAL_PENDING'] })
  request(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: RequestRenewalDto): Promise<RenewalRequestDto> {
    return this.pool.request(p, id, body.note);
  }
}
