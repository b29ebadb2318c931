import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { csvBuffer, sendFile, xlsxBuffer } from '../../platform/http/table-export.js';
import { STAFF_ROLES, type EstimateLineInput, type RepairOrderCommand, type RepairOrderPolicy, type Role } from '@sitedesk/domain';
import { AccessPolicy } from '../../platform/access/access.policy.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { fen } from '@sitedesk/domain';
import { ApiProblems, pageOf, WRITE_PROBLEMS } from '../../platform/http/openapi.js';
import { IdPipe } from '../../platform/http/params.js';
import {
  AdditionalConsentDto,
  AdditionalWorkDto,
  BookRepairFollowUpDto,
  CreateWarrantyClaimDto,
  DecideWarrantyClaimDto,
  RepairCheckInDto,
  DecideDiscountDto,
  DeclineDto,
  DispatchDto,
  EstimateDto,
  EstimateLineDto,
  ExitDto,
  KeyCabinetDto,
  LineDto,
  ListRepairFollowUpsQuery,
  ListRepairOrdersQuery,
  RepairFollowUpDto,
  OpenRepairOrderDto,
  PrepareDeliveryDto,
  ProgressCheckInputDto,
  PutKeyCabinetDto,
  PutRepairPolicyDto,
  QualityCheckDto,
  RecordDiagnosisDto,
  RecordRepairFollowUpDto,
  RepairHandOverDto,
  RepairOrderDetailDto,
  RepairOrderDto,
  RepairOrderStatisticsDto,
  RepairPolicyVersionDto,
  RepairStatisticsQuery,
  RequestDiscountDto,
  SettleRepairOrderDto,
  SignDto,
  SignerDto,
  WarrantyClaimDto,
  RepairSiteQuery,
  ListWarrantyClaimsQuery,
  SiteWarrantyClaimDto,
} from './repair-order.dto.js';
import { REPAIR_ADVISORS, REPAIR_MANAGERS, REPAIR_READERS, REPAIR_STATISTICS_READERS, RepairOrdersService } from './repair-orders.service.js';
import { RepairPolicyService } from './policy.service.js';

const STAFF = STAFF_ROLES as Role[];
const STATE = 'RO_TRANSITION_NOT_ALLOWED';
const ROLE = ['RO_ROLE_REQUIRED'];
const DATA = ['VALIDATION_FAILED', 'RO_DATA_REQUIRED'];

const line = (l: EstimateLineDto): EstimateLineInput => ({
  id: l.id,
  description: l.description,
  system: l.system,
  labourHundredths: l.labourHundredths,
  part: l.part ? { supplier: l.part.supplier, origin: l.part.origin, priceFen: fen(l.part.priceFen), name: l.part.name } : null,
  team: l.team,
});

/**
 * Repair orders (SPEC section 5): the site's policy and key cabinet, opening and listing orders, one
 * order with its signatures and timeline, and the life cycle of RO-2..RO-10 as one route per command.
 * A command not allowed in the order's state is a 409 `RO_TRANSITION_NOT_ALLOWED`; who may give it is
 * decided by the domain (403 `RO_ROLE_REQUIRED`).
 */
@ApiTags('repair-order')
@Controller('v1/repair-orders')
export class RepairOrdersController {
  constructor(
    private readonly access: AccessPolicy,
    private readonly orders: RepairOrdersService,
    private readonly policies: RepairPolicyService,
  ) {}

  // ---------- policy and key cabinet ----------

  @Get('policy')
  @Roles(...REPAIR_READERS)
  @ApiOperation({ operationId: 'getRepairPolicy', summary: "The site's current repair-order policy" })
  @ApiOkResponse({ type: RepairPolicyVersionDto })
  @ApiProblems([400, 401, 403, 404])
  async getPolicy(@CurrentPrincipal() p: Principal, @Query() q: RepairSiteQuery): Promise<RepairPolicyVersionDto> {
    const { site } = await this.access.requireSite(p, q.siteId, REPAIR_READERS);
    const { version, policy, row } = await this.policies.current(site);
    return { version, policy: policy as unknown as Record<string, unknown>, createdBy: row.createdBy, createdAt: row.createdAt };
  }

