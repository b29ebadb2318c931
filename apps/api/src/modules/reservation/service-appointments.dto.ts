import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../platform/http/dates.js';
import { PageQuery } from '../../platform/http/paging.js';

const MAX_FEN = 100_000_000_000;
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const DOC_NO = /^[\p{L}\p{N}][\p{L}\p{N}._#\-/]*$/u;
const NAME = /^[\p{L}\p{N}][\p{L}\p{N} ·.\-()（）]*$/u;
const PLATE = /^[\p{L}\p{N}][\p{L}\p{N}·\-]*$/u;

// ---------- policy ----------

export class AppointmentPolicyBodyDto {
  @ApiProperty({ example: 4, description: 'RES-9/RES-10: workshop bays (工位): appointments per slot' }) @IsInt() @Min(1) @Max(200) bays: number;
  @ApiProperty({ example: 60, description: 'Length of a service slot in minutes' }) @IsInt() @Min(5) @Max(480) slotMinutes: number;
  @ApiProperty({ example: '08:30', description: 'First slot of the day (site time, HH:MM)' }) @IsString() @Matches(HHMM, { message: 'dayStart must be HH:MM' }) dayStart: string;
  @ApiProperty({ example: '17:30', description: 'End of the last slot (site time, HH:MM)' }) @IsString() @Matches(HHMM, { message: 'dayEnd must be HH:MM' }) dayEnd: string;
  @ApiProperty({ example: 200000, description: 'RES-9: parts at or above this price (fen) need a deposit' }) @IsInt() @Min(1) @Max(MAX_FEN) highValuePartsFen: number;
  @ApiProperty({ example: 50, description: 'RES-9: the deposit is at least this percentage of the parts price' }) @IsInt() @Min(1) @Max(100) minDepositPercent: number;
  @ApiProperty({ example: 24, description: 'RES-9: hours before the appointment that the customer is reminded (half a day = 12, a day = 24)' }) @IsInt() @Min(1) @Max(72) reminderHoursBefore: number;
  @ApiProperty({ example: 6, description: 'RES-7/RES-10: owners per move-in slot' }) @IsInt() @Min(1) @Max(500) moveInSlotCapacity: number;
  @ApiProperty({ example: 2, description: 'RES-7/RES-10: owners per group leader (组长) and slot' }) @IsInt() @Min(1) @Max(100) moveInLeaderCapacity: number;
}

export class PutAppointmentPolicyDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ type: AppointmentPolicyBodyDto }) @IsObject() @ValidateNested() @Type(() => AppointmentPolicyBodyDto) policy: AppointmentPolicyBodyDto;
}

export class AppointmentPolicyVersionDto {
  @ApiProperty({ example: 2 }) version: number;
  @ApiProperty({ type: AppointmentPolicyBodyDto }) policy: AppointmentPolicyBodyDto;
  @ApiPropertyOptional({ nullable: true, type: String }) createdBy: string | null;
  @ApiProperty() createdAt: Date;
}

// ---------- service appointments ----------

export class BookServiceAppointmentDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ format: 'date', example: '2026-11-26', description: 'Day of the appointment (site time)' }) @IsString() @IsCalendarDate() date: string;
  @ApiProperty({ example: '09:30', description: 'Start of the slot (site time, HH:MM): dayStart plus whole slots' }) @IsString() @Matches(HHMM, { message: 'time must be HH:MM' }) time: string;
  @ApiProperty({ example: '李先生', maxLength: 50 }) @IsString() @MinLength(1) @MaxLength(50) @Matches(NAME, { message: 'customerName: letters, digits, spaces and · . - ( )' }) customerName: string;
  @ApiProperty({ example: '13800000001', maxLength: 20 }) @IsString() @MinLength(5) @MaxLength(20) @Matches(/^\+?[\d\s\-()]+$/, { message: 'customerPhone: a phone number' }) customerPhone: string;
  @ApiProperty({ example: '沪A12345', maxLength: 20 }) @IsString() @MinLength(2) @MaxLength(20) @Matches(PLATE, { message: 'vehiclePlate: letters and digits' }) vehiclePlate: string;
  @ApiPropertyOptional({ example: '帕萨特 2.0T', maxLength: 60 }) @IsOptional() @IsString() @MinLength(1) @MaxLength(60) vehicleModel?: string;
  @ApiProperty({ example: '更换刹车片,四轮定位', maxLength: 500, description: 'The requested work' }) @IsString() @MinLength(1) @MaxLength(500) work: string;
  @ApiProperty({ example: 0, description: 'Price of the parts to prepare, fen (0 when none)' }) @IsInt() @Min(0) @Max(MAX_FEN) partsFen: number;
  @ApiProperty({ example: 0, description: 'RES-9: deposit taken, fen; at least the policy share of the parts price for high-value parts' }) @IsInt() @Min(0) @Max(MAX_FEN) depositFen: number;
  @ApiPropertyOptional({ example: 'SK-20261124-01', maxLength: 40, description: "The cashier's receipt for the deposit" }) @IsOptional() @IsString() @MinLength(1) @MaxLength(40) @Matches(DOC_NO, { message: 'depositReceiptNo: letters, digits and . _ # - /' }) depositReceiptNo?: string;
  @ApiProperty({ example: 'YY-20261124-001', maxLength: 40, description: 'Number of the signed appointment form (预约单)' }) @IsString() @MinLength(1) @MaxLength(40) @Matches(DOC_NO, { message: 'formNo: letters, digits and . _ # - /' }) formNo: string;
  @ApiProperty({ example: '李先生', maxLength: 50, description: 'Who signed the form for the customer' }) @IsString() @MinLength(1) @MaxLength(50) @Matches(NAME, { message: 'signedBy: letters, digits, spaces and · . - ( )' }) signedBy: string;
}

