import { DomainError } from '../common/errors.js';
import type { Fen } from '../common/money.js';
import type { Role } from '../common/roles.js';
import { isCalendarDate, localDate, localDateTime, zonedTime, type LocalDate } from '../common/time.js';

/**
 * Service appointments (预约维修, 002 篇一 17; SPEC RES-9, RES-10) and the numbers of the site's
 * appointment book. Every number is a per-site setting; the SPEC's numbers are the defaults.
 */
export interface AppointmentPolicy {
  /** RES-9/RES-10: workshop bays (工位) of the service centre: one appointment per bay and slot. */
  bays: number;
  /** Length of one appointment slot in minutes. */
  slotMinutes: number;
  /** First slot of the day and the end of the last one, wall clock in the site's zone (`HH:MM`). */
  dayStart: string;
  dayEnd: string;
  /** RES-9: parts at or above this price (fen) are "high-value": a deposit is taken before booking. */
  highValuePartsFen: Fen;
  /** RES-9: the deposit is at least this percentage of the parts price (002: 不少于原价的二分之一 → 50). */
  minDepositPercent: number;
  /** RES-9: the customer is reminded this many hours before the appointment (002: 提前半天或一天 → 12 or 24). */
  reminderHoursBefore: number;
  /** RES-7/RES-10: owners per move-in slot (入住时间预约安排表). */
  moveInSlotCapacity: number;
  /** RES-7/RES-10: owners one group leader (组长) takes in one move-in slot. */
  moveInLeaderCapacity: number;
}

export const DEFAULT_APPOINTMENT_POLICY: AppointmentPolicy = {
  bays: 4,
  slotMinutes: 60,
  dayStart: '08:30',
  dayEnd: '17:30',
  highValuePartsFen: 200_000,
  minDepositPercent: 50,
  reminderHoursBefore: 24,
  moveInSlotCapacity: 6,
  moveInLeaderCapacity: 2,
};

/** Who books and cancels service appointments: the service advisor (业务接待), the receptionist, the manager. */
export const APPOINTMENT_BOOKING_ROLES: readonly Role[] = ['service_advisor', 'receptionist', 'manager'];

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

export interface AppointmentPolicyProblem {
  field: string;
  message: string;
}

/** The policy's own consistency (the API validates types and ranges first). */
export function validateAppointmentPolicy(p: AppointmentPolicy): AppointmentPolicyProblem[] {
  const out: AppointmentPolicyProblem[] = [];
  const int = (field: keyof AppointmentPolicy, min: number, max: number) => {
    const v = p[field] as number;
    if (!Number.isInteger(v) || v < min || v > max) out.push({ field, message: `must be a whole number from ${min} to ${max}` });
  };
  int('bays', 1, 200);
  int('slotMinutes', 5, 480);
  int('highValuePartsFen', 1, 100_000_000_000);
  int('minDepositPercent', 1, 100);
  int('reminderHoursBefore', 1, 72);
  int('moveInSlotCapacity', 1, 500);
  int('moveInLeaderCapacity', 1, 100);
  if (!HHMM.test(p.dayStart)) out.push({ field: 'dayStart', message: 'must be HH:MM' });
  if (!HHMM.test(p.dayEnd)) out.push({ field: 'dayEnd', message: 'must be HH:MM' });
  if (HHMM.test(p.dayStart) && HHMM.test(p.dayEnd)) {
    const span = minutesOf(p.dayEnd) - minutesOf(p.dayStart);
    if (span <= 0) out.push({ field: 'dayEnd', message: 'must be after dayStart' });
    else if (Number.isInteger(p.slotMinutes) && p.slotMinutes > 0 && span % p.slotMinutes !== 0) out.push({ field: 'slotMinutes', message: 'the day (dayStart to dayEnd) must divide into whole slots' });
  }
  if (Number.isInteger(p.moveInLeaderCapacity) && p.moveInLeaderCapacity > p.moveInSlotCapacity) out.push({ field: 'moveInLeaderCapacity', message: 'a group leader cannot take more owners than the slot holds' });
  return out;
}

export interface DaySlot {
  /** `HH:MM` wall clock in the site's zone. */
  time: string;
  startsAt: Date;
  endsAt: Date;
}

/** The slots of a day (RES-9): from dayStart, every slotMinutes, the last one ending at dayEnd. */
export function daySlots(date: LocalDate, policy: Pick<AppointmentPolicy, 'dayStart' | 'dayEnd' | 'slotMinutes'>, timeZone: string): DaySlot[] {
  const out: DaySlot[] = [];
  for (let m = minutesOf(policy.dayStart); m + policy.slotMinutes <= minutesOf(policy.dayEnd); m += policy.slotMinutes) {
    out.push({ time: hhmm(m), startsAt: zonedTime(date, hhmm(m), timeZone), endsAt: zonedTime(date, hhmm(m + policy.slotMinutes), timeZone) });
  }
  return out;
}

const refuse = (code: string, message: string, kind: 'conflict' | 'unprocessable' | 'invalid' = 'unprocessable', details?: Record<string, unknown>) => new DomainError(code, kind, message, details);

/** RES-9: the slot a booking names, checked against the policy: a real slot of the day, not yet begun. */
export function resolveSlot(date: string, time: string, policy: AppointmentPolicy, timeZone: string, now: Date): DaySlot {
  if (!isCalendarDate(date)) throw refuse('SLOT_INVALID', 'the date is not a calendar date', 'invalid');
  const slot = daySlots(date, policy, timeZone).find((s) => s.time === time);
  if (!slot) throw refuse('SLOT_INVALID', `no slot starts at ${time}: slots start at ${policy.dayStart} and every ${policy.slotMinutes} minutes until ${policy.dayEnd}`, 'unprocessable', { dayStart: policy.dayStart, dayEnd: policy.dayEnd, slotMinutes: policy.slotMinutes });
  if (slot.startsAt.getTime() <= now.getTime()) throw refuse('SLOT_PAST', 'the slot has already begun');
  return slot;
}

