import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { STAFF_ROLES, TRANSITION_ROLES, type ReservationPolicy, type Role } from '@sitedesk/domain';
import { AccessPolicy } from '../../platform/access/access.policy.js';
import { CurrentPrincipal, Roles } from '../../platform/auth/decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { ApiProblems, pageOf, WRITE_PROBLEMS } from '../../platform/http/openapi.js';
import { IdPipe } from '../../platform/http/params.js';
import { OrdersService } from './orders.service.js';
import { ReservationPolicyService } from './policy.service.js';
import {
  ApprovalRefDto,
  CancellationDto,
  ClausesDto,
  ContractDto,
  DepositDto,
  DiscountDto,
  ListOrdersQuery,
  OrderDto,
  PaymentDto,
  PutReservationPolicyDto,
  ReasonDto,
  ReservationPolicyVersionDto,
  SigningNoticeDto,
  SiteQuery,
  SubscribeDto,
  WordingDto,
} from './reservation.dto.js';

const STAFF = STAFF_ROLES as Role[];
const roles = (t: keyof typeof TRANSITION_ROLES) => TRANSITION_ROLES[t] as Role[];
const STATE = ['ORDER_STATE_CONFLICT', 'ORDER_LAPSED'];

/**
 * Orders on units (SPEC section 3): subscription (小订), deposit (大定), contract (签约), release, void,
 * the cashier's payments (RES-4) and the requests decided through /approvals (RES-5, RES-6).
 */
@ApiTags('reservation')
@Controller('v1/unit-orders')
export class OrdersController {
  constructor(
    private readonly access: AccessPolicy,
    private readonly orders: OrdersService,
  ) {}

  @Get()
  @Roles(...STAFF)
  @ApiOperation({ operationId: 'listUnitOrders', summary: "The site's orders, newest hold first, with their status read now (GEN-8)" })
  @ApiOkResponse({ type: pageOf(OrderDto) })
  @ApiProblems([400, 401, 403, 404])
  async list(@CurrentPrincipal() p: Principal, @Query() q: ListOrdersQuery) {
    const { site } = await this.access.requireSite(p, q.siteId, STAFF);
    return this.orders.list(site, q);
  }

  @Get(':id')
  @Roles(...STAFF)
  @ApiOperation({ operationId: 'getUnitOrder', summary: 'An order with its payments' })
  @ApiOkResponse({ type: OrderDto })
  @ApiProblems([401, 403, 404])
  get(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string): Promise<OrderDto> {
    return this.orders.get(p, id);
  }

  @Post(':id/subscription')
  @Roles(...roles('subscribe'))
  @HttpCode(200)
  @ApiOperation({ operationId: 'subscribeUnitOrder', summary: 'Sign the subscription (小订/认购) on a held order; its money is due at the cashier within the policy minutes (RES-4)' })
  @ApiOkResponse({ type: OrderDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 409: STATE, 422: ['DISCOUNT_NOT_APPROVED', 'AMOUNT_INVALID'] })
  subscribe(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: SubscribeDto): Promise<OrderDto> {
    return this.orders.subscribe(p, id, body);
  }

  @Post(':id/payments')
  @Roles(...roles('record_payment'))
  @ApiOperation({ operationId: 'recordUnitOrderPayment', summary: 'The cashier records money: subscription, deposit or refund (RES-4: only the cashier)' })
  @ApiCreatedResponse({ type: OrderDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 409: [...STATE, 'ALREADY_PAID'], 422: ['PAYMENT_AMOUNT_MISMATCH'] })
  pay(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: PaymentDto): Promise<OrderDto> {
    return this.orders.recordPayment(p, id, body);
  }

  @Post(':id/deposit')
  @Roles(...roles('deposit'))
  @HttpCode(200)
  @ApiOperation({ operationId: 'depositUnitOrder', summary: 'Sign the deposit (大定) once the subscription money reached the cashier' })
  @ApiOkResponse({ type: OrderDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 409: STATE, 422: ['PAYMENT_MISSING', 'AMOUNT_INVALID'] })
  deposit(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: DepositDto): Promise<OrderDto> {
    return this.orders.deposit(p, id, body);
  }

  @Post(':id/signing-notice')
  @Roles(...roles('signing_notice'))
  @HttpCode(200)
  @ApiOperation({ operationId: 'recordSigningNotice', summary: 'Record that the customer was told the signing time, place and documents (RES-5)' })
  @ApiOkResponse({ type: OrderDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 409: STATE, 422: ['SIGNING_NOTICE_LATE'] })
  notice(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: SigningNoticeDto): Promise<OrderDto> {
    return this.orders.signingNotice(p, id, body);
  }

  @Post(':id/contract')
  @Roles(...roles('contract'))
  @HttpCode(200)
  @ApiOperation({ operationId: 'contractUnitOrder', summary: 'Sign the contract (签约): deposit paid, signing notice recorded, differing wording approved (RES-5)' })
  @ApiOkResponse({ type: OrderDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 409: STATE, 422: ['PAYMENT_MISSING', 'SIGNING_NOTICE_MISSING', 'WORDING_NOT_APPROVED'] })
  contract(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: ContractDto): Promise<OrderDto> {
    return this.orders.contract(p, id, body);
  }

