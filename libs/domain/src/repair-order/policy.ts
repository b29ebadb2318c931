import { fen, type Fen } from '../common/money.js';
import { isRole, type Role } from '../common/roles.js';
import { COMPLAINT_PRESETS, validateComplaintPolicy, type ComplaintPolicy, type DayWindow } from '../complaint/policy.js';

/**
 * The per-site repair-order policy: every number of SPEC section 5 (RO-1..RO-12) is a setting here.
 * Presets: a vehicle service centre (002 服务顾问 篇一) and a property-management service desk
 * (003 呼叫中心 报修, 004 客服助理).
 */
export const REPAIR_ORDER_PRESET_NAMES = ['vehicle-service-centre', 'property-management'] as const;
export type RepairOrderPresetName = (typeof REPAIR_ORDER_PRESET_NAMES)[number];

/** RO-3: the three estimate methods; `system` is the default (002: 一般采用"系统估价"). */
export const ESTIMATE_METHODS = ['system', 'symptom', 'item'] as const;
export type EstimateMethod = (typeof ESTIMATE_METHODS)[number];

/** RO-9: a discount up to `upToPercent` of the order total is approved by `role` (or above). */
export interface DiscountLevel {
  upToPercent: number;
  role: Role;
}

/** RO-11: a department that receives work tickets, with its time limit (规定时限) in business minutes. */
export interface TicketDepartment {
  code: string;
  name: string;
  timeLimitMinutes: number;
}

/** RO-11: what a caller reports; routes to a department; some are paid services (有偿服务). */
export interface TicketCategory {
  code: string;
  name: string;
  department: string;
  paid: boolean;
}

/** The CMP-7 follow-up settings (the complaint module's mechanism, reused as is). */
export type FollowUpSettings = ComplaintPolicy['followUp'];

export interface RepairOrderPolicy {
  preset: RepairOrderPresetName;
  /** RO-1: the service interval (保养周期), whichever comes first; `null` = not used. */
  serviceInterval: { km: number | null; months: number | null };
  /** RO-3 */
  estimate: {
    defaultMethod: EstimateMethod;
    /** Labour rate per hour (工时费). */
    labourRateFen: Fen;
    /** RO-3 现象估价: the risk margin added to a symptom estimate, in percent. */
    symptomRiskMarginPercent: number;
    /** RO-3: systems where an aftermarket part voids the quality guarantee (关键部位). Lower-case codes. */
    criticalSystems: string[];
  };
  /** RO-4: charged when a customer declines after a diagnosis / an estimate. */
  fees: { diagnosisFen: Fen; estimateFen: Fen };
  /** RO-6: the receiver's signed time is rounded to this many minutes (002: 精确到十分钟). */
  dispatchRoundingMinutes: number;
  /** RO-8: the progress check falls between these percentages of the promised duration. */
  progressCheck: { fromPercent: number; toPercent: number };
  /** RO-9: discount approval by level, lowest first; the last level must reach 100 %. */
  discountLevels: DiscountLevel[];
  /** RO-10: follow-up call 2 days to 1 week after exit (48 h, 168 h), never in the customer's rest hours. */
  followUp: FollowUpSettings;
  /** RO-10: next-service reminders go out this many days before the next service date. */
  reminderDaysBefore: number;
  /** RO-10: the quality guarantee (质量保证书) a warranty claim (索赔) is checked against, whichever ends first; `km: null` = by time only. *(addition: the sources name the certificate, not its terms)* */
  warranty: { days: number; km: number | null };
  /** RO-11: property repair tickets. */
  tickets: {
    departments: TicketDepartment[];
    categories: TicketCategory[];
    /** Business hours of the departments (the complaint module's calendar type). */
    businessHours: ComplaintPolicy['businessHours'];
    /** A reminder to the department at this percentage of the time limit. */
    reminderAtPercent: number;
    /** Escalation on breach, one level per time limit overrun, lowest first. */
    escalationChain: Role[];
    /** CMP-7 after the ticket is done (003 呼叫中心 回访). */
    followUp: FollowUpSettings;
  };
  /** RO-11: the call centre runs 24 hours in the heating season (供暖期); `null` = no heating season. */
  heatingSeason: { from: string; to: string } | null;
}

