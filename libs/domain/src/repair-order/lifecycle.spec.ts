import { DomainError } from '../common/errors.js';
import type { EstimateLineInput } from './estimate.js';
import {
  agreedLines,
  currentTotals,
  decideRepairOrder,
  discountApproverRole,
  isSignedCurrent,
  openRepairOrder,
  progressCheckStatusAt,
  progressCheckWindow,
  REPAIR_ORDER_STATES,
  REPAIR_ORDER_TRANSITIONS,
  roundToNearestMinutes,
  type RepairOrderActor,
  type RepairOrderCommand,
  type RepairOrderContext,
  type RepairOrderSnapshot,
} from './lifecycle.js';
import { DEFAULT_REPAIR_ORDER_POLICY as policy } from './policy.js';

const TZ = 'Asia/Shanghai';
/** Shanghai wall clock → instant. */
const local = (date: string, time: string) => new Date(new Date(`${date}T${time}Z`).getTime() - 8 * 3_600_000);
const T0 = local('2026-03-02', '09:00:00'); // Monday
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const ctx = (now: Date = T0): RepairOrderContext => ({ policy, timeZone: TZ, now });

const advisor: RepairOrderActor = { userId: 'adv', roles: ['service_advisor'] };
const tech: RepairOrderActor = { userId: 'tech', roles: ['technician'] };
const tech2: RepairOrderActor = { userId: 'tech2', roles: ['technician'] };
const cashier: RepairOrderActor = { userId: 'cash', roles: ['cashier'] };
const sup: RepairOrderActor = { userId: 'sup', roles: ['supervisor'] };
const mgr: RepairOrderActor = { userId: 'mgr', roles: ['manager'] };

const fails = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return { code: (e as DomainError).code, kind: (e as DomainError).kind };
  }
  return { code: 'ok', kind: null };
};
const run = (o: RepairOrderSnapshot, cmd: RepairOrderCommand, actor: RepairOrderActor = advisor, now: Date = T0) => decideRepairOrder(o, cmd, actor, ctx(now));

const line = (id: string, over: Partial<EstimateLineInput> = {}): EstimateLineInput => ({
  id,
  description: `项目 ${id}`,
  system: 'brakes',
  labourHundredths: 100,
  part: { supplier: 'workshop', origin: 'oem', priceFen: 10_000, name: '配件' },
  team: 'A',
  ...over,
});
const opened = () =>
  openRepairOrder({ id: 'RO-1', customer: { name: '王先生', phone: '13800138000' }, vehicle: { plate: '京A12345', model: '瑞虎8', type: 'suv', odometerKm: 20_000 }, category: 'maintenance' }, advisor, ctx()).next;
const promisedAt = at(8 * 60); // 17:00
const estimateCmd = (lines = [line('L1')]): RepairOrderCommand => ({ type: 'estimate', lines, promisedAt, wishes: '洗车' });
const estimated = (lines?: EstimateLineInput[]) => run(opened(), estimateCmd(lines)).next;
const signed = (lines?: EstimateLineInput[]) => {
  const o = estimated(lines);
  return run(o, { type: 'sign', signer: '王先生', version: o.version }).next;
};
const checkInCmd: RepairOrderCommand = {
  type: 'check_in',
  documents: { received: ['行驶证'] },
  inspection: { exterior: '左前门划痕', interior: '正常', instruments: '正常', anomalies: ['左前门划痕'] },
  belongings: { items: ['雨伞', '行车记录仪'], signedBy: '王先生' },
  keyTag: 'K07',
  fuelPercent: 50,
  odometerKm: 20_120,
};
const checkedIn = (lines?: EstimateLineInput[]) => run(signed(lines), checkInCmd).next;
const dispatched = (lines?: EstimateLineInput[]) => run(checkedIn(lines), { type: 'dispatch', target: { kind: 'team', team: 'A' }, receiverId: 'tech', receiverName: '李师傅' }).next;
const finished = () => {
  let o = run(dispatched(), { type: 'start_work', lineId: 'L1' }, tech).next;
  o = run(o, { type: 'finish_work', lineId: 'L1' }, tech).next;
  return run(o, { type: 'complete' }, tech).next;
};
const ready = () => {
  const qc = run(finished(), { type: 'quality_check', passed: true, notes: '合格' }, sup).next;
  return run(qc, { type: 'prepare_delivery', cleaned: true, belongingsReturned: true }).next;
};
const docs = { repairOrder: true, settlement: true, warrantyCertificate: true, vehicleDocuments: true, key: true };
const EXIT_AT = local('2026-03-02', '17:10:00');
const exited = () => {
  const s = run(ready(), { type: 'settle', paidFen: 22_000 }, cashier).next;
  return run(s, { type: 'exit', documents: docs, signer: '王先生', version: s.version }, advisor, EXIT_AT).next;
};

