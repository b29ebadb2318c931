import type { AttendancePolicy, LeaveType } from '@sitedesk/domain';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { bigintNumber } from '../../database/columns.js';
import { SiteScoped } from '../../database/site-scoped.js';
import { User } from '../../platform/identity/identity.entities.js';

/** A version of a site's attendance policy. Versions are never edited: a change is a new version from a date on. */
@Entity('attendance_policy')
@Index(['siteId', 'version'], { unique: true })
export class AttendancePolicyVersion extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('int') version: number;
  /** The first local date the version governs. */
  @Column('date', { name: 'effective_from' }) effectiveFrom: string;
  @Column('jsonb') policy: AttendancePolicy;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

export type BlackoutKind = 'holiday' | 'opening' | 'advertising' | 'mortgage';

/** ATT-3: days on which everybody works and leave is refused. */
@Entity('blackout_day')
@Index(['siteId', 'date'], { unique: true })
export class BlackoutDay extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('date') date: string;
  @Column('text') kind: BlackoutKind;
  @Column('text') name: string;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** ATT-2: the rota — a person's shift on a date (null shift = rest day). */
@Entity('schedule_entry')
@Index(['siteId', 'userId', 'date'], { unique: true })
@Index(['siteId', 'date'])
export class ScheduleEntry extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'user_id' }) userId: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  private userRef?: User;
  @Column('date') date: string;
  @Column('text', { name: 'shift_code', nullable: true }) shiftCode: string | null;
  @Column('uuid', { name: 'updated_by' }) updatedBy: string;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

/** ATT-2: the clerk publishes a week of the rota; only published weeks are judged. */
@Entity('rota_publication')
@Index(['siteId', 'weekStart'], { unique: true })
export class RotaPublication extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('date', { name: 'week_start' }) weekStart: string;
  @Column('uuid', { name: 'published_by' }) publishedBy: string;
  @Column('timestamptz', { name: 'published_at', default: () => 'now()' }) publishedAt: Date;
}

export type PunchSource = 'personal' | 'kiosk' | 'correction';

/**
 * A clock-in or clock-out at server time (GEN-4). One clock-in per person, shift date and segment:
 * the unique index makes a repeated clock-in return the first one, also under concurrent requests.
 */
@Entity('punch')
@Index(['siteId', 'userId', 'at'])
@Index(['userId', 'shiftDate', 'segment'], { unique: true, where: `kind = 'in' AND voided_at IS NULL` })
export class PunchRecord extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'user_id' }) userId: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  private userRef?: User;
  @Column('text') kind: 'in' | 'out';
  @Column('timestamptz') at: Date;
  /** The local date of the shift the punch belongs to (a night shift's clock-out falls on the next day). */
  @Column('date', { name: 'shift_date' }) shiftDate: string;
  @Column('int', { default: 0 }) segment: number;
  @Column('text') source: PunchSource;
  @Column('uuid', { name: 'device_id', nullable: true }) deviceId: string | null;
  @Column('text', { nullable: true }) ip: string | null;
  /** ATT-15: the correction (approved missed-punch request or a manager's direct correction) that made it. */
  @Column('text', { name: 'correction_reason', nullable: true }) correctionReason: string | null;
  @Column('uuid', { name: 'corrected_by', nullable: true }) correctedBy: string | null;
  @Column('timestamptz', { name: 'voided_at', nullable: true }) voidedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** ATT-10: registered before leaving (the whereabouts board). */
@Entity('business_out')
@Index(['siteId', 'userId', 'fromAt'])
export class BusinessOut extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'user_id' }) userId: string;
  @Column('timestamptz', { name: 'from_at' }) fromAt: Date;
  @Column('timestamptz', { name: 'to_at' }) toAt: Date;
  @Column('text') whereabouts: string;
  @Column('timestamptz', { name: 'cancelled_at', nullable: true }) cancelledAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** ATT-1 case site: the supervisor records when the evening meeting ended. */
@Entity('evening_meeting')
@Index(['siteId', 'date'], { unique: true })
export class EveningMeeting extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('date') date: string;
  @Column('timestamptz', { name: 'ended_at' }) endedAt: Date;
  @Column('uuid', { name: 'recorded_by' }) recordedBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

export type RequestStatus = 'pending' | 'approved' | 'rejected' | 'cancelled';

