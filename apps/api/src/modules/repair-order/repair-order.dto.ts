import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CONSENT_CHANNELS, ESTIMATE_METHODS, FOLLOW_UP_ATTITUDES, PART_ORIGINS, PART_SUPPLIERS, REPAIR_ORDER_STATES, VEHICLE_TYPES, type ConsentChannel, type EstimateMethod, type FollowUpAttitude, type PartOrigin, type PartSupplier, type RepairOrderState, type VehicleType } from '@sitedesk/domain';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { PageQuery, queryBoolean } from '../../platform/http/paging.js';

const ISO = { strict: true, strictSeparator: true } as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[a-z][a-z0-9_-]{0,29}$/;
const TAG = /^[A-Za-z0-9][A-Za-z0-9-]{0,19}$/;
const LINE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

export class RepairSiteQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
}

// ---------- policy and key cabinet ----------

export class RepairPolicyVersionDto {
  @ApiProperty({ example: 2 }) version: number;
  @ApiProperty({ type: Object, description: 'The RepairOrderPolicy (docs/repair-order.md): service interval, estimate, fees, dispatch rounding, progress check, discount levels, follow-up, warranty, tickets' })
  policy: Record<string, unknown>;
  @ApiPropertyOptional({ nullable: true, type: String }) createdBy: string | null;
  @ApiProperty() createdAt: Date;
}

export class PutRepairPolicyDto extends RepairSiteQuery {
  @ApiProperty({ type: Object, description: 'A whole RepairOrderPolicy; validated field by field (VALIDATION_FAILED lists `policy.<field>`)' })
  @IsObject()
  policy: Record<string, unknown>;
}

export class KeyTagDto {
  @ApiProperty({ example: 'K001' }) tag: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'The open repair order holding the tag' }) orderId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '京A12345' }) plate: string | null;
}

export class KeyCabinetDto {
  @ApiProperty({ type: [KeyTagDto], description: "The cabinet's tags in hand-out order, with the open order holding each (RO-5)" }) tags: KeyTagDto[];
  @ApiProperty({ example: 3 }) inUse: number;
  @ApiPropertyOptional({ nullable: true, type: Date, description: 'null: the default hooks K001…K100, never set' }) updatedAt: Date | null;
}

export class PutKeyCabinetDto extends RepairSiteQuery {
  @ApiProperty({ type: [String], example: ['K001', 'K002'], description: 'Letters, digits and -, up to 20 each; 1 to 2000 tags; a tag on an open order stays' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  @IsString({ each: true })
  @Matches(TAG, { each: true, message: 'each tag: letters, digits and -, up to 20' })
  tags: string[];
}

// ---------- RO-1 vehicle files ----------

export class VehicleInputDto {
  @ApiProperty({ example: '大众 朗逸 1.5L', maxLength: 60 }) @IsString() @MinLength(1) @MaxLength(60) model: string;
  @ApiProperty({ example: '京A12345', maxLength: 20 }) @IsString() @MinLength(1) @MaxLength(20) plate: string;
  @ApiProperty({ enum: VEHICLE_TYPES, example: 'car' }) @IsIn(VEHICLE_TYPES) type: VehicleType;
  @ApiProperty({ example: 42000, minimum: 0, maximum: 5_000_000 }) @IsInt() @Min(0) @Max(5_000_000) odometerKm: number;
}

export class CreateVehicleFileDto extends RepairSiteQuery {
  @ApiProperty({ example: '王先生', maxLength: 60 }) @IsString() @MinLength(1) @MaxLength(60) name: string;
  @ApiProperty({ example: '北京市朝阳区XX路1号', maxLength: 200 }) @IsString() @MinLength(1) @MaxLength(200) address: string;
  @ApiProperty({ example: '13800138000', maxLength: 30 }) @IsString() @MinLength(1) @MaxLength(30) phone: string;
  @ApiProperty({ example: '2026-03-02', format: 'date', description: 'The site-local day of the visit; a file made on a later day is flagged late (GEN-11)' })
  @IsISO8601(ISO)
  @Matches(DATE)
  visitDate: string;
  @ApiProperty({ type: VehicleInputDto }) @IsObject() @ValidateNested() @Type(() => VehicleInputDto) vehicle: VehicleInputDto;
  @ApiProperty({ example: '首保: 更换机油机滤', maxLength: 2000 }) @IsString() @MinLength(1) @MaxLength(2000) workDone: string;
  @ApiPropertyOptional({ nullable: true, maxLength: 2000, type: String, example: '希望提前电话提醒保养' }) @IsOptional() @IsString() @MaxLength(2000) wishes?: string | null;
}

export class NextServiceDto {
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date' }) byDate: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) byKm: number | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date', description: 'Whichever of km and months comes first (RO-1)' }) dueDate: string | null;
  @ApiPropertyOptional({ nullable: true, enum: ['months', 'km'] }) basis: string | null;
}

