import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '../../platform/http/paging.js';

const STATUSES = ['pending', 'valid', 'natural', 'duplicate', 'expired', 'deal'] as const;

export class CreatePartnerReportDto {
  @ApiProperty({ format: 'uuid', description: 'The site (sales office) the customer will visit', example: '5b0c0a3e-8a6e-4a53-9d5e-3b8f1f0b2c11' }) @IsUUID() siteId: string;
  @ApiProperty({ example: '王先生', maxLength: 50, description: 'Must match the name registered at the visit (CA-6)' }) @IsString() @MinLength(1) @MaxLength(50) customerName: string;
  @ApiProperty({
    example: '13812345678',
    description: 'Mainland mobile number, or `138****5678` (first three and last four digits) where the site allows masked reporting (CA-15)',
  })
  @Matches(/^[0-9+*\s-]{7,20}$/, { message: 'phone must be a mobile number or a pattern like 138****5678' })
  phone: string;
  @ApiProperty({ example: '2026-03-02T06:00:00Z', description: 'When you expect to bring the customer; at least 30 minutes after the report for it to count (CA-6)' })
  @IsISO8601({ strict: true, strictSeparator: true })
  expectedVisitAt: string;
}

export class PartnerReportDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: STATUSES, description: 'pending until the visit; duplicate when the customer is owned on the site or was reported earlier by another agency (who owns them is not disclosed)' })
  status: string;
  @ApiProperty({ example: '王先生' }) customerName: string;
  @ApiProperty({ example: '138****5678' }) phoneMasked: string;
  @ApiProperty() expectedVisitAt: Date;
  @ApiProperty({ description: 'No visit by then: expired (CA-7)' }) expiresAt: Date;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'K7Q2M9XP', description: 'Show it (as a QR code) at arrival (CA-16); only for pending reports' })
  visitCode: string | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) visitedAt: Date | null;
  @ApiProperty() createdAt: Date;
}

export class ListPartnerReportsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: (typeof STATUSES)[number];
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() siteId?: string;
}
