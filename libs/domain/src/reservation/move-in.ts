import { DomainError } from '../common/errors.js';
import type { Role } from '../common/roles.js';
import type { LocalDate } from '../common/time.js';
import { splitCsv } from './units.js';

/**
 * Move-in appointments (入住/收楼, 000 收楼流程; SPEC RES-7, RES-8). The sales department sends the next
 * day's schedule (入住时间预约安排表) a day ahead; the desk checks owners in against it; the visit then
 * passes four steps, each with who holds the papers.
 */

/** RES-8: the four steps of the visit, then done (the certificate reached the document clerk). */
export const MOVE_IN_STEPS = ['reception', 'greeting', 'verification', 'payment', 'done'] as const;
export type MoveInStep = (typeof MOVE_IN_STEPS)[number];

/**
 * RES-8: who moves the visit into a step. Reception (引领): the receptionist; greeting (接待): the group
 * leader with the service ambassador (服务大使, here the customer-service role); verification (验证):
 * the salesperson; payment (交款): the cashier; done: the ambassador hands the certificate to the
 * document clerk (资料文员). The manager may act at any step.
 */
export const MOVE_IN_STEP_ROLES: Record<MoveInStep, readonly Role[]> = {
  reception: ['receptionist', 'manager'],
  greeting: ['supervisor', 'consultant', 'cs_agent', 'manager'],
  verification: ['consultant', 'cs_agent', 'manager'],
  payment: ['cashier', 'cs_agent', 'manager'],
  done: ['cs_agent', 'clerk', 'manager'],
};

/** RES-7: who sends the schedule and gives new times: the sales department. */
export const MOVE_IN_SCHEDULE_ROLES: readonly Role[] = ['clerk', 'supervisor', 'manager'];
/** RES-7: who checks owners in: the receptionist at the desk; the service ambassador in the hall. */
export const MOVE_IN_DESK_ROLES: readonly Role[] = ['receptionist', 'manager'];
export const MOVE_IN_HALL_ROLES: readonly Role[] = ['cs_agent', 'supervisor', 'manager'];

export type MoveInStatus = 'scheduled' | 'waiting' | 'arrived' | 'missed' | 'rescheduled';
export type ArrivalKind = 'on_time' | 'early' | 'late';

export interface MoveInFacts {
  status: MoveInStatus;
  startsAt: Date;
  endsAt: Date;
  arrivedAt: Date | null;
  step: MoveInStep | null;
}

const refuse = (code: string, message: string, kind: 'conflict' | 'unprocessable' | 'invalid' | 'forbidden' = 'conflict', details?: Record<string, unknown>) => new DomainError(code, kind, message, details);

/** RES-7: the schedule for `date` is sent a day ahead: at the latest the day before (site zone). */
export function decideScheduleDate(date: LocalDate, today: LocalDate): void {
  if (date <= today) throw refuse('SCHEDULE_TOO_LATE', 'the move-in schedule is sent the day before (RES-7): its date must be after today', 'unprocessable');
}

/** GEN-8: a scheduled appointment whose slot has ended without the owner reads `missed` before anyone records it. */
export function moveInStatusAt(a: Pick<MoveInFacts, 'status' | 'endsAt'>, now: Date): MoveInStatus {
  if (a.status === 'scheduled' && now.getTime() >= a.endsAt.getTime()) return 'missed';
  return a.status;
}

/** RES-7: early before the slot begins, late once it has ended, on time within it. */
export function arrivalKind(a: Pick<MoveInFacts, 'startsAt' | 'endsAt'>, now: Date): ArrivalKind {
  if (now.getTime() < a.startsAt.getTime()) return 'early';
  if (now.getTime() >= a.endsAt.getTime()) return 'late';
  return 'on_time';
}

/**
 * RES-7: an owner found on the schedule is checked in. On time: arrived (the reception step begins).
 * Early or late: the owner waits until the group leader decides (taken now, or waits).
 */
