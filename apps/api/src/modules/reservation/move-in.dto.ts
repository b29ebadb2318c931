import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MOVE_IN_STEPS, type MoveInStep } from '@sitedesk/domain';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../platform/http/dates.js';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const DOC_NO = /^[\p{L}\p{N}][\p{L}\p{N}._#\-/]*$/u;
const NAME = /^[\p{L}\p{N}][\p{L}\p{N} ·.\-()（）]*$/u;

export class MoveInEntryDto {
  @ApiProperty({ example: '09:30', description: 'Start of the slot (site time, HH:MM)' }) @IsString() @Matches(HHMM, { message: 'time must be HH:MM' }) time: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() unitId: string;
  @ApiProperty({ example: '张三', maxLength: 50 }) @IsString() @MinLength(1) @MaxLength(50) @Matches(NAME, { message: 'ownerName: letters, digits, spaces and · . - ( )' }) ownerName: string;
  @ApiProperty({ example: 'RZ-0001', maxLength: 40, description: 'Move-in notice (入住通知书) number' }) @IsString() @MinLength(1) @MaxLength(40) @Matches(DOC_NO, { message: 'noticeNo: letters, digits and . _ # - /' }) noticeNo: string;
  @ApiProperty({ format: 'uuid', description: 'The group leader (组长), a staff member of the site' }) @IsUUID() leaderId: string;
}

export class MoveInScheduleDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ format: 'date', example: '2026-11-25', description: 'The day of the schedule: sent a day ahead (RES-7)' }) @IsString() @IsCalendarDate() date: string;
  @ApiProperty({ type: [MoveInEntryDto], maxItems: 500 }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => MoveInEntryDto) entries: MoveInEntryDto[];
}

export class ScheduleErrorDto {
  @ApiProperty({ example: 2, description: 'Index of the entry (from 0)' }) index: number;
  @ApiProperty({ enum: ['SLOT_INVALID', 'SLOT_FULL', 'LEADER_FULL', 'UNIT_UNKNOWN', 'LEADER_UNKNOWN', 'NOTICE_EXISTS', 'UNIT_SCHEDULED'] }) code: string;
  @ApiProperty() message: string;
}

export class ScheduleResultDto {
  @ApiProperty({ example: 12 }) created: number;
  @ApiProperty({ type: [String], description: 'Ids of the created appointments, in entry order' }) ids: string[];
  @ApiProperty({ type: [ScheduleErrorDto], description: 'Entries refused; those were not written' }) errors: ScheduleErrorDto[];
}

export class ImportMoveInScheduleDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ format: 'date', example: '2026-11-25', description: 'The day of the schedule: sent a day ahead (RES-7)' }) @IsString() @IsCalendarDate() date: string;
  @ApiProperty({
    example: '时间,楼栋,房号,业主,通知书编号,组长\n09:30,1栋,1201,张三,RZ-0001,supervisor',
    maxLength: 200_000,
    description: 'CSV: time, building, number, owner, notice, leader (login or name of a staff member); Chinese headers 时间, 楼栋, 房号, 业主, 通知书编号, 组长 also work',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(200_000)
  csv: string;
}

export class MoveInImportErrorDto {
  @ApiProperty({ example: 3, description: 'Line of the file (the header is line 1)' }) line: number;
  @ApiProperty({ example: 'leader' }) field: string;
  @ApiProperty({ enum: ['HEADER_INVALID', 'MISSING_FIELD', 'INVALID_VALUE', 'DUPLICATE_IN_FILE', 'TOO_MANY_COLUMNS', 'UNIT_UNKNOWN', 'LEADER_UNKNOWN', 'SLOT_INVALID', 'SLOT_FULL', 'LEADER_FULL', 'NOTICE_EXISTS', 'UNIT_SCHEDULED'] }) code: string;
  @ApiProperty() message: string;
}

export class MoveInImportResultDto {
  @ApiProperty({ example: 12 }) created: number;
  @ApiProperty({ type: [String] }) ids: string[];
  @ApiProperty({ type: [MoveInImportErrorDto], description: 'Each refused line; those lines were not written' }) errors: MoveInImportErrorDto[];
}

export class PartyDto {
  @ApiPropertyOptional({ example: 'RZ-0001', maxLength: 40 }) @IsOptional() @IsString() @MinLength(1) @MaxLength(40) @Matches(DOC_NO, { message: 'noticeNo: letters, digits and . _ # - /' }) noticeNo?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Without the notice: the unit …' }) @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional({ example: '张三', maxLength: 50, description: '… and the owner name' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(50) @Matches(NAME, { message: 'ownerName: letters, digits, spaces and · . - ( )' }) ownerName?: string;
}

export class CheckInDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ enum: ['desk', 'hall'], description: 'desk: the receptionist; hall: the service ambassador checks an owner who walked straight in' }) @IsIn(['desk', 'hall']) via: 'desk' | 'hall';
  @ApiProperty({ type: [PartyDto], maxItems: 10, description: 'Owners arriving together, checked one by one' }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => PartyDto) parties: PartyDto[];
}

