import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FOLLOW_UP_ATTITUDES, TICKET_STATES, type FollowUpAttitude, type TicketState } from '@sitedesk/domain';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { PageQuery } from '../../platform/http/paging.js';

const ISO = { strict: true, strictSeparator: true } as const;
const CODE = /^[a-z][a-z0-9_-]{0,29}$/;

export class ReadBackDto {
  @ApiProperty({ example: true }) @IsBoolean() problem: boolean;
  @ApiProperty({ example: true }) @IsBoolean() address: boolean;
  @ApiProperty({ example: true }) @IsBoolean() name: boolean;
  @ApiProperty({ example: true }) @IsBoolean() phone: boolean;
}

export class CreateRepairTicketDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ example: '卫生间水管漏水', maxLength: 2000 }) @IsString() @MinLength(1) @MaxLength(2000) problem: string;
  @ApiProperty({ example: '3栋2单元501', maxLength: 200 }) @IsString() @MinLength(1) @MaxLength(200) address: string;
  @ApiProperty({ example: '李女士', maxLength: 60 }) @IsString() @MinLength(1) @MaxLength(60) name: string;
  @ApiProperty({ example: '13800138000', maxLength: 30 }) @IsString() @MinLength(1) @MaxLength(30) phone: string;
  @ApiProperty({ example: 'water', description: "One of the policy's ticket categories" }) @IsString() @Matches(CODE, { message: 'category must be a category code' }) category: string;
  @ApiProperty({ type: ReadBackDto, description: 'RO-11 (003 跟读确认): each answer read back to the caller and confirmed' }) @IsObject() @ValidateNested() @Type(() => ReadBackDto) readBack: ReadBackDto;
}

export class ListRepairTicketsQuery extends PageQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiPropertyOptional({ enum: TICKET_STATES }) @IsOptional() @IsIn(TICKET_STATES) state?: TicketState;
  @ApiPropertyOptional({ example: 'water' }) @IsOptional() @Matches(CODE, { message: 'category must be a category code' }) category?: string;
  @ApiPropertyOptional({ example: 'engineering' }) @IsOptional() @Matches(CODE, { message: 'department must be a department code' }) department?: string;
}

export class FeeSummaryQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiProperty({ example: '2026-03-02', description: 'A Monday (site-local)' }) @IsISO8601(ISO) @Matches(/^\d{4}-\d{2}-\d{2}$/) weekStart: string;
}

export class TicketTimingDto {
  @ApiPropertyOptional({ nullable: true, type: Number }) workTicket: number | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) reminderAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) dueAt: Date | null;
  @ApiProperty({ enum: ['not_issued', 'running', 'reminder_due', 'breached', 'met', 'met_late'], description: 'Read now (GEN-8)' }) status: string;
  @ApiProperty() level: number;
  @ApiProperty({ example: 'cs_agent' }) role: string;
}

export class RepairTicketDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ enum: TICKET_STATES }) state: string;
  @ApiProperty({ format: 'uuid' }) ownerId: string;
  @ApiProperty() ownerName: string;
  @ApiProperty() problem: string;
  @ApiProperty() address: string;
  @ApiProperty() name: string;
  @ApiProperty() phone: string;
  @ApiProperty() category: string;
  @ApiProperty({ description: 'A paid service (有偿服务)' }) paid: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) department: string | null;
  @ApiProperty() receivedAt: Date;
  @ApiProperty({ type: TicketTimingDto }) timing: TicketTimingDto;
  @ApiPropertyOptional({ nullable: true, type: Number }) feeTotalFen: number | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) feePaidAt: Date | null;
  @ApiProperty() policyVersion: number;
}

export class RepairTicketDetailDto extends RepairTicketDto {
  @ApiProperty({ type: [Object] }) workTickets: Record<string, unknown>[];
  @ApiPropertyOptional({ nullable: true, type: String }) report: string | null;
  @ApiPropertyOptional({ nullable: true, type: Object }) feeTicket: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true, type: Object }) followUp: Record<string, unknown> | null;
  @ApiProperty({ type: [Object] }) followUpVerdicts: Record<string, unknown>[];
  @ApiPropertyOptional({ nullable: true, type: Date }) closedAt: Date | null;
  @ApiProperty({ type: [Object] }) timeline: Record<string, unknown>[];
}

export class FeeSummaryRowDto {
  @ApiProperty() key: string;
  @ApiProperty() count: number;
  @ApiProperty() totalFen: number;
  @ApiProperty() paidFen: number;
  @ApiProperty() unpaidFen: number;
}

export class FeeSummaryDto {
  @ApiProperty({ format: 'date' }) weekStart: string;
  @ApiProperty({ format: 'date' }) weekEnd: string;
  @ApiProperty({ type: FeeSummaryRowDto }) total: FeeSummaryRowDto;
  @ApiProperty({ type: [FeeSummaryRowDto] }) byCategory: FeeSummaryRowDto[];
  @ApiProperty({ type: [FeeSummaryRowDto] }) byDepartment: FeeSummaryRowDto[];
}

