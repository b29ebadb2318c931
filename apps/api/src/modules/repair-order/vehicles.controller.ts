import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessPolicy } from '../../platform/access/access.policy.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ApiProblems, pageOf, WRITE_PROBLEMS } from '../../platform/http/openapi.js';
import { IdPipe } from '../../platform/http/params.js';
import { CreateVehicleFileDto, ListVehiclesQuery, VehicleFileDto } from './repair-order.dto.js';
import { REPAIR_ADVISORS, REPAIR_READERS, RepairOrdersService } from './repair-orders.service.js';

/** RO-1: the customer and vehicle files (客户档案) of a service desk, with the next service date. */
@ApiTags('repair-order')
@Controller('v1/vehicles')
export class VehiclesController {
  constructor(
    private readonly access: AccessPolicy,
    private readonly orders: RepairOrdersService,
  ) {}

  @Post()
  @Roles(...REPAIR_ADVISORS)
  @ApiOperation({ operationId: 'createVehicleFile', summary: 'Make the customer and vehicle file the same day (RO-1): the next service date by km or months, whichever comes first; a later entry is flagged (GEN-11)' })
  @ApiCreatedResponse({ type: VehicleFileDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 409: ['RO_VEHICLE_FILE_EXISTS'] })
  create(@CurrentPrincipal() p: Principal, @Body() body: CreateVehicleFileDto): Promise<VehicleFileDto> {
    return this.orders.createVehicle(p, body);
  }

  @Get()
  @Roles(...REPAIR_READERS)
  @ApiOperation({ operationId: 'listVehicleFiles', summary: 'Vehicle files of the site, newest first, or by next service date (`dueBy`); `reminder` = pending, due or sent (RO-10)' })
  @ApiOkResponse({ type: pageOf(VehicleFileDto) })
  @ApiProblems([400, 401, 403, 404])
  async list(@CurrentPrincipal() p: Principal, @Query() q: ListVehiclesQuery) {
    const { site } = await this.access.requireSite(p, q.siteId, REPAIR_READERS);
    return this.orders.listVehicles(site, q);
  }

  @Post(':id/reminder-sent')
  @Roles(...REPAIR_ADVISORS)
  @HttpCode(200)
  @ApiOperation({ operationId: 'recordServiceReminderSent', summary: 'RO-10: the customer was reminded of the next service (once per next service)' })
  @ApiOkResponse({ type: VehicleFileDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 409: ['RO_NO_SERVICE_REMINDER', 'RO_REMINDER_ALREADY_SENT'] })
  reminderSent(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string): Promise<VehicleFileDto> {
    return this.orders.reminderSent(p, id);
  }

  @Get(':id')
  @Roles(...REPAIR_READERS)
  @ApiOperation({ operationId: 'getVehicleFile', summary: 'A vehicle file with its next service, read now' })
  @ApiOkResponse({ type: VehicleFileDto })
  @ApiProblems([401, 403, 404])
  get(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string): Promise<VehicleFileDto> {
    return this.orders.getVehicle(p, id);
  }
}