describe('RO life cycle: transitions are explicit (409 otherwise)', () => {
  it('every command names states that exist', () => {
    for (const states of Object.values(REPAIR_ORDER_TRANSITIONS)) for (const s of states) expect(REPAIR_ORDER_STATES).toContain(s);
  });
  it('refuses a command in the wrong state, an unknown command, and a role that may not give it', () => {
    expect(fails(() => run(opened(), checkInCmd))).toEqual({ code: 'RO_TRANSITION_NOT_ALLOWED', kind: 'conflict' });
    expect(fails(() => run(opened(), { type: 'fly' } as unknown as RepairOrderCommand))).toEqual({ code: 'RO_COMMAND_UNKNOWN', kind: 'invalid' });
    expect(fails(() => run(opened(), estimateCmd(), tech))).toEqual({ code: 'RO_ROLE_REQUIRED', kind: 'forbidden' });
    expect(fails(() => openRepairOrder({ id: 'x', customer: { name: 'a', phone: '1' }, vehicle: { plate: '京A12345', model: 'm', type: 'car', odometerKm: 0 }, category: 'c' }, tech, ctx()))).toMatchObject({ code: 'RO_ROLE_REQUIRED' });
  });
  it('never mutates the loaded snapshot', () => {
    const o = estimated();
    const copy = structuredClone(o);
    run(o, { type: 'sign', signer: '王先生', version: o.version });
    expect(o).toEqual(copy);
  });
  it('GEN-10 the advisor who opened the order owns it until a recorded hand-over', () => {
    const o = opened();
    expect(o.advisorId).toBe('adv');
    const d = run(o, { type: 'hand_over', toUserId: 'adv2', reason: '休假' });
    expect(d.next.advisorId).toBe('adv2');
    expect(d.effects).toContainEqual({ type: 'handover', from: 'adv', to: 'adv2', reason: '休假' });
    expect(fails(() => run(o, { type: 'hand_over', toUserId: 'adv2', reason: '' }))).toMatchObject({ code: 'HANDOVER_REASON_REQUIRED' });
  });
});

describe('RO-2 diagnosis only with the customer consent', () => {
  it('consent, then the report handed over, with the technician who helped', () => {
    const c = run(opened(), { type: 'consent_diagnosis', signer: '王先生' }).next;
    expect(c.state).toBe('diagnosing');
    expect(c.signatures[0]).toMatchObject({ purpose: 'diagnosis_consent', signer: '王先生' });
    const d = run(c, { type: 'record_diagnosis', findings: '刹车片磨损', recommendation: '更换', assistedBy: 'tech', reportHandedOver: true }).next;
    expect(d.state).toBe('diagnosed');
    expect(d.diagnosis).toMatchObject({ assistedBy: 'tech', reportHandedOverAt: T0 });
  });
  it('no diagnosis without consent; no diagnosis recorded without the report handed over', () => {
    expect(fails(() => run(opened(), { type: 'record_diagnosis', findings: 'x', recommendation: 'y', reportHandedOver: true }))).toMatchObject({ code: 'RO_TRANSITION_NOT_ALLOWED' });
    const c = run(opened(), { type: 'consent_diagnosis', signer: '王先生' }).next;
    expect(fails(() => run(c, { type: 'record_diagnosis', findings: 'x', recommendation: 'y', reportHandedOver: false }))).toMatchObject({ code: 'RO_DIAGNOSIS_REPORT_REQUIRED' });
    expect(fails(() => run(opened(), { type: 'consent_diagnosis', signer: ' ' }))).toMatchObject({ code: 'RO_DATA_REQUIRED', kind: 'invalid' });
  });
});

describe('RO-3/RO-4 estimate and the signature bound to the order version', () => {
  it('the estimate sets work, price, promised time and wishes, and a new version', () => {
    const o = estimated();
    expect(o).toMatchObject({ state: 'estimated', version: 1, promisedAt, wishes: '洗车' });
    expect(o.estimate!.totalFen).toBe(22_000);
    expect(o.estimate!.method).toBe('system');
  });
  it('the promised time lies in the future', () => {
    expect(fails(() => run(opened(), { type: 'estimate', lines: [line('L1')], promisedAt: at(-1) }))).toMatchObject({ code: 'RO_PROMISED_TIME_IN_PAST' });
  });
  it('the customer signs the version they saw; a stale version is refused', () => {
    const o = estimated();
    expect(fails(() => run(o, { type: 'sign', signer: '王先生', version: 0 }))).toEqual({ code: 'RO_ORDER_VERSION_CHANGED', kind: 'conflict' });
    const s = run(o, { type: 'sign', signer: '王先生', version: 1 }).next;
    expect(isSignedCurrent(s)).toBe(true);
  });
  it('a changed order needs a new signature before check-in', () => {
    const s = signed();
    const changed = run(s, estimateCmd([line('L1'), line('L2')])).next;
    expect(changed).toMatchObject({ state: 'estimated', version: 2 });
    expect(isSignedCurrent(changed)).toBe(false);
    expect(fails(() => run(changed, checkInCmd))).toMatchObject({ code: 'RO_TRANSITION_NOT_ALLOWED' });
    const resigned = run(changed, { type: 'sign', signer: '王先生', version: 2 }).next;
    expect(resigned.signatures.filter((x) => x.purpose === 'order').map((x) => x.version)).toEqual([1, 2]);
    expect(run(resigned, checkInCmd).next.state).toBe('checked_in');
  });
  it('the warranty disclaimer travels with the order when a customer part is used', () => {
    const o = estimated([line('L1', { part: { supplier: 'customer', origin: 'oem', priceFen: 0, name: '自带刹车片' } })]);
    expect(o.estimate!.disclaimerLineIds).toEqual(['L1']);
    expect(o.estimate!.disclaimer).toContain('不作担保');
  });
});

