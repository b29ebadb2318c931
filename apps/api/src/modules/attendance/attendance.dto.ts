import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsISO8601, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../platform/http/dates.js';
import { PageQuery } from '../../platform/http/paging.js';

export class SiteQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
}

export class SiteBody {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
}

export class RangeQuery extends SiteQuery {
  @ApiProperty({ example: '2026-03-01' }) @IsCalendarDate() from: string;
  @ApiProperty({ example: '2026-03-31' }) @IsCalendarDate() to: string;
}

export class DaysQuery extends RangeQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Whose days; default yourself. Others need a supervisor, clerk or manager role on the site.' })
  @IsOptional()
  @IsUUID()
  userId?: string;
}

export class WeekQuery extends SiteQuery {
  @ApiProperty({ example: '2026-03-09', description: 'Any date of the week (Monday to Sunday)' }) @IsCalendarDate() week: string;
}

export const BLACKOUT_KINDS = ['holiday', 'opening', 'advertising', 'mortgage'] as const;

export class CreateBlackoutDayDto extends SiteBody {
  @ApiProperty({ example: '2026-05-01' }) @IsCalendarDate() date: string;
  @ApiProperty({ enum: BLACKOUT_KINDS, description: 'holiday 节假日, opening 开盘日, advertising 广告日, mortgage 集中办理按揭日' }) @IsIn(BLACKOUT_KINDS) kind: (typeof BLACKOUT_KINDS)[number];
  @ApiProperty({ example: '劳动节', maxLength: 100 }) @IsString() @MinLength(1) @MaxLength(100) name: string;
}

export class BlackoutDayDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-05-01' }) date: string;
  @ApiProperty({ enum: BLACKOUT_KINDS }) kind: string;
  @ApiProperty() name: string;
}

export class RotaEntryDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() userId: string;
  @ApiProperty({ example: '2026-03-10' }) @IsCalendarDate() date: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'day', description: 'A shift code of the policy; null is a rest day' })
  @ValidateIf((_, v) => v !== null)
  @Matches(/^[a-z0-9-]{1,20}$/)
  shiftCode: string | null;
}

export class PutRotaDto extends SiteBody {
  @ApiProperty({ type: [RotaEntryDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RotaEntryDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(2000)
  entries: RotaEntryDto[];
}

export class PublishRotaDto extends SiteBody {
  @ApiProperty({ example: '2026-03-09', description: 'Any date of the week to publish' }) @IsCalendarDate() week: string;
}

export class ProposeRotaDto extends PublishRotaDto {
  @ApiProperty({ example: 'day', description: 'The shift everyone works on their working days' }) @Matches(/^[a-z0-9-]{1,20}$/) shiftCode: string;
}

export class RotaProblemDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiPropertyOptional() date?: string;
  @ApiProperty({ enum: ['REST_ON_WEEKEND', 'REST_DAYS_PER_WEEK', 'REST_ON_BLACKOUT_DAY'] }) code: string;
  @ApiProperty({ example: 'ATT-2' }) ruleId: string;
}

export class RotaDayDto {
  @ApiProperty() date: string;
  @ApiPropertyOptional({ nullable: true, type: String }) shiftCode: string | null;
  @ApiProperty({ description: 'false: nothing entered for the day yet (shiftCode null then is not a rest day)' }) scheduled: boolean;
}

export class RotaPersonDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: [RotaDayDto] }) days: RotaDayDto[];
}

export class RotaDto {
  @ApiProperty({ example: '2026-03-09' }) weekStart: string;
  @ApiProperty() published: boolean;
  @ApiPropertyOptional({ nullable: true, type: Date }) publishedAt: Date | null;
  @ApiProperty({ type: [RotaPersonDto] }) people: RotaPersonDto[];
  @ApiProperty({ type: [RotaProblemDto], description: 'ATT-2/ATT-3 problems that block publication' }) problems: RotaProblemDto[];
}

export class PunchStandingDto {
  @ApiProperty({ enum: ['on_time', 'late', 'early_leave', 'absent'], description: 'Clock-in: on time or late; clock-out: on time or early leave; beyond the threshold: absent (ATT-5)' }) status: string;
  @ApiProperty({ example: 3, description: 'Whole minutes late or early, rounded up; 0 when on time' }) minutes: number;
  @ApiProperty({ description: 'Clock-in: the deadline (shift start minus the hand-over); clock-out: the end of the day' }) reference: Date;
  @ApiProperty({ type: [String], example: ['ATT-4'] }) ruleIds: string[];
}

export class PunchDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['in', 'out'] }) kind: string;
  @ApiProperty({ description: 'Server time (GEN-4)' }) at: Date;
  @ApiProperty({ example: '2026-03-10', description: 'The date of the shift it belongs to' }) shiftDate: string;
  @ApiProperty() segment: number;
  @ApiProperty({ enum: ['personal', 'kiosk', 'correction'] }) source: string;
  @ApiPropertyOptional({ nullable: true, type: PunchStandingDto, description: 'Where the punch puts the person by the shift and the policy graces (ATT-4); null for corrections' })
  standing?: PunchStandingDto | null;
}

