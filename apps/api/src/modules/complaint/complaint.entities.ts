import type {
  Classification,
  ComplaintChannel,
  ComplaintInvestigation,
  ComplaintKind,
  ComplaintPolicy,
  ComplaintProposal,
  ComplaintSeverity,
  ComplaintState,
  ComplaintSubjectType,
  FollowUpAnswers,
  Role,
  SlaClockKind,
} from '@sitedesk/domain';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SiteScoped } from '../../database/site-scoped.js';
import { User } from '../../platform/identity/identity.entities.js';
import { ComplaintFollowUpReport } from './follow-up-report.entities.js';

/** A version of a site's complaint policy (SPEC section 4); each complaint keeps the version it was received under. */
@Entity('complaint_policy')
@Index(['siteId', 'version'], { unique: true })
export class ComplaintPolicyVersion extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('int') version: number;
  @Column('jsonb') policy: ComplaintPolicy;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/**
 * CMP-1/CMP-9: a complaint (投诉) or grumble (抱怨) in the complaint log (顾客投诉登记表). Its life
 * cycle state is decided by the domain's `decideComplaint`; nothing is deleted. The row is locked
 * (`SELECT … FOR UPDATE`) around every decision.
 */
@Entity('complaint')
@Check('CHK_complaint_state', `state IN ('received', 'triaged', 'investigating', 'proposed', 'approved', 'resolved', 'followed_up', 'closed', 'rejected', 'reopened')`)
@Check('CHK_complaint_channel', `channel IN ('phone', 'visit', 'online', 'follow_up_call')`)
// The inbox's order and the statistics' covering index (migration 1764760000000: INCLUDE, which the
// decorator cannot state; `synchronize: false` keeps it from being dropped): index-only scans of a period.
@Index('IDX_complaint_site_received', { synchronize: false })
@Index(['siteId', 'state'])
@Index(['siteId', 'ownerId'])
export class Complaint extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') state: ComplaintState;
  @Column('text') channel: ComplaintChannel;
  @Column('text', { name: 'complainant_name' }) complainantName: string;
  @Column('text') contact: string;
  @Column('text') content: string;
  @Column('text', { name: 'subject_type' }) subjectType: ComplaintSubjectType;
  @Column('text', { name: 'subject_ref', nullable: true }) subjectRef: string | null;
  /** The customer complaining, when they are in the customer register. */
  @Column('uuid', { name: 'customer_id', nullable: true }) customerId: string | null;
  @Column('boolean', { name: 'important_customer' }) importantCustomer: boolean;
  @Column('timestamptz', { name: 'received_at' }) receivedAt: Date;
  @Column('uuid', { name: 'received_by', nullable: true }) receivedBy: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'received_by' })
  private receivedByRef?: User;
  /** GEN-10: whoever first took it, until an explicit hand-over. */
  @Column('uuid', { name: 'owner_id', nullable: true }) ownerId: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id' })
  private ownerRef?: User;
  /** CMP-5: the level it started at (raised by a major or important-customer classification). */
  @Column('int', { name: 'base_level' }) baseLevel: number;
  /** The severity given at intake, then the classified one (filters). */
  @Column('text') severity: ComplaintSeverity;
  @Column('text', { nullable: true }) kind: ComplaintKind | null;
  @Column('text', { nullable: true }) validity: 'valid' | 'invalid' | null;
  @Column('text', { nullable: true }) category: string | null;
  @Column('text', { nullable: true }) department: string | null;
  @Column('jsonb', { nullable: true }) classification: Classification | null;
  @Column('jsonb', { nullable: true }) investigation: ComplaintInvestigation | null;
  @Column('jsonb', { default: [] }) proposals: ComplaintProposal[];
  @Column('uuid', { name: 'proposed_by', nullable: true }) proposedBy: string | null;
  @Column('jsonb', { name: 'proposed_by_roles', default: [] }) proposedByRoles: Role[];
  /** `at` is an ISO instant. */
  @Column('jsonb', { nullable: true }) approval: { proposalId: string; approverId: string; comment: string | null; at: string } | null;
  @Column('jsonb', { nullable: true }) resolution: { at: string; implementation: string; signature: string; feedback: string | null; onTheSpot: boolean } | null;
  @Column('timestamptz', { name: 'resolved_at', nullable: true }) resolvedAt: Date | null;
  @Column('text', { name: 'rejection_reply', nullable: true }) rejectionReply: string | null;
  @Column('timestamptz', { name: 'first_responded_at', nullable: true }) firstRespondedAt: Date | null;
  /** CMP-8 stored facts: business minutes from receipt to the first response / the (latest) resolution (`settledMinutes`). */
  @Column('double precision', { name: 'first_response_minutes', nullable: true }) firstResponseMinutes: number | null;
  @Column('double precision', { name: 'resolution_minutes', nullable: true }) resolutionMinutes: number | null;
  /** CMP-8 stored facts: the outcome of the stopped SLA clocks per kind (`settledOutcomes`); the running ones are read at the request. */
  @Column('boolean', { name: 'settled_first_response_met', nullable: true }) settledFirstResponseMet: boolean | null;
  @Column('boolean', { name: 'settled_promised_reply_met', nullable: true }) settledPromisedReplyMet: boolean | null;
  @Column('boolean', { name: 'settled_resolution_met', nullable: true }) settledResolutionMet: boolean | null;
  /** CMP-8 stored fact, rewritten with every change (the domain's `upheld`). */
  @Column('boolean', { default: false }) upheld: boolean;
  @Column('int', { name: 'reopen_count', default: 0 }) reopenCount: number;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt: Date | null;
  /** The policy version the complaint was received under: its SLA targets, calendar and chain. */
  @Column('int', { name: 'policy_version' }) policyVersion: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

