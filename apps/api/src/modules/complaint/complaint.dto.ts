import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import {
  COMPLAINT_CHANNELS,
  COMPLAINT_GROUPINGS,
  COMPLAINT_KINDS,
  COMPLAINT_SEVERITIES,
  COMPLAINT_STATES,
  COMPLAINT_SUBJECT_TYPES,
  FOLLOW_UP_ATTITUDES,
  type ComplaintChannel,
  type ComplaintGrouping,
  type ComplaintKind,
  type ComplaintSeverity,
  type ComplaintState,
  type ComplaintSubjectType,
  type FollowUpAttitude,
} from '@sitedesk/domain';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { PageQuery, queryBoolean } from '../../platform/http/paging.js';

const ISO = { strict: true, strictSeparator: true } as const;
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const YEAR = /^\d{4}$/;
const CODE = /^[a-z][a-z0-9_-]{0,29}$/;

export class SiteQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
}

// ---------- policy ----------

export class ComplaintPolicyVersionDto {
  @ApiProperty({ example: 2 }) version: number;
  @ApiProperty({ type: Object, description: 'The ComplaintPolicy (docs/complaint.md): categories, business hours, SLA targets, escalation chain, discipline, follow-up' })
  policy: Record<string, unknown>;
  @ApiPropertyOptional({ nullable: true, type: String }) createdBy: string | null;
  @ApiProperty() createdAt: Date;
}

export class PutComplaintPolicyDto extends SiteQuery {
  @ApiProperty({ type: Object, description: 'A whole ComplaintPolicy; validated field by field (VALIDATION_FAILED lists `policy.<field>`)' })
  @IsObject()
  policy: Record<string, unknown>;
}

// ---------- intake ----------

