import { DomainError } from '../common/errors.js';
import {
  daySlots,
  decideAppointmentCancel,
  decideBooking,
  decideReminder,
  DEFAULT_APPOINTMENT_POLICY,
  reminderAt,
  reminderStateAt,
  requiredDepositFen,
  resolveSlot,
  validateAppointmentPolicy,
  workshopNoticeStateAt,
  type AppointmentPolicy,
} from './appointments.js';

const TZ = 'Asia/Shanghai';
const at = (iso: string) => new Date(`${iso}+08:00`);
const P: AppointmentPolicy = { ...DEFAULT_APPOINTMENT_POLICY };
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as DomainError).code;
  }
  return null;
};
const booking = { partsFen: 0, depositFen: 0, depositReceiptNo: null, formNo: 'YY-001', signedBy: '李先生' };

describe('RES-9 service appointment slots', () => {
  it('RES-9: the day divides into slots of the policy length from dayStart to dayEnd, in the site zone', () => {
    const slots = daySlots('2026-11-25', P, TZ);
    expect(slots).toHaveLength(9);
    expect(slots[0]).toEqual({ time: '08:30', startsAt: at('2026-11-25T08:30:00'), endsAt: at('2026-11-25T09:30:00') });
    expect(slots[8].time).toBe('16:30');
    expect(slots[8].endsAt).toEqual(at('2026-11-25T17:30:00'));
    expect(daySlots('2026-11-25', { ...P, slotMinutes: 30 }, TZ)).toHaveLength(18);
  });

  it('RES-9: a booking names a real slot of the day that has not begun', () => {
    const now = at('2026-11-24T10:00:00');
    expect(resolveSlot('2026-11-25', '09:30', P, TZ, now).startsAt).toEqual(at('2026-11-25T09:30:00'));
    expect(code(() => resolveSlot('2026-11-25', '09:45', P, TZ, now))).toBe('SLOT_INVALID');
    expect(code(() => resolveSlot('2026-11-25', '17:30', P, TZ, now))).toBe('SLOT_INVALID');
    expect(code(() => resolveSlot('2026-02-30', '09:30', P, TZ, now))).toBe('SLOT_INVALID');
    expect(code(() => resolveSlot('2026-11-24', '09:30', P, TZ, now))).toBe('SLOT_PAST');
    expect(code(() => resolveSlot('2026-11-24', '10:30', P, TZ, at('2026-11-24T10:30:00')))).toBe('SLOT_PAST');
    expect(resolveSlot('2026-11-24', '10:30', P, TZ, at('2026-11-24T10:29:59')).time).toBe('10:30');
  });

  it('RES-10: the policy is consistent — whole slots, positive bays, a group leader within the slot', () => {
    expect(validateAppointmentPolicy(P)).toEqual([]);
    expect(validateAppointmentPolicy({ ...P, slotMinutes: 50 }).map((x) => x.field)).toContain('slotMinutes');
    expect(validateAppointmentPolicy({ ...P, bays: 0 }).map((x) => x.field)).toContain('bays');
    expect(validateAppointmentPolicy({ ...P, dayEnd: '08:00' }).map((x) => x.field)).toContain('dayEnd');
    expect(validateAppointmentPolicy({ ...P, moveInLeaderCapacity: 7 }).map((x) => x.field)).toContain('moveInLeaderCapacity');
    expect(validateAppointmentPolicy({ ...P, minDepositPercent: 101 }).map((x) => x.field)).toContain('minDepositPercent');
  });
});