export class CheckInResultDto {
  @ApiProperty() index: number;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) appointmentId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, enum: ['NOT_ON_SCHEDULE', 'ALREADY_ARRIVED', 'PARTY_INCOMPLETE'] }) code: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, enum: ['arrived', 'waiting'] }) status: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, enum: ['on_time', 'early', 'late'] }) arrival: string | null;
}

export class CheckInResponseDto {
  @ApiProperty({ type: [CheckInResultDto] }) results: CheckInResultDto[];
}

export class LeaderDecisionDto {
  @ApiProperty({ enum: ['take_now', 'wait'] }) @IsIn(['take_now', 'wait']) decision: 'take_now' | 'wait';
}

export class StepDto {
  @ApiProperty({ enum: MOVE_IN_STEPS }) @IsIn(MOVE_IN_STEPS) step: MoveInStep;
  @ApiPropertyOptional({ format: 'uuid', description: 'Who holds the papers from now on (default: the caller)' }) @IsOptional() @IsUUID() holderId?: string;
}

export class NoteDto {
  @ApiPropertyOptional({ example: '电话联系销售部', maxLength: 500 }) @IsOptional() @IsString() @MinLength(1) @MaxLength(500) note?: string;
}

export class RescheduleDto {
  @ApiProperty({ format: 'date', example: '2026-11-26' }) @IsString() @IsCalendarDate() date: string;
  @ApiProperty({ example: '10:30' }) @IsString() @Matches(HHMM, { message: 'time must be HH:MM' }) time: string;
}

export class DeskDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ enum: ['join', 'leave'], description: 'The caller takes their place at the desk, or leaves it (never the last one)' }) @IsIn(['join', 'leave']) action: 'join' | 'leave';
}

export class BoardQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ format: 'date', example: '2026-11-25' }) @IsString() @IsCalendarDate() date: string;
}

export class MoveInStepDto {
  @ApiProperty({ enum: MOVE_IN_STEPS }) step: string;
  @ApiProperty() holderName: string;
  @ApiProperty() byName: string;
  @ApiProperty() at: Date;
}

export class MoveInAppointmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ example: '09:30' }) time: string;
  @ApiProperty() startsAt: Date;
  @ApiProperty() endsAt: Date;
  @ApiProperty({ format: 'uuid' }) unitId: string;
  @ApiProperty({ example: '1栋 1201' }) unitLabel: string;
  @ApiProperty() ownerName: string;
  @ApiProperty() noticeNo: string;
  @ApiProperty({ format: 'uuid' }) leaderId: string;
  @ApiProperty() leaderName: string;
  @ApiProperty({ enum: ['scheduled', 'waiting', 'arrived', 'missed', 'rescheduled'], description: 'Read now: a slot that ended without the owner reads missed (GEN-8)' }) status: string;
  @ApiPropertyOptional({ nullable: true, type: String, enum: ['on_time', 'early', 'late'] }) arrival: string | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) arrivedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: String, enum: ['desk', 'hall'] }) checkedInVia: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, enum: ['take_now', 'wait'] }) leaderDecision: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, enum: MOVE_IN_STEPS }) step: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'RES-8: who holds the papers now' }) papersHolderName: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' }) rescheduledTo: string | null;
  @ApiProperty({ type: [MoveInStepDto] }) steps: MoveInStepDto[];
}

export class LeaderLoadDto {
  @ApiProperty({ format: 'uuid' }) leaderId: string;
  @ApiProperty() leaderName: string;
  @ApiProperty() capacity: number;
  @ApiProperty() booked: number;
}

export class MoveInSlotDto {
  @ApiProperty({ example: '09:30' }) time: string;
  @ApiProperty() startsAt: Date;
  @ApiProperty() capacity: number;
  @ApiProperty() booked: number;
  @ApiProperty({ type: [LeaderLoadDto] }) leaders: LeaderLoadDto[];
}

export class DeskStateDto {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ type: [String], description: 'Receptionists at the desk now' }) atDesk: string[];
}

export class MoveInBoardDto {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ type: DeskStateDto }) desk: DeskStateDto;
  @ApiProperty({ type: [MoveInSlotDto] }) slots: MoveInSlotDto[];
  @ApiProperty({ type: [MoveInAppointmentDto] }) appointments: MoveInAppointmentDto[];
}