export class CreateComplaintDto extends SiteQuery {
  @ApiProperty({ enum: COMPLAINT_CHANNELS, example: 'phone', description: 'CMP-1; an `online` complaint waits unowned in the inbox until someone takes it (GEN-10)' })
  @IsIn(COMPLAINT_CHANNELS)
  channel: ComplaintChannel;
  @ApiProperty({ example: '李女士', maxLength: 60 }) @IsString() @MinLength(1) @MaxLength(60) complainantName: string;
  @ApiProperty({ example: '13800138000', maxLength: 60 }) @IsString() @MinLength(1) @MaxLength(60) contact: string;
  @ApiProperty({ example: '售后维修三次仍漏水', maxLength: 4000 }) @IsString() @MinLength(1) @MaxLength(4000) content: string;
  @ApiProperty({ enum: COMPLAINT_SUBJECT_TYPES, example: 'none', description: 'What it is about (CMP-1)' }) @IsIn(COMPLAINT_SUBJECT_TYPES) subjectType: ComplaintSubjectType;
  @ApiPropertyOptional({ nullable: true, maxLength: 100, type: String, description: 'The unit, vehicle (plate or VIN), repair order or staff member id; absent for `none`. A unit or staff member must be of this site.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  subjectRef?: string | null;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'The customer complaining, when in the register of this site' })
  @IsOptional()
  @IsUUID()
  customerId?: string | null;
  @ApiProperty({ example: false, description: 'A member or VIP (CMP-5 starts at the manager; CMP-7 all are called back)' }) @IsBoolean() importantCustomer: boolean;
  @ApiPropertyOptional({ enum: COMPLAINT_SEVERITIES, nullable: true, description: 'Known at intake (a major complaint starts at the manager, CMP-5); `normal` when absent' })
  @IsOptional()
  @IsIn(COMPLAINT_SEVERITIES)
  severity?: ComplaintSeverity | null;
}


export class ListComplaintsQuery extends PageQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiPropertyOptional({ enum: COMPLAINT_STATES }) @IsOptional() @IsIn(COMPLAINT_STATES) status?: ComplaintState;
  @ApiPropertyOptional({ enum: COMPLAINT_SEVERITIES }) @IsOptional() @IsIn(COMPLAINT_SEVERITIES) severity?: ComplaintSeverity;
  @ApiPropertyOptional({ example: 'service' }) @IsOptional() @Matches(CODE, { message: 'category must be a category code' }) category?: string;
  @ApiPropertyOptional({ enum: COMPLAINT_CHANNELS }) @IsOptional() @IsIn(COMPLAINT_CHANNELS) channel?: ComplaintChannel;
  @ApiPropertyOptional({ description: 'A user id, or `none` for unowned complaints (the inbox of online complaints)' })
  @IsOptional()
  @Matches(/^(none|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, { message: 'ownerId must be a user id or none' })
  ownerId?: string;
  @ApiPropertyOptional({ type: Boolean, description: 'Only complaints with a breached SLA clock (true), or none (false), read now (GEN-8)' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  breached?: boolean;
  @ApiPropertyOptional({ example: '2026-03-01', description: 'Received on or after this site-local date' }) @IsOptional() @IsISO8601(ISO) @Matches(/^\d{4}-\d{2}-\d{2}$/) from?: string;
  @ApiPropertyOptional({ example: '2026-03-31', description: 'Received on or before this site-local date' }) @IsOptional() @IsISO8601(ISO) @Matches(/^\d{4}-\d{2}-\d{2}$/) to?: string;
}

/** The complaint log as a file: the inbox's filters, every matching complaint (up to COMPLAINT_EXPORT_LIMIT). */
export class ExportComplaintsQuery extends OmitType(ListComplaintsQuery, ['page', 'pageSize'] as const) {
  @ApiProperty({ enum: ['csv', 'xlsx'] }) @IsIn(['csv', 'xlsx']) format: 'csv' | 'xlsx';
}

// ---------- reads ----------

export class ClassificationDto {
  @ApiProperty({ enum: COMPLAINT_KINDS, example: 'complaint' }) @IsIn(COMPLAINT_KINDS) kind: ComplaintKind;
  @ApiProperty({ enum: ['valid', 'invalid'], example: 'valid' }) @IsIn(['valid', 'invalid']) validity: 'valid' | 'invalid';
  @ApiProperty({ example: 'service', description: "One of the policy's category codes" }) @IsString() @Matches(CODE, { message: 'category must be a category code' }) category: string;
  @ApiProperty({ enum: COMPLAINT_SEVERITIES, example: 'normal' }) @IsIn(COMPLAINT_SEVERITIES) severity: ComplaintSeverity;
  @ApiPropertyOptional({ nullable: true, maxLength: 60, type: String, description: "The responsible department (the category's by default)" })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(60)
  department?: string | null;
}

export class ClockDto {
  @ApiProperty({ example: 'first_response' }) key: string;
  @ApiProperty({ enum: ['first_response', 'promised_reply', 'resolution'] }) kind: string;
  @ApiProperty() startedAt: Date;
  @ApiPropertyOptional({ nullable: true, type: Number }) targetMinutes: number | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) promisedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) stoppedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date, description: 'null while waiting on the customer swallows the deadline' }) dueAt: Date | null;
  @ApiProperty({ enum: ['running', 'paused', 'met', 'breached'], description: 'Read now (GEN-8)' }) status: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) remainingMinutes: number | null;
}

export class EscalationDto {
  @ApiProperty() at: Date;
  @ApiProperty({ enum: ['manual', 'reopen', 'breach', 'classification'] }) reason: string;
  @ApiPropertyOptional({ nullable: true, type: String }) clockKey: string | null;
  @ApiProperty() fromLevel: number;
  @ApiProperty() toLevel: number;
  @ApiProperty({ example: 'supervisor' }) role: string;
}

export class PauseDto {
  @ApiProperty() from: Date;
  @ApiPropertyOptional({ nullable: true, type: Date }) to: Date | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reason: string | null;
}

export class TimelineEventDto {
  @ApiProperty() at: Date;
  @ApiProperty({ example: 'complaint.triaged' }) type: string;
  @ApiPropertyOptional({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ example: '陈主管' }) actorName: string;
  @ApiProperty({ type: Object }) data: Record<string, unknown>;
  @ApiProperty({ type: [String], example: ['CMP-2', 'CMP-9'] }) ruleIds: string[];
  @ApiProperty() policyVersion: number;
}