describe('RO-4 a declined order ends with an exit notice and the diagnosis/estimate fee', () => {
  it('after a diagnosis: the diagnosis fee (policy), and the estimate fee when estimated', () => {
    let o = run(opened(), { type: 'consent_diagnosis', signer: '王先生' }).next;
    o = run(o, { type: 'record_diagnosis', findings: 'x', recommendation: 'y', reportHandedOver: true }).next;
    const d = run(o, { type: 'decline', kind: 'declined', reason: '价格太高' });
    expect(d.next.state).toBe('declined');
    expect(d.next.decline!.feeFen).toBe(policy.fees.diagnosisFen);
    expect(d.effects).toContainEqual({ type: 'exit_notice', kind: 'declined', feeFen: policy.fees.diagnosisFen, feeLines: ['diagnosis'] });
    const withEstimate = run(run(o, estimateCmd()).next, { type: 'decline', kind: 'appointment', reason: '改天预约' }, advisor, T0, );
    expect(withEstimate.effects).toContainEqual({ type: 'exit_notice', kind: 'appointment', feeFen: policy.fees.diagnosisFen + policy.fees.estimateFen, feeLines: ['diagnosis', 'estimate'] });
  });
  it('nothing to pay when nothing was diagnosed or estimated; no decline once checked in', () => {
    expect(run(opened(), { type: 'decline', kind: 'declined', reason: '只是咨询' }).next.decline!.feeFen).toBe(0);
    expect(fails(() => run(checkedIn(), { type: 'decline', kind: 'declined', reason: 'x' }))).toMatchObject({ code: 'RO_TRANSITION_NOT_ALLOWED' });
    expect(fails(() => run(opened(), { type: 'decline', kind: 'maybe' as 'declined', reason: 'x' }))).toMatchObject({ code: 'RO_DATA_REQUIRED' });
  });
});

describe('RO-5 check-in requirements', () => {
  it('records documents, inspection, the signed belongings list, key tag, fuel and odometer', () => {
    const o = checkedIn();
    expect(o.checkIn).toMatchObject({ keyTag: 'K07', fuelPercent: 50, odometerKm: 20_120, belongings: ['雨伞', '行车记录仪'] });
    expect(o.signatures.map((s) => s.purpose)).toEqual(['order', 'belongings']);
    expect(o.vehicle.odometerKm).toBe(20_120);
  });
  it('document differences are signed by the customer', () => {
    const cmd = { ...checkInCmd, documents: { received: ['行驶证'], differences: '年审标缺失' } } as RepairOrderCommand;
    expect(fails(() => run(signed(), cmd))).toMatchObject({ code: 'RO_DATA_REQUIRED' });
    const o = run(signed(), { ...cmd, documents: { received: ['行驶证'], differences: '年审标缺失', differencesSignedBy: '王先生' } } as RepairOrderCommand).next;
    expect(o.signatures.map((s) => s.purpose)).toContain('document_differences');
  });
  it('refuses a missing signature on the belongings list, a bad key tag, fuel out of range, an odometer below the file', () => {
    const s = signed();
    const bad = (over: object) => fails(() => run(s, { ...checkInCmd, ...over } as RepairOrderCommand)).code;
    expect(bad({ belongings: { items: ['雨伞'], signedBy: '' } })).toBe('RO_DATA_REQUIRED');
    expect(bad({ keyTag: 'K 07' })).toBe('RO_DATA_REQUIRED');
    expect(bad({ fuelPercent: 101 })).toBe('RO_DATA_REQUIRED');
    expect(bad({ odometerKm: 19_999 })).toBe('RO_ODOMETER_BELOW_FILE');
    expect(bad({ odometerKm: 20_000 })).toBe('ok');
  });
});