export function decideCheckIn(a: MoveInFacts, now: Date): { status: 'arrived' | 'waiting'; arrival: ArrivalKind } {
  const status = moveInStatusAt(a, now);
  if (status === 'arrived' || status === 'waiting') throw refuse('ALREADY_ARRIVED', 'this owner is already checked in');
  if (status === 'rescheduled') throw refuse('NOT_ON_SCHEDULE', 'this appointment was given a new time: check the owner in against that one');
  const arrival = arrivalKind(a, now);
  return { status: arrival === 'on_time' ? 'arrived' : 'waiting', arrival };
}

/** RES-7: the group leader decides about an early or late owner: taken now (arrived) or waits. */
export function decideLeaderDecision(a: MoveInFacts, decision: 'take_now' | 'wait'): { status: 'arrived' | 'waiting' } {
  if (a.status !== 'waiting') throw refuse('MOVE_IN_STATE_CONFLICT', 'only an early or late owner waits for the group leader', 'conflict', { moveInStatus: a.status });
  return { status: decision === 'take_now' ? 'arrived' : 'waiting' };
}

/** RES-7: a slot passed without the owner is recorded as missed and goes back to sales for a new time. */
export function decideMissed(a: MoveInFacts, now: Date): void {
  if (moveInStatusAt(a, now) !== 'missed' || a.status !== 'scheduled') {
    throw refuse('MOVE_IN_STATE_CONFLICT', a.status === 'scheduled' ? 'the slot has not ended yet' : 'only a scheduled appointment whose slot passed is missed', 'conflict', { moveInStatus: a.status });
  }
}

/** RES-7: sales gives a missed (or waiting, not yet taken) owner a new time. */
export function decideReschedule(a: MoveInFacts, now: Date): void {
  const status = moveInStatusAt(a, now);
  if (status !== 'missed' && status !== 'waiting' && status !== 'scheduled') throw refuse('MOVE_IN_STATE_CONFLICT', 'this appointment cannot be given a new time now', 'conflict', { moveInStatus: status });
}

/**
 * RES-8: the visit moves one step forward at a time, in order, by someone of that step's roles, and
 * names who now holds the papers (the notice, then the handover certificate).
 */
export function decideStep(a: MoveInFacts, target: MoveInStep, actorRoles: readonly Role[]): void {
  if (!actorRoles.some((r) => MOVE_IN_STEP_ROLES[target].includes(r))) throw refuse('FORBIDDEN', `the ${target} step is taken by ${MOVE_IN_STEP_ROLES[target].join(', ')}`, 'forbidden');
  if (a.status !== 'arrived') throw refuse('MOVE_IN_STATE_CONFLICT', 'the owner has not been checked in (or waits for the group leader)', 'conflict', { moveInStatus: a.status });
  const expected = a.step === null ? 'reception' : MOVE_IN_STEPS[MOVE_IN_STEPS.indexOf(a.step) + 1];
  if (!expected) throw refuse('MOVE_IN_STATE_CONFLICT', 'the visit is done', 'conflict', { step: a.step });
  if (target !== expected) throw refuse('STEP_OUT_OF_ORDER', `the next step is ${expected} (reception → greeting → verification → payment → done)`, 'conflict', { step: a.step, next: expected });
}

/** A name as the schedule compares it: spaces and case ignored. */
export const ownerKey = (name: string) => name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/**
 * RES-7: find the owner on the schedule — by the move-in notice number, or without the notice by unit
 * and owner name. Several owners arriving together are each matched on their own.
 */
export function matchOwner<T extends { noticeNo: string; unitId: string; ownerName: string }>(rows: readonly T[], party: { noticeNo?: string; unitId?: string; ownerName?: string }): T | null {
  if (party.noticeNo) return rows.find((r) => r.noticeNo.toLowerCase() === party.noticeNo!.trim().toLowerCase()) ?? null;
  if (party.unitId && party.ownerName) return rows.find((r) => r.unitId === party.unitId && ownerKey(r.ownerName) === ownerKey(party.ownerName!)) ?? null;
  return null;
}

