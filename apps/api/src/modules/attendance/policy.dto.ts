import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PRESET_NAMES, ROLES, type AttendancePolicy, type PresetName, type Role } from '@sitedesk/domain';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_FEN = 10_000_000;

export class SegmentDto {
  @ApiProperty({ example: '08:30' }) @Matches(CLOCK, { message: 'must be HH:MM' }) start: string;
  @ApiProperty({ example: '17:30', description: 'Not after start: the segment ends the next day' }) @Matches(CLOCK, { message: 'must be HH:MM' }) end: string;
}

export class ShiftDto {
  @ApiProperty({ example: 'day' }) @Matches(/^[a-z0-9-]{1,20}$/) code: string;
  @ApiProperty({ example: '白班 08:30–17:30' }) @IsString() @MinLength(1) @MaxLength(50) name: string;
  @ApiProperty({ type: [SegmentDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => SegmentDto) @ArrayMinSize(1) @ArrayMaxSize(3) segments: SegmentDto[];
  @ApiPropertyOptional({ type: [SegmentDto] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => SegmentDto) @ArrayMaxSize(3) breaks?: SegmentDto[];
}

export class NoticeDto {
  @ApiProperty({ enum: ['hours_ahead', 'tiered', 'before_start'] }) @IsIn(['hours_ahead', 'tiered', 'before_start']) kind: string;
  @ApiPropertyOptional({ example: 24 }) @IsOptional() @IsInt() @Min(0) @Max(720) hours?: number;
  @ApiPropertyOptional({ example: 1 }) @IsOptional() @IsInt() @Min(0) @Max(30) shortNoticeDays?: number;
  @ApiPropertyOptional({ example: 3 }) @IsOptional() @IsInt() @Min(1) @Max(60) longFromDays?: number;
  @ApiPropertyOptional({ example: 2 }) @IsOptional() @IsInt() @Min(0) @Max(30) longNoticeDays?: number;
}

export class EmergencyDto {
  @ApiProperty({ enum: ['notify_before', 'notify_within_minutes_of_start', 'file_after_return', 'none'] })
  @IsIn(['notify_before', 'notify_within_minutes_of_start', 'file_after_return', 'none'])
  kind: string;
  @ApiPropertyOptional({ example: '07:30' }) @IsOptional() @Matches(CLOCK, { message: 'must be HH:MM' }) time?: string;
  @ApiPropertyOptional({ example: 30 }) @IsOptional() @IsInt() @Min(0) @Max(720) minutes?: number;
}

export class LeaveRulesDto {
  @ApiProperty({ type: NoticeDto }) @IsObject() @ValidateNested() @Type(() => NoticeDto) notice: NoticeDto;
  @ApiProperty({ type: EmergencyDto }) @IsObject() @ValidateNested() @Type(() => EmergencyDto) emergency: EmergencyDto;
  @ApiProperty({ enum: ROLES, isArray: true, example: ['manager'] }) @IsIn(ROLES, { each: true }) @ArrayMinSize(1) @ArrayMaxSize(3) approvers: Role[];
}

export class SickRulesDto {
  @ApiProperty({ example: '07:30' }) @Matches(CLOCK, { message: 'must be HH:MM' }) reportBefore: string;
  @ApiProperty({ enum: ['personal', 'annual'] }) @IsIn(['personal', 'annual']) convertTo: 'personal' | 'annual';
}

export class FinesDto {
  @ApiProperty({ example: 5000 }) @IsInt() @Min(0) @Max(MAX_FEN) lateFen: number;
  @ApiProperty({ example: 0 }) @IsInt() @Min(0) @Max(MAX_FEN) earlyFen: number;
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(31) fromNthInMonth: number;
  @ApiProperty() @IsBoolean() absenceWarningSlip: boolean;
  @ApiProperty({ example: 20000 }) @IsInt() @Min(0) @Max(MAX_FEN) leavingPostFen: number;
  @ApiProperty({ example: 20000 }) @IsInt() @Min(0) @Max(MAX_FEN) dozingFen: number;
}

export class DeductionsDto {
  @ApiProperty({ enum: ['none', 'trampoline', 'on-site'] }) @IsIn(['none', 'trampoline', 'on-site']) kind: string;
  @ApiPropertyOptional() @IsOptional() @Min(0) @Max(24) personalMinHours?: number;
  @ApiPropertyOptional() @IsOptional() @Min(0) @Max(24) personalFullDayHours?: number;
  @ApiPropertyOptional() @IsOptional() @Min(0) @Max(1) personalPartialRate?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(31) personalExcessDays?: number;
  @ApiPropertyOptional() @IsOptional() @Min(0) @Max(10) personalExcessRate?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(31) sickFullPayDays?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(31) sickReducedUntilDay?: number;
  @ApiPropertyOptional() @IsOptional() @Min(0) @Max(1) sickReducedRate?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(31) absenceWithholdAfterDays?: number;
}

export class FlagsDto {
  @ApiPropertyOptional({ nullable: true, type: Number }) @IsOptional() @IsInt() @Min(1) @Max(31) absentDaysAtLeast: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) @IsOptional() @IsInt() @Min(1) @Max(31) leaveDaysAtLeast: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) @IsOptional() @IsInt() @Min(0) @Max(31) absencesMoreThan: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) @IsOptional() @IsInt() @Min(0) @Max(10_000) lateMinutesMoreThan: number | null;
}

