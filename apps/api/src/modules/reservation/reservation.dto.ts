import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { ORDER_STATUSES, PAYMENT_KINDS, ROLES, UNIT_STATUSES, type OrderStatus, type PaymentKind, type Role, type UnitStatus } from '@sitedesk/domain';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNumber, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { PageQuery, queryBoolean } from '../../platform/http/paging.js';

const ISO = { strict: true, strictSeparator: true } as const;
/** ¥1,000,000,000 in fen: above that, a typo. */
const MAX_FEN = 100_000_000_000;
const LABEL = /^[\p{L}\p{N}][\p{L}\p{N} .,，_#\-/()（）]*$/u;
const DOC_NO = /^[\p{L}\p{N}][\p{L}\p{N}._#\-/]*$/u;

export class SiteQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
}

// ---------- policy ----------

export class ReservationPolicyBodyDto {
  @ApiProperty({ example: 10, description: 'RES-4: minutes for the order money to reach the cashier after signing' }) @IsInt() @Min(1) @Max(1440) paymentMinutes: number;
  @ApiProperty({ enum: ROLES, example: 'director', description: 'RES-6: who approves a special discount (company level)' }) @IsIn(ROLES) discountApproverRole: Role;
  @ApiProperty({ enum: ROLES, isArray: true, example: ['manager', 'developer_approver'], description: 'RES-5: the cancellation/refund approvers, in order' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsIn(ROLES, { each: true })
  cancellationChain: Role[];
  @ApiProperty({ enum: ROLES, example: 'manager', description: 'RES-5: who approves contract wording that differs from the sample' }) @IsIn(ROLES) wordingApproverRole: Role;
}

export class PutReservationPolicyDto extends SiteQuery {
  @ApiProperty({ type: ReservationPolicyBodyDto }) @IsObject() @ValidateNested() @Type(() => ReservationPolicyBodyDto) policy: ReservationPolicyBodyDto;
}

export class ReservationPolicyVersionDto {
  @ApiProperty({ example: 2 }) version: number;
  @ApiProperty({ type: ReservationPolicyBodyDto }) policy: ReservationPolicyBodyDto;
  @ApiPropertyOptional({ nullable: true, type: String }) createdBy: string | null;
  @ApiProperty() createdAt: Date;
}

// ---------- units ----------

export class UnitFieldsDto {
  @ApiProperty({ example: '1栋', maxLength: 40 }) @IsString() @MinLength(1) @MaxLength(40) @Matches(LABEL, { message: 'building: letters, digits, spaces and . , _ # - / ( )' }) building: string;
  @ApiProperty({ example: '1-1201', maxLength: 40 }) @IsString() @MinLength(1) @MaxLength(40) @Matches(LABEL, { message: 'number: letters, digits, spaces and . , _ # - / ( )' }) number: string;
  @ApiProperty({ example: 12, minimum: -10, maximum: 200 }) @IsInt() @Min(-10) @Max(200) floor: number;
  @ApiProperty({ example: '3室2厅2卫', maxLength: 60 }) @IsString() @MinLength(1) @MaxLength(60) @Matches(LABEL, { message: 'layout: letters, digits, spaces and . , _ # - / ( )' }) layout: string;
  @ApiProperty({ example: 120.5, description: 'Square metres, at most two decimals' }) @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }) @Min(0.01) @Max(100000) areaM2: number;
  @ApiProperty({ example: 198000000, description: 'List price in fen (GEN-5)' }) @IsInt() @Min(1) @Max(MAX_FEN) listPriceFen: number;
}

export class CreateUnitDto extends UnitFieldsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
}