const restHours: DayWindow[] = [
  { start: '21:00', end: '09:00' },
  { start: '12:00', end: '14:00' },
];

export const REPAIR_ORDER_PRESETS: Record<RepairOrderPresetName, RepairOrderPolicy> = {
  // 002 服务顾问 篇一.
  'vehicle-service-centre': {
    preset: 'vehicle-service-centre',
    serviceInterval: { km: 5000, months: 6 },
    estimate: { defaultMethod: 'system', labourRateFen: fen(12_000), symptomRiskMarginPercent: 15, criticalSystems: ['brakes', 'steering', 'suspension', 'engine', 'transmission', 'airbag'] },
    fees: { diagnosisFen: fen(10_000), estimateFen: fen(0) },
    dispatchRoundingMinutes: 10,
    progressCheck: { fromPercent: 70, toPercent: 80 },
    discountLevels: [
      { upToPercent: 10, role: 'supervisor' },
      { upToPercent: 20, role: 'manager' },
      { upToPercent: 100, role: 'director' },
    ],
    followUp: { windowHours: 7 * 24, earliestAfterHours: 48, restHours, callerRole: 'service_advisor', lowScoreAtMost: 6 },
    reminderDaysBefore: 7,
    warranty: { days: 30, km: 5000 },
    tickets: {
      departments: [{ code: 'workshop', name: '车间', timeLimitMinutes: 8 * 60 }],
      categories: [{ code: 'roadside', name: '道路救援', department: 'workshop', paid: true }],
      businessHours: COMPLAINT_PRESETS['car-service'].businessHours,
      reminderAtPercent: 75,
      escalationChain: ['service_advisor', 'supervisor', 'manager'],
      followUp: { ...COMPLAINT_PRESETS['car-service'].followUp },
    },
    heatingSeason: null,
  },
  // 003 呼叫中心 报修, 004 客服助理/客服主管.
  'property-management': {
    preset: 'property-management',
    serviceInterval: { km: null, months: 12 },
    estimate: { defaultMethod: 'item', labourRateFen: fen(5_000), symptomRiskMarginPercent: 10, criticalSystems: ['gas', 'electrical', 'heating'] },
    fees: { diagnosisFen: fen(0), estimateFen: fen(0) },
    dispatchRoundingMinutes: 10,
    progressCheck: { fromPercent: 70, toPercent: 80 },
    discountLevels: [
      { upToPercent: 10, role: 'supervisor' },
      { upToPercent: 100, role: 'manager' },
    ],
    followUp: { windowHours: 72, earliestAfterHours: 2, restHours, callerRole: 'cs_agent', lowScoreAtMost: 6 },
    reminderDaysBefore: 7,
    warranty: { days: 90, km: null },
    tickets: {
      departments: [
        { code: 'engineering', name: '工程维修部', timeLimitMinutes: 4 * 60 },
        { code: 'heating', name: '供暖维修', timeLimitMinutes: 2 * 60 },
        { code: 'security', name: '秩序维护部', timeLimitMinutes: 60 },
        { code: 'cleaning', name: '环境部', timeLimitMinutes: 8 * 60 },
      ],
      categories: [
        { code: 'water', name: '水路', department: 'engineering', paid: false },
        { code: 'electrical', name: '电路', department: 'engineering', paid: false },
        { code: 'heating', name: '暖气不热/漏水', department: 'heating', paid: false },
        { code: 'door_lock', name: '门锁', department: 'security', paid: false },
        { code: 'in_home_repair', name: '户内有偿维修', department: 'engineering', paid: true },
        { code: 'cleaning', name: '保洁', department: 'cleaning', paid: true },
      ],
      businessHours: COMPLAINT_PRESETS['property-call-centre'].businessHours,
      reminderAtPercent: 75,
      escalationChain: ['cs_agent', 'supervisor', 'manager'],
      // 004: 必须保证在三天之内回访; 003 呼叫中心 scores 1–10.
      followUp: { windowHours: 72, earliestAfterHours: 2, restHours, callerRole: 'cs_agent', lowScoreAtMost: 6 },
    },
    // Northern China: 15 November to 15 March.
    heatingSeason: { from: '11-15', to: '03-15' },
  },
};

