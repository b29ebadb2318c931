import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { bigintNumber } from '../../database/columns.js';
import { SiteScoped } from '../../database/site-scoped.js';
import { User } from '../../platform/identity/identity.entities.js';
import { Customer } from './client-attribution.entities.js';

/**
 * CA-5: a follow-up due date the owner let pass without a record. One row per customer, owner and due
 * date (the unique index makes the daily job's fine happen once, however often or late it runs); the
 * fine itself is in the discipline register (GEN-9). The manager's exemption voids the fine, with a reason.
 */
@Entity('client_follow_up_miss')
@Index(['customerId', 'ownerId', 'dueAt'], { unique: true })
@Index(['siteId', 'ownerId', 'dueAt'])
export class FollowUpMiss extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'customer_id' }) customerId: string;
  @ManyToOne(() => Customer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customer_id' })
  private customerRef?: Customer;
  @Column('uuid', { name: 'owner_id' }) ownerId: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id' })
  private ownerRef?: User;
  @Column('timestamptz', { name: 'due_at' }) dueAt: Date;
  /** The client policy version that set the cadence and the amount. */
  @Column('int', { name: 'policy_version' }) policyVersion: number;
  @Column('bigint', { name: 'amount_fen', transformer: bigintNumber }) amountFen: number;
  @Column('uuid', { name: 'discipline_entry_id', nullable: true }) disciplineEntryId: string | null;
  @Column('text', { default: 'fined' }) status: 'fined' | 'exempted';
  @Column('uuid', { name: 'exempted_by', nullable: true }) exemptedBy: string | null;
  @Column('timestamptz', { name: 'exempted_at', nullable: true }) exemptedAt: Date | null;
  @Column('text', { name: 'exemption_reason', nullable: true }) exemptionReason: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/**
 * CA-19: the consultant's daily work report, filed before leaving once the day's follow-ups are done.
 * One per consultant and day; the figures are the snapshot at filing.
 */
@Entity('client_daily_report')
@Index(['siteId', 'userId', 'date'], { unique: true })
@Index(['siteId', 'date'])
export class DailyWorkFiling extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'user_id' }) userId: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  private userRef?: User;
  @Column('date') date: string;
  @Column('jsonb') figures: Record<string, unknown>;
  @Column('text', { nullable: true }) note: string | null;
  @CreateDateColumn({ name: 'filed_at', type: 'timestamptz' }) filedAt: Date;
  /** CA-19: the supervisor's finding — false (a day's absence) or unfinished (half a day); null when accepted as filed. */
  @Column('text', { nullable: true }) verdict: 'false' | 'unfinished' | null;
  @Column('uuid', { name: 'judged_by', nullable: true }) judgedBy: string | null;
  @Column('timestamptz', { name: 'judged_at', nullable: true }) judgedAt: Date | null;
  @Column('text', { name: 'judgement_reason', nullable: true }) judgementReason: string | null;
}

export const FOLLOW_UP_ENTITIES = [FollowUpMiss, DailyWorkFiling];
