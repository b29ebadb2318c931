import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DEAL_STAGES } from '@sitedesk/domain';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageQuery } from '../../platform/http/paging.js';

const STATUSES = ['pending', 'due', 'forfeited'] as const;

export class RecordDealDto {
  @ApiProperty({ enum: DEAL_STAGES, description: 'The stage the sale reached: subscription 认购, contract 签约, down payment 首付 (stages only move forward)' })
  @IsIn(DEAL_STAGES)
  stage: (typeof DEAL_STAGES)[number];
  @ApiPropertyOptional({ minimum: 0, example: 500000, description: "The agency's commission for this deal in fen (GEN-5), per its agreement; required at the first stage of an agency's customer" })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000_00)
  commissionFen?: number;
}

export class CommissionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ example: '王先生' }) customerName: string;
  @ApiProperty({ example: '138****5678' }) phoneMasked: string;
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiPropertyOptional({ nullable: true, type: String }) agencyName: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) agentId: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) reportId: string | null;
  @ApiProperty({ enum: STATUSES, description: 'pending until the deal reaches the policy stage; due; forfeited by a 撬单 finding (CA-6)' }) status: string;
  @ApiPropertyOptional({ enum: DEAL_STAGES, nullable: true, type: String }) stage: string | null;
  @ApiProperty({ enum: DEAL_STAGES, description: 'The stage that makes it due (site policy, CA-17)' }) dueAtStage: string;
  @ApiProperty({ example: 500000, description: 'fen' }) amountFen: number;
  @ApiPropertyOptional({ nullable: true, type: Date }) dueAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) forfeitedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: String }) forfeitReason: string | null;
  @ApiProperty() policyVersion: number;
  @ApiProperty() updatedAt: Date;
}

export class DealOutcomeDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ enum: DEAL_STAGES }) stage: string;
  @ApiPropertyOptional({ type: CommissionDto, nullable: true, description: "The agency's commission (null: no agency has the channel credit)" }) commission: CommissionDto | null;
}

export class CommissionsQuery extends PageQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: (typeof STATUSES)[number];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() agencyId?: string;
}

export class PartnerCommissionsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() siteId?: string;
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: (typeof STATUSES)[number];
}

export class AgentsQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
}

export class BarAgentDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ maxLength: 1000, example: '经核实该经纪人撬单:客户已由顾问首次接待' }) @IsString() @MinLength(1) @MaxLength(1000) reason: string;
  @ApiPropertyOptional({ format: 'uuid', description: "The customer taken over (撬单 finding, CA-6): the agency's commission on them is forfeited" })
  @IsOptional()
  @IsUUID()
  customerId?: string;
}

export class UnbarAgentDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ maxLength: 1000, example: '申诉成立,恢复带客' }) @IsString() @MinLength(1) @MaxLength(1000) reason: string;
}

export class AgentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() displayName: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) agencyId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) agencyName: string | null;
  @ApiProperty({ description: 'Barred from bringing customers to this site (CA-6)' }) barred: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) barredReason: string | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) barredAt: Date | null;
}
