import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SiteScoped } from '../../database/site-scoped.js';
import { User } from '../identity/identity.entities.js';
import type { ApprovalDecision, Role } from '@sitedesk/domain';

export type ApprovalStatus = 'pending' | ApprovalDecision | 'cancelled';

/** GEN-6: an explicit approval record: requester, approver, decision, time, comment. */
@Entity('approval')
@Index(['siteId', 'status', 'approverRole'])
@Index(['subjectType', 'subjectId'])
export class Approval extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** What is asked, e.g. `attendance.leave`, `reservation.refund`. */
  @Column('text') type: string;
  @Column('text', { name: 'subject_type' }) subjectType: string;
  @Column('text', { name: 'subject_id' }) subjectId: string;
  @Column('uuid', { name: 'requested_by' }) requestedBy: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_by' })
  private requestedByRef?: User;
  @Column('uuid', { name: 'subject_user_id', nullable: true }) subjectUserId: string | null;
  @Column('timestamptz', { name: 'requested_at', default: () => 'now()' }) requestedAt: Date;
  @Column('text', { name: 'approver_role' }) approverRole: Role;
  @Column('text', { default: 'pending' }) status: ApprovalStatus;
  @Column('uuid', { name: 'decided_by', nullable: true }) decidedBy: string | null;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt: Date | null;
  @Column('text', { nullable: true }) comment: string | null;
  @Column('jsonb', { default: {} }) payload: Record<string, unknown>;
}