export class VehicleFileDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() name: string;
  @ApiProperty() address: string;
  @ApiProperty() phone: string;
  @ApiProperty({ example: '京A12345' }) plate: string;
  @ApiProperty() model: string;
  @ApiProperty({ enum: VEHICLE_TYPES }) type: string;
  @ApiProperty() odometerKm: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) kmPerDay: number | null;
  @ApiProperty({ format: 'date' }) visitDate: string;
  @ApiProperty() workDone: string;
  @ApiPropertyOptional({ nullable: true, type: String }) wishes: string | null;
  @ApiProperty({ format: 'date' }) lastServiceDate: string;
  @ApiProperty() lastServiceKm: number;
  @ApiProperty({ type: NextServiceDto }) nextService: NextServiceDto;
  @ApiProperty({ description: 'The next service is due today (by date or km), read now' }) serviceDue: boolean;
  @ApiPropertyOptional({ nullable: true, type: Date, description: 'RO-10: when the next-service reminder is due' }) reminderAt: Date | null;
  @ApiProperty({ enum: ['none', 'pending', 'due', 'sent'], description: 'Read now (GEN-8)' }) reminderState: string;
  @ApiPropertyOptional({ nullable: true, type: Date }) reminderSentAt: Date | null;
  @ApiProperty({ description: 'GEN-11: made on a later day than the visit' }) late: boolean;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty() policyVersion: number;
}

export class ListVehiclesQuery extends PageQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiPropertyOptional({ example: '京A1', maxLength: 20, description: 'Plate or part of it' }) @IsOptional() @IsString() @MaxLength(20) plate?: string;
  @ApiPropertyOptional({ example: '2026-04-01', description: 'Next service date on or before this day (reminders)' }) @IsOptional() @IsISO8601(ISO) @Matches(DATE) dueBy?: string;
  @ApiPropertyOptional({ enum: ['pending', 'due', 'sent'], description: 'RO-10: next-service reminders, read now' }) @IsOptional() @IsIn(['pending', 'due', 'sent']) reminder?: 'pending' | 'due' | 'sent';
}

// ---------- repair orders: open, list, read ----------

export class OpenRepairOrderDto {
  @ApiProperty({ format: 'uuid', description: "The vehicle file (RO-1) of this site" }) @IsUUID() vehicleId: string;
  @ApiProperty({ example: 'maintenance', description: 'The repair category (维修类别) for statistics (RO-12)' }) @IsString() @Matches(CODE, { message: 'category must be a lower-case code' }) category: string;
}

