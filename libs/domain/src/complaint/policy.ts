import { isClockTime, minutesOf, type ClockTime } from '../attendance/policy.js';
import { DISCIPLINE_KINDS, type DisciplineKind } from '../common/discipline.js';
import { fen, type Fen } from '../common/money.js';
import { isRole, type Role } from '../common/roles.js';
import { isCalendarDate, isValidTimeZone, type LocalDate } from '../common/time.js';

/**
 * The per-site complaint policy: every number of SPEC section 4 is a setting here (SPEC: numbers in
 * rules are per-site policy defaults). Presets are named after their sources.
 */
export const COMPLAINT_PRESET_NAMES = ['sales-office', 'car-service', 'property-call-centre'] as const;
export type ComplaintPresetName = (typeof COMPLAINT_PRESET_NAMES)[number];

/** CMP-2: how grave a complaint is; `major` starts at the department manager (CMP-5, 004 重大投诉). */
export const COMPLAINT_SEVERITIES = ['minor', 'normal', 'major'] as const;
export type ComplaintSeverity = (typeof COMPLAINT_SEVERITIES)[number];

/** A stretch of a day, `HH:MM`–`HH:MM`. In business hours `end` may be `24:00`; rest hours may wrap midnight. */
export interface DayWindow {
  start: ClockTime;
  end: ClockTime;
}

/** What a complaint is about and who investigates it (CMP-4: quality → technical lead, service → service supervisor). */
export interface ComplaintCategory {
  /** Stable code, lower-case (`quality`, `service` …). */
  code: string;
  name: string;
  /** The responsible department (责任部门) by default; triage may name another. */
  department: string;
  /** The role that leads the investigation (CMP-4). */
  investigatorRole: Role;
}

/** Business minutes allowed; `null` = no target. */
export interface SlaTarget {
  firstResponseMinutes: number;
  resolutionMinutes: number | null;
}

export interface SlaOverride extends SlaTarget {
  category: string;
  severity: ComplaintSeverity;
}

export interface ComplaintPolicy {
  preset: ComplaintPresetName;
  categories: ComplaintCategory[];
  /** Business hours per ISO weekday (`week[0]` = Monday … `week[6]` = Sunday); SLA clocks run only inside them. */
  businessHours: {
    /** `null`: the site's time zone (GEN-4). */
    timeZone: string | null;
    week: DayWindow[][];
    /** Closed days (public holidays). */
    holidays: LocalDate[];
    /** Weekend days that are worked (调休), with the hours of a Monday. */
    makeupWorkdays: LocalDate[];
  };
  sla: {
    /** By severity; a complaint's category may override (`overrides`). */
    bySeverity: Record<ComplaintSeverity, SlaTarget>;
    overrides: SlaOverride[];
    /** CMP-2: a grumble is owed a first response, no fix: its own targets (resolution usually `null`). */
    grumble: SlaTarget;
  };
  escalation: {
    /** CMP-5: the levels, lowest first (agent → supervisor → manager). A breach moves one level up. */
    chain: Role[];
    /** CMP-5: a major complaint starts at this level of the chain. */
    majorStartsAt: Role;
    /** CMP-5: a complaint by an important customer (member, VIP) starts at this level. */
    importantCustomerStartsAt: Role;
  };
  /** CMP-4: who approves one of the proposals (at least this role, and at least the complaint's level). */
  approverRole: Role;
  /** Who closes a followed-up complaint and may reopen a finished one by hand. */
  closerRole: Role;
  /** CMP-6: what an upheld complaint issues to the staff member at fault and to their department head. */
  discipline: {
    staffKind: DisciplineKind;
    staffAmountFen: Fen;
    /** `null`: the department head is not dealt with. */
    departmentHeadKind: DisciplineKind | null;
    departmentHeadAmountFen: Fen;
  };
  /** CMP-7 */
  followUp: {
    /** The call happens within this many hours of the resolution (三天之内 = 72). */
    windowHours: number;
    /** Not before this many hours after the resolution (the customer has tried the fix). */
    earliestAfterHours: number;
    /** The customer's rest hours by default (night, 午休); a customer may have their own. */
    restHours: DayWindow[];
    /** The role that calls back complaining customers (004: the supervisor). */
    callerRole: Role;
    /** CMP-10: a score at or below this reopens the complaint. */
    lowScoreAtMost: number;
  };
}