export class UpdateUnitDto {
  @ApiPropertyOptional({ example: '1栋', maxLength: 40 }) @IsOptional() @IsString() @MinLength(1) @MaxLength(40) @Matches(LABEL, { message: 'building: letters, digits, spaces and . , _ # - / ( )' }) building?: string;
  @ApiPropertyOptional({ example: '1-1201', maxLength: 40 }) @IsOptional() @IsString() @MinLength(1) @MaxLength(40) @Matches(LABEL, { message: 'number: letters, digits, spaces and . , _ # - / ( )' }) number?: string;
  @ApiPropertyOptional({ example: 12 }) @IsOptional() @IsInt() @Min(-10) @Max(200) floor?: number;
  @ApiPropertyOptional({ example: '3室2厅2卫', maxLength: 60 }) @IsOptional() @IsString() @MinLength(1) @MaxLength(60) @Matches(LABEL, { message: 'layout: letters, digits, spaces and . , _ # - / ( )' }) layout?: string;
  @ApiPropertyOptional({ example: 120.5 }) @IsOptional() @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }) @Min(0.01) @Max(100000) areaM2?: number;
  @ApiPropertyOptional({ example: 198000000, description: 'fen' }) @IsOptional() @IsInt() @Min(1) @Max(MAX_FEN) listPriceFen?: number;
}

export class ImportUnitsDto extends SiteQuery {
  @ApiProperty({
    example: 'building,number,floor,layout,area,list price\n1栋,1201,12,3室2厅,120.5,1980000',
    maxLength: 500_000,
    description: 'CSV text: a header naming building, number, floor, layout, area (m²), list price (yuan); Chinese headers 楼栋, 房号, 楼层, 户型, 面积, 总价 also work',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(500_000)
  csv: string;
}

export class ImportErrorDto {
  @ApiProperty({ example: 3, description: 'Line of the file (the header is line 1)' }) line: number;
  @ApiProperty({ example: 'floor' }) field: string;
  @ApiProperty({ enum: ['HEADER_INVALID', 'MISSING_FIELD', 'INVALID_VALUE', 'DUPLICATE_IN_FILE', 'UNIT_EXISTS', 'TOO_MANY_COLUMNS'] }) code: string;
  @ApiProperty({ example: 'floor: a whole number from -10 to 200' }) message: string;
}

export class ImportResultDto {
  @ApiProperty({ example: 42, description: 'Units created (the good rows, in one transaction)' }) created: number;
  @ApiProperty({ type: [ImportErrorDto], description: 'Each bad row, by line; those rows were not written' }) errors: ImportErrorDto[];
}

export class ActiveOrderDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: UNIT_STATUSES }) status: string;
  @ApiPropertyOptional({ nullable: true, type: Date, description: 'RES-4: the order money is due at the cashier by then' }) paymentDueAt: Date | null;
}

export class UnitDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ example: '1栋' }) building: string;
  @ApiProperty({ example: '1-1201' }) number: string;
  @ApiProperty({ example: 12 }) floor: number;
  @ApiProperty({ example: '3室2厅2卫' }) layout: string;
  @ApiProperty({ example: 120.5 }) areaM2: number;
  @ApiProperty({ example: 198000000 }) listPriceFen: number;
  @ApiProperty({ enum: UNIT_STATUSES, description: 'Read now from the active order (GEN-8: a signed order unpaid past its deadline reads available)' }) status: UnitStatus;
  @ApiPropertyOptional({ type: ActiveOrderDto, nullable: true }) activeOrder: ActiveOrderDto | null;
  @ApiProperty() updatedAt: Date;
}

export class ListUnitsQuery extends PageQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiPropertyOptional({ enum: UNIT_STATUSES }) @IsOptional() @IsIn(UNIT_STATUSES) status?: UnitStatus;
  @ApiPropertyOptional({ example: '1栋' }) @IsOptional() @IsString() @MaxLength(40) building?: string;
  @ApiPropertyOptional({ example: 12 }) @IsOptional() @Type(() => Number) @IsInt() @Min(-10) @Max(200) floor?: number;
  @ApiPropertyOptional({ example: '3室2厅' }) @IsOptional() @IsString() @MaxLength(60) layout?: string;
  @ApiPropertyOptional({ example: '1201', description: 'Part of the unit number' }) @IsOptional() @IsString() @MaxLength(40) q?: string;
}

/** The sales control sheet (销控表) as a file: the list's filters, every unit. */
export class ExportUnitsQuery extends OmitType(ListUnitsQuery, ['page', 'pageSize'] as const) {
  @ApiProperty({ enum: ['csv', 'xlsx'] }) @IsIn(['csv', 'xlsx']) format: 'csv' | 'xlsx';
}

