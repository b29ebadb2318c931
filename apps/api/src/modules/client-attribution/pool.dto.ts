import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../../platform/http/paging.js';

export class PoolQuery extends PageQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiPropertyOptional({ description: 'Name or phone digits', maxLength: 50 }) @IsOptional() @IsString() @MaxLength(50) q?: string;
}

export class PoolCustomerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: '138****5678', description: 'Masked for consultants (GEN-7); full for supervisors and managers' }) phone: string;
  @ApiProperty({ enum: ['A', 'B', 'C', 'D'] }) grade: string;
  @ApiProperty({ enum: ['call', 'visit', 'channel', 'referral', 'employee_referral', 'relation'] }) source: string;
  @ApiProperty() visited: boolean;
  @ApiPropertyOptional({ nullable: true, type: Date, description: 'When the protection window ran out (CA-5), when known' }) poolSince: Date | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'A pending re-registration waiting for the supervisor' }) pendingRenewalId: string | null;
}

export class RequestRenewalDto {
  @ApiPropertyOptional({ maxLength: 500, example: '客户仍在比较两个楼盘,下周再来', description: 'The re-registration form\'s note for the supervisor' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class RenewalRequestDto {
  @ApiProperty({ format: 'uuid', description: 'The approval the supervisor signs (GET/POST /approvals, type client.renewal)' }) approvalId: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ enum: ['renew', 'claim'], description: "renew: the owner's window starts again; claim: from the open pool (CA-5)" }) mode: string;
  @ApiProperty({ enum: ['supervisor', 'manager', 'director'], description: 'Who signs it (one level up when the requester holds the role, GEN-6)' }) approverRole: string;
  @ApiProperty({ enum: ['pending'] }) status: string;
}