const weekdays = (w: DayWindow[], saturday: DayWindow[], sunday: DayWindow[]) => [w, w, w, w, w, saturday, sunday];
const std = (start: ClockTime, end: ClockTime): DayWindow[] => [{ start, end }];
const restHours: DayWindow[] = [
  { start: '21:00', end: '09:00' },
  { start: '12:00', end: '14:00' },
];

/** Presets: a sales office open every day (sales sites work weekends), a car service centre, a 24-hour property call centre. */
export const COMPLAINT_PRESETS: Record<ComplaintPresetName, ComplaintPolicy> = {
  // 003/004: sales offices receive customers seven days a week, 09:00–18:00.
  'sales-office': {
    preset: 'sales-office',
    categories: [
      { code: 'service', name: '服务', department: 'sales', investigatorRole: 'supervisor' },
      { code: 'quality', name: '房屋质量', department: 'engineering', investigatorRole: 'manager' },
      { code: 'contract', name: '合同与价格', department: 'sales', investigatorRole: 'manager' },
      { code: 'other', name: '其他', department: 'customer_service', investigatorRole: 'supervisor' },
    ],
    businessHours: { timeZone: null, week: weekdays(std('09:00', '18:00'), std('09:00', '18:00'), std('09:00', '18:00')), holidays: [], makeupWorkdays: [] },
    sla: {
      bySeverity: {
        minor: { firstResponseMinutes: 60, resolutionMinutes: 5 * 9 * 60 },
        normal: { firstResponseMinutes: 30, resolutionMinutes: 3 * 9 * 60 },
        major: { firstResponseMinutes: 15, resolutionMinutes: 9 * 60 },
      },
      overrides: [],
      grumble: { firstResponseMinutes: 30, resolutionMinutes: null },
    },
    escalation: { chain: ['cs_agent', 'supervisor', 'manager'], majorStartsAt: 'manager', importantCustomerStartsAt: 'manager' },
    approverRole: 'supervisor',
    closerRole: 'supervisor',
    discipline: { staffKind: 'violation_slip', staffAmountFen: fen(0), departmentHeadKind: 'warning_slip', departmentHeadAmountFen: fen(0) },
    followUp: { windowHours: 72, earliestAfterHours: 24, restHours, callerRole: 'supervisor', lowScoreAtMost: 6 },
  },
  // 002 服务顾问: Monday–Saturday 08:30–17:30; quality → technical lead, service → service supervisor (004).
  'car-service': {
    preset: 'car-service',
    categories: [
      { code: 'quality', name: '维修质量', department: 'workshop', investigatorRole: 'manager' },
      { code: 'service', name: '服务态度', department: 'service', investigatorRole: 'supervisor' },
      { code: 'billing', name: '收费', department: 'finance', investigatorRole: 'supervisor' },
      { code: 'other', name: '其他', department: 'service', investigatorRole: 'supervisor' },
    ],
    businessHours: { timeZone: null, week: weekdays(std('08:30', '17:30'), std('08:30', '17:30'), []), holidays: [], makeupWorkdays: [] },
    sla: {
      bySeverity: {
        minor: { firstResponseMinutes: 60, resolutionMinutes: 5 * 9 * 60 },
        normal: { firstResponseMinutes: 30, resolutionMinutes: 2 * 9 * 60 },
        major: { firstResponseMinutes: 15, resolutionMinutes: 9 * 60 },
      },
      overrides: [{ category: 'quality', severity: 'normal', firstResponseMinutes: 30, resolutionMinutes: 3 * 9 * 60 }],
      grumble: { firstResponseMinutes: 30, resolutionMinutes: null },
    },
    escalation: { chain: ['service_advisor', 'supervisor', 'manager'], majorStartsAt: 'manager', importantCustomerStartsAt: 'manager' },
    approverRole: 'supervisor',
    closerRole: 'supervisor',
    discipline: { staffKind: 'violation_slip', staffAmountFen: fen(0), departmentHeadKind: 'warning_slip', departmentHeadAmountFen: fen(0) },
    followUp: { windowHours: 72, earliestAfterHours: 24, restHours, callerRole: 'supervisor', lowScoreAtMost: 6 },
  },
  // 003 呼叫中心 / 004 客服: the call centre answers around the clock; the repair-ticket script scores 1–10.
  'property-call-centre': {
    preset: 'property-call-centre',
    categories: [
      { code: 'repair', name: '维修', department: 'engineering', investigatorRole: 'supervisor' },
      { code: 'fees', name: '收费', department: 'finance', investigatorRole: 'supervisor' },
      { code: 'service', name: '服务', department: 'customer_service', investigatorRole: 'supervisor' },
      { code: 'other', name: '其他', department: 'customer_service', investigatorRole: 'supervisor' },
    ],
    businessHours: { timeZone: null, week: weekdays(std('00:00', '24:00'), std('00:00', '24:00'), std('00:00', '24:00')), holidays: [], makeupWorkdays: [] },
    sla: {
      bySeverity: {
        minor: { firstResponseMinutes: 30, resolutionMinutes: 72 * 60 },
        normal: { firstResponseMinutes: 15, resolutionMinutes: 24 * 60 },
        major: { firstResponseMinutes: 10, resolutionMinutes: 8 * 60 },
      },
      overrides: [],
      grumble: { firstResponseMinutes: 15, resolutionMinutes: null },
    },
    escalation: { chain: ['cs_agent', 'supervisor', 'manager'], majorStartsAt: 'manager', importantCustomerStartsAt: 'manager' },
    approverRole: 'supervisor',
    closerRole: 'supervisor',
    discipline: { staffKind: 'violation_slip', staffAmountFen: fen(0), departmentHeadKind: 'warning_slip', departmentHeadAmountFen: fen(0) },
    followUp: { windowHours: 72, earliestAfterHours: 2, restHours, callerRole: 'supervisor', lowScoreAtMost: 6 },
  },
};