// ---------- orders ----------

export class HoldDto {
  @ApiProperty({ format: 'uuid', description: 'A customer of the unit’s site (client attribution)' }) @IsUUID() customerId: string;
}

export class SubscribeDto {
  @ApiProperty({ example: 198000000, description: 'Agreed price in fen: the list price, or at least the company-approved special price (RES-6)' }) @IsInt() @Min(1) @Max(MAX_FEN) priceFen: number;
  @ApiProperty({ example: 2000000, description: 'The subscription money (小订) in fen, due at the cashier within the policy minutes (RES-4)' }) @IsInt() @Min(1) @Max(MAX_FEN) subscriptionFen: number;
  @ApiProperty({ example: 'RG-2026-0001', maxLength: 40, description: 'Number of the signed subscription agreement (认购协议书)' }) @IsString() @MinLength(1) @MaxLength(40) @Matches(DOC_NO, { message: 'agreementNo: letters, digits and . _ # - /' }) agreementNo: string;
  @ApiPropertyOptional({ example: 500000, minimum: 0, description: "CA-17: the agency's agreed commission in fen for this sale; required when an agency has the channel credit on the customer and no commission is recorded yet (the client-attribution policy has no default amount)" })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  commissionFen?: number;
}

export class DepositDto {
  @ApiProperty({ example: 20000000, description: 'The deposit (大定) in fen' }) @IsInt() @Min(1) @Max(MAX_FEN) depositFen: number;
  @ApiProperty({ example: 'DD-2026-0001', maxLength: 40 }) @IsString() @MinLength(1) @MaxLength(40) @Matches(DOC_NO, { message: 'agreementNo: letters, digits and . _ # - /' }) agreementNo: string;
}

export class PaymentDto {
  @ApiProperty({ enum: PAYMENT_KINDS }) @IsIn(PAYMENT_KINDS) kind: PaymentKind;
  @ApiProperty({ example: 2000000, description: 'fen; exactly the amount the order states' }) @IsInt() @Min(1) @Max(MAX_FEN) amountFen: number;
  @ApiProperty({ example: 'SJ-000123', maxLength: 40, description: 'The receipt the cashier issued' }) @IsString() @MinLength(1) @MaxLength(40) @Matches(DOC_NO, { message: 'receiptNo: letters, digits and . _ # - /' }) receiptNo: string;
}