  @Put('policy')
  @Roles(...REPAIR_MANAGERS)
  @ApiOperation({ operationId: 'publishRepairPolicy', summary: 'Publish a new repair-order policy version; orders already opened keep theirs' })
  @ApiOkResponse({ type: RepairPolicyVersionDto })
  @ApiProblems(WRITE_PROBLEMS)
  async putPolicy(@CurrentPrincipal() p: Principal, @Body() body: PutRepairPolicyDto): Promise<RepairPolicyVersionDto> {
    const { site } = await this.access.requireSite(p, body.siteId, REPAIR_MANAGERS);
    const row = await this.policies.publish(site, p.userId, body.policy as unknown as RepairOrderPolicy);
    return { version: row.version, policy: row.policy as unknown as Record<string, unknown>, createdBy: row.createdBy, createdAt: row.createdAt };
  }

  @Get('key-cabinet')
  @Roles(...REPAIR_READERS)
  @ApiOperation({ operationId: 'getKeyCabinet', summary: "The site's key cabinet (RO-5): each tag and the open order holding it" })
  @ApiOkResponse({ type: KeyCabinetDto })
  @ApiProblems([400, 401, 403, 404])
  async getCabinet(@CurrentPrincipal() p: Principal, @Query() q: RepairSiteQuery): Promise<KeyCabinetDto> {
    const { site } = await this.access.requireSite(p, q.siteId, REPAIR_READERS);
    return this.orders.keyCabinet(site);
  }

  @Put('key-cabinet')
  @Roles(...REPAIR_MANAGERS)
  @ApiOperation({ operationId: 'setKeyCabinet', summary: "Set the key cabinet's tags (RO-5); a tag on an open order stays" })
  @ApiOkResponse({ type: KeyCabinetDto })
  @ApiProblems(WRITE_PROBLEMS)
  async putCabinet(@CurrentPrincipal() p: Principal, @Body() body: PutKeyCabinetDto): Promise<KeyCabinetDto> {
    const { site } = await this.access.requireSite(p, body.siteId, REPAIR_MANAGERS);
    await this.policies.setCabinet(site, p.userId, body.tags);
    return this.orders.keyCabinet(site);
  }

  // ---------- open and read ----------

  @Post()
  @Roles(...STAFF)
  @ApiOperation({ operationId: 'openRepairOrder', summary: "Open a repair order for a vehicle file; the advisor who opens it owns it (GEN-10)" })
  @ApiCreatedResponse({ type: RepairOrderDetailDto })
  @ApiProblems(WRITE_PROBLEMS, { 400: DATA, 403: ROLE })
  open(@CurrentPrincipal() p: Principal, @Body() body: OpenRepairOrderDto): Promise<RepairOrderDetailDto> {
    return this.orders.open(p, body);
  }

  @Get()
  @Roles(...REPAIR_READERS)
  @ApiOperation({ operationId: 'listRepairOrders', summary: 'Repair orders of the site, newest first: by state, advisor, plate and opening date' })
  @ApiOkResponse({ type: pageOf(RepairOrderDto) })
  @ApiProblems([400, 401, 403, 404])
  async list(@CurrentPrincipal() p: Principal, @Query() q: ListRepairOrdersQuery) {
    const { site } = await this.access.requireSite(p, q.siteId, REPAIR_READERS);
    return this.orders.list(site, q);
  }

  @Get('follow-ups')
  @Roles(...REPAIR_READERS)
  @ApiOperation({ operationId: 'listRepairFollowUps', summary: 'RO-10: follow-up calls 2 days to a week after exit — planned, due, overdue or done, read now' })
  @ApiOkResponse({ type: pageOf(RepairFollowUpDto) })
  @ApiProblems([400, 401, 403, 404])
  async followUps(@CurrentPrincipal() p: Principal, @Query() q: ListRepairFollowUpsQuery) {
    const { site } = await this.access.requireSite(p, q.siteId, REPAIR_READERS);
    return this.orders.followUps(site, q);
  }

  @Get('warranty-claims')
  @Roles(...REPAIR_READERS)
  @ApiOperation({ operationId: 'listSiteWarrantyClaims', summary: "RO-10: the site's warranty claims (索赔), open ones first, by status and plate, with the vehicle and the customer" })
  @ApiOkResponse({ type: pageOf(SiteWarrantyClaimDto) })
  @ApiProblems([400, 401, 403, 404])
  async siteWarrantyClaims(@CurrentPrincipal() p: Principal, @Query() q: ListWarrantyClaimsQuery) {
    const { site } = await this.access.requireSite(p, q.siteId, REPAIR_READERS);
    return this.orders.siteWarrantyClaims(site, q);
  }

