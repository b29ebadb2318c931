import type { OrderStatus, PaymentKind, ReservationPolicy } from '@sitedesk/domain';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { bigintNumber } from '../../database/columns.js';
import { SiteScoped } from '../../database/site-scoped.js';
import { User } from '../../platform/identity/identity.entities.js';
import { Customer } from '../client-attribution/client-attribution.entities.js';

/** A version of a site's reservation policy (SPEC section 3); the newest governs new orders, each order keeps the version it was signed under. */
@Entity('reservation_policy')
@Index(['siteId', 'version'], { unique: true })
export class ReservationPolicyVersion extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('int') version: number;
  @Column('jsonb') policy: ReservationPolicy;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/**
 * RES-1: a unit of the site's inventory (房源). Its sale status is not stored here: it is the status
 * of the unit's one active order, read at the instant of the read (GEN-8).
 */
@Entity('unit')
@Check('CHK_unit_values', `list_price_fen > 0 AND area_centi_m2 > 0`)
@Index(['siteId', 'unitKey'], { unique: true })
@Index(['siteId', 'building', 'floor'])
export class Unit extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') building: string;
  @Column('text') number: string;
  /** Building and number, lower case without spaces: a unit is named once per site. */
  @Column('text', { name: 'unit_key' }) unitKey: string;
  @Column('int') floor: number;
  @Column('text') layout: string;
  /** Area in hundredths of a square metre. */
  @Column('int', { name: 'area_centi_m2' }) areaCentiM2: number;
  /** GEN-5: fen. */
  @Column('bigint', { name: 'list_price_fen', transformer: bigintNumber }) listPriceFen: number;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

/**
 * An order on a unit: the hold (销控) and what follows it — subscription (小订), deposit (大定),
 * contract (签约) — or its end: released, lapsed (RES-4), cancelled (RES-5) or void. Never deleted.
 * RES-3: a partial unique index allows one active order per unit, whatever the requests do at once.
 */
@Entity('unit_order')
@Check('CHK_unit_order_status', `status IN ('held', 'subscribed', 'deposited', 'contracted', 'released', 'lapsed', 'cancelled', 'void')`)
@Index('UQ_unit_order_active', ['unitId'], { unique: true, where: `status IN ('held', 'subscribed', 'deposited', 'contracted')` })
@Index(['siteId', 'status'])
@Index(['status', 'paymentDueAt'])
export class UnitOrder extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'unit_id' }) unitId: string;
  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  private unitRef?: Unit;
  @Column('uuid', { name: 'customer_id' }) customerId: string;
  @ManyToOne(() => Customer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customer_id' })
  private customerRef?: Customer;
  @Column('text') status: OrderStatus;
  @Column('uuid', { name: 'held_by' }) heldBy: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'held_by' })
  private heldByRef?: User;
  @Column('timestamptz', { name: 'held_at' }) heldAt: Date;
  /** The unit's list price when it was held. */
  @Column('bigint', { name: 'list_price_fen', transformer: bigintNumber }) listPriceFen: number;
  /** RES-6: the lowest price the company approved for this order. */
  @Column('bigint', { name: 'approved_price_fen', nullable: true, transformer: bigintNumber }) approvedPriceFen: number | null;
  @Column('bigint', { name: 'price_fen', nullable: true, transformer: bigintNumber }) priceFen: number | null;
  @Column('bigint', { name: 'subscription_fen', nullable: true, transformer: bigintNumber }) subscriptionFen: number | null;
  /** The signed subscription agreement (认购协议书) number. */
  @Column('text', { name: 'agreement_no', nullable: true }) agreementNo: string | null;
  @Column('uuid', { name: 'subscribed_by', nullable: true }) subscribedBy: string | null;
  @Column('timestamptz', { name: 'subscribed_at', nullable: true }) subscribedAt: Date | null;
  /** RES-4: stored at signing from the policy then in force (`policy_version`). */
  @Column('timestamptz', { name: 'payment_due_at', nullable: true }) paymentDueAt: Date | null;
  @Column('int', { name: 'policy_version', nullable: true }) policyVersion: number | null;
  @Column('timestamptz', { name: 'subscription_paid_at', nullable: true }) subscriptionPaidAt: Date | null;
  @Column('bigint', { name: 'deposit_fen', nullable: true, transformer: bigintNumber }) depositFen: number | null;
  @Column('text', { name: 'deposit_agreement_no', nullable: true }) depositAgreementNo: string | null;
  @Column('timestamptz', { name: 'deposited_at', nullable: true }) depositedAt: Date | null;
  @Column('timestamptz', { name: 'deposit_paid_at', nullable: true }) depositPaidAt: Date | null;
  /** RES-5: the notice of signing time, place and documents given to the customer. */
  @Column('timestamptz', { name: 'signing_notice_at', nullable: true }) signingNoticeAt: Date | null;
  @Column('jsonb', { name: 'signing_notice', nullable: true }) signingNotice: { signingAt: string; place: string; documents: string[]; channel: string; by: string } | null;
  @Column('timestamptz', { name: 'wording_approved_at', nullable: true }) wordingApprovedAt: Date | null;
  @Column('text', { name: 'contract_no', nullable: true }) contractNo: string | null;
  @Column('boolean', { name: 'wording_differs', default: false }) wordingDiffers: boolean;
  /** RES-6: the order's clauses, set only by the site manager. */
  @Column('jsonb', { default: () => "'[]'" }) clauses: string[];
  @Column('timestamptz', { name: 'contracted_at', nullable: true }) contractedAt: Date | null;
  @Column('bigint', { name: 'refund_fen', nullable: true, transformer: bigintNumber }) refundFen: number | null;
  @Column('timestamptz', { name: 'refund_paid_at', nullable: true }) refundPaidAt: Date | null;
  /** How and when it ended (released, lapsed, cancelled, void): lapsed orders carry the deadline, not the job's time. */
  @Column('timestamptz', { name: 'ended_at', nullable: true }) endedAt: Date | null;
  @Column('uuid', { name: 'ended_by', nullable: true }) endedBy: string | null;
  @Column('text', { name: 'end_reason', nullable: true }) endReason: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

/** RES-4: money the cashier recorded against an order; one row per kind, so nothing is recorded twice. */
@Entity('unit_payment')
@Check('CHK_unit_payment_amount', `amount_fen > 0 AND kind IN ('subscription', 'deposit', 'refund')`)
@Index(['orderId', 'kind'], { unique: true })
@Index(['siteId', 'recordedAt'])
export class UnitPayment extends SiteScoped {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'order_id' }) orderId: string;
  @ManyToOne(() => UnitOrder, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'order_id' })
  private orderRef?: UnitOrder;
  @Column('text') kind: PaymentKind;
  @Column('bigint', { name: 'amount_fen', transformer: bigintNumber }) amountFen: number;
  @Column('text', { name: 'receipt_no' }) receiptNo: string;
  @Column('uuid', { name: 'recorded_by' }) recordedBy: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by' })
  private recordedByRef?: User;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt: Date;
}

export const RESERVATION_ENTITIES = [ReservationPolicyVersion, Unit, UnitOrder, UnitPayment];