export class BusinessOutDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Default yourself; a manager may register someone' }) @IsOptional() @IsUUID() userId?: string;
  @ApiProperty({ example: '2026-03-10T06:00:00Z' }) @IsISO8601({ strict: true, strictSeparator: true }) from: string;
  @ApiProperty({ example: '2026-03-10T09:30:00Z' }) @IsISO8601({ strict: true, strictSeparator: true }) to: string;
  @ApiProperty({ example: '银行办理按揭资料', maxLength: 200 }) @IsString() @MinLength(1) @MaxLength(200) whereabouts: string;
}

export class BusinessOutResultDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() from: Date;
  @ApiProperty() to: Date;
  @ApiProperty() whereabouts: string;
}

export class EveningMeetingDto extends SiteBody {
  @ApiProperty({ example: '2026-03-10' }) @IsCalendarDate() date: string;
  @ApiProperty({ example: '2026-03-10T10:10:00Z', description: 'When the meeting ended (ATT-1)' }) @IsISO8601({ strict: true, strictSeparator: true }) endedAt: string;
}

export class IncidentDto extends SiteBody {
  @ApiProperty({ format: 'uuid' }) @IsUUID() userId: string;
  @ApiProperty({ example: '2026-03-10' }) @IsCalendarDate() date: string;
  @ApiProperty({ enum: ['unapproved_swap', 'left_post'], description: 'ATT-9 swap without approval, ATT-6 left the post without consent' }) @IsIn(['unapproved_swap', 'left_post']) kind: 'unapproved_swap' | 'left_post';
  @ApiProperty({ maxLength: 500 }) @IsString() @MinLength(1) @MaxLength(500) note: string;
}

export class DayDto {
  @ApiProperty({ example: '2026-03-10' }) date: string;
  @ApiProperty({ enum: ['rest', 'upcoming', 'at_work', 'not_arrived', 'present', 'late', 'early_leave', 'late_and_early_leave', 'absent', 'missing_punch', 'on_leave', 'business_out'] }) status: string;
  @ApiProperty() lateMinutes: number;
  @ApiProperty() earlyMinutes: number;
  @ApiProperty() lateCount: number;
  @ApiProperty() earlyCount: number;
  @ApiProperty() absenceDays: number;
  @ApiPropertyOptional({ nullable: true, enum: ['personal', 'annual', 'sick'], type: String }) leaveType: string | null;
  @ApiProperty() leaveHours: number;
  @ApiProperty() businessOut: boolean;
  @ApiProperty({ description: 'A punch of the day is a correction (ATT-15)' }) corrected: boolean;
  @ApiPropertyOptional({ nullable: true, type: Date }) scheduledStart: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) scheduledEnd: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) firstIn: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) lastOut: Date | null;
  @ApiProperty({ type: [String], example: ['ATT-4'] }) ruleIds: string[];
  @ApiProperty({ description: 'The policy version that judged the day' }) policyVersion: number;
}

export class PersonDaysDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ example: '李顾问' }) displayName: string;
  @ApiProperty({ type: [DayDto] }) days: DayDto[];
}

export class RecordsQuery extends PageQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiPropertyOptional({ format: 'uuid', description: "One person. Staff see only their own; supervisors, clerks and managers the site's" }) @IsOptional() @IsUUID() userId?: string;
  @ApiPropertyOptional({ example: '2026-03-01', description: 'First local date (inclusive)' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ example: '2026-03-31', description: 'Last local date (inclusive)' }) @IsOptional() @IsCalendarDate() to?: string;
}

export class MeetingsQuery extends PageQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() siteId: string;
  @ApiPropertyOptional({ example: '2026-03-01' }) @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional({ example: '2026-03-31' }) @IsOptional() @IsCalendarDate() to?: string;
}

export class BusinessOutRecordDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ example: '李顾问' }) displayName: string;
  @ApiProperty() from: Date;
  @ApiProperty() to: Date;
  @ApiProperty({ example: '银行办理按揭资料' }) whereabouts: string;
  @ApiPropertyOptional({ nullable: true, type: Date }) cancelledAt: Date | null;
  @ApiProperty({ description: 'When it was registered (ATT-10: before leaving)' }) createdAt: Date;
}

export class EveningMeetingRecordDto {
  @ApiProperty({ example: '2026-03-10' }) date: string;
  @ApiProperty() endedAt: Date;
  @ApiProperty({ format: 'uuid' }) recordedBy: string;
  @ApiProperty({ example: '张主管' }) recordedByName: string;
}

export class IncidentRecordDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ example: '李顾问' }) displayName: string;
  @ApiProperty({ example: '2026-03-10' }) date: string;
  @ApiProperty({ enum: ['unapproved_swap', 'left_post', 'false_work_report', 'unfinished_work_report'], description: 'The last two come from the daily work report (CA-19)' }) kind: string;
  @ApiProperty() note: string;
  @ApiProperty({ format: 'uuid' }) recordedBy: string;
  @ApiProperty({ example: '王经理' }) recordedByName: string;
  @ApiProperty() createdAt: Date;
}

export class VoidIncidentDto {
  @ApiProperty({ maxLength: 500, example: '记错了人' }) @IsString() @MinLength(1) @MaxLength(500) reason: string;
}