/** ATT-7/ATT-8: a leave request or sick report. */
@Entity('leave_request')
@Index(['siteId', 'userId', 'fromAt'])
export class LeaveRequest extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'user_id' }) userId: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  private userRef?: User;
  @Column('text') type: LeaveType;
  @Column('timestamptz', { name: 'from_at' }) fromAt: Date;
  @Column('timestamptz', { name: 'to_at' }) toAt: Date;
  @Column('text') reason: string;
  @Column('boolean', { default: false }) emergency: boolean;
  @Column('text', { default: 'pending' }) status: RequestStatus;
  /** The approvals still to come, in order (trampoline: supervisor, then manager). */
  @Column('jsonb', { name: 'approval_steps', default: [] }) approvalSteps: string[];
  @Column('timestamptz', { name: 'requested_at', default: () => 'now()' }) requestedAt: Date;
  @Column('date', { name: 'first_day_back', nullable: true }) firstDayBack: string | null;
  /** ATT-8: when the clerk accepted the medical certificate (the moment it was handed in, when the person handed it in through SiteDesk). */
  @Column('timestamptz', { name: 'certificate_at', nullable: true }) certificateAt: Date | null;
  /** ATT-8: when the person handed the certificate in; it waits for the clerk's confirmation (an approval). */
  @Column('timestamptz', { name: 'certificate_submitted_at', nullable: true }) certificateSubmittedAt: Date | null;
  @Column('text', { name: 'certificate_note', nullable: true }) certificateNote: string | null;
  @Column('int', { name: 'policy_version' }) policyVersion: number;
}

/** ATT-9: a swap — the colleague accepts, then the manager approves, before the first swapped shift. */
@Entity('swap_request')
@Index(['siteId', 'requesterId'])
export class SwapRequest extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'requester_id' }) requesterId: string;
  @Column('uuid', { name: 'colleague_id' }) colleagueId: string;
  @Column('date', { name: 'requester_date' }) requesterDate: string;
  @Column('date', { name: 'colleague_date' }) colleagueDate: string;
  @Column('text') reason: string;
  @Column('text', { default: 'awaiting_colleague' }) status: 'awaiting_colleague' | 'awaiting_manager' | 'approved' | 'rejected' | 'cancelled';
  @Column('timestamptz', { name: 'colleague_accepted_at', nullable: true }) colleagueAcceptedAt: Date | null;
  @Column('timestamptz', { name: 'requested_at', default: () => 'now()' }) requestedAt: Date;
}

/** ATT-9/ATT-6: a manager's record that a person swapped without approval or left the post. */
@Entity('attendance_incident')
@Index(['siteId', 'userId', 'date'])
export class AttendanceIncident extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'user_id' }) userId: string;
  @Column('date') date: string;
  /** ATT-9, ATT-6; CA-19: a daily work report the supervisor found false or unfinished (recorded by client attribution). */
  @Column('text') kind: 'unapproved_swap' | 'left_post' | 'false_work_report' | 'unfinished_work_report';
  @Column('text') note: string;
  @Column('uuid', { name: 'recorded_by' }) recordedBy: string;
  @Column('timestamptz', { name: 'voided_at', nullable: true }) voidedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** ATT-14: a submitted month is locked; its figures are kept as submitted. */
@Entity('attendance_month')
@Index(['siteId', 'month'], { unique: true })
export class AttendanceMonth extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') month: string;
  @Column('uuid', { name: 'submitted_by' }) submittedBy: string;
  @Column('timestamptz', { name: 'submitted_at' }) submittedAt: Date;
  /** The report as submitted (rows per person), revised only through an approved correction. */
  @Column('jsonb') report: object;
  @Column('int', { default: 1 }) revision: number;
}

/** A shared clock-in device (the seeds' 打卡机) registered by the manager; it authenticates with its token. */
@Entity('kiosk_device')
export class KioskDevice extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  @Index({ unique: true })
  @Column('text')
  prefix: string;
  @Column('text', { name: 'token_hash' }) tokenHash: string;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'last_seen_at', nullable: true }) lastSeenAt: Date | null;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt: Date | null;
}

/** A person's clock-in PIN for the kiosk of a site (argon2id hash). */
@Entity('staff_pin')
@Index(['siteId', 'userId'], { unique: true })
export class StaffPin extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'user_id' }) userId: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  private userRef?: User;
  @Column('text', { name: 'pin_hash' }) pinHash: string;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

/**
 * ATT-12: a person's wage on a site, kept by the manager (audited): the monthly wage (on-site
 * deductions: monthly wage ÷ days worked × days) and the daily wage (trampoline: shares of the day's
 * wage). The month's computation reads it; a submitted month keeps the figures it was submitted with.
 */
@Entity('attendance_wage')
@Index(['siteId', 'userId'], { unique: true })
@Check('CHK_attendance_wage_values', '(monthly_fen IS NOT NULL OR daily_fen IS NOT NULL) AND (monthly_fen IS NULL OR monthly_fen > 0) AND (daily_fen IS NULL OR daily_fen > 0)')
export class AttendanceWage extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'user_id' }) userId: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  private userRef?: User;
  @Column('bigint', { name: 'monthly_fen', nullable: true, transformer: bigintNumber }) monthlyFen: number | null;
  @Column('bigint', { name: 'daily_fen', nullable: true, transformer: bigintNumber }) dailyFen: number | null;
  @Column('uuid', { name: 'updated_by' }) updatedBy: string;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

export const ATTENDANCE_ENTITIES = [AttendancePolicyVersion, BlackoutDay, ScheduleEntry, RotaPublication, PunchRecord, BusinessOut, EveningMeeting, LeaveRequest, SwapRequest, AttendanceIncident, AttendanceMonth, KioskDevice, StaffPin, AttendanceWage];