export const DEFAULT_REPAIR_ORDER_POLICY = REPAIR_ORDER_PRESETS['vehicle-service-centre'];

/**
 * The follow-up settings as a complaint policy, so that CMP-7's planner, booking and answer evaluation
 * (`planFollowUp`, `bookFollowUp`, `evaluateFollowUp`) are reused, not copied.
 */
export function followUpPolicyOf(settings: FollowUpSettings): ComplaintPolicy {
  return { ...COMPLAINT_PRESETS['car-service'], followUp: { ...settings } };
}

export interface RepairOrderPolicyProblem {
  field: string;
  message: string;
}

const MMDD = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const CODE = /^[a-z][a-z0-9_-]{0,29}$/;

/** Validates a policy a manager edited: the problems field by field (empty when valid); never throws. */
export function validateRepairOrderPolicy(p: RepairOrderPolicy): RepairOrderPolicyProblem[] {
  const errors: RepairOrderPolicyProblem[] = [];
  const add = (field: string, message: string) => errors.push({ field, message });
  const int = (field: string, v: unknown, min: number, max: number) => {
    if (!Number.isInteger(v) || (v as number) < min || (v as number) > max) add(field, `must be a whole number from ${min} to ${max}`);
  };
  const staffRole = (field: string, r: unknown) => (isRole(r) && r !== 'partner') || add(field, 'a staff role');

  if (!(REPAIR_ORDER_PRESET_NAMES as readonly string[]).includes(p?.preset)) add('preset', `one of ${REPAIR_ORDER_PRESET_NAMES.join(', ')}`);

  // RO-1
  const si = p?.serviceInterval;
  if (si?.km !== null) int('serviceInterval.km', si?.km, 100, 200_000);
  if (si?.months !== null) int('serviceInterval.months', si?.months, 1, 60);
  if (si && si.km === null && si.months === null) add('serviceInterval', 'a distance, a time, or both');

  // RO-3
  const e = p?.estimate;
  if (!(ESTIMATE_METHODS as readonly string[]).includes(e?.defaultMethod)) add('estimate.defaultMethod', `one of ${ESTIMATE_METHODS.join(', ')}`);
  int('estimate.labourRateFen', e?.labourRateFen, 0, 10_000_000);
  int('estimate.symptomRiskMarginPercent', e?.symptomRiskMarginPercent, 0, 100);
  if (!Array.isArray(e?.criticalSystems)) add('estimate.criticalSystems', 'a list of system codes');
  else {
    e.criticalSystems.forEach((s, i) => CODE.test(s ?? '') || add(`estimate.criticalSystems[${i}]`, 'lower-case letters, digits, - and _, up to 30'));
    if (new Set(e.criticalSystems).size !== e.criticalSystems.length) add('estimate.criticalSystems', 'each system once');
  }

  // RO-4, RO-6, RO-8
  int('fees.diagnosisFen', p?.fees?.diagnosisFen, 0, 10_000_000);
  int('fees.estimateFen', p?.fees?.estimateFen, 0, 10_000_000);
  int('dispatchRoundingMinutes', p?.dispatchRoundingMinutes, 1, 60);
  if (Number.isInteger(p?.dispatchRoundingMinutes) && 60 % p.dispatchRoundingMinutes !== 0) add('dispatchRoundingMinutes', 'divides an hour (1, 5, 10, 15, 30, 60 …)');
  int('progressCheck.fromPercent', p?.progressCheck?.fromPercent, 1, 99);
  int('progressCheck.toPercent', p?.progressCheck?.toPercent, 1, 99);
  if (Number.isInteger(p?.progressCheck?.fromPercent) && Number.isInteger(p?.progressCheck?.toPercent) && p.progressCheck.toPercent < p.progressCheck.fromPercent) {
    add('progressCheck.toPercent', 'at least fromPercent');
  }

  // RO-9
  const levels = p?.discountLevels;
  if (!Array.isArray(levels) || !levels.length) add('discountLevels', 'at least one level');
  else {
    levels.forEach((l, i) => {
      int(`discountLevels[${i}].upToPercent`, l?.upToPercent, 1, 100);
      staffRole(`discountLevels[${i}].role`, l?.role);
      if (i > 0 && Number.isInteger(l?.upToPercent) && l.upToPercent <= levels[i - 1]?.upToPercent) add(`discountLevels[${i}].upToPercent`, 'greater than the level before');
    });
    if (levels[levels.length - 1]?.upToPercent !== 100) add('discountLevels', 'the last level reaches 100 %');
  }

  // RO-10 (CMP-7's validation, reused)
  followUpProblems(p?.followUp, 'followUp').forEach((x) => errors.push(x));
  int('reminderDaysBefore', p?.reminderDaysBefore, 0, 90);
  int('warranty.days', p?.warranty?.days, 0, 3660);
  if (p?.warranty?.km !== null) int('warranty.km', p?.warranty?.km, 0, 1_000_000);

  // RO-11
  const t = p?.tickets;
  const depts = new Set<string>();
  if (!Array.isArray(t?.departments) || !t.departments.length) add('tickets.departments', 'at least one department');
  else
    t.departments.forEach((d, i) => {
      if (!CODE.test(d?.code ?? '')) add(`tickets.departments[${i}].code`, 'lower-case letters, digits, - and _, up to 30');
      else if (depts.has(d.code)) add(`tickets.departments[${i}].code`, 'codes must be unique');
      depts.add(d?.code);
      if (typeof d?.name !== 'string' || !d.name.trim() || d.name.length > 60) add(`tickets.departments[${i}].name`, 'a name of 1 to 60 characters');
      int(`tickets.departments[${i}].timeLimitMinutes`, d?.timeLimitMinutes, 5, 30 * 24 * 60);
    });
  const cats = new Set<string>();
  if (!Array.isArray(t?.categories) || !t.categories.length) add('tickets.categories', 'at least one category');
  else
    t.categories.forEach((c, i) => {
      if (!CODE.test(c?.code ?? '')) add(`tickets.categories[${i}].code`, 'lower-case letters, digits, - and _, up to 30');
      else if (cats.has(c.code)) add(`tickets.categories[${i}].code`, 'codes must be unique');
      cats.add(c?.code);
      if (typeof c?.name !== 'string' || !c.name.trim() || c.name.length > 60) add(`tickets.categories[${i}].name`, 'a name of 1 to 60 characters');
      if (!depts.has(c?.department)) add(`tickets.categories[${i}].department`, 'one of the departments');
      if (typeof c?.paid !== 'boolean') add(`tickets.categories[${i}].paid`, 'true or false');
    });
  // Business hours: the complaint module's validation, on a complaint policy that carries these hours.
  validateComplaintPolicy({ ...COMPLAINT_PRESETS['property-call-centre'], businessHours: t?.businessHours })
    .filter((x) => x.field.startsWith('businessHours'))
    .forEach((x) => add(`tickets.${x.field}`, x.message));
  int('tickets.reminderAtPercent', t?.reminderAtPercent, 1, 99);
  const chain = t?.escalationChain;
  if (!Array.isArray(chain) || chain.length < 2) add('tickets.escalationChain', 'at least two levels');
  else {
    if (new Set(chain).size !== chain.length) add('tickets.escalationChain', 'each role once');
    chain.forEach((r, i) => staffRole(`tickets.escalationChain[${i}]`, r));
  }
  followUpProblems(t?.followUp, 'tickets.followUp').forEach((x) => errors.push(x));

  // RO-11 heating season
  const hs = p?.heatingSeason;
  if (hs !== null) {
    if (!MMDD.test(hs?.from ?? '')) add('heatingSeason.from', 'a day MM-DD');
    if (!MMDD.test(hs?.to ?? '')) add('heatingSeason.to', 'a day MM-DD');
    if (hs && hs.from === hs.to) add('heatingSeason.to', 'differs from the first day');
  }
  return errors;
}

/** CMP-7's own validation of follow-up settings (windows, rest hours, caller, score), renamed to `prefix`. */
function followUpProblems(f: FollowUpSettings | undefined, prefix: string): RepairOrderPolicyProblem[] {
  return validateComplaintPolicy({ ...COMPLAINT_PRESETS['car-service'], followUp: f as FollowUpSettings })
    .filter((x) => x.field.startsWith('followUp'))
    .map((x) => ({ field: `${prefix}${x.field.slice('followUp'.length)}`, message: x.message }));
}