export class ClockInRuleDto {
  @ApiProperty({ enum: ['anywhere', 'networks', 'kiosk_only'], description: 'Where staff clock in with their own account; the kiosk always works' })
  @IsIn(['anywhere', 'networks', 'kiosk_only'])
  personal: 'anywhere' | 'networks' | 'kiosk_only';
  @ApiProperty({ type: [String], example: ['10.1.0.0/16'], description: 'CIDR ranges of the site' })
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^(\d{1,3}(\.\d{1,3}){3}\/\d{1,2}|[0-9a-fA-F:]+\/\d{1,3})$/, { each: true, message: 'each network is a CIDR range like 10.1.0.0/16' })
  networks: string[];
}

/** The whole policy, as the domain's AttendancePolicy (every number of SPEC section 1). */
export class PolicyDto {
  @ApiProperty({ enum: PRESET_NAMES, description: 'The preset it started from' }) @IsIn(PRESET_NAMES) preset: PresetName;
  @ApiProperty({ type: ClockInRuleDto }) @IsObject() @ValidateNested() @Type(() => ClockInRuleDto) clockIn: ClockInRuleDto;
  @ApiProperty({ description: 'ATT-2: one rotating rest day Monday–Friday, no rest at weekends' }) @IsBoolean() sixDayWeek: boolean;
  @ApiProperty({ type: [ShiftDto] }) @IsArray() @ValidateNested({ each: true }) @Type(() => ShiftDto) @ArrayMinSize(1) @ArrayMaxSize(10) shifts: ShiftDto[];
  @ApiProperty({ example: 0, description: 'ATT-1: minutes before the shift for the hand-over' }) @IsInt() @Min(0) @Max(120) handoverMinutes: number;
  @ApiProperty({ description: 'ATT-1 case site: the day ends with the evening meeting' }) @IsBoolean() endExtendedByEveningMeeting: boolean;
  @ApiProperty({ example: 0 }) @IsInt() @Min(0) @Max(120) lateGraceMinutes: number;
  @ApiProperty({ example: 0 }) @IsInt() @Min(0) @Max(120) earlyGraceMinutes: number;
  @ApiProperty({ example: 60 }) @IsInt() @Min(1) @Max(1440) absenceThresholdMinutes: number;
  @ApiProperty({ type: LeaveRulesDto }) @IsObject() @ValidateNested() @Type(() => LeaveRulesDto) leave: LeaveRulesDto;
  @ApiProperty({ type: SickRulesDto }) @IsObject() @ValidateNested() @Type(() => SickRulesDto) sick: SickRulesDto;
  @ApiProperty({ enum: ROLES, example: 'manager' }) @IsIn(ROLES) swapApprover: Role;
  @ApiProperty({ type: FinesDto }) @IsObject() @ValidateNested() @Type(() => FinesDto) fines: FinesDto;
  @ApiProperty({ example: 0 }) @IsInt() @Min(0) @Max(MAX_FEN) fullAttendanceBonusFen: number;
  @ApiProperty() @IsBoolean() salesBonusPoolNoOvertime: boolean;
  @ApiProperty({ type: DeductionsDto }) @IsObject() @ValidateNested() @Type(() => DeductionsDto) deductions: DeductionsDto;
  @ApiProperty({ type: FlagsDto }) @IsObject() @ValidateNested() @Type(() => FlagsDto) flags: FlagsDto;
}

export class PutPolicyDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;

  @ApiProperty({ example: '2026-04-01', description: 'The first local date the new version governs; not in a submitted month' })
  @Matches(DATE)
  effectiveFrom: string;

  @ApiProperty({ type: PolicyDto }) @IsObject() @ValidateNested() @Type(() => PolicyDto) policy: PolicyDto;
}

export class PolicyVersionDto {
  @ApiProperty() version: number;
  @ApiProperty({ example: '2026-03-01' }) effectiveFrom: string;
  @ApiProperty({ type: PolicyDto }) policy: AttendancePolicy;
  @ApiPropertyOptional({ nullable: true, type: String }) createdBy: string | null;
  @ApiProperty() createdAt: Date;
}

export class PresetDto {
  @ApiProperty({ enum: PRESET_NAMES }) name: PresetName;
  @ApiProperty({ type: PolicyDto }) policy: AttendancePolicy;
}