export class FollowUpAnswersDto {
  @ApiProperty({ example: true }) @IsBoolean() solved: boolean;
  @ApiProperty({ enum: FOLLOW_UP_ATTITUDES, example: 'satisfied' }) @IsIn(FOLLOW_UP_ATTITUDES) attitude: FollowUpAttitude;
  @ApiProperty({ example: false, description: 'Was a fee charged?' }) @IsBoolean() charged: boolean;
  @ApiProperty({ example: 9, minimum: 1, maximum: 10 }) @IsInt() @Min(1) @Max(10) score: number;
  @ApiProperty({ example: '', maxLength: 2000 }) @IsString() @MaxLength(2000) suggestions: string;
}

export class FollowUpTaskDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) complaintId: string;
  @ApiProperty({ example: '李女士' }) complainantName: string;
  @ApiProperty({ example: '13800138000' }) contact: string;
  @ApiProperty({ example: false }) importantCustomer: boolean;
  @ApiProperty() plannedAt: Date;
  @ApiProperty() dueBy: Date;
  @ApiProperty({ example: 'supervisor' }) assigneeRole: string;
  @ApiProperty() bookedByCustomer: boolean;
  @ApiProperty() outsideWindow: boolean;
  @ApiProperty({ enum: ['planned', 'due', 'overdue', 'done', 'dropped'], description: 'Read now (GEN-8)' }) status: string;
  @ApiPropertyOptional({ nullable: true, type: Date }) doneAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: FollowUpAnswersDto }) answers: FollowUpAnswersDto | null;
  @ApiProperty() reopened: boolean;
}

export class ComplaintDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ enum: COMPLAINT_STATES }) state: ComplaintState;
  @ApiProperty({ enum: COMPLAINT_CHANNELS }) channel: ComplaintChannel;
  @ApiProperty() complainantName: string;
  @ApiProperty() contact: string;
  @ApiProperty() content: string;
  @ApiProperty({ enum: COMPLAINT_SUBJECT_TYPES }) subjectType: ComplaintSubjectType;
  @ApiPropertyOptional({ nullable: true, type: String }) subjectRef: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) customerId: string | null;
  @ApiProperty() importantCustomer: boolean;
  @ApiProperty() receivedAt: Date;
  @ApiPropertyOptional({ nullable: true, type: String }) receivedBy: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) ownerId: string | null;
  @ApiProperty({ example: '陈主管', description: 'Empty when unowned' }) ownerName: string;
  @ApiProperty({ enum: COMPLAINT_SEVERITIES }) severity: ComplaintSeverity;
  @ApiPropertyOptional({ nullable: true, type: ClassificationDto }) classification: ClassificationDto | null;
  @ApiProperty({ example: 1, description: 'CMP-5: the escalation level now (index in the chain), read now (GEN-8)' }) level: number;
  @ApiProperty({ example: 'supervisor', description: 'The role at that level' }) levelRole: string;
  @ApiProperty({ description: 'Some SLA clock is breached now' }) breached: boolean;
  @ApiProperty({ description: 'Waiting on the customer (clocks paused)' }) waiting: boolean;
  @ApiPropertyOptional({ nullable: true, type: Date, description: 'The nearest deadline of a running clock' }) nextDueAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) firstRespondedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) resolvedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) closedAt: Date | null;
  @ApiProperty() reopenCount: number;
  @ApiProperty({ description: 'The policy version the complaint was received under' }) policyVersion: number;
}

export class ProposalDto {
  @ApiProperty({ example: 'p1', maxLength: 40 }) @IsString() @MinLength(1) @MaxLength(40) @Matches(/^[\w-]+$/, { message: 'id: letters, digits, - and _' }) id: string;
  @ApiProperty({ example: '免费返修并赠送一次保养', maxLength: 2000 }) @IsString() @MinLength(1) @MaxLength(2000) text: string;
}