/** One line of an imported move-in schedule: the unit by building and number, the leader by login or name. */
export interface MoveInImportRow {
  line: number;
  time: string;
  building: string;
  number: string;
  ownerName: string;
  noticeNo: string;
  leader: string;
}

export interface MoveInImportError {
  line: number;
  field: string;
  code: 'HEADER_INVALID' | 'MISSING_FIELD' | 'INVALID_VALUE' | 'DUPLICATE_IN_FILE' | 'TOO_MANY_COLUMNS';
  message: string;
}

const MOVE_IN_COLUMNS: Record<Exclude<keyof MoveInImportRow, 'line'>, string[]> = {
  time: ['time', '时间', '预约时间'],
  building: ['building', '楼栋'],
  number: ['number', 'unit', '房号', '单元编号'],
  ownerName: ['owner', 'owner name', '业主', '业主姓名'],
  noticeNo: ['notice', 'notice no', '通知书编号', '入住通知书'],
  leader: ['leader', 'group leader', '组长'],
};

/**
 * RES-7 schedule import (入住时间预约安排表 as CSV): a header naming time, building, number, owner,
 * notice and leader (English or Chinese, any order), then one owner per line. Bad lines are reported
 * by line, field and code; the good lines are kept. A notice number twice in the file is reported at
 * its second line.
 */
export function parseMoveInCsv(text: string): { rows: MoveInImportRow[]; errors: MoveInImportError[] } {
  const records = splitCsv(text);
  if (!records.length) return { rows: [], errors: [{ line: 1, field: 'header', code: 'HEADER_INVALID', message: 'the file is empty: a header line is required' }] };
  const header = records[0].cells.map((h) => h.trim().toLowerCase());
  const index = {} as Record<keyof typeof MOVE_IN_COLUMNS, number>;
  const missing: string[] = [];
  for (const [key, names] of Object.entries(MOVE_IN_COLUMNS) as [keyof typeof MOVE_IN_COLUMNS, string[]][]) {
    index[key] = header.findIndex((h) => names.includes(h));
    if (index[key] < 0) missing.push(names[0]);
  }
  if (missing.length) return { rows: [], errors: [{ line: records[0].line, field: 'header', code: 'HEADER_INVALID', message: `missing columns: ${missing.join(', ')}` }] };
  const rows: MoveInImportRow[] = [];
  const errors: MoveInImportError[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of records.slice(1)) {
    if (cells.length > header.length) {
      errors.push({ line, field: 'row', code: 'TOO_MANY_COLUMNS', message: `${cells.length} cells for ${header.length} columns` });
      continue;
    }
    const row = { line } as MoveInImportRow;
    const problems: MoveInImportError[] = [];
    for (const key of Object.keys(MOVE_IN_COLUMNS) as (keyof typeof MOVE_IN_COLUMNS)[]) {
      const value = (cells[index[key]] ?? '').trim();
      if (!value) problems.push({ line, field: key, code: 'MISSING_FIELD', message: `${key} is required` });
      else if (value.length > (key === 'leader' ? 120 : 50) || /[\u0000-\u001f\u007f]/.test(value)) problems.push({ line, field: key, code: 'INVALID_VALUE', message: `${key}: too long or control characters` });
      row[key] = value;
    }
    const time = /^(\d{1,2}):([0-5]\d)$/.exec(row.time ?? '');
    if (row.time && (!time || Number(time[1]) > 23)) problems.push({ line, field: 'time', code: 'INVALID_VALUE', message: 'time: HH:MM' });
    else if (time) row.time = `${time[1].padStart(2, '0')}:${time[2]}`;
    if (problems.length) {
      errors.push(...problems);
      continue;
    }
    const key = row.noticeNo.toLowerCase();
    if (seen.has(key)) {
      errors.push({ line, field: 'noticeNo', code: 'DUPLICATE_IN_FILE', message: `notice ${row.noticeNo} is already on line ${seen.get(key)}` });
      continue;
    }
    seen.set(key, line);
    rows.push(row);
  }
  return { rows, errors };
}