export class ListRepairOrdersQuery extends PageQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiPropertyOptional({ enum: REPAIR_ORDER_STATES }) @IsOptional() @IsIn(REPAIR_ORDER_STATES) state?: RepairOrderState;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() advisorId?: string;
  @ApiPropertyOptional({ example: '京A1', maxLength: 20 }) @IsOptional() @IsString() @MaxLength(20) plate?: string;
  @ApiPropertyOptional({ example: '2026-03-01', description: 'Opened on or after this site-local date' }) @IsOptional() @IsISO8601(ISO) @Matches(DATE) from?: string;
  @ApiPropertyOptional({ example: '2026-03-31', description: 'Opened on or before this site-local date' }) @IsOptional() @IsISO8601(ISO) @Matches(DATE) to?: string;
  @ApiPropertyOptional({ type: Boolean, description: 'RO-7/RO-9: only orders waiting for an answer — additional work without the customer’s yes or no, or a discount not yet decided (`pending`)' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  awaitingAnswer?: boolean;
}

export class ProgressCheckDto {
  @ApiProperty() from: Date;
  @ApiProperty() to: Date;
  @ApiProperty({ enum: ['not_applicable', 'not_yet', 'due', 'overdue', 'done'], description: 'Read now (RO-8, GEN-8)' }) status: string;
}

/** What the order waits for, read now (GEN-8): the advisor's desk reads these from the list instead of each order. */
export class RepairOrderPendingDto {
  @ApiProperty({ description: 'RO-7: additional lines waiting for the customer’s yes or no', example: 0 }) additionalAwaitingCustomer: number;
  @ApiProperty({ description: 'RO-9: a discount request waiting for approval (GEN-6)' }) discountAwaitingApproval: boolean;
  @ApiProperty({ description: 'RO-8: the progress check is due or overdue now' }) progressCheckDue: boolean;
  @ApiProperty({ description: 'RO-10: the follow-up call is due or overdue now, not yet made' }) followUpDue: boolean;
}

export class RepairOrderDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ format: 'uuid' }) vehicleId: string;
  @ApiProperty({ enum: REPAIR_ORDER_STATES }) state: string;
  @ApiProperty({ description: 'Goes up with every estimate and every additional item agreed; signatures name it', example: 1 }) version: number;
  @ApiProperty({ format: 'uuid' }) advisorId: string;
  @ApiProperty() advisorName: string;
  @ApiProperty() customerName: string;
  @ApiProperty() customerPhone: string;
  @ApiProperty({ example: '京A12345' }) plate: string;
  @ApiProperty() model: string;
  @ApiProperty({ example: 'maintenance' }) category: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'K001' }) keyTag: string | null;
  @ApiProperty() openedAt: Date;
  @ApiPropertyOptional({ nullable: true, type: Date }) promisedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'The current total in fen: agreed lines with the estimate method (RO-3, RO-7)' }) totalFen: number | null;
  @ApiProperty({ description: 'The customer signed the current version (RO-4)' }) signedCurrent: boolean;
  @ApiPropertyOptional({ nullable: true, type: ProgressCheckDto }) progressCheck: ProgressCheckDto | null;
  @ApiProperty({ type: RepairOrderPendingDto }) pending: RepairOrderPendingDto;
  @ApiProperty() policyVersion: number;
}

export class SignatureDto {
  @ApiProperty({ enum: ['diagnosis_consent', 'order', 'document_differences', 'belongings', 'exit'] }) purpose: string;
  @ApiProperty({ example: '王先生' }) signer: string;
  @ApiProperty() at: Date;
  @ApiProperty({ description: 'The version of the order signed' }) version: number;
  @ApiProperty({ format: 'uuid' }) recordedBy: string;
}

export class RepairTimelineEventDto {
  @ApiProperty() at: Date;
  @ApiProperty({ example: 'repair_order.signed' }) type: string;
  @ApiPropertyOptional({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty() actorName: string;
  @ApiProperty({ type: Object }) data: Record<string, unknown>;
  @ApiProperty({ type: [String] }) ruleIds: string[];
  @ApiProperty() policyVersion: number;
}

export class RepairOrderDetailDto extends RepairOrderDto {
  @ApiPropertyOptional({ nullable: true, type: Object, description: 'RO-2' }) diagnosis: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true, type: Object, description: 'RO-3: method, priced lines, margin, total, disclaimer' }) estimate: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true, type: Object, description: 'The current price with agreed additional work (RO-7)' }) totals: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true, type: String }) wishes: string | null;
  @ApiPropertyOptional({ nullable: true, type: Object, description: 'RO-5' }) checkIn: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true, type: Object, description: 'RO-6: receiver, exact instant and signed time' }) dispatch: Record<string, unknown> | null;
  @ApiProperty({ type: [Object], description: 'RO-7' }) additional: Record<string, unknown>[];
  @ApiProperty({ type: [Object] }) work: Record<string, unknown>[];
  @ApiProperty({ type: [Object], description: 'RO-8' }) progressChecks: Record<string, unknown>[];
  @ApiProperty({ type: [Object], description: 'RO-9' }) qualityChecks: Record<string, unknown>[];
  @ApiPropertyOptional({ nullable: true, type: Object }) delivery: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true, type: Object, description: 'RO-9 + GEN-6' }) discount: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true, type: Object, description: 'Total, discount, due, paid, receivable (RO-9, RO-12)' }) settlement: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true, type: Object }) exit: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true, type: Object, description: 'RO-4' }) decline: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true, type: Object, description: 'The exit notice (出厂通知单) with the fee of a declined order' }) exitNotice: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true, type: Object, description: 'RO-10: the follow-up call (CMP-7)' }) followUp: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true, type: Object }) followUpResult: Record<string, unknown> | null;
  @ApiProperty({ type: [SignatureDto] }) signatures: SignatureDto[];
  @ApiProperty({ type: [RepairTimelineEventDto] }) timeline: RepairTimelineEventDto[];
}