describe('RO-6 dispatch and the receiver signature time to the nearest 10 minutes', () => {
  it('rounds the site wall clock to the nearest 10 minutes, half up', () => {
    expect(roundToNearestMinutes(local('2026-03-02', '10:04:59'), 10, TZ)).toEqual(local('2026-03-02', '10:00:00'));
    expect(roundToNearestMinutes(local('2026-03-02', '10:05:00'), 10, TZ)).toEqual(local('2026-03-02', '10:10:00'));
    expect(roundToNearestMinutes(local('2026-03-02', '23:57:00'), 10, TZ)).toEqual(local('2026-03-03', '00:00:00'));
    expect(roundToNearestMinutes(local('2026-03-02', '10:20:00'), 10, TZ)).toEqual(local('2026-03-02', '10:20:00'));
    // Kathmandu is UTC+05:45: rounding follows the local wall clock, not UTC.
    expect(roundToNearestMinutes(new Date('2026-03-02T04:20:00Z'), 10, 'Asia/Kathmandu')).toEqual(new Date('2026-03-02T04:25:00Z'));
  });
  it('keeps the exact instant and the rounded signed time', () => {
    const now = local('2026-03-02', '09:36:10');
    const d = run(checkedIn(), { type: 'dispatch', target: { kind: 'team', team: 'A' }, receiverId: 'tech', receiverName: '李师傅' }, advisor, now);
    expect(d.next.dispatch).toMatchObject({ at: now, signedTime: local('2026-03-02', '09:40:00'), receiverName: '李师傅' });
  });
  it('single-team work goes to its team; multi-team work to the workshop lead', () => {
    const multi = checkedIn([line('L1'), line('L2', { team: 'B' })]);
    expect(fails(() => run(multi, { type: 'dispatch', target: { kind: 'team', team: 'A' }, receiverId: 'tech', receiverName: '李师傅' }))).toMatchObject({ code: 'RO_DISPATCH_MULTI_TEAM' });
    expect(run(multi, { type: 'dispatch', target: { kind: 'workshop_lead' }, receiverId: 'lead', receiverName: '车间主管' }).next.state).toBe('dispatched');
    expect(fails(() => run(checkedIn(), { type: 'dispatch', target: { kind: 'team', team: 'B' }, receiverId: 'tech', receiverName: '李师傅' }))).toMatchObject({ code: 'RO_DISPATCH_WRONG_TEAM' });
    expect(fails(() => run(checkedIn(), { type: 'dispatch', target: { kind: 'team', team: 'A' }, receiverId: 'tech', receiverName: '' }))).toMatchObject({ code: 'RO_DATA_REQUIRED' });
  });
});

describe('RO-7 additional work: no start before the customer yes', () => {
  const reported = () => run(dispatched(), { type: 'report_additional_work', lines: [line('A1', { system: 'suspension' })], delayMinutes: 60 }, tech).next;
  it('reported by the workshop, pending until the customer answers; starting it is refused', () => {
    const o = reported();
    expect(o.additional[0]).toMatchObject({ delayMinutes: 60, reportedBy: 'tech', consent: null });
    expect(fails(() => run(o, { type: 'start_work', lineId: 'A1' }, tech))).toEqual({ code: 'RO_ADDITIONAL_WORK_NOT_APPROVED', kind: 'unprocessable' });
    expect(agreedLines(o).map((l) => l.id)).toEqual(['L1']);
  });
  it('yes: recorded with time, channel and the workshop person told; a new version, the promised time moves by the delay', () => {
    const o = reported();
    const now = at(30);
    const d = run(o, { type: 'record_additional_consent', lineIds: ['A1'], decision: 'yes', channel: 'phone', workshopToldName: '李师傅' }, advisor, now);
    expect(d.next.additional[0].consent).toEqual({ decision: 'yes', at: now, channel: 'phone', recordedBy: 'adv', workshopToldName: '李师傅' });
    expect(d.next.version).toBe(o.version + 1);
    expect(d.next.promisedAt).toEqual(new Date(promisedAt.getTime() + 60 * 60_000));
    expect(d.effects).toContainEqual({ type: 'workshop_notice', to: '李师傅', lineIds: ['A1'], decision: 'yes', at: now });
    expect(run(d.next, { type: 'start_work', lineId: 'A1' }, tech).next.state).toBe('in_progress');
    expect(currentTotals(d.next)!.totalFen).toBe(44_000);
  });
  it('no: recorded, the work is never started, the price and the version stay', () => {
    const o = reported();
    const n = run(o, { type: 'record_additional_consent', lineIds: ['A1'], decision: 'no', channel: 'phone', workshopToldName: '李师傅' }).next;
    expect(n.version).toBe(o.version);
    expect(fails(() => run(n, { type: 'start_work', lineId: 'A1' }, tech))).toMatchObject({ code: 'RO_ADDITIONAL_WORK_DECLINED' });
    expect(fails(() => run(n, { type: 'record_additional_consent', lineIds: ['A1'], decision: 'yes', channel: 'phone', workshopToldName: '李师傅' }))).toMatchObject({ code: 'RO_CONSENT_ALREADY_RECORDED' });
  });
  it('refuses an unknown line, a missing channel or workshop person, a clashing line id', () => {
    const o = reported();
    expect(fails(() => run(o, { type: 'record_additional_consent', lineIds: ['Z9'], decision: 'yes', channel: 'phone', workshopToldName: '李师傅' }))).toMatchObject({ code: 'RO_LINE_UNKNOWN' });
    expect(fails(() => run(o, { type: 'record_additional_consent', lineIds: ['A1'], decision: 'yes', channel: 'carrier_pigeon' as 'phone', workshopToldName: '李师傅' }))).toMatchObject({ code: 'RO_DATA_REQUIRED' });
    expect(fails(() => run(o, { type: 'record_additional_consent', lineIds: ['A1'], decision: 'yes', channel: 'phone', workshopToldName: '' }))).toMatchObject({ code: 'RO_DATA_REQUIRED' });
    expect(fails(() => run(o, { type: 'report_additional_work', lines: [line('L1')], delayMinutes: 10 }, tech))).toMatchObject({ code: 'RO_LINE_ID_TAKEN' });
  });
  it('the order cannot complete while an answer is missing', () => {
    let o = run(reported(), { type: 'start_work', lineId: 'L1' }, tech).next;
    o = run(o, { type: 'finish_work', lineId: 'L1' }, tech).next;
    expect(fails(() => run(o, { type: 'complete' }, tech))).toMatchObject({ code: 'RO_ADDITIONAL_WORK_PENDING' });
  });
});