export class ResponsibleStaffDto {
  @ApiProperty({ format: 'uuid', description: 'A staff member of this site found at fault (CMP-6)' }) @IsUUID() userId: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'Their department head (dealt with under the policy)' })
  @IsOptional()
  @IsUUID()
  departmentHeadId?: string | null;
}

export class InvestigationDto {
  @ApiProperty() department: string;
  @ApiProperty({ format: 'uuid' }) investigatorId: string;
  @ApiPropertyOptional({ nullable: true, type: String }) findings: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) cause: string | null;
  @ApiProperty({ type: [ResponsibleStaffDto] }) responsibleStaff: ResponsibleStaffDto[];
}

export class ComplaintDetailDto extends ComplaintDto {
  @ApiPropertyOptional({ nullable: true, type: InvestigationDto }) investigation: InvestigationDto | null;
  @ApiProperty({ type: [ProposalDto] }) proposals: ProposalDto[];
  @ApiPropertyOptional({ nullable: true, type: String }) proposedBy: string | null;
  @ApiPropertyOptional({ nullable: true, type: Object }) approval: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true, type: Object }) resolution: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true, type: String }) rejectionReply: string | null;
  @ApiProperty({ type: [ClockDto] }) clocks: ClockDto[];
  @ApiProperty({ type: [PauseDto] }) pauses: PauseDto[];
  @ApiProperty({ type: [EscalationDto] }) escalations: EscalationDto[];
  @ApiProperty({ type: [FollowUpTaskDto] }) followUps: FollowUpTaskDto[];
  @ApiProperty({ type: [TimelineEventDto] }) timeline: TimelineEventDto[];
}

// ---------- commands (CMP-9) ----------

export class RespondDto {
  @ApiProperty({ example: '非常抱歉，我们今天下午五点前回复您', maxLength: 2000 }) @IsString() @MinLength(1) @MaxLength(2000) message: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: '2026-03-02T09:00:00Z', description: 'CMP-3: the next reply time promised to the customer (future): a deadline of its own' })
  @IsOptional()
  @IsISO8601(ISO)
  promisedReplyAt?: string | null;
}