export class CancelAppointmentDto {
  @ApiProperty({ example: '客户改期', maxLength: 500 }) @IsString() @MinLength(2) @MaxLength(500) reason: string;
}

export class ServiceAppointmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ format: 'date', example: '2026-11-26' }) date: string;
  @ApiProperty({ example: '09:30' }) time: string;
  @ApiProperty() startsAt: Date;
  @ApiProperty() endsAt: Date;
  @ApiProperty({ enum: ['booked', 'cancelled'] }) status: string;
  @ApiProperty() customerName: string;
  @ApiProperty({ example: '138****0001', description: 'Masked in lists (GEN-7)' }) customerPhoneMasked: string;
  @ApiProperty() vehiclePlate: string;
  @ApiPropertyOptional({ nullable: true, type: String }) vehicleModel: string | null;
  @ApiProperty() work: string;
  @ApiProperty() partsFen: number;
  @ApiProperty() depositFen: number;
  @ApiProperty({ description: 'RES-9: the deposit the policy asked for' }) requiredDepositFen: number;
  @ApiPropertyOptional({ nullable: true, type: String }) depositReceiptNo: string | null;
  @ApiProperty() formNo: string;
  @ApiProperty() signedBy: string;
  @ApiProperty({ format: 'uuid' }) bookedBy: string;
  @ApiProperty() bookedByName: string;
  @ApiProperty() bookedAt: Date;
  @ApiProperty() policyVersion: number;
  @ApiProperty() remindAt: Date;
  @ApiPropertyOptional({ nullable: true, type: Date }) remindedAt: Date | null;
  @ApiProperty({ enum: ['pending', 'due', 'sent', 'not_sent'], description: 'RES-9 / GEN-8: the reminder read now' }) reminder: string;
  @ApiPropertyOptional({ nullable: true, type: Date }) workshopNotifiedAt: Date | null;
  @ApiProperty({ enum: ['sent', 'pending', 'overdue', 'not_needed'], description: 'RES-9: the same-day notice to the workshop, read now (not needed once cancelled before it went out)' }) workshopNotice: string;
  @ApiPropertyOptional({ nullable: true, type: Date }) cancelledAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: String }) cancelReason: string | null;
}

export class ListServiceAppointmentsQuery extends PageQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiPropertyOptional({ format: 'date', example: '2026-11-26', description: 'Day of the appointments (site time)' }) @IsOptional() @IsString() @IsCalendarDate() date?: string;
  @ApiPropertyOptional({ enum: ['booked', 'cancelled'] }) @IsOptional() @IsIn(['booked', 'cancelled']) status?: 'booked' | 'cancelled';
}

/** The appointment register as a file: the list's filters, every appointment (up to SERVICE_REGISTER_EXPORT_LIMIT). */
export class ExportServiceAppointmentsQuery extends OmitType(ListServiceAppointmentsQuery, ['page', 'pageSize'] as const) {
  @ApiProperty({ enum: ['csv', 'xlsx'] }) @IsIn(['csv', 'xlsx']) format: 'csv' | 'xlsx';
}

export class SlotsQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ format: 'date', example: '2026-11-26' }) @IsString() @IsCalendarDate() date: string;
}

export class ServiceSlotDto {
  @ApiProperty({ example: '09:30' }) time: string;
  @ApiProperty() startsAt: Date;
  @ApiProperty() endsAt: Date;
  @ApiProperty({ example: 4, description: 'Bays of the slot' }) capacity: number;
  @ApiProperty({ example: 1 }) booked: number;
  @ApiProperty({ example: 3 }) free: number;
}
