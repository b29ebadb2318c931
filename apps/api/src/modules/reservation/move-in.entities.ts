import type { ArrivalKind, MoveInStatus, MoveInStep } from '@sitedesk/domain';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SiteScoped } from '../../database/site-scoped.js';
import { User } from '../../platform/identity/identity.entities.js';
import { Unit } from './reservation.entities.js';

/**
 * RES-7/RES-10: a move-in slot of a day. `booked` rises only by a conditional UPDATE below capacity
 * (under the row lock) and the CHECK refuses any overbooking.
 */
@Entity('move_in_slot')
@Check('CHK_move_in_slot_capacity', `capacity >= 0 AND booked >= 0 AND booked <= capacity`)
@Index(['siteId', 'startsAt'], { unique: true })
@Index(['siteId', 'date'])
export class MoveInSlot extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('date') date: string;
  @Column('timestamptz', { name: 'starts_at' }) startsAt: Date;
  @Column('timestamptz', { name: 'ends_at' }) endsAt: Date;
  @Column('int') capacity: number;
  @Column('int', { default: 0 }) booked: number;
}

/** RES-7/RES-10: owners a group leader (组长) takes in one slot, kept within capacity the same way. */
@Entity('move_in_leader_slot')
@Check('CHK_move_in_leader_slot_capacity', `capacity >= 0 AND booked >= 0 AND booked <= capacity`)
@Index(['slotId', 'leaderId'], { unique: true })
export class MoveInLeaderSlot extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'slot_id' }) slotId: string;
  @ManyToOne(() => MoveInSlot, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'slot_id' })
  private slotRef?: MoveInSlot;
  @Column('uuid', { name: 'leader_id' }) leaderId: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'leader_id' })
  private leaderRef?: User;
  @Column('int') capacity: number;
  @Column('int', { default: 0 }) booked: number;
}

/**
 * RES-7: a line of the move-in schedule (入住时间预约安排表): unit, owner, notice number, group leader,
 * slot — and what happened: check-in (desk or hall), the leader's decision for early/late owners,
 * missed slots and new times, the current step of the visit and who holds the papers (RES-8).
 * A rescheduled line stays, pointing to its successor.
 */
@Entity('move_in_appointment')
@Check('CHK_move_in_appointment_values', `status IN ('scheduled', 'waiting', 'arrived', 'missed', 'rescheduled') AND (step IS NULL OR step IN ('reception', 'greeting', 'verification', 'payment', 'done'))`)
@Index('UQ_move_in_notice_active', ['siteId', 'noticeKey'], { unique: true, where: `status <> 'rescheduled'` })
@Index('UQ_move_in_unit_active', ['unitId'], { unique: true, where: `status <> 'rescheduled'` })
@Index(['siteId', 'date', 'startsAt'])
@Index(['status', 'endsAt'])
export class MoveInAppointment extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'slot_id' }) slotId: string;
  @ManyToOne(() => MoveInSlot, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'slot_id' })
  private slotRef?: MoveInSlot;
  @Column('date') date: string;
  @Column('timestamptz', { name: 'starts_at' }) startsAt: Date;
  @Column('timestamptz', { name: 'ends_at' }) endsAt: Date;
  @Column('uuid', { name: 'unit_id' }) unitId: string;
  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  private unitRef?: Unit;
  @Column('text', { name: 'owner_name' }) ownerName: string;
  /** The move-in notice (入住通知书) number, as printed. */
  @Column('text', { name: 'notice_no' }) noticeNo: string;
  /** Lower case: a notice number is on the schedule once. */
  @Column('text', { name: 'notice_key' }) noticeKey: string;
  @Column('uuid', { name: 'leader_id' }) leaderId: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'leader_id' })
  private leaderRef?: User;
  @Column('text') status: MoveInStatus;
  @Column('text', { nullable: true }) arrival: ArrivalKind | null;
  @Column('timestamptz', { name: 'arrived_at', nullable: true }) arrivedAt: Date | null;
  @Column('uuid', { name: 'checked_in_by', nullable: true }) checkedInBy: string | null;
  /** Where the owner was checked: at the desk by a receptionist, or in the hall by a service ambassador. */
  @Column('text', { name: 'checked_in_via', nullable: true }) checkedInVia: 'desk' | 'hall' | null;
  @Column('text', { name: 'leader_decision', nullable: true }) leaderDecision: 'take_now' | 'wait' | null;
  @Column('timestamptz', { name: 'leader_decided_at', nullable: true }) leaderDecidedAt: Date | null;
  @Column('text', { nullable: true }) step: MoveInStep | null;
  @Column('uuid', { name: 'papers_holder_id', nullable: true }) papersHolderId: string | null;
  @Column('timestamptz', { name: 'missed_at', nullable: true }) missedAt: Date | null;
  @Column('uuid', { name: 'rescheduled_to', nullable: true }) rescheduledTo: string | null;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

/** RES-8: each step of a visit as it happened: who moved it, who holds the papers from then on. */
@Entity('move_in_step')
@Check('CHK_move_in_step', `step IN ('reception', 'greeting', 'verification', 'payment', 'done')`)
@Index(['appointmentId', 'at'])
export class MoveInStepRecord extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'appointment_id' }) appointmentId: string;
  @ManyToOne(() => MoveInAppointment, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'appointment_id' })
  private appointmentRef?: MoveInAppointment;
  @Column('text') step: MoveInStep;
  @Column('uuid', { name: 'holder_id' }) holderId: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'holder_id' })
  private holderRef?: User;
  @Column('uuid', { name: 'by_id' }) byId: string;
  @Column('timestamptz') at: Date;
}

/**
 * RES-7: the reception desk of a day: the receptionists at it. The CHECK keeps at least one there once
 * the desk is staffed (留守接待员): a receptionist leading an owner away when alone is refused.
 */
@Entity('move_in_desk')
@Check('CHK_move_in_desk_staffed', `cardinality(at_desk) >= 1`)
@Index(['siteId', 'date'], { unique: true })
export class MoveInDesk extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('date') date: string;
  @Column('uuid', { name: 'at_desk', array: true }) atDesk: string[];
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

export const MOVE_IN_ENTITIES = [MoveInSlot, MoveInLeaderSlot, MoveInAppointment, MoveInStepRecord, MoveInDesk];