  @Post(':id/release')
  @Roles(...roles('release'))
  @HttpCode(200)
  @ApiOperation({ operationId: 'releaseUnitOrder', summary: 'The manager releases a hold, or a signed order whose money never came; the unit is for sale again (RES-2)' })
  @ApiOkResponse({ type: OrderDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 409: [...STATE, 'CANCELLATION_REQUIRED'] })
  release(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: ReasonDto): Promise<OrderDto> {
    return this.orders.end(p, id, 'release', body.reason);
  }

  @Post(':id/void')
  @Roles(...roles('void'))
  @HttpCode(200)
  @ApiOperation({ operationId: 'voidUnitOrder', summary: 'Void an order made in error: it stays, marked void (GEN-3); orders with money need a cancellation' })
  @ApiOkResponse({ type: OrderDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 409: [...STATE, 'CANCELLATION_REQUIRED'] })
  void(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: ReasonDto): Promise<OrderDto> {
    return this.orders.end(p, id, 'void', body.reason);
  }

  @Post(':id/cancellation')
  @Roles(...roles('cancel'))
  @ApiOperation({ operationId: 'requestUnitOrderCancellation', summary: 'Ask for a cancellation or refund (退订/退房): the site manager reviews, the developer approves (RES-5)' })
  @ApiCreatedResponse({ type: ApprovalRefDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 409: [...STATE, 'REQUEST_PENDING'], 422: ['REFUND_EXCEEDS_PAID'] })
  cancel(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: CancellationDto): Promise<ApprovalRefDto> {
    return this.orders.requestCancellation(p, id, body);
  }

  @Post(':id/discount')
  @Roles(...roles('request_discount'))
  @ApiOperation({ operationId: 'requestUnitOrderDiscount', summary: 'Ask for a special discount on a held order: approved at company level (RES-6)' })
  @ApiCreatedResponse({ type: ApprovalRefDto })
  @ApiProblems([...WRITE_PROBLEMS, 409, 422], { 409: [...STATE, 'REQUEST_PENDING'], 422: ['AMOUNT_INVALID'] })
  discount(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: DiscountDto): Promise<ApprovalRefDto> {
    return this.orders.requestDiscount(p, id, body);
  }

  @Put(':id/clauses')
  @Roles(...roles('set_clauses'))
  @ApiOperation({ operationId: 'setUnitOrderClauses', summary: "Set an open order's clauses — only the site manager adds or removes them (RES-6); what changed is audited" })
  @ApiOkResponse({ type: OrderDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 400: ['CLAUSES_INVALID'], 409: [...STATE, 'CLAUSES_UNCHANGED'] })
  clauses(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: ClausesDto): Promise<OrderDto> {
    return this.orders.setClauses(p, id, body);
  }

  @Post(':id/wording')
  @Roles(...roles('request_wording'))
  @ApiOperation({ operationId: 'requestUnitOrderWording', summary: 'Ask approval for contract wording that differs from the sample (RES-5)' })
  @ApiCreatedResponse({ type: ApprovalRefDto })
  @ApiProblems([...WRITE_PROBLEMS, 409], { 409: [...STATE, 'REQUEST_PENDING', 'ALREADY_APPROVED'] })
  wording(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: WordingDto): Promise<ApprovalRefDto> {
    return this.orders.requestWording(p, id, body);
  }
}

/** The site's reservation policy (versioned; each order records the version it was signed under). */
@ApiTags('reservation')
@Controller('v1/reservation/policy')
export class ReservationPolicyController {
  constructor(
    private readonly access: AccessPolicy,
    private readonly policies: ReservationPolicyService,
  ) {}

  @Get()
  @Roles(...STAFF)
  @ApiOperation({ operationId: 'getReservationPolicy', summary: "The site's current reservation policy" })
  @ApiOkResponse({ type: ReservationPolicyVersionDto })
  @ApiProblems([400, 401, 403, 404])
  async get(@CurrentPrincipal() p: Principal, @Query() q: SiteQuery): Promise<ReservationPolicyVersionDto> {
    const { site } = await this.access.requireSite(p, q.siteId, STAFF);
    const { version, policy, row } = await this.policies.current(site);
    return { version, policy, createdBy: row.createdBy, createdAt: row.createdAt };
  }

  @Put()
  @Roles('manager')
  @ApiOperation({ operationId: 'publishReservationPolicy', summary: 'Publish a new policy version; orders already signed keep their deadline' })
  @ApiOkResponse({ type: ReservationPolicyVersionDto })
  @ApiProblems(WRITE_PROBLEMS)
  async put(@CurrentPrincipal() p: Principal, @Body() body: PutReservationPolicyDto): Promise<ReservationPolicyVersionDto> {
    const { site } = await this.access.requireSite(p, body.siteId, ['manager']);
    const row = await this.policies.publish(site, p.userId, body.policy as unknown as ReservationPolicy);
    return { version: row.version, policy: row.policy, createdBy: row.createdBy, createdAt: row.createdAt };
  }
}