  @Get('statistics')
  @Roles(...REPAIR_STATISTICS_READERS)
  @ApiOperation({ operationId: 'getRepairOrderStatistics', summary: 'RO-12: per week or month of settlement — vehicles by type and repair category, revenue and receivables (for finance and management)' })
  @ApiProduces('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ type: RepairOrderStatisticsDto })
  @ApiProblems([400, 401, 403, 404])
  async statistics(@CurrentPrincipal() p: Principal, @Query() q: RepairStatisticsQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<RepairOrderStatisticsDto | Buffer> {
    const { site } = await this.access.requireSite(p, q.siteId, REPAIR_STATISTICS_READERS);
    const stats = await this.orders.statistics(site, q);
    if (!q.format || q.format === 'json') return stats;
    const yuan = (f: number) => (f / 100).toFixed(2);
    const counts = (m: Record<string, number>) => Object.entries(m).map(([k, n]) => `${k} ${n}`).join('; ');
    const header = ['期间 period', '车辆 vehicles', '车型 by type', '维修类别 by category', '营业收入(元) revenue', '已收(元) paid', '欠收(元) receivables'];
    const rows = stats.rows.map((r) => [r.period, r.vehicles, counts(r.byVehicleType), counts(r.byCategory), yuan(r.revenueFen), yuan(r.paidFen), yuan(r.receivablesFen)]);
    return sendFile(reply, `repair-orders-${site.code}-${q.from}-${q.to}.${q.format}`, q.format, { csv: () => csvBuffer(header, rows), xlsx: () => xlsxBuffer(`维修统计 ${q.period}`, `${site.name} 维修统计 Repair statistics ${q.from} – ${q.to}`, header, rows) });
  }

  @Get(':id')
  @Roles(...REPAIR_READERS)
  @ApiOperation({ operationId: 'getRepairOrder', summary: 'A repair order with its estimate, records, signatures (bound to versions) and timeline' })
  @ApiOkResponse({ type: RepairOrderDetailDto })
  @ApiProblems([401, 403, 404])
  get(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string): Promise<RepairOrderDetailDto> {
    return this.orders.get(p, id);
  }

  // ---------- commands ----------

  private run(p: Principal, id: string, cmd: RepairOrderCommand) {
    return this.orders.command(p, id, cmd);
  }

  @Post(':id/consent-diagnosis')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'consentRepairDiagnosis', summary: "RO-2: the customer consents to a diagnosis (recorded as a signature)" })
  @ApiOkResponse({ type: RepairOrderDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 400: DATA, 403: ROLE, 409: [STATE] })
  consent(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: SignerDto) {
    return this.run(p, id, { type: 'consent_diagnosis', signer: b.signer });
  }

