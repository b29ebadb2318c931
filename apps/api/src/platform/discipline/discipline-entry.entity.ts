import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SiteScoped } from '../../database/site-scoped.js';
import { User } from '../identity/identity.entities.js';
import type { DisciplineKind } from '@sitedesk/domain';
import { bigintNumber } from '../../database/columns.js';

/** GEN-9: every fine, warning slip and violation slip, with rule, evidence and amount. Voided, never deleted. */
@Entity('discipline_entry')
@Index(['siteId', 'userId', 'issuedAt'])
export class DisciplineEntry extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'user_id' }) userId: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  private userRef?: User;
  @Column('text') kind: DisciplineKind;
  @Column('text', { name: 'rule_id' }) ruleId: string;
  @Column('bigint', { name: 'amount_fen', default: 0, transformer: bigintNumber }) amountFen: number;
  @Column('text', { default: 'CNY' }) currency: string;
  @Column('text') evidence: string;
  @Column('text', { name: 'source_module' }) sourceModule: string;
  @Column('text', { name: 'source_ref', nullable: true }) sourceRef: string | null;
  @Column('uuid', { name: 'issued_by', nullable: true }) issuedBy: string | null;
  @Column('timestamptz', { name: 'issued_at', default: () => 'now()' }) issuedAt: Date;
  @Column('timestamptz', { name: 'voided_at', nullable: true }) voidedAt: Date | null;
  @Column('uuid', { name: 'voided_by', nullable: true }) voidedBy: string | null;
  @Column('text', { name: 'void_reason', nullable: true }) voidReason: string | null;
}

/** GEN-10: a recorded hand-over of responsibility for a request. */
@Entity('handover')
@Index(['subjectType', 'subjectId'])
export class Handover extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text', { name: 'subject_type' }) subjectType: string;
  @Column('text', { name: 'subject_id' }) subjectId: string;
  @Column('uuid', { name: 'from_user_id', nullable: true }) fromUserId: string | null;
  @Column('uuid', { name: 'to_user_id' }) toUserId: string;
  @Column('uuid', { name: 'by_user_id' }) byUserId: string;
  @Column('text') reason: string;
  @Column('timestamptz', { default: () => 'now()' }) at: Date;
}
