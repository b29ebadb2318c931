import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, IsUUID, Max, Min, ValidateNested } from 'class-validator';

const MAX_FEN = 10_000_000;

/** Every number of SPEC section 2 as a per-site setting (the domain's ClientAttributionPolicy). */
export class ClientPolicyDto {
  @ApiProperty({ example: 3, description: 'CA-5: ownership lasts this many calendar months' }) @IsInt() @Min(1) @Max(24) protectionMonths: number;
  @ApiProperty({ example: 3, description: 'CA-5: follow up every owned customer at least every n days' }) @IsInt() @Min(1) @Max(30) followUpEveryDays: number;
  @ApiProperty({ example: true, description: 'CA-5: callers who never visited are followed daily' }) @IsBoolean() callersFollowUpDaily: boolean;
  @ApiProperty({ example: 5000, description: 'CA-5: fine for a missed follow-up, in fen' }) @IsInt() @Min(0) @Max(MAX_FEN) missedFollowUpFineFen: number;
  @ApiProperty({ example: 30, description: 'CA-6: a report made less than this many minutes before the visit is interception' }) @IsInt() @Min(0) @Max(1440) reportLeadMinutes: number;
  @ApiProperty({ example: 7, description: 'CA-7: days a report waits for the visit' }) @IsInt() @Min(1) @Max(365) reportValidityDays: number;
  @ApiProperty({ example: false, description: 'CA-15: agencies may report 138****5678' }) @IsBoolean() maskedReporting: boolean;
  @ApiProperty({ enum: ['report_to_deal', 'report_visit_deal', 'visit_to_deal'], description: 'CA-17' })
  @IsIn(['report_to_deal', 'report_visit_deal', 'visit_to_deal'])
  protectionMode: 'report_to_deal' | 'report_visit_deal' | 'visit_to_deal';
  @ApiProperty({ example: 30, description: "CA-17: the agency's protection in days" }) @IsInt() @Min(1) @Max(730) agencyProtectionDays: number;
  @ApiProperty({ enum: ['subscription', 'contract', 'down_payment'], description: "CA-17: when the agency's commission falls due" })
  @IsIn(['subscription', 'contract', 'down_payment'])
  commissionAt: 'subscription' | 'contract' | 'down_payment';
  @ApiProperty({ example: 5, description: 'CA-13: the SMS goes out within this many minutes' }) @IsInt() @Min(1) @Max(1440) smsWithinMinutes: number;
  @ApiProperty({ example: 30, description: 'CA-10: minutes stood before a pass' }) @IsInt() @Min(0) @Max(720) passMinStandMinutes: number;
  @ApiProperty({ example: 2, description: 'CA-10: turns a pass costs' }) @IsInt() @Min(1) @Max(10) passCostsTurns: number;
  @ApiProperty({ example: 1, description: 'CA-10: suspension by a supervisor, days' }) @IsInt() @Min(1) @Max(30) suspensionDaysBySupervisor: number;
  @ApiProperty({ example: 3, description: 'CA-10: suspension by a manager, days' }) @IsInt() @Min(1) @Max(90) suspensionDaysByManager: number;
  @ApiProperty({ example: 50, description: "CA-11: the first consultant's share of a disputed sale, percent" }) @IsInt() @Min(0) @Max(100) switchSplitPercent: number;
  @ApiProperty({ example: 3, description: 'CA-17: days to appeal a decision' }) @IsInt() @Min(1) @Max(60) appealDays: number;
  @ApiProperty({ example: 1000, description: 'GEN-11: fine per blank field of a form, in fen' }) @IsInt() @Min(0) @Max(MAX_FEN) blankFieldFineFen: number;
}

export class PutClientPolicyDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ example: 1, description: 'The version this edit starts from: another manager\'s newer version answers 409 POLICY_VERSION_CONFLICT' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  baseVersion: number;
  @ApiProperty({ type: ClientPolicyDto }) @IsObject() @ValidateNested() @Type(() => ClientPolicyDto) policy: ClientPolicyDto;
}

export class ClientPolicyVersionDto {
  @ApiProperty({ example: 2 }) version: number;
  @ApiProperty({ type: ClientPolicyDto }) policy: ClientPolicyDto;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) createdBy: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '王经理' }) createdByName: string | null;
  @ApiProperty() createdAt: Date;
}