describe('RO-8 progress check at 70–80 % of the promised duration', () => {
  it('the window runs from the hand-over to the workshop to the promised time', () => {
    // Dispatched at 09:00, promised 17:00: 8 hours → 14:36 to 15:24.
    const o = dispatched();
    expect(progressCheckWindow(o, policy)).toEqual({ from: local('2026-03-02', '14:36:00'), to: local('2026-03-02', '15:24:00') });
    expect(progressCheckStatusAt(o, policy, local('2026-03-02', '14:35:59'))).toBe('not_yet');
    expect(progressCheckStatusAt(o, policy, local('2026-03-02', '14:36:00'))).toBe('due');
    expect(progressCheckStatusAt(o, policy, local('2026-03-02', '15:24:00'))).toBe('overdue');
  });
  it('a check inside the window is done; an early one does not count', () => {
    const o = dispatched();
    const early = run(o, { type: 'record_progress_check' }, advisor, local('2026-03-02', '10:00:00')).next;
    expect(progressCheckStatusAt(early, policy, local('2026-03-02', '15:00:00'))).toBe('due');
    const inWindow = run(o, { type: 'record_progress_check' }, advisor, local('2026-03-02', '15:00:00')).next;
    expect(progressCheckStatusAt(inWindow, policy, local('2026-03-02', '16:00:00'))).toBe('done');
  });
  it('an anomaly is acted on at once: the action is required and announced', () => {
    const o = dispatched();
    expect(fails(() => run(o, { type: 'record_progress_check', anomalies: '配件未到' }))).toMatchObject({ code: 'RO_DATA_REQUIRED' });
    const d = run(o, { type: 'record_progress_check', anomalies: '配件未到', action: '调货并通知客户' });
    expect(d.effects).toContainEqual({ type: 'progress_anomaly', anomalies: '配件未到', action: '调货并通知客户' });
  });
  it('the window follows the promised time moved by additional work', () => {
    let o = run(dispatched(), { type: 'report_additional_work', lines: [line('A1')], delayMinutes: 120 }, tech).next;
    o = run(o, { type: 'record_additional_consent', lineIds: ['A1'], decision: 'yes', channel: 'phone', workshopToldName: '李师傅' }).next;
    // 10 hours → 16:00 to 17:00.
    expect(progressCheckWindow(o, policy)).toEqual({ from: local('2026-03-02', '16:00:00'), to: local('2026-03-02', '17:00:00') });
  });
});

