import type { AppointmentPolicy, AppointmentStatus } from '@sitedesk/domain';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { bigintNumber } from '../../database/columns.js';
import { SiteScoped } from '../../database/site-scoped.js';
import { User } from '../../platform/identity/identity.entities.js';

/** A version of a site's appointment policy (bays, slots, deposit, reminder, move-in capacities); never edited. */
@Entity('appointment_policy')
@Index(['siteId', 'version'], { unique: true })
export class AppointmentPolicyVersion extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('int') version: number;
  @Column('jsonb') policy: AppointmentPolicy;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/**
 * RES-9/RES-10: one slot of the service centre's day with its bays. `booked` is raised only by
 * `UPDATE … SET booked = booked + 1 WHERE booked < capacity` (the row lock lines concurrent bookings
 * up), and the CHECK constraint refuses any write that would overbook it.
 */
@Entity('service_slot')
@Check('CHK_service_slot_capacity', `capacity >= 0 AND booked >= 0 AND booked <= capacity`)
@Index(['siteId', 'startsAt'], { unique: true })
@Index(['siteId', 'date'])
export class ServiceSlot extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** The local date of the slot in the site's zone. */
  @Column('date') date: string;
  @Column('timestamptz', { name: 'starts_at' }) startsAt: Date;
  @Column('timestamptz', { name: 'ends_at' }) endsAt: Date;
  /** Bays of the slot, from the policy when the slot was first booked. */
  @Column('int') capacity: number;
  @Column('int', { default: 0 }) booked: number;
}

/** RES-9: a service appointment (预约单) in the appointment register (预约统计表). Never deleted: cancelled. */
@Entity('service_appointment')
@Check('CHK_service_appointment_values', `status IN ('booked', 'cancelled') AND parts_fen >= 0 AND deposit_fen >= 0 AND deposit_fen >= required_deposit_fen`)
@Index(['siteId', 'date', 'startsAt'])
@Index(['siteId', 'formNo'], { unique: true })
export class ServiceAppointment extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'slot_id' }) slotId: string;
  @ManyToOne(() => ServiceSlot, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'slot_id' })
  private slotRef?: ServiceSlot;
  @Column('date') date: string;
  @Column('timestamptz', { name: 'starts_at' }) startsAt: Date;
  @Column('timestamptz', { name: 'ends_at' }) endsAt: Date;
  @Column('text') status: AppointmentStatus;
  @Column('text', { name: 'customer_name' }) customerName: string;
  @Column('text', { name: 'customer_phone' }) customerPhone: string;
  @Column('text', { name: 'vehicle_plate' }) vehiclePlate: string;
  @Column('text', { name: 'vehicle_model', nullable: true }) vehicleModel: string | null;
  /** The requested work. */
  @Column('text') work: string;
  /** GEN-5: fen. */
  @Column('bigint', { name: 'parts_fen', transformer: bigintNumber }) partsFen: number;
  @Column('bigint', { name: 'deposit_fen', transformer: bigintNumber }) depositFen: number;
  /** RES-9: the deposit the policy asked for at booking. */
  @Column('bigint', { name: 'required_deposit_fen', transformer: bigintNumber }) requiredDepositFen: number;
  @Column('text', { name: 'deposit_receipt_no', nullable: true }) depositReceiptNo: string | null;
  /** The signed appointment form: its number and the signer. */
  @Column('text', { name: 'form_no' }) formNo: string;
  @Column('text', { name: 'signed_by' }) signedBy: string;
  @Column('uuid', { name: 'booked_by' }) bookedBy: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'booked_by' })
  private bookedByRef?: User;
  @Column('timestamptz', { name: 'booked_at' }) bookedAt: Date;
  @Column('int', { name: 'policy_version' }) policyVersion: number;
  /** RES-9: when the reminder is due (stored, so reads and a late job agree, GEN-8). */
  @Column('timestamptz', { name: 'remind_at' }) remindAt: Date;
  @Column('timestamptz', { name: 'reminded_at', nullable: true }) remindedAt: Date | null;
  /** The reminder in the SMS outbox (`sms_message`, CA-13). */
  @Column('uuid', { name: 'reminder_sms_id', nullable: true }) reminderSmsId: string | null;
  @Column('timestamptz', { name: 'workshop_notified_at', nullable: true }) workshopNotifiedAt: Date | null;
  @Column('timestamptz', { name: 'cancelled_at', nullable: true }) cancelledAt: Date | null;
  @Column('uuid', { name: 'cancelled_by', nullable: true }) cancelledBy: string | null;
  @Column('text', { name: 'cancel_reason', nullable: true }) cancelReason: string | null;
}

export const SERVICE_APPOINTMENT_ENTITIES = [AppointmentPolicyVersion, ServiceSlot, ServiceAppointment];