export class TicketDispatchDto {
  @ApiPropertyOptional({ nullable: true, type: String, example: 'engineering', description: "The category's department when absent" })
  @IsOptional()
  @IsString()
  @Matches(CODE, { message: 'department must be a department code' })
  department?: string | null;
}

export class FeeItemDto {
  @ApiProperty({ example: '更换水龙头', maxLength: 200 }) @IsString() @MinLength(1) @MaxLength(200) description: string;
  @ApiProperty({ example: 5000, minimum: 0, description: 'fen' }) @IsInt() @Min(0) @Max(100_000_000) amountFen: number;
}

export class ReportDoneDto {
  @ApiProperty({ example: '已更换阀门', maxLength: 4000 }) @IsString() @MinLength(1) @MaxLength(4000) report: string;
  @ApiPropertyOptional({ type: [FeeItemDto], nullable: true, description: 'A paid service returns with its fee items (有偿服务 开单); a free one with none' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FeeItemDto)
  fee?: FeeItemDto[] | null;
}

export class TicketBookFollowUpDto {
  @ApiProperty({ format: 'date-time', example: '2026-03-05T02:00:00.000Z' }) @IsISO8601(ISO) at: string;
}

export class TicketFollowUpAnswersDto {
  @ApiProperty({ example: true }) @IsBoolean() solved: boolean;
  @ApiProperty({ enum: FOLLOW_UP_ATTITUDES, example: 'satisfied' }) @IsIn(FOLLOW_UP_ATTITUDES) attitude: FollowUpAttitude;
  @ApiProperty({ example: false }) @IsBoolean() charged: boolean;
  @ApiProperty({ example: 9, minimum: 1, maximum: 10 }) @IsInt() @Min(1) @Max(10) score: number;
  @ApiProperty({ example: '', maxLength: 2000 }) @IsString() @MaxLength(2000) suggestions: string;
}

export class TicketRecordFollowUpDto {
  @ApiProperty({ type: TicketFollowUpAnswersDto }) @IsObject() @ValidateNested() @Type(() => TicketFollowUpAnswersDto) answers: TicketFollowUpAnswersDto;
}

export class TicketHandOverDto {
  @ApiProperty({ format: 'uuid', description: 'A staff member of this site' }) @IsUUID() toUserId: string;
  @ApiProperty({ maxLength: 500, example: '交班' }) @IsString() @MinLength(1) @MaxLength(500) reason: string;
}

export class TicketDurationSummaryDto {
  @ApiProperty() count: number;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'minutes' }) median: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'minutes' }) p90: number | null;
}

export class TicketDepartmentRowDto {
  @ApiProperty({ example: '2026-03' }) period: string;
  @ApiProperty({ example: 'engineering' }) department: string;
  @ApiProperty() received: number;
  @ApiProperty() done: number;
  @ApiProperty() open: number;
  @ApiProperty({ description: 'A work ticket passed its time limit' }) breached: number;
  @ApiProperty({ type: TicketDurationSummaryDto, description: 'Calendar minutes from the call to the work done' }) timeToDone: TicketDurationSummaryDto;
  @ApiProperty({ type: TicketDurationSummaryDto, description: "Business minutes of the departments' calendar" }) businessTimeToDone: TicketDurationSummaryDto;
  @ApiProperty({ type: TicketDurationSummaryDto }) timeToClose: TicketDurationSummaryDto;
}

export class TicketStatisticsDto {
  @ApiProperty({ enum: ['week', 'month'] }) period: string;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: [TicketDepartmentRowDto] }) rows: TicketDepartmentRowDto[];
}

export class TicketDepartmentDto {
  @ApiProperty({ example: 'engineering' }) code: string;
  @ApiProperty({ example: '工程部' }) name: string;
  @ApiProperty({ description: 'RO-11: the time limit of a work ticket, business minutes', example: 240 }) timeLimitMinutes: number;
}

export class TicketCategoryDto {
  @ApiProperty({ example: 'water' }) code: string;
  @ApiProperty({ example: '水路' }) name: string;
  @ApiProperty({ example: 'engineering', description: 'The department its work tickets go to' }) department: string;
  @ApiProperty({ description: 'A paid service (有偿服务): the department issues a fee ticket' }) paid: boolean;
}

/** RO-11: what the call-centre intake needs of the site's policy (the categories and departments), for the desk roles that do not read the whole policy. */
export class TicketCategoriesDto {
  @ApiProperty({ description: 'The policy version these come from' }) policyVersion: number;
  @ApiProperty({ type: [TicketDepartmentDto] }) departments: TicketDepartmentDto[];
  @ApiProperty({ type: [TicketCategoryDto] }) categories: TicketCategoryDto[];
}