// ---------- commands ----------

export class SignerDto {
  @ApiProperty({ example: '王先生', maxLength: 60, description: "The customer's name as signed" }) @IsString() @MinLength(1) @MaxLength(60) signer: string;
}

export class RecordDiagnosisDto {
  @ApiProperty({ maxLength: 4000, example: '前制动片磨损至2mm' }) @IsString() @MinLength(1) @MaxLength(4000) findings: string;
  @ApiProperty({ maxLength: 4000, example: '更换前制动片' }) @IsString() @MinLength(1) @MaxLength(4000) recommendation: string;
  @ApiPropertyOptional({ nullable: true, format: 'uuid', type: String, description: 'The technician who helped (RO-2), staff of this site' }) @IsOptional() @IsUUID() assistedBy?: string | null;
  @ApiProperty({ example: true, description: 'The diagnosis report was handed to the customer (RO-2)' }) @IsBoolean() reportHandedOver: boolean;
}

export class PartDto {
  @ApiProperty({ enum: PART_SUPPLIERS, example: 'workshop' }) @IsIn(PART_SUPPLIERS) supplier: PartSupplier;
  @ApiProperty({ enum: PART_ORIGINS, example: 'oem' }) @IsIn(PART_ORIGINS) origin: PartOrigin;
  @ApiProperty({ example: 36000, minimum: 0, description: 'fen; 0 for a customer-supplied part' }) @IsInt() @Min(0) @Max(100_000_000) priceFen: number;
  @ApiProperty({ example: '前制动片', maxLength: 100 }) @IsString() @MinLength(1) @MaxLength(100) name: string;
}

export class EstimateLineDto {
  @ApiProperty({ example: 'L1', maxLength: 40 }) @IsString() @Matches(LINE_ID, { message: 'id: letters, digits, _ and -, up to 40' }) id: string;
  @ApiProperty({ example: '更换前制动片', maxLength: 500 }) @IsString() @MinLength(1) @MaxLength(500) description: string;
  @ApiProperty({ example: 'brakes', description: 'The system concerned, a lower-case code' }) @IsString() @Matches(CODE, { message: 'system must be a lower-case code' }) system: string;
  @ApiProperty({ example: 150, minimum: 0, description: 'Labour in hundredths of an hour (1.5 h = 150)' }) @IsInt() @Min(0) @Max(100_000) labourHundredths: number;
  @ApiPropertyOptional({ nullable: true, type: PartDto }) @IsOptional() @IsObject() @ValidateNested() @Type(() => PartDto) part?: PartDto | null;
  @ApiProperty({ example: 'mechanical', description: 'The workshop team the line needs (RO-6)' }) @IsString() @Matches(CODE, { message: 'team must be a lower-case code' }) team: string;
}

