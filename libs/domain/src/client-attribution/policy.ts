import { fen, type Fen } from '../common/money.js';

/** CA-17: when the protection window of an agency's customer starts, and how long it runs. */
export type ProtectionMode = 'report_to_deal' | 'report_visit_deal' | 'visit_to_deal';

/** Every number of SPEC section 2 as a per-site setting (the SPEC's numbers are the defaults). */
export interface ClientAttributionPolicy {
  /** CA-5: ownership lasts this many calendar months from the registration that won it. */
  protectionMonths: number;
  /** CA-5: follow up every owned customer at least every n days; callers who never visited daily. */
  followUpEveryDays: number;
  callersFollowUpDaily: boolean;
  /** CA-5: a missed follow-up without a record, unless the manager exempts it. */
  missedFollowUpFineFen: Fen;
  /** CA-6: a report made less than this before the visit is interception: the visit is natural. */
  reportLeadMinutes: number;
  /** CA-7: a report without a visit within this many days expires. */
  reportValidityDays: number;
  /** CA-15: agencies may report only the first three and last four digits. */
  maskedReporting: boolean;
  /** CA-17 */
  protectionMode: ProtectionMode;
  /** CA-17: the agency's protection, in days, counted from the report or the visit per mode. */
  agencyProtectionDays: number;
  /** CA-17: when the agency's commission falls due. */
  commissionAt: 'subscription' | 'contract' | 'down_payment';
  /** CA-13: the SMS after a registered call goes out within this many minutes. */
  smsWithinMinutes: number;
  /** CA-10: a pass needs this many minutes stood, and costs this many turns. */
  passMinStandMinutes: number;
  passCostsTurns: number;
  /** CA-10: refusing to stand or choosing customers suspends from receiving (supervisor / manager). */
  suspensionDaysBySupervisor: number;
  suspensionDaysByManager: number;
  /** CA-11: the split of a disputed sale after a switch of consultant, in percent for the first. */
  switchSplitPercent: number;
  /** CA-17: days to appeal a decision (CA-12). */
  appealDays: number;
  /** GEN-11 (003 漏登): the fine for each blank required field of a registration. */
  blankFieldFineFen: Fen;
}

export const DEFAULT_CA_POLICY: ClientAttributionPolicy = {
  protectionMonths: 3,
  followUpEveryDays: 3,
  callersFollowUpDaily: true,
  missedFollowUpFineFen: fen(5000),
  reportLeadMinutes: 30,
  reportValidityDays: 7,
  maskedReporting: false,
  protectionMode: 'report_visit_deal',
  agencyProtectionDays: 30,
  commissionAt: 'subscription',
  smsWithinMinutes: 5,
  passMinStandMinutes: 30,
  passCostsTurns: 2,
  suspensionDaysBySupervisor: 1,
  suspensionDaysByManager: 3,
  switchSplitPercent: 50,
  appealDays: 3,
  blankFieldFineFen: fen(1000),
};

/** The instant `months` calendar months after `from` (the last day of a shorter month when the day is missing). */
export function addMonths(from: Date, months: number): Date {
  const d = new Date(from.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}