describe('RO-9 completion, quality check, settlement with discount approval, exit', () => {
  it('completes only when every agreed line is finished', () => {
    const o = run(dispatched([line('L1'), line('L2')]), { type: 'start_work', lineId: 'L1' }, tech).next;
    const one = run(o, { type: 'finish_work', lineId: 'L1' }, tech).next;
    expect(fails(() => run(one, { type: 'complete' }, tech))).toMatchObject({ code: 'RO_WORK_UNFINISHED' });
    expect(fails(() => run(one, { type: 'finish_work', lineId: 'L2' }, tech))).toMatchObject({ code: 'RO_WORK_NOT_STARTED' });
    expect(fails(() => run(one, { type: 'start_work', lineId: 'L1' }, tech))).toMatchObject({ code: 'RO_WORK_ALREADY_DONE' });
  });
  it('a failed quality check sends named lines back for rework', () => {
    const failed = run(finished(), { type: 'quality_check', passed: false, notes: '异响', reworkLineIds: ['L1'] }, sup).next;
    expect(failed.state).toBe('in_progress');
    expect(fails(() => run(failed, { type: 'complete' }, tech))).toMatchObject({ code: 'RO_WORK_UNFINISHED' });
    let o = run(failed, { type: 'start_work', lineId: 'L1' }, tech, at(60)).next;
    o = run(o, { type: 'finish_work', lineId: 'L1' }, tech, at(90)).next;
    expect(run(o, { type: 'complete' }, tech, at(91)).next.state).toBe('completed');
    expect(fails(() => run(finished(), { type: 'quality_check', passed: false, notes: '异响' }, sup))).toMatchObject({ code: 'RO_DATA_REQUIRED' });
  });
  it('the only technician does not pass their own work', () => {
    expect(fails(() => run(finished(), { type: 'quality_check', passed: true, notes: '合格' }, tech))).toMatchObject({ code: 'RO_SELF_INSPECTION_FORBIDDEN' });
    expect(run(finished(), { type: 'quality_check', passed: true, notes: '合格' }, tech2).next.state).toBe('quality_checked');
  });
  it('cleaning and belongings back before delivery', () => {
    const qc = run(finished(), { type: 'quality_check', passed: true, notes: '合格' }, sup).next;
    expect(fails(() => run(qc, { type: 'prepare_delivery', cleaned: true, belongingsReturned: false }))).toMatchObject({ code: 'RO_DELIVERY_NOT_READY' });
  });
  it('a discount goes to the approver of its level (supervisor up to 10 %, manager up to 20 %, director beyond)', () => {
    expect(discountApproverRole(1_000, 22_000, policy).role).toBe('supervisor');
    expect(discountApproverRole(2_200, 22_000, policy).role).toBe('supervisor'); // exactly 10 %
    expect(discountApproverRole(2_201, 22_000, policy).role).toBe('manager');
    expect(discountApproverRole(10_000, 22_000, policy).role).toBe('director');
  });
  it('GEN-6 a supervisor asking goes one level up; nobody approves their own request; the level is enforced', () => {
    const r = ready();
    const bySup = run(r, { type: 'request_discount', amountFen: 1_000, reason: '老客户' }, sup);
    expect(bySup.next.discount!.approverRole).toBe('manager');
    expect(fails(() => run(bySup.next, { type: 'decide_discount', decision: 'approved' }, sup))).toMatchObject({ code: 'SELF_APPROVAL_FORBIDDEN' });
    const byAdv = run(r, { type: 'request_discount', amountFen: 3_000, reason: '老客户' }).next;
    expect(byAdv.discount!.approverRole).toBe('manager');
    expect(fails(() => run(byAdv, { type: 'decide_discount', decision: 'approved' }, sup))).toMatchObject({ code: 'APPROVER_ROLE_REQUIRED' });
    expect(run(byAdv, { type: 'decide_discount', decision: 'approved' }, mgr).next.discount!.decision).toMatchObject({ decision: 'approved', by: 'mgr' });
    expect(fails(() => run(r, { type: 'request_discount', amountFen: 22_001, reason: 'x' }))).toMatchObject({ code: 'RO_DISCOUNT_TOO_LARGE' });
  });
  it('settlement waits for the discount decision, applies an approved one, and records what is still owed', () => {
    const req = run(ready(), { type: 'request_discount', amountFen: 2_000, reason: '老客户' }).next;
    expect(fails(() => run(req, { type: 'settle', paidFen: 0 }, cashier))).toMatchObject({ code: 'RO_DISCOUNT_PENDING' });
    const ok = run(req, { type: 'decide_discount', decision: 'approved' }, sup).next;
    const s = run(ok, { type: 'settle', paidFen: 15_000 }, cashier).next;
    expect(s.settlement).toMatchObject({ totalFen: 22_000, discountFen: 2_000, dueFen: 20_000, paidFen: 15_000, receivableFen: 5_000 });
    const rejected = run(req, { type: 'decide_discount', decision: 'rejected', comment: '不符合政策' }, sup).next;
    expect(run(rejected, { type: 'settle', paidFen: 22_000 }, cashier).next.settlement!.discountFen).toBe(0);
    expect(fails(() => run(ok, { type: 'settle', paidFen: 20_001 }, cashier))).toMatchObject({ code: 'RO_OVERPAYMENT' });
  });
  it('exit: everything handed over, the customer signs the final version; key released, follow-up and next service planned', () => {
    const s = run(ready(), { type: 'settle', paidFen: 22_000 }, cashier).next;
    const now = local('2026-03-02', '17:10:00');
    expect(fails(() => run(s, { type: 'exit', documents: { ...docs, warrantyCertificate: false }, signer: '王先生', version: s.version }, advisor, now))).toMatchObject({ code: 'RO_EXIT_DOCUMENTS_MISSING' });
    expect(fails(() => run(s, { type: 'exit', documents: docs, signer: '王先生', version: s.version - 1 }, advisor, now))).toMatchObject({ code: 'RO_ORDER_VERSION_CHANGED' });
    const d = run(s, { type: 'exit', documents: docs, signer: '王先生', version: s.version }, advisor, now);
    expect(d.next.state).toBe('exited');
    expect(d.next.signatures.at(-1)).toMatchObject({ purpose: 'exit', version: s.version });
    expect(d.effects).toContainEqual({ type: 'key_tag_released', keyTag: 'K07' });
    expect(d.effects).toContainEqual({ type: 'exit_notice', kind: 'repaired', feeFen: 0, feeLines: [] });
    // RO-10: 2 days later at the first callable time (not in the 21:00–09:00 rest), due a week after exit.
    expect(d.next.followUp).toMatchObject({ plannedAt: local('2026-03-04', '17:10:00'), dueBy: local('2026-03-09', '17:10:00'), assigneeRole: 'service_advisor' });
    expect(d.next.exit!.nextService).toMatchObject({ dueDate: '2026-09-02', byKm: 25_120 });
  });
});