export class EstimateDto {
  @ApiPropertyOptional({ enum: ESTIMATE_METHODS, nullable: true, description: "RO-3; the policy's default when absent" }) @IsOptional() @IsIn(ESTIMATE_METHODS) method?: EstimateMethod | null;
  @ApiProperty({ type: [EstimateLineDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => EstimateLineDto) lines: EstimateLineDto[];
  @ApiPropertyOptional({ example: false, description: 'RO-3: the customer was told quality may not be guaranteed (required for `item`)' }) @IsOptional() @IsBoolean() qualityNoticeGiven?: boolean;
  @ApiProperty({ format: 'date-time', example: '2026-03-02T16:00:00.000Z', description: 'The promised time (RO-4), in the future' }) @IsISO8601(ISO) promisedAt: string;
  @ApiPropertyOptional({ nullable: true, maxLength: 2000, type: String }) @IsOptional() @IsString() @MaxLength(2000) wishes?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'repair' }) @IsOptional() @IsString() @Matches(CODE, { message: 'category must be a lower-case code' }) category?: string | null;
}

export class SignDto extends SignerDto {
  @ApiProperty({ example: 1, minimum: 0, description: 'The version of the order the customer saw (409 RO_ORDER_VERSION_CHANGED otherwise)' }) @IsInt() @Min(0) @Max(1_000_000) version: number;
}

export class DeclineDto {
  @ApiProperty({ enum: ['declined', 'appointment'], example: 'declined' }) @IsIn(['declined', 'appointment']) kind: 'declined' | 'appointment';
  @ApiProperty({ maxLength: 2000, example: '价格太高' }) @IsString() @MinLength(1) @MaxLength(2000) reason: string;
}

export class RepairCheckInDocumentsDto {
  @ApiProperty({ type: [String], example: ['行驶证'] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(30) @IsString({ each: true }) @MaxLength(100, { each: true }) received: string[];
  @ApiPropertyOptional({ nullable: true, maxLength: 2000, type: String }) @IsOptional() @IsString() @MaxLength(2000) differences?: string | null;
  @ApiPropertyOptional({ nullable: true, maxLength: 60, type: String, description: 'The customer signs the differences (RO-5)' }) @IsOptional() @IsString() @MaxLength(60) differencesSignedBy?: string | null;
}

export class InspectionDto {
  @ApiProperty({ maxLength: 2000, example: '左后门轻微划痕' }) @IsString() @MinLength(1) @MaxLength(2000) exterior: string;
  @ApiProperty({ maxLength: 2000, example: '正常' }) @IsString() @MinLength(1) @MaxLength(2000) interior: string;
  @ApiProperty({ maxLength: 2000, example: '故障灯无' }) @IsString() @MinLength(1) @MaxLength(2000) instruments: string;
  @ApiProperty({ type: [String], example: ['左后门划痕'] }) @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(500, { each: true }) anomalies: string[];
}

export class BelongingsDto {
  @ApiProperty({ type: [String], example: ['雨伞'] }) @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(200, { each: true }) items: string[];
  @ApiProperty({ maxLength: 60, example: '王先生', description: 'The customer signs the belongings list (随车物品清单)' }) @IsString() @MinLength(1) @MaxLength(60) signedBy: string;
}

export class RepairCheckInDto {
  @ApiProperty({ type: RepairCheckInDocumentsDto }) @IsObject() @ValidateNested() @Type(() => RepairCheckInDocumentsDto) documents: RepairCheckInDocumentsDto;
  @ApiProperty({ type: InspectionDto }) @IsObject() @ValidateNested() @Type(() => InspectionDto) inspection: InspectionDto;
  @ApiProperty({ type: BelongingsDto }) @IsObject() @ValidateNested() @Type(() => BelongingsDto) belongings: BelongingsDto;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'K001', description: "A hook of the site's key cabinet; the first free one when absent (RO-5)" })
  @IsOptional()
  @IsString()
  @Matches(TAG, { message: 'keyTag: letters, digits and -, up to 20' })
  keyTag?: string | null;
  @ApiProperty({ example: 50, minimum: 0, maximum: 100 }) @IsInt() @Min(0) @Max(100) fuelPercent: number;
  @ApiProperty({ example: 42010, minimum: 0, maximum: 5_000_000 }) @IsInt() @Min(0) @Max(5_000_000) odometerKm: number;
}

export class DispatchTargetDto {
  @ApiProperty({ enum: ['team', 'workshop_lead'], example: 'team' }) @IsIn(['team', 'workshop_lead']) kind: 'team' | 'workshop_lead';
  @ApiPropertyOptional({ example: 'mechanical', description: 'For `team`' }) @IsOptional() @IsString() @Matches(CODE, { message: 'team must be a lower-case code' }) team?: string;
}

