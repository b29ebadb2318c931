import type { CommissionStatus, DealStage } from '@sitedesk/domain';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SiteScoped } from '../../database/site-scoped.js';
import { Agency, User } from '../../platform/identity/identity.entities.js';
import { Customer, PartnerReport } from './client-attribution.entities.js';

/**
 * CA-12: a consultant's claim on a customer against its owner at the time, decided by the manager with
 * reasons and rule ids. One open dispute per customer and claimant.
 */
@Entity('client_dispute')
@Check('CHK_client_dispute_status', `status IN ('open', 'decided') AND (status = 'open' OR (winner_id IS NOT NULL AND decided_at IS NOT NULL))`)
@Index(['siteId', 'status', 'createdAt'])
@Index(['customerId', 'claimantId'], { unique: true, where: `status = 'open'` })
export class ClientDispute extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'customer_id' }) customerId: string;
  @ManyToOne(() => Customer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customer_id' })
  private customerRef?: Customer;
  @Column('uuid', { name: 'claimant_id' }) claimantId: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'claimant_id' })
  private claimantRef?: User;
  /** The owner when the dispute was raised (null: nobody owned the customer). */
  @Column('uuid', { name: 'respondent_id', nullable: true }) respondentId: string | null;
  @Column('text') statement: string;
  @Column('text', { default: 'open' }) status: 'open' | 'decided';
  @Column('uuid', { name: 'winner_id', nullable: true }) winnerId: string | null;
  @Column('text', { nullable: true }) reasons: string | null;
  @Column('jsonb', { name: 'rule_ids', default: [] }) ruleIds: string[];
  @Column('uuid', { name: 'decided_by', nullable: true }) decidedBy: string | null;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/**
 * CA-17 appeals (申诉): a consultant appeals a dispute's decision, or an agency how its report was judged;
 * decided once, with reasons. At most one appeal per dispute and per report (unique indexes).
 */
@Entity('client_appeal')
@Check('CHK_client_appeal_subject', `status IN ('open', 'upheld', 'rejected') AND ((subject = 'dispute' AND dispute_id IS NOT NULL AND report_id IS NULL) OR (subject = 'report' AND report_id IS NOT NULL AND dispute_id IS NULL))`)
@Index(['siteId', 'status', 'createdAt'])
@Index(['disputeId'], { unique: true, where: 'dispute_id IS NOT NULL' })
@Index(['reportId'], { unique: true, where: 'report_id IS NOT NULL' })
@Index(['agencyId', 'createdAt'])
export class ClientAppeal extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** Null for a report that never reached a customer (a duplicate or expired report). */
  @Column('uuid', { name: 'customer_id', nullable: true }) customerId: string | null;
  @ManyToOne(() => Customer, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'customer_id' })
  private customerRef?: Customer;
  @Column('text') subject: 'dispute' | 'report';
  @Column('uuid', { name: 'dispute_id', nullable: true }) disputeId: string | null;
  @ManyToOne(() => ClientDispute, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'dispute_id' })
  private disputeRef?: ClientDispute;
  @Column('uuid', { name: 'report_id', nullable: true }) reportId: string | null;
  @ManyToOne(() => PartnerReport, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'report_id' })
  private reportRef?: PartnerReport;
  @Column('uuid', { name: 'appellant_id' }) appellantId: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'appellant_id' })
  private appellantRef?: User;
  /** The appellant's agency (agency appeals). */
  @Column('uuid', { name: 'agency_id', nullable: true }) agencyId: string | null;
  @Column('text') statement: string;
  @Column('timestamptz') deadline: Date;
  @Column('text', { default: 'open' }) status: 'open' | 'upheld' | 'rejected';
  @Column('text', { nullable: true }) reasons: string | null;
  @Column('jsonb', { name: 'rule_ids', default: [] }) ruleIds: string[];
  @Column('uuid', { name: 'decided_by', nullable: true }) decidedBy: string | null;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** An appeal's evidence: small files kept in the database with the record (size-limited), with their SHA-256. Never deleted. */
@Entity('client_attachment')
@Check('CHK_client_attachment_size', `size_bytes > 0 AND size_bytes <= 131072 AND octet_length(content) = size_bytes`)
@Index(['appealId'])
export class ClientAttachment extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'appeal_id' }) appealId: string;
  @ManyToOne(() => ClientAppeal, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'appeal_id' })
  private appealRef?: ClientAppeal;
  @Column('text', { name: 'file_name' }) fileName: string;
  @Column('text', { name: 'content_type' }) contentType: string;
  @Column('int', { name: 'size_bytes' }) sizeBytes: number;
  @Column('text') sha256: string;
  @Column('bytea', { select: false }) content: Buffer;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/**
 * CA-17/CA-6: the agency's commission on one customer: pending until the deal reaches the policy's
 * stage, then due; forfeited by a 撬单 finding. One entry per customer (the channel credit is one agency's).
 */
@Entity('commission_entry')
@Check('CHK_commission_entry_values', `amount_fen >= 0 AND status IN ('pending', 'due', 'forfeited') AND (stage IS NULL OR stage IN ('subscription', 'contract', 'down_payment'))`)
@Index(['siteId', 'customerId'], { unique: true })
@Index(['agencyId', 'siteId', 'createdAt'])
export class CommissionEntryRow extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'customer_id' }) customerId: string;
  @ManyToOne(() => Customer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customer_id' })
  private customerRef?: Customer;
  @Column('uuid', { name: 'agency_id' }) agencyId: string;
  @ManyToOne(() => Agency, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id' })
  private agencyRef?: Agency;
  /** The agent of the valid report (CA-6 bars and forfeits per person). */
  @Column('uuid', { name: 'agent_id', nullable: true }) agentId: string | null;
  @Column('uuid', { name: 'report_id', nullable: true }) reportId: string | null;
  @Column('text') status: CommissionStatus;
  @Column('text', { nullable: true }) stage: DealStage | null;
  /** GEN-5: fen. */
  @Column('bigint', { name: 'amount_fen', default: 0, transformer: { to: (v: number) => v, from: (v: string | null) => (v === null ? 0 : Number(v)) } }) amountFen: number;
  /** The policy stage that makes it due, and the policy version that said so. */
  @Column('text', { name: 'due_at_stage' }) dueAtStage: DealStage;
  @Column('int', { name: 'policy_version' }) policyVersion: number;
  @Column('timestamptz', { name: 'due_at', nullable: true }) dueAt: Date | null;
  @Column('timestamptz', { name: 'forfeited_at', nullable: true }) forfeitedAt: Date | null;
  @Column('text', { name: 'forfeit_reason', nullable: true }) forfeitReason: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

export const CLIENT_DISPUTE_ENTITIES = [ClientDispute, ClientAppeal, ClientAttachment, CommissionEntryRow];
