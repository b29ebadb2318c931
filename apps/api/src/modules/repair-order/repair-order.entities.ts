import type { NextService, RepairOrderPolicy, RepairOrderState, SignatureRecord, TicketState, VehicleType, WarrantyAssessment } from '@sitedesk/domain';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { SiteScoped } from '../../database/site-scoped.js';
import { User } from '../../platform/identity/identity.entities.js';

/** A version of a site's repair-order policy (SPEC section 5); each order keeps the version it was opened under. */
@Entity('repair_policy')
@Index(['siteId', 'version'], { unique: true })
export class RepairPolicyVersion extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('int') version: number;
  @Column('jsonb') policy: RepairOrderPolicy;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** RO-5: the site's key cabinet (车钥匙柜): its numbered tags, in the order they are handed out. One per site. */
@Entity('repair_key_cabinet')
@Index(['siteId'], { unique: true })
export class RepairKeyCabinet extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('jsonb') tags: string[];
  @Column('uuid', { name: 'updated_by', nullable: true }) updatedBy: string | null;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

/**
 * RO-1: the customer and vehicle file (客户档案), one per plate and site: the customer, the vehicle, the
 * last visit, and the next service (whichever of the interval's km and months comes first).
 */
@Entity('vehicle_file')
@Check('CHK_vehicle_file_type', `vehicle_type IN ('car', 'suv', 'mpv', 'van', 'truck', 'bus', 'motorcycle', 'other')`)
@Index(['siteId', 'plate'], { unique: true })
@Index(['siteId', 'nextServiceDate'])
@Index(['siteId', 'serviceReminderAt'])
export class VehicleFile extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text', { name: 'customer_name' }) customerName: string;
  @Column('text') address: string;
  /** Normalized (CA-1). */
  @Column('text') phone: string;
  @Column('text') plate: string;
  @Column('text') model: string;
  @Column('text', { name: 'vehicle_type' }) vehicleType: VehicleType;
  @Column('int', { name: 'odometer_km' }) odometerKm: number;
  /** The average daily distance from two visits (km/day), when known. */
  @Column('double precision', { name: 'km_per_day', nullable: true }) kmPerDay: number | null;
  @Column('date', { name: 'visit_date' }) visitDate: string;
  @Column('text', { name: 'work_done' }) workDone: string;
  @Column('text', { nullable: true }) wishes: string | null;
  /** The last service (the visit, or the last repair order's exit) the next service counts from. */
  @Column('date', { name: 'last_service_date' }) lastServiceDate: string;
  @Column('int', { name: 'last_service_km' }) lastServiceKm: number;
  @Column('jsonb', { name: 'next_service' }) nextService: NextService;
  /** `next_service.dueDate`, for lists and reminders. */
  @Column('date', { name: 'next_service_date', nullable: true }) nextServiceDate: string | null;
  /** RO-10: when the next-service reminder is due (`serviceReminderAt`), and when the customer was reminded. */
  @Column('timestamptz', { name: 'service_reminder_at', nullable: true }) serviceReminderAt: Date | null;
  @Column('timestamptz', { name: 'service_reminder_sent_at', nullable: true }) serviceReminderSentAt: Date | null;
  @Column('uuid', { name: 'service_reminder_sent_by', nullable: true }) serviceReminderSentBy: string | null;
  /** GEN-11: the file was made on a later local day than the visit. */
  @Column('boolean') late: boolean;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  private createdByRef?: User;
  @Column('int', { name: 'policy_version' }) policyVersion: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

/** `bigint` amounts in fen as numbers (they stay far below 2^53). */
const FEN = { to: (v: number | null) => v, from: (v: string | null) => (v == null ? null : Number(v)) };

export const REPAIR_ORDER_STATE_SQL = `state IN ('opened', 'diagnosing', 'diagnosed', 'estimated', 'signed', 'checked_in', 'dispatched', 'in_progress', 'completed', 'quality_checked', 'ready', 'settled', 'exited', 'declined')`;
/** RO-5: `KEY_TAG_STATES` of the domain, the states in which an order holds its key tag. */
export const KEY_TAG_STATES_SQL = `state IN ('checked_in', 'dispatched', 'in_progress', 'completed', 'quality_checked', 'ready', 'settled')`;