export class DispatchDto {
  @ApiProperty({ type: DispatchTargetDto, description: 'RO-6: single-team work to the team, multi-team work to the workshop lead' }) @IsObject() @ValidateNested() @Type(() => DispatchTargetDto) target: DispatchTargetDto;
  @ApiProperty({ format: 'uuid', description: 'The workshop receiver, staff of this site' }) @IsUUID() receiverId: string;
  @ApiProperty({ maxLength: 60, example: '冯技师', description: 'The name the receiver signs' }) @IsString() @MinLength(1) @MaxLength(60) receiverName: string;
}

export class AdditionalWorkDto {
  @ApiProperty({ type: [EstimateLineDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => EstimateLineDto) lines: EstimateLineDto[];
  @ApiProperty({ example: 60, minimum: 0, description: 'The delay it causes, told to the customer (RO-7)' }) @IsInt() @Min(0) @Max(43_200) delayMinutes: number;
}

export class AdditionalConsentDto {
  @ApiProperty({ type: [String], example: ['A1'] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsString({ each: true }) @Matches(LINE_ID, { each: true, message: 'each line id: letters, digits, _ and -' }) lineIds: string[];
  @ApiProperty({ enum: ['yes', 'no'], example: 'yes' }) @IsIn(['yes', 'no']) decision: 'yes' | 'no';
  @ApiProperty({ enum: CONSENT_CHANNELS, example: 'phone' }) @IsIn(CONSENT_CHANNELS) channel: ConsentChannel;
  @ApiProperty({ maxLength: 60, example: '冯技师', description: 'The workshop person told (RO-7)' }) @IsString() @MinLength(1) @MaxLength(60) workshopToldName: string;
}

export class LineDto {
  @ApiProperty({ example: 'L1' }) @IsString() @Matches(LINE_ID, { message: 'lineId: letters, digits, _ and -, up to 40' }) lineId: string;
}

export class ProgressCheckInputDto {
  @ApiPropertyOptional({ nullable: true, maxLength: 2000, type: String, description: 'RO-8: anomalies found; each needs the action taken' }) @IsOptional() @IsString() @MaxLength(2000) anomalies?: string | null;
  @ApiPropertyOptional({ nullable: true, maxLength: 2000, type: String }) @IsOptional() @IsString() @MaxLength(2000) action?: string | null;
}

export class QualityCheckDto {
  @ApiProperty({ example: true }) @IsBoolean() passed: boolean;
  @ApiProperty({ maxLength: 2000, example: '试车正常' }) @IsString() @MinLength(1) @MaxLength(2000) notes: string;
  @ApiPropertyOptional({ type: [String], description: 'A failed check names the lines to rework' }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @Matches(LINE_ID, { each: true, message: 'each line id: letters, digits, _ and -' }) reworkLineIds?: string[];
}

export class PrepareDeliveryDto {
  @ApiProperty({ example: true }) @IsBoolean() cleaned: boolean;
  @ApiProperty({ example: true }) @IsBoolean() belongingsReturned: boolean;
}

export class RequestDiscountDto {
  @ApiProperty({ example: 2000, minimum: 1, description: 'fen' }) @IsInt() @Min(1) @Max(100_000_000) amountFen: number;
  @ApiProperty({ maxLength: 2000, example: '老客户' }) @IsString() @MinLength(1) @MaxLength(2000) reason: string;
}

export class DecideDiscountDto {
  @ApiProperty({ enum: ['approved', 'rejected'], example: 'approved' }) @IsIn(['approved', 'rejected']) decision: 'approved' | 'rejected';
  @ApiPropertyOptional({ nullable: true, maxLength: 2000, type: String }) @IsOptional() @IsString() @MaxLength(2000) comment?: string | null;
}

export class SettleRepairOrderDto {
  @ApiProperty({ example: 50000, minimum: 0, description: 'fen paid now; the rest is a receivable (欠收)' }) @IsInt() @Min(0) @Max(1_000_000_000) paidFen: number;
}

export class ExitDocumentsDto {
  @ApiProperty({ example: true }) @IsBoolean() repairOrder: boolean;
  @ApiProperty({ example: true }) @IsBoolean() settlement: boolean;
  @ApiProperty({ example: true }) @IsBoolean() warrantyCertificate: boolean;
  @ApiProperty({ example: true }) @IsBoolean() vehicleDocuments: boolean;
  @ApiProperty({ example: true }) @IsBoolean() key: boolean;
}

export class ExitDto extends SignDto {
  @ApiProperty({ type: ExitDocumentsDto, description: 'RO-9: every document handed over' }) @IsObject() @ValidateNested() @Type(() => ExitDocumentsDto) documents: ExitDocumentsDto;
}

export class BookRepairFollowUpDto {
  @ApiProperty({ format: 'date-time', example: '2026-03-05T02:00:00.000Z' }) @IsISO8601(ISO) at: string;
}

export class VehicleFollowUpAnswersDto {
  @ApiProperty({ example: true, description: 'The vehicle runs well' }) @IsBoolean() solved: boolean;
  @ApiProperty({ enum: FOLLOW_UP_ATTITUDES, example: 'satisfied', description: 'Opinion of the service' }) @IsIn(FOLLOW_UP_ATTITUDES) attitude: FollowUpAttitude;
  @ApiProperty({ example: false }) @IsBoolean() charged: boolean;
  @ApiProperty({ example: 9, minimum: 1, maximum: 10 }) @IsInt() @Min(1) @Max(10) score: number;
  @ApiProperty({ example: '', maxLength: 2000 }) @IsString() @MaxLength(2000) suggestions: string;
  @ApiProperty({ example: true }) @IsBoolean() careAdviceGiven: boolean;
  @ApiProperty({ example: true }) @IsBoolean() nextServiceDateTold: boolean;
}

export class RecordRepairFollowUpDto {
  @ApiProperty({ type: VehicleFollowUpAnswersDto }) @IsObject() @ValidateNested() @Type(() => VehicleFollowUpAnswersDto) answers: VehicleFollowUpAnswersDto;
}

export class RepairHandOverDto {
  @ApiProperty({ format: 'uuid', description: 'A staff member of this site' }) @IsUUID() toUserId: string;
  @ApiProperty({ maxLength: 500, example: '轮休交接' }) @IsString() @MinLength(1) @MaxLength(500) reason: string;
}

// ---------- RO-12 statistics ----------

export class RepairStatisticsQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ enum: ['week', 'month'], example: 'month' }) @IsIn(['week', 'month']) period: 'week' | 'month';
  @ApiProperty({ example: '2026-03-01', description: 'First site-local day (settlement for orders, receipt for tickets)' }) @IsISO8601(ISO) @Matches(DATE) from: string;
  @ApiProperty({ example: '2026-03-31', description: 'Last site-local day, at most 400 days after `from`' }) @IsISO8601(ISO) @Matches(DATE) to: string;
  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'], description: 'A download for finance (RO-12); JSON by default' }) @IsOptional() @IsIn(['json', 'csv', 'xlsx']) format?: 'json' | 'csv' | 'xlsx';
}

export class RepairOrderPeriodDto {
  @ApiProperty({ example: '2026-03', description: '`YYYY-MM`, or the Monday of the week' }) period: string;
  @ApiProperty() vehicles: number;
  @ApiProperty({ type: Object, example: { car: 3, suv: 1 } }) byVehicleType: Record<string, number>;
  @ApiProperty({ type: Object, example: { maintenance: 2, repair: 2 } }) byCategory: Record<string, number>;
  @ApiProperty({ description: '营业收入: amounts due of the settlements, fen' }) revenueFen: number;
  @ApiProperty() paidFen: number;
  @ApiProperty({ description: '欠收, fen' }) receivablesFen: number;
}

export class RepairOrderStatisticsDto {
  @ApiProperty({ enum: ['week', 'month'] }) period: string;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: [RepairOrderPeriodDto] }) rows: RepairOrderPeriodDto[];
}

