import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FOLLOW_UP_CHANNELS } from '@sitedesk/domain';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '../../platform/http/paging.js';

const GRADES = ['A', 'B', 'C', 'D'] as const;

export class RecordClientFollowUpDto {
  @ApiProperty({ enum: FOLLOW_UP_CHANNELS, description: 'How the customer was contacted' }) @IsIn(FOLLOW_UP_CHANNELS) channel: (typeof FOLLOW_UP_CHANNELS)[number];
  @ApiProperty({ example: '电话回访,客户下周六带家人来看样板间', maxLength: 2000, description: 'What was said (a blank form field is a GEN-11 fine)' })
  @IsString()
  @MaxLength(2000)
  content: string;
  @ApiPropertyOptional({ enum: GRADES, description: 'The intention grade after this contact (CA-1); updates the customer. Left out: a blank field (GEN-11)' })
  @IsOptional()
  @IsIn(GRADES)
  grade?: (typeof GRADES)[number];
  @ApiPropertyOptional({ example: '周六上午10点接待,准备两房户型资料', maxLength: 500, description: 'The next step. Left out or blank: a blank field (GEN-11)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  nextStep?: string;
  @ApiPropertyOptional({ description: 'When it happened, if entered later (within 7 days; another day than today is flagged, GEN-11)' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  occurredAt?: string;
}

export class FollowUpOutcomeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() at: Date;
  @ApiProperty({ description: 'Entered on a later day than it happened (GEN-11)' }) lateEntry: boolean;
  @ApiProperty({ type: [String], example: ['nextStep'], description: 'Blank fields of the form (GEN-11)' }) blankFields: string[];
  @ApiProperty({ example: 1000, description: 'The fine for the blank fields, in fen, written to the discipline register (GEN-9); 0 when none' }) fineFen: number;
  @ApiProperty({ description: 'When the next follow-up is due (CA-5)' }) nextDueAt: Date;
}

export class FollowUpDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() at: Date;
  @ApiProperty({ format: 'uuid' }) consultantId: string;
  @ApiProperty() consultantName: string;
  @ApiProperty({ enum: FOLLOW_UP_CHANNELS }) channel: string;
  @ApiProperty() content: string;
  @ApiPropertyOptional({ enum: GRADES, nullable: true, type: String }) grade: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) nextStep: string | null;
  @ApiProperty() lateEntry: boolean;
}

export class OverdueQuery extends PageQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Supervisors and managers: one consultant. Consultants always see their own.' }) @IsOptional() @IsUUID() consultantId?: string;
}

export class OverdueFollowUpDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() customerName: string;
  @ApiProperty({ example: '13812345678' }) phone: string;
  @ApiProperty({ enum: GRADES }) grade: string;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty() ownerName: string;
  @ApiProperty({ description: 'false: a caller who never visited, followed daily (CA-5)' }) visited: boolean;
  @ApiProperty({ example: 3, description: 'The cadence in days (CA-5)' }) everyDays: number;
  @ApiPropertyOptional({ nullable: true, type: Date }) lastFollowUpAt: Date | null;
  @ApiProperty({ description: 'When the follow-up fell due' }) dueAt: Date;
  @ApiProperty({ description: 'Protection window end (CA-5)' }) protectedUntil: Date;
}

export class MissesQuery extends PageQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Managers: one consultant. Consultants always see their own.' }) @IsOptional() @IsUUID() consultantId?: string;
  @ApiPropertyOptional({ enum: ['fined', 'exempted'] }) @IsOptional() @IsIn(['fined', 'exempted']) status?: 'fined' | 'exempted';
}

export class FollowUpMissDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() customerName: string;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty() ownerName: string;
  @ApiProperty({ description: 'The due date that passed without a follow-up (CA-5)' }) dueAt: Date;
  @ApiProperty({ example: 5000 }) amountFen: number;
  @ApiProperty() policyVersion: number;
  @ApiProperty({ enum: ['fined', 'exempted'] }) status: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'The discipline register entry (GEN-9)' }) disciplineEntryId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) exemptedByName: string | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) exemptedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: String }) exemptionReason: string | null;
}

export class ExemptMissDto {
  @ApiProperty({ maxLength: 500, example: '客户出差,已提前告知经理' }) @IsString() @MinLength(1) @MaxLength(500) reason: string;
}
