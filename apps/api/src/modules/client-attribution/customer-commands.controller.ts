import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessPolicy } from '../../platform/access/access.policy.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { notFound } from '../../platform/errors/problem.js';
import { ApiProblems, WRITE_PROBLEMS } from '../../platform/http/openapi.js';
import { IdPipe } from '../../platform/http/params.js';
import { DataSource } from 'typeorm';
import { Customer } from './client-attribution.entities.js';
import { CustomerCommandsService } from './customer-commands.service.js';
import {
  CommandOutcomeDto,
  EmployeeReferralOutcomeDto,
  RegisterEmployeeReferralDto,
  RegisterReferralDto,
  RegisterRelationDto,
  SwitchConsultantDto,
  SwitchOutcomeDto,
} from './customer-commands.dto.js';

/** Claims added to a customer's history: relations (CA-4), referrals (CA-3, CA-8), switches (CA-11). The owner is decided again each time (CA-18). */
@ApiTags('clients')
@Controller('v1/clients')
export class CustomerCommandsController {
  constructor(
    private readonly ds: DataSource,
    private readonly access: AccessPolicy,
    private readonly commands: CustomerCommandsService,
  ) {}

  @Post('relations')
  @Roles('consultant')
  @ApiOperation({ operationId: 'registerRelation', summary: 'Register your relative or friend beforehand (CA-4): yours when nobody owns them yet' })
  @ApiCreatedResponse({ type: CommandOutcomeDto })
  @ApiProblems(WRITE_PROBLEMS)
  async relation(@CurrentPrincipal() p: Principal, @Body() body: RegisterRelationDto): Promise<CommandOutcomeDto> {
    const { site } = await this.access.requireSite(p, body.siteId, ['consultant']);
    return this.commands.registerRelation(p, site, body);
  }

  @Post('referrals')
  @Roles('consultant', 'receptionist', 'supervisor', 'manager')
  @ApiOperation({
    operationId: 'registerReferral',
    summary: "Register a customer introduced by an existing customer (CA-3 老带新): the introducer's consultant gets them when asked for or registered before the first visit",
  })
  @ApiCreatedResponse({ type: CommandOutcomeDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 409: ['REFERRER_NOT_OWNED'] })
  async referral(@CurrentPrincipal() p: Principal, @Body() body: RegisterReferralDto): Promise<CommandOutcomeDto> {
    const { site, roles } = await this.access.requireSite(p, body.siteId, ['consultant', 'receptionist', 'supervisor', 'manager']);
    return this.commands.registerReferral(p, site, roles, body);
  }

  @Post('employee-referrals')
  @Roles('receptionist', 'supervisor', 'manager')
  @ApiOperation({
    operationId: 'registerEmployeeReferral',
    summary: 'Register an employee referral named by the customer (CA-8): before price negotiation the recommended consultant gets the customer and the receiver keeps their turn',
  })
  @ApiCreatedResponse({ type: EmployeeReferralOutcomeDto })
  @ApiProblems(WRITE_PROBLEMS)
  async employeeReferral(@CurrentPrincipal() p: Principal, @Body() body: RegisterEmployeeReferralDto): Promise<EmployeeReferralOutcomeDto> {
    const { site } = await this.access.requireSite(p, body.siteId, ['receptionist', 'supervisor', 'manager']);
    return this.commands.registerEmployeeReferral(p, site, body);
  }

  @Post('customers/:id/switch')
  @Roles('receptionist', 'supervisor', 'manager')
  @ApiOperation({ operationId: 'switchConsultant', summary: 'The customer asked for another consultant (CA-11): the new one serves; a disputed sale is split per policy (50:50)' })
  @ApiCreatedResponse({ type: SwitchOutcomeDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 409: ['CUSTOMER_NOT_OWNED', 'SAME_CONSULTANT'] })
  async switch(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: SwitchConsultantDto): Promise<SwitchOutcomeDto> {
    const c = await this.ds.getRepository(Customer).findOne({ where: { id }, select: { id: true, siteId: true } });
    if (!c) throw notFound('customer');
    const { site } = await this.access.requireSite(p, c.siteId, ['receptionist', 'supervisor', 'manager']);
    return this.commands.switchConsultant(p, site, id, body);
  }
}