/**
 * CMP-3/CMP-5: an SLA clock as stored facts. `due_at` is the deadline under the pauses recorded so
 * far (it depends on no clock time, so it is exact until the next write), `null` while an open pause
 * swallows it. One row per clock key and complaint.
 */
@Entity('complaint_sla_clock')
@Index(['complaintId', 'key'], { unique: true })
@Index(['dueAt'])
@Index('IDX_complaint_sla_clock_site_due', ['siteId', 'dueAt'], { where: 'due_at IS NOT NULL' })
@Index('IDX_complaint_sla_clock_running', ['siteId', 'complaintId'], { where: 'met IS NULL' })
@Check('CHK_complaint_sla_clock_settled', 'met IS NULL OR stopped_at IS NOT NULL')
export class ComplaintSlaClock extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'complaint_id' }) complaintId: string;
  @ManyToOne(() => Complaint, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'complaint_id' })
  private complaintRef?: Complaint;
  @Column('text') key: string;
  @Column('text') kind: SlaClockKind;
  @Column('timestamptz', { name: 'started_at' }) startedAt: Date;
  @Column('int', { name: 'target_minutes', nullable: true }) targetMinutes: number | null;
  @Column('timestamptz', { name: 'promised_at', nullable: true }) promisedAt: Date | null;
  @Column('timestamptz', { name: 'stopped_at', nullable: true }) stoppedAt: Date | null;
  @Column('timestamptz', { name: 'due_at', nullable: true }) dueAt: Date | null;
  /** CMP-8 stored facts, written with `stopped_at` (`settledClock`): business minutes used and whether it met its target; `null` while running. */
  @Column('double precision', { name: 'elapsed_minutes', nullable: true }) elapsedMinutes: number | null;
  @Column('boolean', { nullable: true }) met: boolean | null;
}

/** Waiting on the customer: the SLA clocks pause (recorded, one open pause at a time). */
@Entity('complaint_pause')
@Index('UQ_complaint_pause_open', ['complaintId'], { unique: true, where: `to_at IS NULL` })
@Index(['complaintId', 'fromAt'])
export class ComplaintPause extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'complaint_id' }) complaintId: string;
  @ManyToOne(() => Complaint, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'complaint_id' })
  private complaintRef?: Complaint;
  @Column('timestamptz', { name: 'from_at' }) fromAt: Date;
  @Column('timestamptz', { name: 'to_at', nullable: true }) toAt: Date | null;
  @Column('text', { nullable: true }) reason: string | null;
}

