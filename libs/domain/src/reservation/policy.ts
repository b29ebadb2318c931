import type { Role } from '../common/roles.js';

/** Every number of SPEC section 3 (sales part) as a per-site setting; the SPEC's numbers are the defaults. */
export interface ReservationPolicy {
  /** RES-4: after the order (认购) is signed, its money reaches the cashier within this many minutes, or the order lapses. */
  paymentMinutes: number;
  /** RES-6: who approves a price below the list price (company level: the director, or above). */
  discountApproverRole: Role;
  /** RES-5: a cancellation or refund is reviewed by these roles, in order (site manager, then the developer's side). */
  cancellationChain: Role[];
  /** RES-5: contract wording that differs from the sample is approved by this role before signing. */
  wordingApproverRole: Role;
}

export const DEFAULT_RESERVATION_POLICY: ReservationPolicy = {
  paymentMinutes: 10,
  discountApproverRole: 'director',
  cancellationChain: ['manager', 'developer_approver'],
  wordingApproverRole: 'manager',
};

export interface ReservationPolicyProblem {
  field: string;
  message: string;
}

/** The policy's own consistency (the API validates types and ranges first). */
export function validateReservationPolicy(p: ReservationPolicy): ReservationPolicyProblem[] {
  const out: ReservationPolicyProblem[] = [];
  if (!Number.isInteger(p.paymentMinutes) || p.paymentMinutes < 1 || p.paymentMinutes > 24 * 60) out.push({ field: 'paymentMinutes', message: 'must be a whole number of minutes between 1 and 1440' });
  if (!p.cancellationChain.length) out.push({ field: 'cancellationChain', message: 'needs at least one approver (RES-5)' });
  if (new Set(p.cancellationChain).size !== p.cancellationChain.length) out.push({ field: 'cancellationChain', message: 'names a role twice' });
  if (p.cancellationChain.includes('partner') || p.discountApproverRole === 'partner' || p.wordingApproverRole === 'partner') out.push({ field: 'cancellationChain', message: 'a partner agency never approves' });
  if (['consultant', 'receptionist', 'cashier', 'clerk'].includes(p.discountApproverRole)) out.push({ field: 'discountApproverRole', message: 'a special discount is approved at company level (RES-6)' });
  return out;
}