describe('RES-9 booking: signature and the deposit for high-value parts', () => {
  it('RES-9: the appointment form is signed before the booking', () => {
    expect(code(() => decideBooking({ ...booking, signedBy: ' ' }, P))).toBe('SIGNATURE_MISSING');
    expect(code(() => decideBooking({ ...booking, formNo: '' }, P))).toBe('SIGNATURE_MISSING');
    expect(decideBooking(booking, P)).toEqual({ requiredDepositFen: 0 });
  });

  it('RES-9: parts at or above the threshold need a deposit of at least half the parts price (policy percentage, rounded up)', () => {
    expect(requiredDepositFen(199_999, P)).toBe(0);
    expect(requiredDepositFen(200_000, P)).toBe(100_000);
    expect(requiredDepositFen(200_001, P)).toBe(100_001);
    expect(requiredDepositFen(300_000, { ...P, minDepositPercent: 30 })).toBe(90_000);
    expect(code(() => decideBooking({ ...booking, partsFen: 500_000, depositFen: 249_999, depositReceiptNo: 'R1' }, P))).toBe('DEPOSIT_REQUIRED');
    expect(decideBooking({ ...booking, partsFen: 500_000, depositFen: 250_000, depositReceiptNo: 'R1' }, P)).toEqual({ requiredDepositFen: 250_000 });
    expect(decideBooking({ ...booking, partsFen: 150_000 }, P)).toEqual({ requiredDepositFen: 0 });
    expect(code(() => decideBooking({ ...booking, partsFen: 150_000 }, { ...P, highValuePartsFen: 100_000 }))).toBe('DEPOSIT_REQUIRED');
  });

  it('RES-9: a deposit carries its receipt and never exceeds the parts price', () => {
    expect(code(() => decideBooking({ ...booking, partsFen: 500_000, depositFen: 250_000 }, P))).toBe('DEPOSIT_RECEIPT_MISSING');
    expect(code(() => decideBooking({ ...booking, partsFen: 100, depositFen: 200, depositReceiptNo: 'R' }, P))).toBe('AMOUNT_INVALID');
    expect(code(() => decideBooking({ ...booking, partsFen: -1 }, P))).toBe('AMOUNT_INVALID');
  });
});

describe('RES-9 reminder and workshop notice, GEN-8', () => {
  const startsAt = at('2026-11-26T09:30:00');
  it('RES-9: the reminder is due the policy hours before; a booking made later is reminded at once', () => {
    expect(reminderAt(startsAt, at('2026-11-24T10:00:00'), P)).toEqual(at('2026-11-25T09:30:00'));
    expect(reminderAt(startsAt, at('2026-11-24T10:00:00'), { reminderHoursBefore: 12 })).toEqual(at('2026-11-25T21:30:00'));
    expect(reminderAt(startsAt, at('2026-11-26T08:00:00'), P)).toEqual(at('2026-11-26T08:00:00'));
  });

  it('GEN-8 / RES-9: a late job still reminds while the appointment lies ahead, never after it began or was cancelled', () => {
    const a = { status: 'booked' as const, startsAt, remindAt: at('2026-11-25T09:30:00'), remindedAt: null };
    expect(reminderStateAt(a, at('2026-11-25T09:29:59'))).toBe('pending');
    expect(decideReminder(a, at('2026-11-25T09:29:59'))).toBe('skip');
    expect(reminderStateAt(a, at('2026-11-25T09:30:00'))).toBe('due');
    expect(decideReminder(a, at('2026-11-26T09:00:00'))).toBe('send');
    expect(decideReminder(a, at('2026-11-26T09:30:00'))).toBe('skip');
    expect(reminderStateAt(a, at('2026-11-26T09:30:00'))).toBe('not_sent');
    expect(decideReminder({ ...a, status: 'cancelled' }, at('2026-11-25T12:00:00'))).toBe('skip');
    expect(decideReminder({ ...a, remindedAt: at('2026-11-25T09:30:01') }, at('2026-11-25T12:00:00'))).toBe('skip');
    expect(reminderStateAt({ ...a, remindedAt: at('2026-11-25T09:30:01') }, at('2026-11-27T00:00:00'))).toBe('sent');
  });

  it('RES-9: the workshop notice is due the same day (site zone); unsent after midnight it is overdue', () => {
    const a = { bookedAt: at('2026-11-24T23:00:00'), workshopNotifiedAt: null };
    expect(workshopNoticeStateAt(a, at('2026-11-24T23:59:59'), TZ)).toBe('pending');
    expect(workshopNoticeStateAt(a, at('2026-11-25T00:00:00'), TZ)).toBe('overdue');
    expect(workshopNoticeStateAt({ ...a, workshopNotifiedAt: at('2026-11-24T23:00:01') }, at('2026-11-26T00:00:00'), TZ)).toBe('sent');
  });

  it('RES-10: a cancellation frees the bay only of a booked appointment that lies ahead', () => {
    expect(() => decideAppointmentCancel({ status: 'booked', startsAt }, at('2026-11-26T09:29:59'))).not.toThrow();
    expect(code(() => decideAppointmentCancel({ status: 'booked', startsAt }, at('2026-11-26T09:30:00')))).toBe('SLOT_PAST');
    expect(code(() => decideAppointmentCancel({ status: 'cancelled', startsAt }, at('2026-11-25T09:00:00')))).toBe('APPOINTMENT_STATE_CONFLICT');
  });
});