// ---------- RO-10 follow-up calls ----------

export class ListRepairFollowUpsQuery extends PageQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiPropertyOptional({ enum: ['planned', 'due', 'overdue', 'open', 'done'], description: '`open` = planned, due or overdue (default); read now (GEN-8)' })
  @IsOptional()
  @IsIn(['planned', 'due', 'overdue', 'open', 'done'])
  status?: 'planned' | 'due' | 'overdue' | 'open' | 'done';
}

export class RepairFollowUpDto {
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ example: '京A12345' }) plate: string;
  @ApiProperty() customerName: string;
  @ApiProperty() customerPhone: string;
  @ApiProperty({ format: 'uuid' }) advisorId: string;
  @ApiProperty() exitedAt: Date;
  @ApiProperty() plannedAt: Date;
  @ApiProperty() dueBy: Date;
  @ApiProperty() bookedByCustomer: boolean;
  @ApiProperty({ enum: ['planned', 'due', 'overdue', 'done'] }) status: string;
  @ApiPropertyOptional({ nullable: true, type: Date }) doneAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Boolean, description: 'RO-10: the call found a problem (a case for the advisor)' }) openCase: boolean | null;
}

// ---------- RO-10 warranty claims ----------

export class CreateWarrantyClaimDto {
  @ApiProperty({ type: [String], example: ['L1'], description: 'Lines of the order claimed' }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsString({ each: true }) @Matches(LINE_ID, { each: true, message: 'each line id: letters, digits, _ and -' }) lineIds: string[];
  @ApiProperty({ example: '制动异响复发', maxLength: 4000 }) @IsString() @MinLength(1) @MaxLength(4000) description: string;
  @ApiProperty({ example: 43_500, minimum: 0, maximum: 5_000_000, description: "The vehicle's odometer at the claim" }) @IsInt() @Min(0) @Max(5_000_000) odometerKm: number;
}

export class DecideWarrantyClaimDto {
  @ApiProperty({ enum: ['accepted', 'rejected'], example: 'accepted' }) @IsIn(['accepted', 'rejected']) decision: 'accepted' | 'rejected';
  @ApiProperty({ example: '免费更换制动片', maxLength: 2000 }) @IsString() @MinLength(1) @MaxLength(2000) resolution: string;
}

export class WarrantyAssessmentDto {
  @ApiProperty({ description: "Within the guarantee's days and km, whichever ends first" }) inPeriod: boolean;
  @ApiProperty({ type: [String] }) coveredLineIds: string[];
  @ApiProperty({ type: [String], description: 'RO-3: lines without a quality guarantee' }) excludedLineIds: string[];
  @ApiProperty({ format: 'date' }) expiresOn: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) expiresAtKm: number | null;
}