export class TriageDto {
  @ApiProperty({ type: ClassificationDto }) @IsObject() @ValidateNested() @Type(() => ClassificationDto) classification: ClassificationDto;
  @ApiPropertyOptional({ nullable: true, maxLength: 2000, type: String, description: 'CMP-2: the polite answer an invalid complaint ends with (required then)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reply?: string | null;
}

export class SettleDto {
  @ApiProperty({ example: '当场更换配件', maxLength: 4000 }) @IsString() @MinLength(1) @MaxLength(4000) resolution: string;
  @ApiProperty({ example: true }) @IsBoolean() customerAccepted: boolean;
  @ApiProperty({ example: '李女士', maxLength: 200, description: "The customer's signature (name or reference of the signed form)" }) @IsString() @MinLength(1) @MaxLength(200) signature: string;
}

export class InvestigateDto {
  @ApiProperty({ format: 'uuid', description: 'A staff member of this site (CMP-4: quality → technical lead, service → service supervisor)' }) @IsUUID() investigatorId: string;
  @ApiPropertyOptional({ nullable: true, maxLength: 60, type: String }) @IsOptional() @IsString() @MinLength(1) @MaxLength(60) department?: string | null;
}

export class ProposeDto {
  @ApiProperty({ maxLength: 4000, example: '维修工未按规范施工' }) @IsString() @MinLength(1) @MaxLength(4000) findings: string;
  @ApiProperty({ maxLength: 1000, example: '施工质量' }) @IsString() @MinLength(1) @MaxLength(1000) cause: string;
  @ApiProperty({ type: [ProposalDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => ProposalDto) proposals: ProposalDto[];
  @ApiProperty({ type: [ResponsibleStaffDto], description: 'CMP-6: staff found at fault (may be empty)' })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ResponsibleStaffDto)
  responsibleStaff: ResponsibleStaffDto[];
}

export class ApproveDto {
  @ApiProperty({ example: 'p1', maxLength: 40 }) @IsString() @MinLength(1) @MaxLength(40) proposalId: string;
  @ApiPropertyOptional({ nullable: true, maxLength: 2000, type: String }) @IsOptional() @IsString() @MaxLength(2000) comment?: string | null;
}

export class CommentDto {
  @ApiProperty({ maxLength: 2000, example: '请补充责任人' }) @IsString() @MinLength(1) @MaxLength(2000) comment: string;
}

export class ResolveDto {
  @ApiProperty({ maxLength: 4000, example: '已免费返修' }) @IsString() @MinLength(1) @MaxLength(4000) implementation: string;
  @ApiProperty({ example: true }) @IsBoolean() customerAccepted: boolean;
  @ApiProperty({ maxLength: 200, example: '李女士' }) @IsString() @MinLength(1) @MaxLength(200) signature: string;
  @ApiPropertyOptional({ nullable: true, maxLength: 2000, type: String }) @IsOptional() @IsString() @MaxLength(2000) feedback?: string | null;
}

export class ComplaintReasonDto {
  @ApiProperty({ maxLength: 2000, example: '客户不接受方案' }) @IsString() @MinLength(1) @MaxLength(2000) reason: string;
}

export class ShortReasonDto {
  @ApiProperty({ maxLength: 500, example: '等待客户提供照片' }) @IsString() @MinLength(1) @MaxLength(500) reason: string;
}

export class DayWindowDto {
  @ApiProperty({ example: '21:00' }) @IsString() @Matches(CLOCK, { message: 'start must be HH:MM' }) start: string;
  @ApiProperty({ example: '09:00' }) @IsString() @Matches(CLOCK, { message: 'end must be HH:MM' }) end: string;
}

export class BookFollowUpDto {
  @ApiProperty({ example: '2026-03-04T02:00:00Z', description: 'CMP-7: the time the customer asked for (future, outside their rest hours)' }) @IsISO8601(ISO) at: string;
  @ApiPropertyOptional({ type: [DayWindowDto], nullable: true, description: "The customer's own rest hours (works nights)" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => DayWindowDto)
  customerRestHours?: DayWindowDto[] | null;
}

export class RecordFollowUpDto {
  @ApiProperty({ type: FollowUpAnswersDto }) @IsObject() @ValidateNested() @Type(() => FollowUpAnswersDto) answers: FollowUpAnswersDto;
}

export class SummaryDto {
  @ApiProperty({ maxLength: 4000, example: '客户满意，已结案' }) @IsString() @MinLength(1) @MaxLength(4000) summary: string;
}

export class HandOverDto {
  @ApiProperty({ format: 'uuid', description: 'A staff member of this site' }) @IsUUID() toUserId: string;
  @ApiProperty({ maxLength: 500, example: '轮休交接' }) @IsString() @MinLength(1) @MaxLength(500) reason: string;
}

// ---------- follow-up calls ----------

export class ListFollowUpsQuery extends PageQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiPropertyOptional({ enum: ['planned', 'due', 'overdue', 'open', 'done'], description: '`open` = planned, due or overdue (default)' })
  @IsOptional()
  @IsIn(['planned', 'due', 'overdue', 'open', 'done'])
  status?: 'planned' | 'due' | 'overdue' | 'open' | 'done';
}

// ---------- statistics (CMP-8) ----------

export class StatisticsQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiPropertyOptional({ example: '2026-03', description: 'A site-local month; or give `year`' }) @IsOptional() @Matches(MONTH, { message: 'month must be YYYY-MM' }) month?: string;
  @ApiPropertyOptional({ example: '2026', description: 'A site-local year' }) @IsOptional() @Matches(YEAR, { message: 'year must be YYYY' }) year?: string;
  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'], default: 'json' }) @IsOptional() @IsIn(['json', 'csv', 'xlsx']) format?: 'json' | 'csv' | 'xlsx';
  @ApiPropertyOptional({ enum: COMPLAINT_GROUPINGS, default: 'category', description: 'The table a CSV holds (XLSX has a sheet for each)' })
  @IsOptional()
  @IsIn(COMPLAINT_GROUPINGS)
  by?: ComplaintGrouping;
}

export class DurationSummaryDto {
  @ApiProperty() count: number;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Business minutes' }) median: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Nearest-rank 90th percentile' }) p90: number | null;
}