describe('RO life cycle: malformed input is a DomainError (a 4xx), never a crash', () => {
  const everyone: RepairOrderActor = { userId: 'all', roles: ['service_advisor', 'technician', 'supervisor', 'manager', 'cashier'] };
  const fieldNames = ['signer', 'findings', 'recommendation', 'assistedBy', 'reportHandedOver', 'method', 'lines', 'qualityNoticeGiven', 'promisedAt', 'wishes', 'category', 'version', 'kind', 'reason', 'documents', 'inspection', 'belongings', 'keyTag', 'fuelPercent', 'odometerKm', 'target', 'receiverId', 'receiverName', 'delayMinutes', 'lineIds', 'decision', 'channel', 'workshopToldName', 'lineId', 'anomalies', 'action', 'passed', 'notes', 'reworkLineIds', 'cleaned', 'belongingsReturned', 'amountFen', 'comment', 'paidFen', 'toUserId'];
  const garbage: unknown[] = [undefined, null, 42, -1, 1.5, 'x', '', {}, [], [null], [{}], true, new Date(NaN), { kind: 'team' }];
  const snapshots = (): RepairOrderSnapshot[] => {
    const diag = run(opened(), { type: 'consent_diagnosis', signer: '王先生' }).next;
    const withDiscount = run(ready(), { type: 'request_discount', amountFen: 100, reason: 'x' }).next;
    return [opened(), diag, estimated(), signed(), checkedIn(), dispatched(), finished(), ready(), withDiscount, run(ready(), { type: 'settle', paidFen: 0 }, cashier).next];
  };
  it('every command with every kind of garbage', () => {
    let checked = 0;
    for (const o of snapshots()) {
      for (const type of Object.keys(REPAIR_ORDER_TRANSITIONS)) {
        if (!REPAIR_ORDER_TRANSITIONS[type as keyof typeof REPAIR_ORDER_TRANSITIONS].includes(o.state)) continue;
        for (const v of garbage) {
          const cmd = { type, ...Object.fromEntries(fieldNames.map((f) => [f, v])) } as unknown as RepairOrderCommand;
          try {
            decideRepairOrder(o, cmd, everyone, ctx());
          } catch (e) {
            expect(e).toBeInstanceOf(DomainError);
          }
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
  });
});

describe('RO life cycle: one malformed field in an otherwise valid command is a DomainError', () => {
  const everyone: RepairOrderActor = { userId: 'all', roles: ['service_advisor', 'technician', 'supervisor', 'manager', 'cashier'] };
  const garbage: unknown[] = [undefined, null, 42, 'x', '', {}, [], [null], true, new Date(NaN)];
  const valid: RepairOrderCommand[] = [
    { type: 'consent_diagnosis', signer: '王先生' },
    { type: 'record_diagnosis', findings: 'x', recommendation: 'y', assistedBy: 'tech', reportHandedOver: true },
    { ...(estimateCmd() as object), qualityNoticeGiven: true, method: 'item', category: 'repair' } as RepairOrderCommand,
    { type: 'sign', signer: '王先生', version: 1 },
    { type: 'decline', kind: 'declined', reason: 'x' },
    { ...checkInCmd, documents: { received: ['行驶证'], differences: '缺', differencesSignedBy: '王先生' } } as RepairOrderCommand,
    { type: 'dispatch', target: { kind: 'team', team: 'A' }, receiverId: 'tech', receiverName: '李师傅' },
    { type: 'report_additional_work', lines: [line('A1')], delayMinutes: 30 },
    { type: 'record_additional_consent', lineIds: ['A1'], decision: 'yes', channel: 'phone', workshopToldName: '李师傅' },
    { type: 'start_work', lineId: 'L1' },
    { type: 'record_progress_check', anomalies: 'x', action: 'y' },
    { type: 'quality_check', passed: false, notes: 'x', reworkLineIds: ['L1'] },
    { type: 'prepare_delivery', cleaned: true, belongingsReturned: true },
    { type: 'request_discount', amountFen: 100, reason: 'x' },
    { type: 'decide_discount', decision: 'approved', comment: 'ok' },
    { type: 'settle', paidFen: 0 },
    { type: 'exit', documents: docs, signer: '王先生', version: 1 },
    { type: 'hand_over', toUserId: 'u2', reason: 'x' },
    { type: 'book_follow_up', at: local('2026-03-05', '10:00:00') },
    { type: 'record_follow_up', answers: { solved: true, attitude: 'satisfied', charged: true, score: 9, suggestions: '', careAdviceGiven: true, nextServiceDateTold: true } },
  ];
  const mutations = (cmd: RepairOrderCommand): RepairOrderCommand[] => {
    const out: RepairOrderCommand[] = [];
    for (const [k, v] of Object.entries(cmd)) {
      if (k === 'type') continue;
      for (const g of garbage) out.push({ ...cmd, [k]: g } as RepairOrderCommand);
      const inner = Array.isArray(v) ? v[0] : v;
      if (inner && typeof inner === 'object' && !(inner instanceof Date)) {
        for (const ik of Object.keys(inner)) {
          for (const g of garbage) {
            const changed = { ...inner, [ik]: g };
            out.push({ ...cmd, [k]: Array.isArray(v) ? [changed] : changed } as RepairOrderCommand);
          }
        }
      }
    }
    return out;
  };
  it('each field and each nested field, in every state that takes the command', () => {
    const states = [opened(), run(opened(), { type: 'consent_diagnosis', signer: '王先生' }).next, estimated(), signed(), checkedIn(), dispatched(), finished(), ready(), run(ready(), { type: 'request_discount', amountFen: 100, reason: 'x' }).next, run(ready(), { type: 'settle', paidFen: 0 }, cashier).next, exited()];
    let checked = 0;
    for (const o of states) {
      for (const cmd of valid) {
        if (!REPAIR_ORDER_TRANSITIONS[cmd.type].includes(o.state)) continue;
        for (const m of mutations(cmd)) {
          try {
            decideRepairOrder(o, m, everyone, ctx());
          } catch (e) {
            if (!(e instanceof DomainError)) throw new Error(`${m.type} in ${o.state}: ${(e as Error).message} for ${JSON.stringify(m)}`);
          }
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});

describe('RO-10 the follow-up call on the order, 2 days to a week after exit (CMP-7 mechanism)', () => {
  const good = { solved: true, attitude: 'satisfied', charged: true, score: 9, suggestions: '', careAdviceGiven: true, nextServiceDateTold: true } as const;
  it('a busy customer books a later call; never in rest hours', () => {
    const o = exited();
    const now = local('2026-03-04', '17:10:00');
    expect(fails(() => run(o, { type: 'book_follow_up', at: local('2026-03-05', '22:00:00') }, advisor, now))).toMatchObject({ code: 'FOLLOW_UP_IN_REST_HOURS' });
    const b = run(o, { type: 'book_follow_up', at: local('2026-03-05', '10:00:00') }, advisor, now);
    expect(b.next.followUp).toMatchObject({ plannedAt: local('2026-03-05', '10:00:00'), bookedByCustomer: true, dueBy: local('2026-03-09', '17:10:00') });
  });
  it('records the answers once; a problem opens a case for the advisor', () => {
    const o = exited();
    const ok = run(o, { type: 'record_follow_up', answers: good }, advisor, local('2026-03-04', '17:10:00'));
    expect(ok.next.followUpResult!.verdict.openCase).toBe(false);
    expect(fails(() => run(ok.next, { type: 'record_follow_up', answers: good }))).toMatchObject({ code: 'RO_FOLLOW_UP_NOT_OPEN' });
    const bad = run(o, { type: 'record_follow_up', answers: { ...good, solved: false } });
    expect(bad.effects).toContainEqual({ type: 'open_case', reasons: ['not_solved'] });
  });
});

describe('RO-3/RO-9 the price at settlement is the estimate price, whatever the policy says later', () => {
  it('a symptom estimate keeps its margin after the site edits the policy', () => {
    let o = run(opened(), { type: 'estimate', method: 'symptom', lines: [line('L1')], promisedAt }).next;
    o = run(o, { type: 'sign', signer: '王先生', version: o.version }).next;
    o = run(run(o, checkInCmd).next, { type: 'dispatch', target: { kind: 'team', team: 'A' }, receiverId: 'tech', receiverName: '李师傅' }).next;
    o = run(run(o, { type: 'start_work', lineId: 'L1' }, tech).next, { type: 'finish_work', lineId: 'L1' }, tech).next;
    o = run(run(o, { type: 'complete' }, tech).next, { type: 'quality_check', passed: true, notes: 'ok' }, sup).next;
    o = run(o, { type: 'prepare_delivery', cleaned: true, belongingsReturned: true }).next;
    const edited = { ...policy, estimate: { ...policy.estimate, symptomRiskMarginPercent: 50 } };
    const s = decideRepairOrder(o, { type: 'settle', paidFen: 0 }, cashier, { policy: edited, timeZone: TZ, now: T0 }).next;
    expect(s.settlement!.totalFen).toBe(25_300); // 22,000 + 15 %
  });
});

describe('RO-1 opening an order refuses malformed input with a DomainError', () => {
  it('garbage in every field', () => {
    for (const v of [undefined, null, 42, '', 'x', {}, [], true]) {
      const input = { id: v, customer: { name: v, phone: v }, vehicle: { plate: v, model: v, type: v, odometerKm: v, kmPerDay: v }, category: v };
      expect(fails(() => openRepairOrder(input as never, advisor, ctx()))).toMatchObject({ code: 'RO_DATA_REQUIRED' });
      expect(fails(() => openRepairOrder(v as never, advisor, ctx()))).toMatchObject({ code: 'RO_DATA_REQUIRED' });
    }
    expect(fails(() => openRepairOrder({ id: 'x', customer: { name: 'a', phone: '1' }, vehicle: { plate: '京A12345', model: 'm', type: 'car', odometerKm: 0, kmPerDay: -5 }, category: 'c' }, advisor, ctx()))).toMatchObject({ code: 'RO_DATA_REQUIRED' });
  });
});
