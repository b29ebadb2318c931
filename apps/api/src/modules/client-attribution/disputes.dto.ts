import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBase64, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { PageQuery } from '../../platform/http/paging.js';

const PHONE = /^[0-9+\s()-]{7,20}$/;
const RULE_ID = /^CA-(1[0-9]|[1-9])$/;
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf', 'text/plain'] as const;
/** Each attachment at most 128 KiB (the request body is limited to 256 KiB in all). */
export const ATTACHMENT_MAX_BYTES = 128 * 1024;

export class RaiseDisputeDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ example: '13812345678', description: 'The customer you claim, by phone (you may not see their record)' }) @Matches(PHONE, { message: 'phone must be a phone number' }) phone: string;
  @ApiProperty({ maxLength: 2000, example: '该客户3月1日来电由我接听并已发送短信' }) @IsString() @MinLength(1) @MaxLength(2000) statement: string;
}

export class DisputesQuery extends PageQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiPropertyOptional({ enum: ['open', 'decided'] }) @IsOptional() @IsIn(['open', 'decided']) status?: 'open' | 'decided';
}

class ReasonedDto {
  @ApiProperty({ maxLength: 2000, example: '来电记录与短信在先 (CA-9)' }) @IsString() @MinLength(1) @MaxLength(2000) reasons: string;
  @ApiProperty({ type: [String], example: ['CA-2', 'CA-9'], description: 'The SPEC rules that decided (CA-1..CA-19)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(19)
  @Matches(RULE_ID, { each: true, message: 'each rule id must be CA-1..CA-19' })
  ruleIds: string[];
}

export class DecideDisputeDto extends ReasonedDto {
  @ApiProperty({ format: 'uuid', description: 'The party who gets the customer: the claimant or the respondent' }) @IsUUID() winnerId: string;
}

export class AttachmentInputDto {
  @ApiProperty({ maxLength: 200, example: '带访确认单.jpg' }) @IsString() @MinLength(1) @MaxLength(200) @Matches(/^[^/\\]+$/, { message: 'fileName must not contain a path' }) fileName: string;
  @ApiProperty({ enum: ATTACHMENT_TYPES }) @IsIn(ATTACHMENT_TYPES) contentType: (typeof ATTACHMENT_TYPES)[number];
  @ApiProperty({ description: 'The file, base64; at most 128 KiB decoded', maxLength: 174764, example: 'SGVsbG8=' }) @IsString() @MaxLength(174764) @IsBase64() contentBase64: string;
}

export class AppealInputDto {
  @ApiProperty({ maxLength: 4000, example: '客户到访前两小时已报备,且出示了带访确认单' }) @IsString() @MinLength(1) @MaxLength(4000) statement: string;
  @ApiPropertyOptional({ type: [AttachmentInputDto], maxItems: 5, description: 'Evidence: photos of slips, chat screenshots, PDFs (at most 5, 128 KiB each)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => AttachmentInputDto)
  attachments?: AttachmentInputDto[];
}

export class PartnerAppealDto extends AppealInputDto {
  @ApiProperty({ format: 'uuid', description: 'Your agency\'s report that was judged natural, duplicate or expired' }) @IsUUID() reportId: string;
}

export class DecideAppealDto extends ReasonedDto {
  @ApiProperty({ enum: ['upheld', 'rejected'], description: 'upheld: a dispute goes to the appellant; a report counts as valid (channel credit). Final.' })
  @IsIn(['upheld', 'rejected'])
  outcome: 'upheld' | 'rejected';
}

export class AppealsQuery extends PageQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiPropertyOptional({ enum: ['open', 'upheld', 'rejected'] }) @IsOptional() @IsIn(['open', 'upheld', 'rejected']) status?: 'open' | 'upheld' | 'rejected';
}

export class PartnerAppealsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() siteId?: string;
}

export class AttachmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fileName: string;
  @ApiProperty({ enum: ATTACHMENT_TYPES }) contentType: string;
  @ApiProperty() sizeBytes: number;
  @ApiProperty({ description: 'SHA-256 of the content, hex' }) sha256: string;
}

export class AppealDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ enum: ['dispute', 'report'] }) subject: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) disputeId: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) reportId: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) customerId: string | null;
  @ApiProperty({ format: 'uuid' }) appellantId: string;
  @ApiPropertyOptional({ nullable: true, type: String }) appellantName: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) agencyId: string | null;
  @ApiProperty() statement: string;
  @ApiProperty({ description: 'Appeals are taken until then (CA-17)' }) deadline: Date;
  @ApiProperty({ enum: ['open', 'upheld', 'rejected'] }) status: string;
  @ApiPropertyOptional({ nullable: true, type: String }) reasons: string | null;
  @ApiProperty({ type: [String] }) ruleIds: string[];
  @ApiPropertyOptional({ nullable: true, type: Date }) decidedAt: Date | null;
  @ApiProperty({ type: [AttachmentDto] }) attachments: AttachmentDto[];
  @ApiProperty() createdAt: Date;
}

export class DisputeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() customerName: string;
  @ApiProperty({ format: 'uuid' }) claimantId: string;
  @ApiPropertyOptional({ nullable: true, type: String }) claimantName: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'The owner when the dispute was raised' }) respondentId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) respondentName: string | null;
  @ApiProperty() statement: string;
  @ApiProperty({ enum: ['open', 'decided'] }) status: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) winnerId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reasons: string | null;
  @ApiProperty({ type: [String] }) ruleIds: string[];
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) decidedBy: string | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) decidedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date, description: 'The losing party may appeal until then (CA-17)' }) appealDeadline: Date | null;
  @ApiPropertyOptional({ type: AppealDto, nullable: true }) appeal: AppealDto | null;
  @ApiProperty() createdAt: Date;
}
