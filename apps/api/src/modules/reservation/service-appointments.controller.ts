import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { APPOINTMENT_BOOKING_ROLES, localDateTime, STAFF_ROLES, type AppointmentPolicy, type Role } from '@sitedesk/domain';
import { AccessPolicy } from '../../platform/access/access.policy.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ApiProblems, pageOf, WRITE_PROBLEMS } from '../../platform/http/openapi.js';
import { IdPipe } from '../../platform/http/params.js';
import { csvBuffer, sendFile, xlsxBuffer } from '../../platform/http/table-export.js';
import {
  AppointmentPolicyVersionDto,
  BookServiceAppointmentDto,
  CancelAppointmentDto,
  ExportServiceAppointmentsQuery,
  ListServiceAppointmentsQuery,
  PutAppointmentPolicyDto,
  ServiceAppointmentDto,
  ServiceSlotDto,
  SlotsQuery,
} from './service-appointments.dto.js';
import { AppointmentPolicyService, SERVICE_REGISTER_EXPORT_LIMIT, ServiceAppointmentsService } from './service-appointments.service.js';
import { SiteQuery } from './reservation.dto.js';

const STAFF = STAFF_ROLES as Role[];
const BOOKERS = APPOINTMENT_BOOKING_ROLES as Role[];

/**
 * Service appointments (预约维修, RES-9) with the bays of each slot never overbooked (RES-10). Live on
 * `/api/v1/events` as `reservation.appointment` (booked, cancelled) and `reservation.workshop` (the
 * same-day notice to the workshop).
 */
@ApiTags('reservation')
@Controller('v1/service-appointments')
export class ServiceAppointmentsController {
  constructor(
    private readonly access: AccessPolicy,
    private readonly appointments: ServiceAppointmentsService,
  ) {}

  @Get()
  @Roles(...STAFF)
  @ApiOperation({ operationId: 'listServiceAppointments', summary: 'The appointment register (预约统计表): by day, in slot order, paged (RES-9)' })
  @ApiOkResponse({ type: pageOf(ServiceAppointmentDto) })
  @ApiProblems([400, 401, 403, 404])
  async list(@CurrentPrincipal() p: Principal, @Query() q: ListServiceAppointmentsQuery) {
    const { site } = await this.access.requireSite(p, q.siteId, STAFF);
    return this.appointments.list(site, q);
  }

