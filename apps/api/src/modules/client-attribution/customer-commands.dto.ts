import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';

const GRADES = ['A', 'B', 'C', 'D'] as const;
const PHONE = /^[0-9+\s()-]{7,20}$/;

class NewCustomerDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ example: '13812345678' }) @Matches(PHONE, { message: 'phone must be a phone number' }) phone: string;
  @ApiProperty({ example: '王先生', maxLength: 50 }) @IsString() @MinLength(1) @MaxLength(50) name: string;
  @ApiPropertyOptional({ enum: GRADES, description: 'A 意向 / B 潜在 / C 一般 / D 无效 (CA-1); used when the customer is new' }) @IsOptional() @IsIn(GRADES) grade?: (typeof GRADES)[number];
}

export class RegisterRelationDto extends NewCustomerDto {
  @ApiProperty({ enum: ['family', 'friend'], description: '亲 / 友 (CA-4)' }) @IsIn(['family', 'friend']) relationship: 'family' | 'friend';
}

export class RegisterReferralDto extends NewCustomerDto {
  @ApiProperty({ format: 'uuid', description: 'The customer who introduces the new one (老带新); a consultant may cite only their own customers' }) @IsUUID() referrerCustomerId: string;
  @ApiProperty({ description: "The new customer asked for the introducer's consultant (CA-3); without it the introduction counts only when registered before the first visit" })
  @IsBoolean()
  askedForConsultant: boolean;
}

export class RegisterEmployeeReferralDto extends NewCustomerDto {
  @ApiProperty({ format: 'uuid', description: 'The employee the customer named' }) @IsUUID() referringEmployeeId: string;
  @ApiProperty({ format: 'uuid', description: 'The consultant that employee recommends' }) @IsUUID() recommendedConsultantId: string;
  @ApiProperty({ description: 'Named before price negotiation began (CA-8): the recommended consultant gets the customer; after: the receiver keeps the deal' })
  @IsBoolean()
  beforePriceNegotiation: boolean;
  @ApiProperty({ description: 'The referral form (推荐单) was handed in; needed, with call and follow-up records, for a customer who only phoned' }) @IsBoolean() referralForm: boolean;
}

export class SwitchConsultantDto {
  @ApiProperty({ format: 'uuid', description: 'The consultant the customer asked for' }) @IsUUID() toConsultantId: string;
  @ApiProperty({ maxLength: 500, example: '客户要求更换置业顾问' }) @IsString() @MinLength(1) @MaxLength(500) reason: string;
}

export class CommandOutcomeDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty({ format: 'uuid', description: 'The event added to the customer\'s history' }) eventId: string;
  @ApiProperty({ enum: ['new', 'owned', 'open_pool'] }) status: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) ownerId: string | null;
  @ApiProperty({ type: [String], example: ['CA-18', 'CA-4'], description: 'The rules that decided the owner' }) ownerRuleIds: string[];
}

export class EmployeeReferralOutcomeDto extends CommandOutcomeDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'CA-8: the receiving consultant who got their turn back (front of the line)' }) turnReturnedTo: string | null;
}

export class SwitchSplitDto {
  @ApiProperty({ format: 'uuid' }) fromConsultantId: string;
  @ApiProperty({ format: 'uuid' }) toConsultantId: string;
  @ApiProperty({ example: 50, description: "The previous consultant's share of a disputed sale, in percent (site policy)" }) fromPercent: number;
  @ApiProperty({ example: 50 }) toPercent: number;
}

export class SwitchOutcomeDto extends CommandOutcomeDto {
  @ApiProperty({ type: SwitchSplitDto, description: 'CA-11: the split of a disputed sale' }) split: SwitchSplitDto;
  @ApiProperty({ description: 'The policy version that set the split' }) policyVersion: number;
}