export const DEFAULT_COMPLAINT_POLICY = COMPLAINT_PRESETS['sales-office'];

/** `HH:MM` or `24:00` (the end of a business day). */
const isDayEnd = (v: unknown): v is string => v === '24:00' || isClockTime(v);
/** Minutes of a `HH:MM` that may be `24:00`. */
export const businessDayMinutes = (t: string) => (t === '24:00' ? 24 * 60 : minutesOf(t));

/** The level (index in the chain) a role stands at; -1 when the role is not on it. */
export const escalationChainIndex = (policy: Pick<ComplaintPolicy, 'escalation'>, role: Role) => policy.escalation.chain.indexOf(role);

export interface ComplaintPolicyProblem {
  field: string;
  message: string;
}

/** Validates a policy a manager edited. Returns the problems, field by field (empty when valid). */
export function validateComplaintPolicy(p: ComplaintPolicy): ComplaintPolicyProblem[] {
  const errors: ComplaintPolicyProblem[] = [];
  const add = (field: string, message: string) => errors.push({ field, message });
  const int = (field: string, v: unknown, min: number, max: number) => {
    if (!Number.isInteger(v) || (v as number) < min || (v as number) > max) add(field, `must be a whole number from ${min} to ${max}`);
  };

  // Categories
  if (!Array.isArray(p.categories) || !p.categories.length) add('categories', 'at least one category');
  const codes = new Set<string>();
  (p.categories ?? []).forEach((c, i) => {
    if (!/^[a-z][a-z0-9_-]{0,29}$/.test(c?.code ?? '')) add(`categories[${i}].code`, 'lower-case letters, digits, - and _, up to 30');
    else if (codes.has(c.code)) add(`categories[${i}].code`, 'codes must be unique');
    codes.add(c?.code);
    if (typeof c?.name !== 'string' || !c.name.trim() || c.name.length > 60) add(`categories[${i}].name`, 'a name of 1 to 60 characters');
    if (typeof c?.department !== 'string' || !c.department.trim() || c.department.length > 60) add(`categories[${i}].department`, 'a department of 1 to 60 characters');
    if (!isRole(c?.investigatorRole) || c.investigatorRole === 'partner') add(`categories[${i}].investigatorRole`, 'a staff role');
  });

  // Business hours
  const bh = p.businessHours;
  if (bh?.timeZone !== null && !(typeof bh?.timeZone === 'string' && isValidTimeZone(bh.timeZone))) add('businessHours.timeZone', 'an IANA time zone, or null for the site zone');
  if (!Array.isArray(bh?.week) || bh.week.length !== 7) add('businessHours.week', 'seven days, Monday first');
  else {
    let open = 0;
    bh.week.forEach((day, d) => {
      if (!Array.isArray(day)) return add(`businessHours.week[${d}]`, 'a list of opening windows');
      let previousEnd = -1;
      day.forEach((w, j) => {
        const field = `businessHours.week[${d}][${j}]`;
        if (!isClockTime(w?.start) || !isDayEnd(w?.end)) return add(field, 'start is HH:MM, end is HH:MM or 24:00');
        const [s, e] = [minutesOf(w.start), businessDayMinutes(w.end)];
        if (e <= s) add(field, 'ends after it starts, on the same day');
        if (s < previousEnd) add(field, 'windows follow each other without overlap');
        previousEnd = e;
        open += Math.max(0, e - s);
      });
    });
    if (open === 0) add('businessHours.week', 'open at least one window a week');
  }
  for (const key of ['holidays', 'makeupWorkdays'] as const) {
    if (!Array.isArray(bh?.[key])) add(`businessHours.${key}`, 'a list of dates');
    else bh[key].forEach((d, i) => isCalendarDate(d) || add(`businessHours.${key}[${i}]`, 'a date YYYY-MM-DD'));
  }
  if (Array.isArray(bh?.holidays) && Array.isArray(bh?.makeupWorkdays)) {
    bh.makeupWorkdays.forEach((d, i) => bh.holidays.includes(d) && add(`businessHours.makeupWorkdays[${i}]`, 'a day cannot be both a holiday and a working day'));
  }

  // SLA targets
  const target = (field: string, t: SlaTarget | undefined) => {
    int(`${field}.firstResponseMinutes`, t?.firstResponseMinutes, 1, 30 * 24 * 60);
    if (t?.resolutionMinutes !== null) int(`${field}.resolutionMinutes`, t?.resolutionMinutes, 1, 365 * 24 * 60);
    if (t && t.resolutionMinutes !== null && t.resolutionMinutes < t.firstResponseMinutes) add(`${field}.resolutionMinutes`, 'at least the first-response target');
  };
  for (const s of COMPLAINT_SEVERITIES) target(`sla.bySeverity.${s}`, p.sla?.bySeverity?.[s]);
  target('sla.grumble', p.sla?.grumble);
  const seen = new Set<string>();
  (p.sla?.overrides ?? []).forEach((o, i) => {
    if (!codes.has(o?.category)) add(`sla.overrides[${i}].category`, 'one of the categories');
    if (!(COMPLAINT_SEVERITIES as readonly string[]).includes(o?.severity)) add(`sla.overrides[${i}].severity`, `one of ${COMPLAINT_SEVERITIES.join(', ')}`);
    const key = `${o?.category}|${o?.severity}`;
    if (seen.has(key)) add(`sla.overrides[${i}]`, 'one override per category and severity');
    seen.add(key);
    target(`sla.overrides[${i}]`, o);
  });

  // Escalation (CMP-5)
  const chain = p.escalation?.chain;
  if (!Array.isArray(chain) || chain.length < 2) add('escalation.chain', 'at least two levels');
  else {
    if (new Set(chain).size !== chain.length) add('escalation.chain', 'each role once');
    chain.forEach((r, i) => (isRole(r) && r !== 'partner') || add(`escalation.chain[${i}]`, 'a staff role'));
    for (const k of ['majorStartsAt', 'importantCustomerStartsAt'] as const) {
      if (!chain.includes(p.escalation[k])) add(`escalation.${k}`, 'a level of the chain');
    }
  }
  for (const k of ['approverRole', 'closerRole'] as const) if (!isRole(p[k]) || p[k] === 'partner') add(k, 'a staff role');

  // Discipline (CMP-6)
  if (!(DISCIPLINE_KINDS as readonly string[]).includes(p.discipline?.staffKind)) add('discipline.staffKind', 'a discipline kind');
  if (p.discipline?.departmentHeadKind !== null && !(DISCIPLINE_KINDS as readonly string[]).includes(p.discipline?.departmentHeadKind as string)) add('discipline.departmentHeadKind', 'a discipline kind or null');
  int('discipline.staffAmountFen', p.discipline?.staffAmountFen, 0, 10_000_000);
  int('discipline.departmentHeadAmountFen', p.discipline?.departmentHeadAmountFen, 0, 10_000_000);

  // Follow-up (CMP-7, CMP-10)
  const f = p.followUp;
  int('followUp.windowHours', f?.windowHours, 1, 30 * 24);
  int('followUp.earliestAfterHours', f?.earliestAfterHours, 0, 30 * 24);
  if (Number.isInteger(f?.windowHours) && Number.isInteger(f?.earliestAfterHours) && f.earliestAfterHours >= f.windowHours) add('followUp.earliestAfterHours', 'less than the window');
  int('followUp.lowScoreAtMost', f?.lowScoreAtMost, 0, 9);
  if (!isRole(f?.callerRole) || f.callerRole === 'partner') add('followUp.callerRole', 'a staff role');
  if (!Array.isArray(f?.restHours)) add('followUp.restHours', 'a list of windows');
  else {
    f.restHours.forEach((w, i) => {
      if (!isClockTime(w?.start) || !isClockTime(w?.end) || w.start === w.end) add(`followUp.restHours[${i}]`, 'start and end are different HH:MM (may wrap midnight)');
    });
    if (errors.every((e) => !e.field.startsWith('followUp.restHours')) && restMinutesPerDay(f.restHours) > 20 * 60) add('followUp.restHours', 'leave at least four callable hours a day');
  }
  return errors;
}

/** The minutes of a day covered by rest windows (windows may wrap midnight and overlap). */
export function restMinutesPerDay(windows: readonly DayWindow[]): number {
  const covered = new Uint8Array(24 * 60);
  for (const w of windows) {
    const [s, e] = [minutesOf(w.start), minutesOf(w.end)];
    for (let m = s; m !== e; m = (m + 1) % (24 * 60)) covered[m] = 1;
  }
  return covered.reduce((a, b) => a + b, 0);
}

/** The SLA targets of a complaint: the category's override for its severity, else the severity's; grumbles have their own (CMP-2). */
export function slaTargetFor(policy: ComplaintPolicy, c: { kind: 'grumble' | 'complaint'; category: string | null; severity: ComplaintSeverity }): SlaTarget {
  if (c.kind === 'grumble') return policy.sla.grumble;
  const o = policy.sla.overrides.find((x) => x.category === c.category && x.severity === c.severity);
  return o ? { firstResponseMinutes: o.firstResponseMinutes, resolutionMinutes: o.resolutionMinutes } : policy.sla.bySeverity[c.severity];
}
