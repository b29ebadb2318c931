import type { ClientAttributionPolicy } from './policy.js';

const MODES = ['report_to_deal', 'report_visit_deal', 'visit_to_deal'];
const COMMISSION_AT = ['subscription', 'contract', 'down_payment'];
const MAX_FEN = 10_000_000;

/**
 * The manager's edit of SPEC section 2 (every number is a per-site setting): each field within its
 * sensible range, and the settings consistent with one another. Empty when the policy may be published.
 */
export function validateClientPolicy(p: ClientAttributionPolicy): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  const int = (field: keyof ClientAttributionPolicy, min: number, max: number) => {
    const v = p[field];
    if (!Number.isInteger(v) || (v as number) < min || (v as number) > max) errors.push({ field, message: `must be a whole number from ${min} to ${max}` });
  };
  const bool = (field: keyof ClientAttributionPolicy) => {
    if (typeof p[field] !== 'boolean') errors.push({ field, message: 'must be true or false' });
  };
  int('protectionMonths', 1, 24);
  int('followUpEveryDays', 1, 30);
  bool('callersFollowUpDaily');
  int('missedFollowUpFineFen', 0, MAX_FEN);
  int('reportLeadMinutes', 0, 24 * 60);
  int('reportValidityDays', 1, 365);
  bool('maskedReporting');
  if (!MODES.includes(p.protectionMode)) errors.push({ field: 'protectionMode', message: `one of ${MODES.join(', ')}` });
  int('agencyProtectionDays', 1, 730);
  if (!COMMISSION_AT.includes(p.commissionAt)) errors.push({ field: 'commissionAt', message: `one of ${COMMISSION_AT.join(', ')}` });
  int('smsWithinMinutes', 1, 24 * 60);
  int('passMinStandMinutes', 0, 12 * 60);
  int('passCostsTurns', 1, 10);
  int('suspensionDaysBySupervisor', 1, 30);
  int('suspensionDaysByManager', 1, 90);
  int('switchSplitPercent', 0, 100);
  int('appealDays', 1, 60);
  int('blankFieldFineFen', 0, MAX_FEN);
  // CA-10: the manager's suspension is the heavier one (003: one day by the supervisor, three by the manager).
  if (Number.isInteger(p.suspensionDaysByManager) && Number.isInteger(p.suspensionDaysBySupervisor) && p.suspensionDaysByManager < p.suspensionDaysBySupervisor) {
    errors.push({ field: 'suspensionDaysByManager', message: "must not be shorter than the supervisor's suspension" });
  }
  // CA-7/CA-17: a report's validity only bounds the time to the visit, inside the agency's protection.
  if (Number.isInteger(p.reportValidityDays) && Number.isInteger(p.agencyProtectionDays) && p.reportValidityDays > p.agencyProtectionDays) {
    errors.push({ field: 'reportValidityDays', message: "must not exceed the agency's protection days" });
  }
  const known = new Set(Object.keys(DEFAULT_KEYS));
  for (const k of Object.keys(p)) if (!known.has(k)) errors.push({ field: k, message: 'not a setting of the client policy' });
  return errors;
}

const DEFAULT_KEYS: Record<keyof ClientAttributionPolicy, true> = {
  protectionMonths: true,
  followUpEveryDays: true,
  callersFollowUpDaily: true,
  missedFollowUpFineFen: true,
  reportLeadMinutes: true,
  reportValidityDays: true,
  maskedReporting: true,
  protectionMode: true,
  agencyProtectionDays: true,
  commissionAt: true,
  smsWithinMinutes: true,
  passMinStandMinutes: true,
  passCostsTurns: true,
  suspensionDaysBySupervisor: true,
  suspensionDaysByManager: true,
  switchSplitPercent: true,
  appealDays: true,
  blankFieldFineFen: true,
};
