import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { localDateTime, STAFF_ROLES, TRANSITION_ROLES, type Role, type UnitStatus } from '@sitedesk/domain';
import { AccessPolicy } from '../../platform/access/access.policy.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { PlatformCodes } from '../../platform/errors/codes.js';
import { notFound, ProblemException } from '../../platform/errors/problem.js';
import { ApiProblems, pageOf, WRITE_PROBLEMS } from '../../platform/http/openapi.js';
import { IdPipe } from '../../platform/http/params.js';
import { csvBuffer, sendFile, xlsxBuffer } from '../../platform/http/table-export.js';
import { OrdersService } from './orders.service.js';
import { CreateUnitDto, ExportUnitsQuery, HoldDto, ImportResultDto, ImportUnitsDto, ListUnitsQuery, OrderDto, UnitDto, UpdateUnitDto } from './reservation.dto.js';
import { UnitsService } from './units.service.js';

const STAFF = STAFF_ROLES as Role[];
/** Who keeps the inventory: the manager and the sales clerk (销售内业). */
const INVENTORY: Role[] = ['manager', 'clerk'];
const STATUS_WORDS: Record<UnitStatus, string> = { available: '可售 available', held: '已销控 held', subscribed: '已认购 subscribed', deposited: '已大定 deposited', contracted: '已签约 contracted' };

/** RES-1 unit inventory (房源) and RES-2 holds (销控). Live on the sales board through /api/v1/events (`reservation.unit`). */
@ApiTags('reservation')
@Controller('v1/units')
export class UnitsController {
  constructor(
    private readonly access: AccessPolicy,
    private readonly units: UnitsService,
    private readonly orders: OrdersService,
  ) {}

  /** The unit's site for the caller: no role there → 404; a role but not one of `roles` → 403. */
  private async siteOf(p: Principal, id: string, roles: Role[]) {
    const unit = await this.units.find(id);
    const resolved = await this.access.requireSite(p, unit.siteId).catch(() => {
      throw notFound('unit');
    });
    if (!resolved.roles.some((r) => roles.includes(r))) throw new ProblemException(403, PlatformCodes.FORBIDDEN, `this needs one of the roles ${roles.join(', ')} on this site`);
    return { unit, site: resolved.site };
  }

  @Get()
  @Roles(...STAFF)
  @ApiOperation({ operationId: 'listUnits', summary: "The site's units with their status read now (RES-1), filtered and paged" })
  @ApiOkResponse({ type: pageOf(UnitDto) })
  @ApiProblems([400, 401, 403, 404])
  async list(@CurrentPrincipal() p: Principal, @Query() q: ListUnitsQuery) {
    const { site } = await this.access.requireSite(p, q.siteId, STAFF);
    return this.units.list(site, q);
  }

  @Get('export')
  @Roles(...STAFF)
  @ApiOperation({ operationId: 'exportUnits', summary: 'The sales control sheet (销控表) as CSV or XLSX: every unit the filters find, in board order, status read now (GEN-8)' })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The file' })
  @ApiProblems([400, 401, 403, 404])
  async export(@CurrentPrincipal() p: Principal, @Query() q: ExportUnitsQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const { site } = await this.access.requireSite(p, q.siteId, STAFF);
    const units = await this.units.all(site, q);
    const due = (d: Date | string | null | undefined) => (d ? localDateTime(new Date(d), site.timeZone) : '');
    const header = ['楼栋 building', '房号 unit', '楼层 floor', '户型 layout', '建筑面积(㎡) area (m²)', '标价(元) list price (yuan)', '状态 status', '付款时限 payment due'];
    const rows = units.map((u) => [u.building, u.number, u.floor, u.layout, u.areaM2, u.listPriceFen / 100, STATUS_WORDS[u.status], due(u.activeOrder?.paymentDueAt)]);
    const counts = Object.entries(STATUS_WORDS).map(([s, w]) => `${w} ${units.filter((u) => u.status === s).length}`).join(' · ');
    return sendFile(reply, `units-${site.code}-${due(new Date()).slice(0, 10)}.${q.format}`, q.format, { csv: () => csvBuffer(header, rows), xlsx: () => xlsxBuffer('销控表', `${site.name} 销控表 Sales control sheet ${due(new Date())} — ${counts}`, header, rows) });
  }

  @Post()
  @Roles(...INVENTORY)
  @ApiOperation({ operationId: 'createUnit', summary: 'Add a unit to the inventory (RES-1)' })
  @ApiCreatedResponse({ type: UnitDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 409: ['UNIT_EXISTS'] })
  async create(@CurrentPrincipal() p: Principal, @Body() body: CreateUnitDto): Promise<UnitDto> {
    const { site } = await this.access.requireSite(p, body.siteId, INVENTORY);
    return this.units.create(site, body, p.userId);
  }

  @Post('import')
  @Roles(...INVENTORY)
  @HttpCode(200)
  @ApiOperation({
    operationId: 'importUnits',
    summary: 'Import units from CSV (RES-1): the good rows are written in one transaction, each bad row is reported by line with a code',
  })
  @ApiOkResponse({ type: ImportResultDto })
  @ApiProblems(WRITE_PROBLEMS)
  async import(@CurrentPrincipal() p: Principal, @Body() body: ImportUnitsDto): Promise<ImportResultDto> {
    const { site } = await this.access.requireSite(p, body.siteId, INVENTORY);
    return this.units.import(site, body.csv, p.userId);
  }

  @Get(':id')
  @Roles(...STAFF)
  @ApiOperation({ operationId: 'getUnit', summary: 'A unit with its status read now' })
  @ApiOkResponse({ type: UnitDto })
  @ApiProblems([401, 403, 404])
  async get(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string): Promise<UnitDto> {
    const { unit } = await this.siteOf(p, id, STAFF);
    return (await this.units.toDtos([unit]))[0];
  }

  @Patch(':id')
  @Roles(...INVENTORY)
  @ApiOperation({ operationId: 'updateUnit', summary: 'Edit a unit (RES-1); an order keeps the list price it was held at' })
  @ApiOkResponse({ type: UnitDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 409: ['UNIT_EXISTS'] })
  async update(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: UpdateUnitDto): Promise<UnitDto> {
    const { site } = await this.siteOf(p, id, INVENTORY);
    return this.units.update(site, id, body, p.userId);
  }

  @Post(':id/holds')
  @Roles(...(TRANSITION_ROLES.hold as Role[]))
  @ApiOperation({
    operationId: 'holdUnit',
    summary: 'Hold (销控) the unit for a customer of the site: managers only (RES-2); at most one active hold or order per unit (RES-3)',
  })
  @ApiCreatedResponse({ type: OrderDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 409: ['UNIT_NOT_AVAILABLE'] })
  hold(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: HoldDto): Promise<OrderDto> {
    return this.orders.hold(p, id, body.customerId);
  }
}
