import type { ClientAttributionPolicy, RotationState } from '@sitedesk/domain';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SiteScoped } from '../../database/site-scoped.js';
import { Agency, User } from '../../platform/identity/identity.entities.js';

/** A version of a site's client-attribution policy (SPEC section 2); the newest governs. */
@Entity('client_policy')
@Index(['siteId', 'version'], { unique: true })
export class ClientPolicyVersion extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('int') version: number;
  @Column('jsonb') policy: ClientAttributionPolicy;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

export type CustomerSource = 'call' | 'visit' | 'channel' | 'referral' | 'employee_referral' | 'relation';
export type Grade = 'A' | 'B' | 'C' | 'D';

/**
 * CA-1: a customer of a site, identified by the normalized phone (unique per site). The owner columns
 * are the last decision of `decideOwner`, kept in the same transaction as the event that changed it.
 */
@Entity('customer')
@Index(['siteId', 'phone'], { unique: true })
@Index(['siteId', 'phonePattern'])
@Index(['siteId', 'ownerId'])
export class Customer extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text') phone: string;
  /** `138****5678`, for masked reports (CA-15). */
  @Column('text', { name: 'phone_pattern' }) phonePattern: string;
  @Column('text') source: CustomerSource;
  @Column('text', { default: 'C' }) grade: Grade;
  @Column('text', { default: 'new' }) status: 'new' | 'owned' | 'open_pool';
  @Column('uuid', { name: 'owner_id', nullable: true }) ownerId: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'owner_id' })
  private ownerRef?: User;
  @Column('timestamptz', { name: 'owner_since', nullable: true }) ownerSince: Date | null;
  @Column('timestamptz', { name: 'protected_until', nullable: true }) protectedUntil: Date | null;
  @Column('uuid', { name: 'agency_id', nullable: true }) agencyId: string | null;
  @Column('jsonb', { name: 'owner_rule_ids', default: [] }) ownerRuleIds: string[];
  @Column('boolean', { default: false }) visited: boolean;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

/** The customer's history: every claim of SPEC CA-2..CA-12 with its time and evidence. Never deleted. */
@Entity('customer_event')
@Index(['customerId', 'at'])
/** The site's activity in a period (CA-14 conversion, CA-19 sales reports). */
@Index(['siteId', 'at'])
export class CustomerEvent extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'customer_id' }) customerId: string;
  @ManyToOne(() => Customer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customer_id' })
  private customerRef?: Customer;
  /** visit, call, relation, referral, employee_referral, agency_report, renewal, switch, decision, follow_up */
  @Column('text') kind: string;
  @Column('timestamptz') at: Date;
  @Column('uuid', { name: 'consultant_id', nullable: true }) consultantId: string | null;
  @Column('jsonb', { default: {} }) details: Record<string, unknown>;
  @Column('uuid', { name: 'recorded_by', nullable: true }) recordedBy: string | null;
  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' }) recordedAt: Date;
  /** GEN-11: entered on a later day than it happened. */
  @Column('boolean', { name: 'late_entry', default: false }) lateEntry: boolean;
}

export type ReportStatusColumn = 'pending' | 'valid' | 'natural' | 'duplicate' | 'expired' | 'deal';

/** CA-6/CA-7: an agency's report of a customer before bringing them. */
@Entity('partner_report')
@Index(['siteId', 'phonePattern', 'status'])
@Index(['agencyId', 'createdAt'])
export class PartnerReport extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Arrival order: breaks ties between reports of the same instant. */
  @Column('bigint', { generated: 'increment' }) sequence: string;
  @Column('uuid', { name: 'agency_id' }) agencyId: string;
  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id' })
  private agencyRef?: Agency;
  @Column('uuid', { name: 'agent_id' }) agentId: string;
  @Column('text', { name: 'customer_name' }) customerName: string;
  /** The full number when reported in full; null for a masked report (CA-15). */
  @Column('text', { nullable: true }) phone: string | null;
  @Column('text', { name: 'phone_pattern' }) phonePattern: string;
  @Column('timestamptz', { name: 'expected_visit_at' }) expectedVisitAt: Date;
  @Column('text') status: ReportStatusColumn;
  @Column('text', { name: 'status_reason' }) statusReason: string;
  /** CA-16: the code the receptionist scans or types at arrival. */
  @Index({ unique: true })
  @Column('text', { name: 'visit_code' })
  visitCode: string;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt: Date;
  @Column('uuid', { name: 'customer_id', nullable: true }) customerId: string | null;
  @Column('timestamptz', { name: 'visited_at', nullable: true }) visitedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** CA-6: an agent barred from bringing customers to the site (撬单): the person, not the agency. */
@Entity('barred_agent')
@Index(['siteId', 'agentId'], { unique: true, where: 'lifted_at IS NULL' })
export class BarredAgent extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'agent_id' }) agentId: string;
  @Column('text') reason: string;
  @Column('uuid', { name: 'barred_by' }) barredBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'lifted_at', nullable: true }) liftedAt: Date | null;
}

/** CA-13: the SMS outbox. The default provider is the table itself (a local sink shown in the console). */
@Entity('sms_message')
@Index(['siteId', 'createdAt'])
export class SmsMessage extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** The sales customer it is for; null for messages about something else (see subjectRef). */
  @Column('uuid', { name: 'customer_id', nullable: true }) customerId: string | null;
  /** What else it is about, as `<kind>:<id>` (a service appointment's reminder, RES-9). */
  @Column('text', { name: 'subject_ref', nullable: true }) subjectRef: string | null;
  /** The call the SMS follows (CA-9: its claim counts once the SMS went out). */
  @Column('uuid', { name: 'event_id', nullable: true }) eventId: string | null;
  @Column('text', { name: 'to_phone' }) toPhone: string;
  @Column('text') body: string;
  @Column('text', { default: 'queued' }) status: 'queued' | 'sent' | 'failed';
  @Column('int', { default: 0 }) attempts: number;
  @Column('text', { nullable: true }) provider: string | null;
  @Column('timestamptz', { name: 'sent_at', nullable: true }) sentAt: Date | null;
  @Column('text', { name: 'last_error', nullable: true }) lastError: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** CA-10: the day's reception line of a site, changed only under a row lock (parallel walk-ins take turns). */
@Entity('rotation_day')
@Index(['siteId', 'date'], { unique: true })
export class RotationDay extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('date') date: string;
  @Column('jsonb') state: RotationState;
  @Column('uuid', { name: 'published_by' }) publishedBy: string;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

export const CLIENT_ATTRIBUTION_ENTITIES = [ClientPolicyVersion, Customer, CustomerEvent, PartnerReport, BarredAgent, SmsMessage, RotationDay];