/**
 * CMP-5: a step up the escalation chain — manual, by reopening, by classification, or an SLA breach
 * (recorded by the job with its own instant; one per clock key).
 */
@Entity('complaint_escalation')
@Check('CHK_complaint_escalation_reason', `reason IN ('manual', 'reopen', 'breach', 'classification')`)
@Index('UQ_complaint_escalation_breach', ['complaintId', 'clockKey'], { unique: true, where: `reason = 'breach'` })
@Index(['complaintId', 'at'])
export class ComplaintEscalation extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'complaint_id' }) complaintId: string;
  @ManyToOne(() => Complaint, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'complaint_id' })
  private complaintRef?: Complaint;
  @Column('timestamptz') at: Date;
  @Column('text') reason: 'manual' | 'reopen' | 'breach' | 'classification';
  @Column('text', { name: 'clock_key', nullable: true }) clockKey: string | null;
  @Column('int', { name: 'from_level' }) fromLevel: number;
  @Column('int', { name: 'to_level' }) toLevel: number;
  @Column('text') role: Role;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId: string | null;
}

/** The complaint's timeline: every event the domain emitted, with its rule ids. */
@Entity('complaint_event')
@Index(['complaintId', 'at'])
export class ComplaintEvent extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'complaint_id' }) complaintId: string;
  @ManyToOne(() => Complaint, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'complaint_id' })
  private complaintRef?: Complaint;
  @Column('timestamptz') at: Date;
  @Column('text') type: string;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId: string | null;
  @Column('jsonb', { default: {} }) data: Record<string, unknown>;
  @Column('jsonb', { name: 'rule_ids', default: [] }) ruleIds: string[];
  @Column('int', { name: 'policy_version' }) policyVersion: number;
}

/**
 * CMP-7: the follow-up call (回访) owed after a resolution: planned, booked later by a busy customer,
 * done with the script's answers, or dropped when the complaint was reopened. One open task per complaint.
 */
@Entity('complaint_follow_up')
@Check('CHK_complaint_follow_up_status', `status IN ('open', 'done', 'dropped')`)
@Index('UQ_complaint_follow_up_open', ['complaintId'], { unique: true, where: `status = 'open'` })
@Index(['siteId', 'status', 'plannedAt'])
/** The statistics read the done calls of a period's complaints (CMP-8). */
@Index(['complaintId', 'status'])
export class ComplaintFollowUp extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'complaint_id' }) complaintId: string;
  @ManyToOne(() => Complaint, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'complaint_id' })
  private complaintRef?: Complaint;
  @Column('text') status: 'open' | 'done' | 'dropped';
  @Column('timestamptz', { name: 'planned_at' }) plannedAt: Date;
  @Column('timestamptz', { name: 'due_by' }) dueBy: Date;
  @Column('text', { name: 'assignee_role' }) assigneeRole: Role;
  @Column('boolean', { name: 'booked_by_customer', default: false }) bookedByCustomer: boolean;
  @Column('boolean', { name: 'outside_window', default: false }) outsideWindow: boolean;
  @Column('timestamptz', { name: 'done_at', nullable: true }) doneAt: Date | null;
  @Column('uuid', { name: 'called_by', nullable: true }) calledBy: string | null;
  @Column('jsonb', { nullable: true }) answers: FollowUpAnswers | null;
  /** CMP-10: the call reopened the complaint. */
  @Column('boolean', { default: false }) reopened: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

export const COMPLAINT_ENTITIES = [ComplaintPolicyVersion, Complaint, ComplaintSlaClock, ComplaintPause, ComplaintEscalation, ComplaintEvent, ComplaintFollowUp, ComplaintFollowUpReport];