/**
 * RO-2..RO-9: a repair order (进厂维修单). The promoted columns serve lists, filters and the key-tag
 * constraint; `data` is the rest of the domain snapshot (signatures are rows of their own). Locked
 * (`SELECT … FOR UPDATE`) around every decision; never deleted.
 */
@Entity('repair_order')
@Check('CHK_repair_order_state', REPAIR_ORDER_STATE_SQL)
@Index('UQ_repair_order_key_tag', ['siteId', 'keyTag'], { unique: true, where: KEY_TAG_STATES_SQL })
@Index(['siteId', 'state'])
@Index(['siteId', 'advisorId'])
@Index(['siteId', 'openedAt'])
@Index(['vehicleId'])
@Index('IDX_repair_order_settled', ['siteId', 'settledAt'], { where: 'settled_at IS NOT NULL' })
@Index('IDX_repair_order_awaiting', ['siteId', 'openedAt'], { where: 'awaiting_answer' })
export class RepairOrder extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'vehicle_id' }) vehicleId: string;
  @ManyToOne(() => VehicleFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'vehicle_id' })
  private vehicleRef?: VehicleFile;
  @Column('text') state: RepairOrderState;
  @Column('int') version: number;
  /** GEN-10: the advisor who owns the order. */
  @Column('uuid', { name: 'advisor_id' }) advisorId: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'advisor_id' })
  private advisorRef?: User;
  @Column('text') plate: string;
  @Column('text') category: string;
  /** RO-5: the key tag given at check-in (kept after exit for the record; held only in the key-tag states). */
  @Column('text', { name: 'key_tag', nullable: true }) keyTag: string | null;
  @Column('timestamptz', { name: 'opened_at' }) openedAt: Date;
  @Column('timestamptz', { name: 'promised_at', nullable: true }) promisedAt: Date | null;
  /** The vehicle's type at opening (`data.vehicle.type`), for the RO-12 statistics. */
  @Column('text', { name: 'vehicle_type' }) vehicleType: VehicleType;
  /** RO-9/RO-12: `data.settlement.at`, `dueFen`, `paidFen`, written with `data`; the statistics read only these columns. */
  @Column('timestamptz', { name: 'settled_at', nullable: true }) settledAt: Date | null;
  @Column('bigint', { name: 'due_fen', nullable: true, transformer: FEN }) dueFen: number | null;
  @Column('bigint', { name: 'paid_fen', nullable: true, transformer: FEN }) paidFen: number | null;
  /** RO-7/RO-9: waits for the customer's answer to additional work or a discount's approval (the domain's `awaitingAnswer`), written with `data`; the desk lists by it. */
  @Column('boolean', { name: 'awaiting_answer', default: false }) awaitingAnswer: boolean;
  /** The domain snapshot but `signatures`, dates as ISO strings. */
  @Column('jsonb') data: Record<string, unknown>;
  /** RO-4/RO-9: the exit notice (出厂通知单) as issued, with the fee of a declined order. */
  @Column('jsonb', { name: 'exit_notice', nullable: true }) exitNotice: { kind: string; feeFen: number; feeLines: string[]; at: string } | null;
  @Column('int', { name: 'policy_version' }) policyVersion: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

/** RO-2/4/5/9: a customer's signature, bound to the version of the order it was given on. Append-only. */
@Entity('repair_order_signature')
@Check('CHK_repair_order_signature_purpose', `purpose IN ('diagnosis_consent', 'order', 'document_differences', 'belongings', 'exit')`)
@Index(['orderId', 'at'])
export class RepairOrderSignature extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'order_id' }) orderId: string;
  @ManyToOne(() => RepairOrder, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'order_id' })
  private orderRef?: RepairOrder;
  @Column('text') purpose: SignatureRecord['purpose'];
  @Column('text') signer: string;
  @Column('timestamptz') at: Date;
  @Column('int') version: number;
  @Column('uuid', { name: 'recorded_by' }) recordedBy: string;
}

