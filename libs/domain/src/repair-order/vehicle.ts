import { addDays } from '../attendance/rota.js';
import { normalizePhone } from '../common/phone.js';
import { isCalendarDate, isSameDayEntry, type LocalDate } from '../common/time.js';
import type { RepairOrderPolicy } from './policy.js';

/**
 * RO-1: the customer file (客户档案) of a service desk, made the same day (002: 即日内 … 建立档案):
 * name, address, phone, visit date; vehicle model, plate, type (车种); work done; service interval and
 * the next service date; what service the customer wants.
 */
export const VEHICLE_TYPES = ['car', 'suv', 'mpv', 'van', 'truck', 'bus', 'motorcycle', 'other'] as const;
export type VehicleType = (typeof VEHICLE_TYPES)[number];

export interface VehicleInput {
  model: string;
  plate: string;
  type: VehicleType;
  /** Odometer at the visit, km. */
  odometerKm: number;
}

export interface CustomerFileInput {
  name: string;
  address: string;
  phone: string;
  visitDate: LocalDate;
  vehicle: VehicleInput;
  /** The work done at this visit (维修养护项目). */
  workDone: string;
  /** What service the customer wants (客户希望得到的服务). */
  wishes: string | null;
}

export interface FileProblem {
  field: string;
  message: string;
}

const text = (v: unknown, max: number) => typeof v === 'string' && v.trim().length > 0 && v.length <= max;

/** A mainland plate, `京A12345` or the new-energy `京AD12345`, after removing spaces and dots. */
export function normalizePlate(raw: string): string | null {
  if (typeof raw !== 'string') return null;
  const p = raw.replace(/[\s·.\-]/g, '').toUpperCase();
  return /^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}[挂学警港澳]?$/.test(p) ? p : null;
}

/** RO-1: the required entries of the customer file, field by field. */
export function validateCustomerFile(f: CustomerFileInput): FileProblem[] {
  const errors: FileProblem[] = [];
  if (!text(f?.name, 60)) errors.push({ field: 'name', message: '1 to 60 characters' });
  if (!text(f?.address, 200)) errors.push({ field: 'address', message: '1 to 200 characters' });
  if (typeof f?.phone !== 'string' || !normalizePhone(f.phone)) errors.push({ field: 'phone', message: 'a mobile number (11 digits) or +country code' });
  if (typeof f?.visitDate !== 'string' || !isCalendarDate(f.visitDate)) errors.push({ field: 'visitDate', message: 'a date YYYY-MM-DD' });
  const v = f?.vehicle;
  if (!text(v?.model, 60)) errors.push({ field: 'vehicle.model', message: '1 to 60 characters' });
  if (!normalizePlate(v?.plate)) errors.push({ field: 'vehicle.plate', message: 'a plate such as 京A12345' });
  if (!(VEHICLE_TYPES as readonly string[]).includes(v?.type)) errors.push({ field: 'vehicle.type', message: `one of ${VEHICLE_TYPES.join(', ')}` });
  if (!Number.isInteger(v?.odometerKm) || v.odometerKm < 0 || v.odometerKm > 5_000_000) errors.push({ field: 'vehicle.odometerKm', message: 'whole km from 0 to 5,000,000' });
  if (!text(f?.workDone, 2000)) errors.push({ field: 'workDone', message: '1 to 2000 characters' });
  if (f?.wishes != null && (typeof f.wishes !== 'string' || f.wishes.length > 2000)) errors.push({ field: 'wishes', message: 'up to 2000 characters' });
  return errors;
}

/** RO-1 + GEN-11: the file is made the same day as the visit; a later entry is flagged. */
export const customerFileLate = (visitAt: Date, recordedAt: Date, timeZone: string) => !isSameDayEntry(visitAt, recordedAt, timeZone);

/** `date` plus `months` calendar months, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addCalendarMonths(date: LocalDate, months: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const [ny, nm] = [Math.floor(total / 12), (total % 12) + 1];
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}


export interface NextService {
  /** By time: the last service date plus the interval's months. */
  byDate: LocalDate | null;
  /** By distance: the last service odometer plus the interval's km. */
  byKm: number | null;
  /**
   * The next service date written into the file: the earlier of `byDate` and the day the vehicle is
   * expected to reach `byKm` at its average daily distance (when known) — whichever comes first.
   */
  dueDate: LocalDate | null;
  basis: 'months' | 'km' | null;
}

/**
 * RO-1: the next service (下一次保养期) from the last service and the site's interval, whichever comes
 * first. `kmPerDay` is the vehicle's average (from earlier visits); without it the date is by months.
 */
export function nextService(last: { date: LocalDate; odometerKm: number }, policy: Pick<RepairOrderPolicy, 'serviceInterval'>, kmPerDay?: number | null): NextService {
  const { km, months } = policy.serviceInterval;
  const byDate = months !== null ? addCalendarMonths(last.date, months) : null;
  const byKm = km !== null ? last.odometerKm + km : null;
  let kmDate: LocalDate | null = null;
  if (byKm !== null && kmPerDay && kmPerDay > 0 && Number.isFinite(kmPerDay)) kmDate = addDays(last.date, Math.max(1, Math.floor(km! / kmPerDay)));
  if (byDate && kmDate) return kmDate < byDate ? { byDate, byKm, dueDate: kmDate, basis: 'km' } : { byDate, byKm, dueDate: byDate, basis: 'months' };
  if (byDate) return { byDate, byKm, dueDate: byDate, basis: 'months' };
  if (kmDate) return { byDate, byKm, dueDate: kmDate, basis: 'km' };
  return { byDate, byKm, dueDate: null, basis: byKm !== null ? 'km' : null };
}

/** The average daily distance between two visits (km/day); `null` when it cannot be told. */
export function averageKmPerDay(earlier: { date: LocalDate; odometerKm: number }, later: { date: LocalDate; odometerKm: number }): number | null {
  const days = (Date.parse(`${later.date}T00:00:00Z`) - Date.parse(`${earlier.date}T00:00:00Z`)) / 86_400_000;
  const km = later.odometerKm - earlier.odometerKm;
  return days > 0 && km >= 0 ? km / days : null;
}

/** RO-1: is the service due on `today` at `odometerKm`? Whichever limit is reached first. */
export function serviceDue(next: NextService, today: LocalDate, odometerKm: number | null): { due: boolean; reasons: ('date' | 'km')[] } {
  const reasons: ('date' | 'km')[] = [];
  if (next.dueDate && today >= next.dueDate) reasons.push('date');
  if (next.byKm !== null && odometerKm !== null && odometerKm >= next.byKm) reasons.push('km');
  return { due: reasons.length > 0, reasons };
}