  @Post(':id/record-diagnosis')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'recordRepairDiagnosis', summary: 'RO-2: findings and recommendation; the report is handed to the customer' })
  @ApiOkResponse({ type: RepairOrderDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 400: DATA, 403: ROLE, 409: [STATE], 422: ['RO_DIAGNOSIS_REPORT_REQUIRED'] })
  diagnose(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: RecordDiagnosisDto) {
    return this.run(p, id, { type: 'record_diagnosis', findings: b.findings, recommendation: b.recommendation, assistedBy: b.assistedBy?.toLowerCase() ?? null, reportHandedOver: b.reportHandedOver });
  }

  @Post(':id/estimate')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'estimateRepairOrder', summary: 'RO-3/RO-4: the estimate by one method, the promised time and wishes; every estimate is a new version that needs a new signature' })
  @ApiOkResponse({ type: RepairOrderDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 400: [...DATA, 'RO_ESTIMATE_INVALID', 'RO_PROMISED_TIME_IN_PAST'], 403: ROLE, 409: [STATE], 422: ['RO_ITEM_PRICING_NOTICE_REQUIRED'] })
  estimate(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: EstimateDto) {
    return this.run(p, id, { type: 'estimate', method: b.method ?? null, lines: b.lines.map(line), qualityNoticeGiven: b.qualityNoticeGiven, promisedAt: new Date(b.promisedAt), wishes: b.wishes ?? null, category: b.category ?? null });
  }

  @Post(':id/sign')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'signRepairOrder', summary: 'RO-4: the customer signs the version of the order they saw' })
  @ApiOkResponse({ type: RepairOrderDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 400: DATA, 403: ROLE, 409: [STATE, 'RO_ORDER_VERSION_CHANGED'] })
  sign(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: SignDto) {
    return this.run(p, id, { type: 'sign', signer: b.signer, version: b.version });
  }

  @Post(':id/decline')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'declineRepairOrder', summary: 'RO-4: the customer declines or books an appointment instead: exit notice with the diagnosis/estimate fee' })
  @ApiOkResponse({ type: RepairOrderDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 400: DATA, 403: ROLE, 409: [STATE] })
  decline(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: DeclineDto) {
    return this.run(p, id, { type: 'decline', kind: b.kind, reason: b.reason });
  }

  @Post(':id/check-in')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'checkInRepairOrder', summary: 'RO-5: documents, inspection, signed belongings list, a key tag from the cabinet (one open order per tag), fuel and odometer' })
  @ApiOkResponse({ type: RepairOrderDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 400: [...DATA, 'RO_KEY_TAG_UNKNOWN'], 403: ROLE, 409: [STATE, 'RO_KEY_TAG_IN_USE', 'RO_KEY_CABINET_FULL'], 422: ['RO_SIGNATURE_REQUIRED', 'RO_ODOMETER_BELOW_FILE'] })
  checkIn(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: RepairCheckInDto) {
    return this.run(p, id, {
      type: 'check_in',
      documents: { received: [...b.documents.received], differences: b.documents.differences ?? null, differencesSignedBy: b.documents.differencesSignedBy ?? null },
      inspection: { exterior: b.inspection.exterior, interior: b.inspection.interior, instruments: b.inspection.instruments, anomalies: [...b.inspection.anomalies] },
      belongings: { items: [...b.belongings.items], signedBy: b.belongings.signedBy },
      keyTag: b.keyTag ?? '',
      fuelPercent: b.fuelPercent,
      odometerKm: b.odometerKm,
    });
  }

  @Post(':id/dispatch')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'dispatchRepairOrder', summary: 'RO-6: to the team or the workshop lead; the receiver signs with the time to the nearest 10 minutes' })
  @ApiOkResponse({ type: RepairOrderDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 400: DATA, 403: ROLE, 409: [STATE], 422: ['RO_DISPATCH_MULTI_TEAM', 'RO_DISPATCH_WRONG_TEAM'] })
  dispatch(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: DispatchDto) {
    const target = b.target.kind === 'team' ? { kind: 'team' as const, team: b.target.team ?? '' } : { kind: 'workshop_lead' as const };
    return this.run(p, id, { type: 'dispatch', target, receiverId: b.receiverId.toLowerCase(), receiverName: b.receiverName });
  }

  @Post(':id/report-additional-work')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'reportAdditionalRepairWork', summary: 'RO-7: the workshop reports additional work with the delay it causes; it waits for the customer' })
  @ApiOkResponse({ type: RepairOrderDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 400: [...DATA, 'RO_ESTIMATE_INVALID'], 403: ROLE, 409: [STATE, 'RO_LINE_ID_TAKEN'] })
  additional(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: AdditionalWorkDto) {
    return this.run(p, id, { type: 'report_additional_work', lines: b.lines.map(line), delayMinutes: b.delayMinutes });
  }

  @Post(':id/record-additional-consent')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'recordAdditionalRepairConsent', summary: "RO-7: the customer's yes or no, the channel and the workshop person told; a yes raises the version and moves the promised time" })
  @ApiOkResponse({ type: RepairOrderDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 400: [...DATA, 'RO_LINE_UNKNOWN'], 403: ROLE, 409: [STATE, 'RO_CONSENT_ALREADY_RECORDED'] })
  consentAdditional(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: AdditionalConsentDto) {
    return this.run(p, id, { type: 'record_additional_consent', lineIds: [...b.lineIds], decision: b.decision, channel: b.channel, workshopToldName: b.workshopToldName });
  }

  @Post(':id/start-work')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'startRepairWork', summary: "Start a line; additional work only after the customer's yes (RO-7)" })
  @ApiOkResponse({ type: RepairOrderDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 400: [...DATA, 'RO_LINE_UNKNOWN'], 403: ROLE, 409: [STATE, 'RO_WORK_ALREADY_STARTED', 'RO_WORK_ALREADY_DONE'], 422: ['RO_ADDITIONAL_WORK_NOT_APPROVED', 'RO_ADDITIONAL_WORK_DECLINED'] })
  start(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: LineDto) {
    return this.run(p, id, { type: 'start_work', lineId: b.lineId });
  }

  @Post(':id/finish-work')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'finishRepairWork', summary: 'Finish a line in work' })
  @ApiOkResponse({ type: RepairOrderDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 400: DATA, 403: ROLE, 409: [STATE, 'RO_WORK_NOT_STARTED'] })
  finish(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: LineDto) {
    return this.run(p, id, { type: 'finish_work', lineId: b.lineId });
  }

  @Post(':id/record-progress-check')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'recordRepairProgressCheck', summary: 'RO-8: the progress check at 70–80 % of the promised duration; an anomaly needs the action taken' })
  @ApiOkResponse({ type: RepairOrderDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 400: DATA, 403: ROLE, 409: [STATE] })
  progress(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: ProgressCheckInputDto) {
    return this.run(p, id, { type: 'record_progress_check', anomalies: b.anomalies ?? null, action: b.action ?? null });
  }

  @Post(':id/complete')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'completeRepairOrder', summary: 'RO-9: every agreed line finished, no answer on additional work pending' })
  @ApiOkResponse({ type: RepairOrderDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 403: ROLE, 409: [STATE], 422: ['RO_WORK_UNFINISHED', 'RO_ADDITIONAL_WORK_PENDING'] })
  complete(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.run(p, id, { type: 'complete' });
  }

  @Post(':id/quality-check')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'qualityCheckRepairOrder', summary: 'RO-9: quality check, not by the only technician who did the work; a failure names the lines to rework' })
  @ApiOkResponse({ type: RepairOrderDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 400: [...DATA, 'RO_LINE_UNKNOWN'], 403: [...ROLE, 'RO_SELF_INSPECTION_FORBIDDEN'], 409: [STATE] })
  quality(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: QualityCheckDto) {
    return this.run(p, id, { type: 'quality_check', passed: b.passed, notes: b.notes, reworkLineIds: b.reworkLineIds ? [...b.reworkLineIds] : [] });
  }

  @Post(':id/prepare-delivery')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'prepareRepairDelivery', summary: 'RO-9: cleaned and belongings back' })
  @ApiOkResponse({ type: RepairOrderDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 403: ROLE, 409: [STATE], 422: ['RO_DELIVERY_NOT_READY'] })
  deliver(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: PrepareDeliveryDto) {
    return this.run(p, id, { type: 'prepare_delivery', cleaned: b.cleaned, belongingsReturned: b.belongingsReturned });
  }

  @Post(':id/request-discount')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'requestRepairDiscount', summary: "RO-9 + GEN-6: a discount request goes to the level the amount needs (the approvals inbox), one up from the requester's own" })
  @ApiOkResponse({ type: RepairOrderDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 400: DATA, 403: ROLE, 409: [STATE, 'RO_DISCOUNT_PENDING'], 422: ['RO_DISCOUNT_TOO_LARGE'] })
  requestDiscount(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: RequestDiscountDto) {
    return this.run(p, id, { type: 'request_discount', amountFen: b.amountFen, reason: b.reason });
  }

  @Post(':id/decide-discount')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'decideRepairDiscount', summary: 'RO-9 + GEN-6: the approver of that level decides; never the requester' })
  @ApiOkResponse({ type: RepairOrderDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 400: DATA, 403: [...ROLE, 'APPROVER_ROLE_REQUIRED', 'SELF_APPROVAL_FORBIDDEN'], 409: [STATE, 'RO_NO_DISCOUNT_PENDING'] })
  decideDiscount(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: DecideDiscountDto) {
    return this.run(p, id, { type: 'decide_discount', decision: b.decision, comment: b.comment ?? null });
  }

  @Post(':id/settle')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'settleRepairOrder', summary: 'RO-9: total, approved discount, due, paid and receivable (欠收)' })
  @ApiOkResponse({ type: RepairOrderDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 400: DATA, 403: ROLE, 409: [STATE, 'RO_DISCOUNT_PENDING'], 422: ['RO_OVERPAYMENT'] })
  settle(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: SettleRepairOrderDto) {
    return this.run(p, id, { type: 'settle', paidFen: b.paidFen });
  }

  @Post(':id/exit')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'exitRepairOrder', summary: 'RO-9: documents and key handed over, the customer signs the current version; the key tag is free, the follow-up call planned, the next service recorded' })
  @ApiOkResponse({ type: RepairOrderDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 400: DATA, 403: ROLE, 409: [STATE, 'RO_ORDER_VERSION_CHANGED'], 422: ['RO_EXIT_DOCUMENTS_MISSING', 'FOLLOW_UP_NO_CALLABLE_TIME'] })
  exit(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: ExitDto) {
    const d = b.documents;
    return this.run(p, id, { type: 'exit', documents: { repairOrder: d.repairOrder, settlement: d.settlement, warrantyCertificate: d.warrantyCertificate, vehicleDocuments: d.vehicleDocuments, key: d.key }, signer: b.signer, version: b.version });
  }

  @Post(':id/book-follow-up')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'bookRepairFollowUp', summary: 'RO-10 (CMP-7): a busy customer books a later follow-up call' })
  @ApiOkResponse({ type: RepairOrderDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 400: [...DATA, 'FOLLOW_UP_TIME_INVALID'], 403: ROLE, 409: [STATE, 'RO_FOLLOW_UP_NOT_OPEN'], 422: ['FOLLOW_UP_IN_PAST', 'FOLLOW_UP_IN_REST_HOURS', 'FOLLOW_UP_NO_CALLABLE_TIME'] })
  book(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: BookRepairFollowUpDto) {
    return this.run(p, id, { type: 'book_follow_up', at: new Date(b.at) });
  }

  @Post(':id/record-follow-up')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'recordRepairFollowUp', summary: 'RO-10: how the vehicle runs, opinion of the service, care advice, next service date told; a problem opens a case' })
  @ApiOkResponse({ type: RepairOrderDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 400: ['VALIDATION_FAILED', 'FOLLOW_UP_ANSWERS_INVALID'], 403: ROLE, 409: [STATE, 'RO_FOLLOW_UP_NOT_OPEN'], 422: ['RO_FOLLOW_UP_SCRIPT_INCOMPLETE'] })
  recordFollowUp(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: RecordRepairFollowUpDto) {
    const a = b.answers;
    return this.run(p, id, {
      type: 'record_follow_up',
      answers: { solved: a.solved, attitude: a.attitude, charged: a.charged, score: a.score, suggestions: a.suggestions, careAdviceGiven: a.careAdviceGiven, nextServiceDateTold: a.nextServiceDateTold },
    });
  }

  // ---------- RO-10 warranty claims ----------

  @Get(':id/warranty-claims')
  @Roles(...REPAIR_READERS)
  @ApiOperation({ operationId: 'listWarrantyClaims', summary: "RO-10: the order's warranty claims (索赔) with their assessments" })
  @ApiOkResponse({ type: [WarrantyClaimDto] })
  @ApiProblems([401, 403, 404])
  claims(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string): Promise<WarrantyClaimDto[]> {
    return this.orders.warrantyClaims(p, id);
  }

  @Post(':id/warranty-claims')
  @Roles(...REPAIR_ADVISORS)
  @ApiOperation({ operationId: 'claimWarranty', summary: "RO-10 + RO-3: record a warranty claim on an exited order; assessed against the guarantee's days and km, lines without a guarantee excluded" })
  @ApiCreatedResponse({ type: WarrantyClaimDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 400: ['VALIDATION_FAILED', 'RO_WARRANTY_CLAIM_INVALID'], 409: [STATE] })
  claim(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: CreateWarrantyClaimDto): Promise<WarrantyClaimDto> {
    return this.orders.claimWarranty(p, id, b);
  }

  @Post(':id/warranty-claims/:claimId/decide')
  @Roles(...REPAIR_ADVISORS)
  @HttpCode(200)
  @ApiOperation({ operationId: 'decideWarrantyClaim', summary: 'RO-10: the advisor handles the claim — accepted or rejected, with the resolution (once)' })
  @ApiOkResponse({ type: WarrantyClaimDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 409: ['RO_WARRANTY_CLAIM_DECIDED'] })
  decideClaim(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Param('claimId', IdPipe) claimId: string, @Body() b: DecideWarrantyClaimDto): Promise<WarrantyClaimDto> {
    return this.orders.decideWarrantyClaim(p, id, claimId, b);
  }

  @Post(':id/hand-over')
  @Roles(...STAFF)
  @HttpCode(200)
  @ApiOperation({ operationId: 'handOverRepairOrder', summary: 'Hand the order to another staff member of the site, with the reason (GEN-10)' })
  @ApiOkResponse({ type: RepairOrderDetailDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 400: ['VALIDATION_FAILED', 'HANDOVER_REASON_REQUIRED'], 403: [...ROLE, 'NOT_RESPONSIBLE'], 409: [STATE, 'HANDOVER_TO_OWNER'] })
  handOver(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() b: RepairHandOverDto) {
    return this.run(p, id, { type: 'hand_over', toUserId: b.toUserId.toLowerCase(), reason: b.reason });
  }
}