export class SigningNoticeDto {
  @ApiProperty({ example: '2026-12-01T02:00:00Z', description: 'When the contract will be signed (in the future)' }) @IsISO8601(ISO) signingAt: string;
  @ApiProperty({ example: '售楼处二楼签约室', maxLength: 200 }) @IsString() @MinLength(1) @MaxLength(200) place: string;
  @ApiProperty({ type: [String], example: ['身份证', '户口本', '银行卡'], description: 'Documents the customer brings' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  documents: string[];
  @ApiProperty({ enum: ['phone', 'sms', 'in_person', 'letter'], description: 'How the customer was told' }) @IsIn(['phone', 'sms', 'in_person', 'letter']) channel: string;
}

export class ContractDto {
  @ApiProperty({ example: 'HT-2026-0001', maxLength: 40 }) @IsString() @MinLength(1) @MaxLength(40) @Matches(DOC_NO, { message: 'contractNo: letters, digits and . _ # - /' }) contractNo: string;
  @ApiProperty({ description: 'The wording differs from the sample contract (needs its approval first, RES-5)' }) @IsBoolean() wordingDiffers: boolean;
  @ApiPropertyOptional({ example: 500000, minimum: 0, description: "CA-17: the agency's agreed commission in fen, only needed when no commission was recorded at the subscription (an agency customer whose subscription predates the ledger)" })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  commissionFen?: number;
}

export class ReasonDto {
  @ApiProperty({ example: '客户放弃', maxLength: 500 }) @IsString() @MinLength(1) @MaxLength(500) reason: string;
}

export class CancellationDto extends ReasonDto {
  @ApiProperty({ example: 2000000, description: 'Refund in fen (0 for none); at most what was paid' }) @IsInt() @Min(0) @Max(MAX_FEN) refundFen: number;
}

export class DiscountDto extends ReasonDto {
  @ApiProperty({ example: 190000000, description: 'The special price in fen, below the list price (RES-6)' }) @IsInt() @Min(1) @Max(MAX_FEN) priceFen: number;
}

export class WordingDto {
  @ApiProperty({ example: '第十条交房时间延后30天', maxLength: 2000, description: 'How the wording differs from the sample contract' }) @IsString() @MinLength(1) @MaxLength(2000) differences: string;
  @ApiPropertyOptional({
    enum: ['manager', 'developer_approver'],
    description: "RES-5: the site manager's or the developer's approval; by default the policy's wordingApproverRole",
  })
  @IsOptional()
  @IsIn(['manager', 'developer_approver'])
  approverRole?: 'manager' | 'developer_approver';
}

export class ApprovalRefDto {
  @ApiProperty({ format: 'uuid' }) approvalId: string;
  @ApiProperty({ enum: ROLES, example: 'manager', description: 'Who decides it (GEN-6 routes a request one level up from its requester)' }) approverRole: string;
}

export class SigningNoticeRecordDto {
  @ApiProperty() signingAt: string;
  @ApiProperty() place: string;
  @ApiProperty({ type: [String] }) documents: string[];
  @ApiProperty() channel: string;
  @ApiProperty({ format: 'uuid' }) by: string;
}

export class PaymentRecordDto {
  @ApiProperty({ enum: PAYMENT_KINDS }) kind: string;
  @ApiProperty() amountFen: number;
  @ApiProperty() receiptNo: string;
  @ApiProperty() recordedAt: Date;
  @ApiProperty({ example: '吴出纳' }) recordedByName: string;
}

export class OrderDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty({ example: '1栋 1-1201' }) unitLabel: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ example: '王先生' }) customerName: string;
  @ApiProperty({ enum: ORDER_STATUSES, description: 'As read now (GEN-8): a signed order unpaid past its deadline reads lapsed before any job ran' }) status: OrderStatus;
  @ApiProperty({ format: 'uuid' }) heldBy: string;
  @ApiProperty({ example: '王经理' }) heldByName: string;
  @ApiProperty() heldAt: Date;
  @ApiProperty() listPriceFen: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) approvedPriceFen: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) priceFen: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) subscriptionFen: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) agreementNo: string | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) subscribedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) paymentDueAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'The policy version the order was signed under' }) policyVersion: number | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) subscriptionPaidAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) depositFen: number | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) depositedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) depositPaidAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: SigningNoticeRecordDto }) signingNotice: SigningNoticeRecordDto | null;
  @ApiProperty() wordingDiffers: boolean;
  @ApiProperty({ type: [String], description: "RES-6: the order's clauses (set by the site manager)" }) clauses: string[];
  @ApiPropertyOptional({ nullable: true, type: Date }) wordingApprovedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: String }) contractNo: string | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) contractedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) refundFen: number | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) refundPaidAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date, description: 'A lapsed order ended at its deadline, whenever the job recorded it' }) endedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: String }) endReason: string | null;
  @ApiProperty({ type: [PaymentRecordDto] }) payments: PaymentRecordDto[];
}

export class ListOrdersQuery extends PageQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiPropertyOptional({ enum: ORDER_STATUSES, description: 'Status as read now (GEN-8)' }) @IsOptional() @IsIn(ORDER_STATUSES) status?: OrderStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional({ type: Boolean, description: 'RES-4/RES-5: only orders whose money the cashier awaits (subscription or deposit unpaid) or owes back (refund unpaid)' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  atCashier?: boolean;
}

/** RES-6: the order's clauses as they are to be; the answer records what was added and removed. */
export class ClausesDto {
  @ApiProperty({ type: [String], maxItems: 20, example: ['赠送车位使用权一年'] }) @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(500, { each: true }) clauses: string[];
  @ApiProperty({ example: '客户要求写明交房时间', maxLength: 500 }) @IsString() @MinLength(1) @MaxLength(500) reason: string;
}
