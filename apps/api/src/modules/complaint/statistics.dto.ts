import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { ClassificationCountsDto, MemberCoverageDto, SatisfactionDto } from './complaint.dto.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const YEAR = /^\d{4}$/;
const UUID_LIST = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(,[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}){0,199}$/;

export class OrganizationStatisticsQuery {
  @ApiPropertyOptional({ example: '2026-03', description: "A month, each site's own local month; or give `year`" }) @IsOptional() @Matches(MONTH, { message: 'month must be YYYY-MM' }) month?: string;
  @ApiPropertyOptional({ example: '2026', description: "A year, each site's own local year" }) @IsOptional() @Matches(YEAR, { message: 'year must be YYYY' }) year?: string;
  @ApiPropertyOptional({ description: 'Only these of the sites the caller directs (comma-separated ids, at most 200); any other site is a 404' })
  @IsOptional()
  @Matches(UUID_LIST, { message: 'siteIds must be comma-separated site ids' })
  siteIds?: string;
  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'], default: 'json' }) @IsOptional() @IsIn(['json', 'csv', 'xlsx']) format?: 'json' | 'csv' | 'xlsx';
}

/** The figures of a set of complaints (a site, or the organization) — the site statistics' summary and a classification row's counts. */
export class ComplaintSummaryDto extends ClassificationCountsDto {
  @ApiProperty({ type: SatisfactionDto }) satisfaction: SatisfactionDto;
  @ApiProperty({ type: MemberCoverageDto }) memberFollowUp: MemberCoverageDto;
}

export class SiteComplaintSummaryDto extends ComplaintSummaryDto {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() siteCode: string;
  @ApiProperty() siteName: string;
  @ApiProperty({ example: '2026-01-01', description: 'First site-local day of the period' }) from: string;
  @ApiProperty({ example: '2026-12-31' }) to: string;
}

export class OrganizationComplaintStatisticsDto {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ example: '2026' }) period: string;
  @ApiProperty({ type: [SiteComplaintSummaryDto], description: 'One row per site the caller directs, by site code' }) sites: SiteComplaintSummaryDto[];
  @ApiProperty({ type: ComplaintSummaryDto, description: "Over every listed site's complaints together (medians and percentiles of all of them, not of the sites' figures)" }) totals: ComplaintSummaryDto;
}
