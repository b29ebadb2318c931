import { DomainError } from '../common/errors.js';
import { escalationChainIndex, COMPLAINT_SEVERITIES, type ComplaintPolicy, type ComplaintSeverity } from './policy.js';

/** CMP-1: where a complaint came in. */
export const COMPLAINT_CHANNELS = ['phone', 'visit', 'online', 'follow_up_call'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

/** CMP-1: what the complaint is about. */
export const COMPLAINT_SUBJECT_TYPES = ['unit', 'vehicle', 'repair_order', 'staff', 'none'] as const;
export type ComplaintSubjectType = (typeof COMPLAINT_SUBJECT_TYPES)[number];

/** CMP-2 */
export const COMPLAINT_KINDS = ['grumble', 'complaint'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];
export type ComplaintValidity = 'valid' | 'invalid';

export interface ComplaintIntake {
  channel: ComplaintChannel;
  complainantName: string;
  contact: string;
  content: string;
  subjectType: ComplaintSubjectType;
  /** The unit, vehicle, repair order or staff member's id; absent for `none`. */
  subjectRef: string | null;
  /** A member or VIP customer (CMP-5 starts higher, CMP-7 all are called back). */
  importantCustomer: boolean;
}

export interface ComplaintFieldProblem {
  field: string;
  message: string;
}

const text = (v: unknown, max: number) => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

/** CMP-1: the complaint log's required entries (顾客投诉登记表). Returns the problems, field by field. */
export function validateIntake(i: ComplaintIntake): ComplaintFieldProblem[] {
  const errors: ComplaintFieldProblem[] = [];
  if (!(COMPLAINT_CHANNELS as readonly string[]).includes(i?.channel)) errors.push({ field: 'channel', message: `one of ${COMPLAINT_CHANNELS.join(', ')}` });
  if (!text(i?.complainantName, 60)) errors.push({ field: 'complainantName', message: '1 to 60 characters' });
  if (!text(i?.contact, 60)) errors.push({ field: 'contact', message: '1 to 60 characters' });
  if (!text(i?.content, 4000)) errors.push({ field: 'content', message: '1 to 4000 characters' });
  if (!(COMPLAINT_SUBJECT_TYPES as readonly string[]).includes(i?.subjectType)) errors.push({ field: 'subjectType', message: `one of ${COMPLAINT_SUBJECT_TYPES.join(', ')}` });
  else if (i.subjectType === 'none' ? i.subjectRef != null : !text(i.subjectRef, 100)) errors.push({ field: 'subjectRef', message: i.subjectType === 'none' ? 'none for a complaint about nothing in particular' : 'the id of what it is about' });
  if (typeof i?.importantCustomer !== 'boolean') errors.push({ field: 'importantCustomer', message: 'true or false' });
  return errors;
}

/** CMP-2: the triage decision. */
export interface ClassificationInput {
  kind: ComplaintKind;
  validity: ComplaintValidity;
  category: string;
  severity: ComplaintSeverity;
  /** Defaults to the category's department. */
  department?: string | null;
}

export interface Classification {
  kind: ComplaintKind;
  validity: ComplaintValidity;
  category: string;
  severity: ComplaintSeverity;
  department: string;
  /** The role that leads the investigation (CMP-4). */
  investigatorRole: ComplaintPolicy['categories'][number]['investigatorRole'];
}

/**
 * CMP-2: checks a triage against the site's categories and fills the responsible department.
 * Throws `COMPLAINT_CLASSIFICATION_INVALID` (400) listing the fields.
 */
export function classify(input: ClassificationInput, policy: ComplaintPolicy): Classification {
  const errors: ComplaintFieldProblem[] = [];
  if (!(COMPLAINT_KINDS as readonly string[]).includes(input?.kind)) errors.push({ field: 'kind', message: 'grumble or complaint' });
  if (input?.validity !== 'valid' && input?.validity !== 'invalid') errors.push({ field: 'validity', message: 'valid or invalid' });
  const category = policy.categories.find((c) => c.code === input?.category);
  if (!category) errors.push({ field: 'category', message: `one of ${policy.categories.map((c) => c.code).join(', ')}` });
  if (!(COMPLAINT_SEVERITIES as readonly string[]).includes(input?.severity)) errors.push({ field: 'severity', message: `one of ${COMPLAINT_SEVERITIES.join(', ')}` });
  if (input?.department != null && !text(input.department, 60)) errors.push({ field: 'department', message: '1 to 60 characters' });
  if (errors.length) throw new DomainError('COMPLAINT_CLASSIFICATION_INVALID', 'invalid', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors, ruleIds: ['CMP-2'] });
  return {
    kind: input.kind,
    validity: input.validity,
    category: category!.code,
    severity: input.severity,
    department: input.department?.trim() || category!.department,
    investigatorRole: category!.investigatorRole,
  };
}

/**
 * CMP-5: the level a complaint starts at — the bottom of the chain, the manager's level for a major
 * complaint or an important customer's.
 */
export function initialLevel(policy: ComplaintPolicy, c: { severity: ComplaintSeverity | null; importantCustomer: boolean }): number {
  let level = 0;
  if (c.severity === 'major') level = Math.max(level, escalationChainIndex(policy, policy.escalation.majorStartsAt));
  if (c.importantCustomer) level = Math.max(level, escalationChainIndex(policy, policy.escalation.importantCustomerStartsAt));
  return level;
}