/** The order's timeline: every event the domain emitted, with its rule ids and policy version. */
@Entity('repair_order_event')
@Index(['orderId', 'at'])
export class RepairOrderEvent extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'order_id' }) orderId: string;
  @ManyToOne(() => RepairOrder, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'order_id' })
  private orderRef?: RepairOrder;
  @Column('timestamptz') at: Date;
  @Column('text') type: string;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId: string | null;
  @Column('jsonb', { default: {} }) data: Record<string, unknown>;
  @Column('jsonb', { name: 'rule_ids', default: [] }) ruleIds: string[];
  @Column('int', { name: 'policy_version' }) policyVersion: number;
}

/** RO-10: a warranty claim (索赔) on an exited order, with the assessment it was recorded with, handled by the advisor. */
@Entity('repair_warranty_claim')
@Check('CHK_repair_warranty_claim_status', `status IN ('open', 'accepted', 'rejected')`)
@Index(['orderId', 'claimedAt'])
@Index(['siteId', 'status'])
export class RepairWarrantyClaim extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'order_id' }) orderId: string;
  @ManyToOne(() => RepairOrder, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'order_id' })
  private orderRef?: RepairOrder;
  @Column('jsonb', { name: 'line_ids' }) lineIds: string[];
  @Column('text') description: string;
  @Column('int', { name: 'odometer_km' }) odometerKm: number;
  @Column('jsonb') assessment: WarrantyAssessment;
  @Column('text') status: 'open' | 'accepted' | 'rejected';
  @Column('text', { nullable: true }) resolution: string | null;
  @Column('timestamptz', { name: 'claimed_at' }) claimedAt: Date;
  @Column('uuid', { name: 'recorded_by' }) recordedBy: string;
  @Column('uuid', { name: 'decided_by', nullable: true }) decidedBy: string | null;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt: Date | null;
  @Column('int', { name: 'policy_version' }) policyVersion: number;
}

/**
 * RO-11: a property repair ticket (报修). Promoted columns serve lists, the job and the weekly fee
 * summary; `data` is the rest of the domain's `TicketSnapshot`. Locked around every decision.
 */
@Entity('repair_ticket')
@Check('CHK_repair_ticket_state', `state IN ('received', 'dispatched', 'done', 'followed_up', 'closed')`)
@Index(['siteId', 'state'])
@Index(['siteId', 'receivedAt'])
@Index(['siteId', 'feeIssuedAt'])
export class RepairTicket extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') state: TicketState;
  /** GEN-10: the agent who took the call. */
  @Column('uuid', { name: 'owner_id' }) ownerId: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id' })
  private ownerRef?: User;
  @Column('text') category: string;
  /** The department of the current work ticket. */
  @Column('text', { nullable: true }) department: string | null;
  @Column('text') phone: string;
  @Column('timestamptz', { name: 'received_at' }) receivedAt: Date;
  /** RO-11: the fee ticket of a paid service (weekly summary for finance). */
  @Column('int', { name: 'fee_total_fen', nullable: true }) feeTotalFen: number | null;
  @Column('timestamptz', { name: 'fee_issued_at', nullable: true }) feeIssuedAt: Date | null;
  @Column('timestamptz', { name: 'fee_paid_at', nullable: true }) feePaidAt: Date | null;
  @Column('jsonb') data: Record<string, unknown>;
  @Column('int', { name: 'policy_version' }) policyVersion: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

/** A ticket's timeline (with the job's reminder and breach records, once per instant). */
@Entity('repair_ticket_event')
@Index(['ticketId', 'at'])
export class RepairTicketEvent extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'ticket_id' }) ticketId: string;
  @ManyToOne(() => RepairTicket, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ticket_id' })
  private ticketRef?: RepairTicket;
  @Column('timestamptz') at: Date;
  @Column('text') type: string;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId: string | null;
  @Column('jsonb', { default: {} }) data: Record<string, unknown>;
  @Column('jsonb', { name: 'rule_ids', default: [] }) ruleIds: string[];
  @Column('int', { name: 'policy_version' }) policyVersion: number;
}

export const REPAIR_ORDER_ENTITIES = [RepairPolicyVersion, RepairKeyCabinet, VehicleFile, RepairOrder, RepairOrderSignature, RepairOrderEvent, RepairWarrantyClaim, RepairTicket, RepairTicketEvent];
