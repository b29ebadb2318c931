import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessPolicy } from '../../platform/access/access.policy.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ApiProblems, WRITE_PROBLEMS } from '../../platform/http/openapi.js';
import { IdPipe } from '../../platform/http/params.js';
import { AgentDto, AgentsQuery, BarAgentDto, UnbarAgentDto } from './commission.dto.js';
import { CommissionService } from './commission.service.js';

const BARRERS = ['manager', 'director'] as const;

/** CA-6: the site's partner agents, barred and un-barred by the manager (撬单: the person, not the agency). */
@ApiTags('clients')
@Controller('v1/clients/agents')
export class AgentsController {
  constructor(
    private readonly access: AccessPolicy,
    private readonly commission: CommissionService,
  ) {}

  @Get()
  @Roles(...BARRERS, 'admin')
  @ApiOperation({ operationId: 'listAgents', summary: "The site's partner agents, with whether each is barred (CA-6)" })
  @ApiOkResponse({ type: [AgentDto] })
  @ApiProblems([400, 401, 403, 404])
  async list(@CurrentPrincipal() p: Principal, @Query() q: AgentsQuery): Promise<AgentDto[]> {
    const { site } = await this.access.requireSite(p, q.siteId, [...BARRERS, 'admin']);
    return this.commission.agents(site);
  }

  @Post(':agentId/bar')
  @Roles(...BARRERS)
  @ApiOperation({
    operationId: 'barAgent',
    summary: "Bar an agent from bringing customers to the site (CA-6); with the customer taken over (撬单 finding) the agency's commission on them is forfeited",
  })
  @ApiCreatedResponse({ type: AgentDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 409: ['AGENT_ALREADY_BARRED'] })
  async bar(@CurrentPrincipal() p: Principal, @Param('agentId', IdPipe) agentId: string, @Body() body: BarAgentDto): Promise<AgentDto> {
    const { site } = await this.access.requireSite(p, body.siteId, [...BARRERS]);
    return this.commission.bar(p, site, agentId, body);
  }

  @Post(':agentId/unbar')
  @Roles(...BARRERS)
  @ApiOperation({ operationId: 'unbarAgent', summary: 'Lift a bar, with the reason (CA-6); forfeited commissions stay forfeited' })
  @ApiCreatedResponse({ type: AgentDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 409: ['AGENT_NOT_BARRED'] })
  async unbar(@CurrentPrincipal() p: Principal, @Param('agentId', IdPipe) agentId: string, @Body() body: UnbarAgentDto): Promise<AgentDto> {
    const { site } = await this.access.requireSite(p, body.siteId, [...BARRERS]);
    return this.commission.unbar(p, site, agentId, body);
  }
}