  @Get('export')
  @Roles(...STAFF)
  @ApiOperation({
    operationId: 'exportServiceAppointments',
    summary: 'The appointment register (预约统计表) as CSV or XLSX: every appointment the filters find, in slot order (RES-9)',
    description: `Phones masked as in the list; times in the site's zone; reminder and workshop notice read now (GEN-8). More than ${SERVICE_REGISTER_EXPORT_LIMIT} is a 422 EXPORT_TOO_LARGE (choose a day).`,
  })
  @ApiProduces('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'The file' })
  @ApiProblems([400, 401, 403, 404, 422], { 422: ['EXPORT_TOO_LARGE'] })
  async export(@CurrentPrincipal() p: Principal, @Query() q: ExportServiceAppointmentsQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const { site } = await this.access.requireSite(p, q.siteId, STAFF);
    const rows = await this.appointments.all(site, q);
    const yuan = (f: number) => f / 100;
    const at = (d: Date | null) => (d ? localDateTime(new Date(d), site.timeZone) : '');
    const header = [
      '日期 date',
      '时间 time',
      '预约单号 form no.',
      '客户 customer',
      '电话 phone',
      '车牌 plate',
      '车型 model',
      '维修项目 work',
      '配件(元) parts (yuan)',
      '订金(元) deposit (yuan)',
      '应收订金(元) deposit required (yuan)',
      '订金收据 receipt',
      '客户签字 signed by',
      '登记人 booked by',
      '登记时间 booked at',
      '状态 status',
      '提醒 reminder',
      '车间通知 workshop notice',
      '取消原因 cancel reason',
    ];
    const body = rows.map((a) => [
      a.date,
      a.time,
      a.formNo,
      a.customerName,
      a.customerPhoneMasked,
      a.vehiclePlate,
      a.vehicleModel ?? '',
      a.work,
      yuan(a.partsFen),
      yuan(a.depositFen),
      yuan(a.requiredDepositFen),
      a.depositReceiptNo ?? '',
      a.signedBy,
      a.bookedByName,
      at(a.bookedAt),
      a.status,
      a.remindedAt ? `${a.reminder} ${at(a.remindedAt)}` : a.reminder,
      a.workshopNotifiedAt ? `${a.workshopNotice} ${at(a.workshopNotifiedAt)}` : a.workshopNotice,
      a.cancelReason ?? '',
    ]);
    return sendFile(reply, `service-appointments-${site.code}-${q.date ?? 'all'}.${q.format}`, q.format, { csv: () => csvBuffer(header, body), xlsx: () => xlsxBuffer('预约统计表', `${site.name} 预约统计表 Appointment register${q.date ? ` ${q.date}` : ''}`, header, body) });
  }

  @Get('slots')
  @Roles(...STAFF)
  @ApiOperation({ operationId: 'listServiceSlots', summary: "A day's slots with their bays, booked and free (RES-10)" })
  @ApiOkResponse({ type: [ServiceSlotDto] })
  @ApiProblems([400, 401, 403, 404])
  async slots(@CurrentPrincipal() p: Principal, @Query() q: SlotsQuery): Promise<ServiceSlotDto[]> {
    const { site } = await this.access.requireSite(p, q.siteId, STAFF);
    return this.appointments.slots(site, q.date);
  }

  @Post()
  @Roles(...BOOKERS)
  @ApiOperation({
    operationId: 'bookServiceAppointment',
    summary: 'Book a service appointment with the signed form; high-value parts need the deposit (RES-9); a full slot answers 409 SLOT_FULL (RES-10)',
  })
  @ApiCreatedResponse({ type: ServiceAppointmentDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 409: ['SLOT_FULL', 'FORM_NO_EXISTS'], 422: ['SLOT_INVALID', 'SLOT_PAST', 'SIGNATURE_MISSING', 'DEPOSIT_REQUIRED', 'DEPOSIT_RECEIPT_MISSING', 'AMOUNT_INVALID'] })
  async book(@CurrentPrincipal() p: Principal, @Body() body: BookServiceAppointmentDto): Promise<ServiceAppointmentDto> {
    const { site } = await this.access.requireSite(p, body.siteId, BOOKERS);
    return this.appointments.book(p, site, body);
  }

  @Get(':id')
  @Roles(...STAFF)
  @ApiOperation({ operationId: 'getServiceAppointment', summary: 'One appointment with its reminder and workshop notice read now (GEN-8)' })
  @ApiOkResponse({ type: ServiceAppointmentDto })
  @ApiProblems([401, 403, 404])
  get(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string): Promise<ServiceAppointmentDto> {
    return this.appointments.get(p, id);
  }

  @Post(':id/cancel')
  @Roles(...BOOKERS)
  @HttpCode(200)
  @ApiOperation({ operationId: 'cancelServiceAppointment', summary: 'Cancel an appointment that lies ahead: its bay is free again (RES-10); it stays in the register' })
  @ApiOkResponse({ type: ServiceAppointmentDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 409: ['APPOINTMENT_STATE_CONFLICT', 'SLOT_PAST'] })
  cancel(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: CancelAppointmentDto): Promise<ServiceAppointmentDto> {
    return this.appointments.cancel(p, id, body.reason, BOOKERS);
  }
}

/** The site's appointment policy: bays, slots, deposit, reminder (RES-9) and move-in capacities (RES-7); versioned. */
@ApiTags('reservation')
@Controller('v1/reservation/appointment-policy')
export class AppointmentPolicyController {
  constructor(
    private readonly access: AccessPolicy,
    private readonly policies: AppointmentPolicyService,
  ) {}

  @Get()
  @Roles(...STAFF)
  @ApiOperation({ operationId: 'getAppointmentPolicy', summary: "The site's current appointment policy" })
  @ApiOkResponse({ type: AppointmentPolicyVersionDto })
  @ApiProblems([400, 401, 403, 404])
  async get(@CurrentPrincipal() p: Principal, @Query() q: SiteQuery): Promise<AppointmentPolicyVersionDto> {
    const { site } = await this.access.requireSite(p, q.siteId, STAFF);
    const { version, policy, row } = await this.policies.current(site);
    return { version, policy, createdBy: row.createdBy, createdAt: row.createdAt };
  }

  @Put()
  @Roles('manager')
  @ApiOperation({ operationId: 'publishAppointmentPolicy', summary: 'Publish a new appointment policy version; slots already booked keep their bays' })
  @ApiOkResponse({ type: AppointmentPolicyVersionDto })
  @ApiProblems(WRITE_PROBLEMS)
  async put(@CurrentPrincipal() p: Principal, @Body() body: PutAppointmentPolicyDto): Promise<AppointmentPolicyVersionDto> {
    const { site } = await this.access.requireSite(p, body.siteId, ['manager']);
    const row = await this.policies.publish(site, p.userId, body.policy as unknown as AppointmentPolicy);
    return { version: row.version, policy: row.policy, createdBy: row.createdBy, createdAt: row.createdAt };
  }
}