export class WarrantyClaimDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) orderId: string;
  @ApiProperty({ type: [String] }) lineIds: string[];
  @ApiProperty() description: string;
  @ApiProperty() odometerKm: number;
  @ApiProperty({ type: WarrantyAssessmentDto }) assessment: WarrantyAssessmentDto;
  @ApiProperty({ enum: ['open', 'accepted', 'rejected'] }) status: string;
  @ApiPropertyOptional({ nullable: true, type: String }) resolution: string | null;
  @ApiProperty() claimedAt: Date;
  @ApiProperty({ format: 'uuid' }) recordedBy: string;
  @ApiPropertyOptional({ nullable: true, type: String }) decidedBy: string | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) decidedAt: Date | null;
}

export class ListWarrantyClaimsQuery extends PageQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiPropertyOptional({ enum: ['open', 'accepted', 'rejected'], description: 'All when left out' }) @IsOptional() @IsIn(['open', 'accepted', 'rejected']) status?: 'open' | 'accepted' | 'rejected';
  @ApiPropertyOptional({ example: '京A1', maxLength: 20, description: 'A part of the plate' }) @IsOptional() @IsString() @MaxLength(20) plate?: string;
}

/** A claim in the site's list: the claim and the order's vehicle and customer. */
export class SiteWarrantyClaimDto extends WarrantyClaimDto {
  @ApiProperty({ example: '京A12345' }) plate: string;
  @ApiProperty() customerName: string;
  @ApiProperty({ format: 'uuid' }) advisorId: string;
}
