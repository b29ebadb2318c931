import { normalizePhone } from '../common/phone.js';

/**
 * CA-15 masked reporting: an agency may report `138****5678` — the first three and the last four digits
 * of a mainland mobile number. Returns the normalized pattern, or null when the text is neither a phone
 * number nor such a pattern.
 */
export function normalizeReportedPhone(raw: string): { kind: 'full'; phone: string } | { kind: 'masked'; prefix: string; suffix: string } | null {
  const compact = raw.replace(/[\s-]/g, '');
  const masked = /^(?:\+?86)?(1[3-9]\d)\*{4}(\d{4})$/.exec(compact);
  if (masked) return { kind: 'masked', prefix: masked[1], suffix: masked[2] };
  const phone = normalizePhone(raw);
  return phone ? { kind: 'full', phone } : null;
}

/** Does a full number fit a reported number or pattern? */
export function phoneFits(phone: string, reported: ReturnType<typeof normalizeReportedPhone>): boolean {
  if (!reported) return false;
  if (reported.kind === 'full') return phone === reported.phone;
  return phone.length === 11 && phone.startsWith(reported.prefix) && phone.endsWith(reported.suffix);
}

/** Could two reports be the same customer? (A masked report conflicts with every number that fits it.) */
export function reportsMayMatch(a: ReturnType<typeof normalizeReportedPhone>, b: ReturnType<typeof normalizeReportedPhone>): boolean {
  if (!a || !b) return false;
  if (a.kind === 'full') return phoneFits(a.phone, b);
  if (b.kind === 'full') return phoneFits(b.phone, a);
  return a.prefix === b.prefix && a.suffix === b.suffix;
}

/** The pattern's key as stored and indexed: `138****5678`. */
export const patternKey = (r: NonNullable<ReturnType<typeof normalizeReportedPhone>>) => (r.kind === 'full' ? `${r.phone.slice(0, 3)}****${r.phone.slice(-4)}` : `${r.prefix}****${r.suffix}`);