export class ComplianceDto {
  @ApiProperty() met: number;
  @ApiProperty() breached: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) rate: number | null;
}

export class SlaComplianceDto {
  @ApiProperty({ type: ComplianceDto }) firstResponse: ComplianceDto;
  @ApiProperty({ type: ComplianceDto }) promisedReply: ComplianceDto;
  @ApiProperty({ type: ComplianceDto }) resolution: ComplianceDto;
}

/** CMP-8: the counts, times and SLA compliance of a set of complaints (a table row, a site, the organization). */
export class ClassificationCountsDto {
  @ApiProperty() total: number;
  @ApiProperty() complaints: number;
  @ApiProperty() grumbles: number;
  @ApiProperty() untriaged: number;
  @ApiProperty() valid: number;
  @ApiProperty() invalid: number;
  @ApiProperty() upheld: number;
  @ApiProperty() open: number;
  @ApiProperty({ type: DurationSummaryDto }) firstResponse: DurationSummaryDto;
  @ApiProperty({ type: DurationSummaryDto }) resolution: DurationSummaryDto;
  @ApiProperty({ type: SlaComplianceDto }) sla: SlaComplianceDto;
}

export class ClassificationRowDto extends ClassificationCountsDto {
  @ApiProperty({ example: 'service', description: 'Category code, department, staff user id, channel or site-local month (YYYY-MM)' }) key: string;
  @ApiProperty({ example: 'service', description: "What a person reads: the category's name, the staff member's name, else the key" }) label: string;
}

export class SatisfactionDto {
  @ApiProperty() calls: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) averageScore: number | null;
  @ApiProperty({ type: DurationSummaryDto }) score: DurationSummaryDto;
  @ApiPropertyOptional({ nullable: true, type: Number }) solvedRate: number | null;
  @ApiProperty() chargedCount: number;
  @ApiProperty({ type: Object, example: { satisfied: 3, neutral: 1, unsatisfied: 0 } }) attitude: Record<string, number>;
  @ApiProperty() reopened: number;
}

export class MemberCoverageDto {
  @ApiProperty() owed: number;
  @ApiProperty() calledBack: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) rate: number | null;
  @ApiProperty({ type: [String] }) missing: string[];
}

export class ComplaintTablesDto {
  @ApiProperty({ type: [ClassificationRowDto] }) category: ClassificationRowDto[];
  @ApiProperty({ type: [ClassificationRowDto] }) department: ClassificationRowDto[];
  @ApiProperty({ type: [ClassificationRowDto] }) staff: ClassificationRowDto[];
  @ApiProperty({ type: [ClassificationRowDto] }) channel: ClassificationRowDto[];
  @ApiProperty({ type: [ClassificationRowDto] }) month: ClassificationRowDto[];
}

export class ComplaintStatisticsDto {
  @ApiProperty({ example: '2026-03' }) period: string;
  @ApiProperty({ example: '2026-03-01' }) from: string;
  @ApiProperty({ example: '2026-03-31' }) to: string;
  @ApiProperty() total: number;
  @ApiProperty({ type: ComplaintTablesDto }) tables: ComplaintTablesDto;
  @ApiProperty({ type: DurationSummaryDto }) firstResponse: DurationSummaryDto;
  @ApiProperty({ type: DurationSummaryDto }) resolution: DurationSummaryDto;
  @ApiProperty({ type: SlaComplianceDto }) sla: SlaComplianceDto;
  @ApiProperty({ type: SatisfactionDto }) satisfaction: SatisfactionDto;
  @ApiProperty({ type: MemberCoverageDto }) memberFollowUp: MemberCoverageDto;
}
