import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LEAVE_TYPES, type LeaveType } from '@sitedesk/domain';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsCalendarDate } from '../../platform/http/dates.js';
import { PageQuery } from '../../platform/http/paging.js';

const ISO = { strict: true, strictSeparator: true } as const;

export class CreateLeaveDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ enum: LEAVE_TYPES, description: 'personal 事假, annual 年假, sick 病假 (ATT-7, ATT-8)' }) @IsIn(LEAVE_TYPES) type: LeaveType;
  @ApiProperty({ example: '2026-03-10T00:30:00Z' }) @IsISO8601(ISO) from: string;
  @ApiProperty({ example: '2026-03-10T09:30:00Z' }) @IsISO8601(ISO) to: string;
  @ApiProperty({ maxLength: 500, example: '家中有事' }) @IsString() @MinLength(1) @MaxLength(500) reason: string;
  @ApiPropertyOptional({ description: 'An emergency (突发情况): judged by the emergency rule of the policy' }) @IsOptional() @IsBoolean() emergency?: boolean;
}

export class LeaveDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ enum: LEAVE_TYPES }) type: string;
  @ApiProperty() from: Date;
  @ApiProperty() to: Date;
  @ApiProperty() reason: string;
  @ApiProperty() emergency: boolean;
  @ApiProperty({ enum: ['pending', 'approved', 'rejected', 'cancelled'] }) status: string;
  @ApiProperty({ type: [String], description: 'Approvals still to come, in order' }) approvalSteps: string[];
  @ApiProperty() requestedAt: Date;
  @ApiPropertyOptional({ nullable: true, type: String }) firstDayBack: string | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) certificateAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date, description: 'ATT-8: when the person handed the certificate in (waiting for the clerk, or accepted)' }) certificateSubmittedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, enum: ['awaiting_return', 'certificate_due', 'certificate_submitted', 'certified', 'converted'], type: String, description: 'ATT-8, sick leave only' })
  certificate: string | null;
  @ApiPropertyOptional({ nullable: true, type: Date, description: 'ATT-8: the certificate is due before this instant (the end of the first working day back)' }) certificateDueAt: Date | null;
  @ApiProperty({ enum: LEAVE_TYPES, description: 'The type the days read as now: sick leave without its certificate once due reads as the policy\'s conversion type (ATT-8, GEN-8)' }) readsAs: string;
}

export class ListRequestsQuery extends PageQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiPropertyOptional({ enum: ['pending', 'approved', 'rejected', 'cancelled'] }) @IsOptional() @IsIn(['pending', 'approved', 'rejected', 'cancelled']) status?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Overseers: one person; others always see their own' }) @IsOptional() @IsUUID() userId?: string;
}

export class CreateSwapDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ format: 'uuid', description: 'The colleague who takes your shift' }) @IsUUID() colleagueId: string;
  @ApiProperty({ example: '2026-03-10', description: 'Your working day the colleague takes' }) @IsCalendarDate() requesterDate: string;
  @ApiProperty({ example: '2026-03-12', description: "The colleague's working day you take" }) @IsCalendarDate() colleagueDate: string;
  @ApiProperty({ maxLength: 500 }) @IsString() @MinLength(1) @MaxLength(500) reason: string;
}

export class SwapDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) requesterId: string;
  @ApiProperty({ format: 'uuid' }) colleagueId: string;
  @ApiProperty() requesterDate: string;
  @ApiProperty() colleagueDate: string;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: ['awaiting_colleague', 'awaiting_manager', 'approved', 'rejected', 'cancelled'] }) status: string;
  @ApiProperty() requestedAt: Date;
}

export class MissedPunchDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ enum: ['in', 'out'] }) @IsIn(['in', 'out']) kind: 'in' | 'out';
  @ApiProperty({ example: '2026-03-10T00:28:00Z', description: 'When you really arrived or left' }) @IsISO8601(ISO) at: string;
  @ApiProperty({ maxLength: 500, example: '打卡机故障' }) @IsString() @MinLength(1) @MaxLength(500) reason: string;
}

export class CorrectionDto extends MissedPunchDto {
  @ApiProperty({ format: 'uuid', description: 'Whose record; never your own (GEN-6)' }) @IsUUID() userId: string;
}

export class MissedPunchResultDto {
  @ApiProperty({ format: 'uuid', description: 'The approval that waits for the manager' }) approvalId: string;
  @ApiProperty({ example: 'manager' }) approverRole: string;
}

export class CertificateDto {
  @ApiPropertyOptional({ maxLength: 200, example: '市第一医院诊断证明' }) @IsOptional() @IsString() @MaxLength(200) note?: string;
}