/** RES-9: the smallest deposit for the parts (0 below the high-value threshold), rounded up to the fen. */
export function requiredDepositFen(partsFen: Fen, policy: Pick<AppointmentPolicy, 'highValuePartsFen' | 'minDepositPercent'>): Fen {
  if (partsFen < policy.highValuePartsFen) return 0;
  return Math.ceil((partsFen * policy.minDepositPercent) / 100);
}

export interface BookingInput {
  /** The price of the parts to be prepared (fen; 0 when none). */
  partsFen: Fen;
  depositFen: Fen;
  /** The cashier's receipt for the deposit, when one was taken. */
  depositReceiptNo: string | null;
  /** The signed appointment form (预约单): its number and who signed it. */
  formNo: string;
  signedBy: string;
}

/**
 * RES-9: a booking needs the customer's signature on the appointment form, and for high-value parts a
 * deposit of at least the policy's share of the parts price (002: 不少于原价的二分之一), with its receipt.
 * Returns the deposit the policy asked for.
 */
export function decideBooking(input: BookingInput, policy: AppointmentPolicy): { requiredDepositFen: Fen } {
  if (!input.formNo.trim() || !input.signedBy.trim()) throw refuse('SIGNATURE_MISSING', 'the customer signs the appointment form (预约单) before it is booked (RES-9)');
  if (!Number.isInteger(input.partsFen) || input.partsFen < 0 || !Number.isInteger(input.depositFen) || input.depositFen < 0) throw refuse('AMOUNT_INVALID', 'amounts are whole fen, not negative', 'invalid');
  if (input.depositFen > input.partsFen) throw refuse('AMOUNT_INVALID', 'the deposit cannot exceed the parts price');
  const required = requiredDepositFen(input.partsFen, policy);
  if (input.depositFen < required) {
    throw refuse('DEPOSIT_REQUIRED', `high-value parts: a deposit of at least ${policy.minDepositPercent}% of the parts price is taken (RES-9)`, 'unprocessable', { requiredDepositFen: required });
  }
  if (input.depositFen > 0 && !input.depositReceiptNo?.trim()) throw refuse('DEPOSIT_RECEIPT_MISSING', "a deposit is recorded with the cashier's receipt number");
  return { requiredDepositFen: required };
}

export type AppointmentStatus = 'booked' | 'cancelled';

/** RES-9: when the customer is reminded: the policy's hours before; booked later than that, at once. */
export function reminderAt(startsAt: Date, bookedAt: Date, policy: Pick<AppointmentPolicy, 'reminderHoursBefore'>): Date {
  const due = startsAt.getTime() - policy.reminderHoursBefore * 3_600_000;
  return new Date(Math.max(due, bookedAt.getTime()));
}

export type ReminderState = 'pending' | 'due' | 'sent' | 'not_sent';

/**
 * GEN-8: the reminder read at `now` from the stored times. `due`: its time has come and nothing was
 * sent yet (a late job still sends it while the appointment lies ahead); `not_sent`: the appointment
 * began or was cancelled before any reminder went out.
 */
export function reminderStateAt(a: { status: AppointmentStatus; startsAt: Date; remindAt: Date; remindedAt: Date | null }, now: Date): ReminderState {
  if (a.remindedAt) return 'sent';
  if (a.status !== 'booked' || now.getTime() >= a.startsAt.getTime()) return 'not_sent';
  return now.getTime() >= a.remindAt.getTime() ? 'due' : 'pending';
}

/** What a (possibly late) reminder job does at `now`: send only while the booked appointment lies ahead. */
export function decideReminder(a: { status: AppointmentStatus; startsAt: Date; remindAt: Date; remindedAt: Date | null }, now: Date): 'send' | 'skip' {
  return reminderStateAt(a, now) === 'due' ? 'send' : 'skip';
}

/**
 * RES-9: the workshop is told the same day the appointment is made (当日内通知车间主管), so a bay is kept.
 * `overdue` once the booking day (site zone) ended without the notice.
 */
export function workshopNoticeStateAt(a: { bookedAt: Date; workshopNotifiedAt: Date | null }, now: Date, timeZone: string): 'sent' | 'pending' | 'overdue' {
  if (a.workshopNotifiedAt) return 'sent';
  return localDate(now, timeZone) > localDate(a.bookedAt, timeZone) ? 'overdue' : 'pending';
}

/** RES-9: an appointment is cancelled while it lies ahead; its bay is free again. */
export function decideAppointmentCancel(a: { status: AppointmentStatus; startsAt: Date }, now: Date): void {
  if (a.status !== 'booked') throw refuse('APPOINTMENT_STATE_CONFLICT', 'the appointment is already cancelled', 'conflict');
  if (a.startsAt.getTime() <= now.getTime()) throw refuse('SLOT_PAST', 'the appointment has already begun', 'conflict');
}

/** The reminder text (RES-9): date and time in the site's zone. */
export function reminderText(a: { customerName: string; startsAt: Date; vehiclePlate: string }, siteName: string, timeZone: string): string {
  return `${a.customerName}您好,您预约的${a.vehiclePlate}维修保养时间为${localDateTime(a.startsAt, timeZone)},地点${siteName},请准时到店。`;
}
