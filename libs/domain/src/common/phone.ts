/**
 * CA-1: customers are identified by a normalized mobile number: 11 digits for mainland China
 * (`13812345678`), other numbers in E.164 with their country code (`+85291234567`).
 */
export function normalizePhone(raw: string): string | null {
  const compact = raw.replace(/[\s\-().]/g, '');
  const cn = /^(?:\+?86|0086)?(1[3-9]\d{9})$/.exec(compact);
  if (cn) return cn[1];
  const intl = /^(?:\+|00)([1-9]\d{6,14})$/.exec(compact);
  if (intl && !intl[1].startsWith('86')) return `+${intl[1]}`;
  return null;
}

/** GEN-7: partners see phone numbers masked as `138****5678`. */
export function maskPhone(phone: string): string {
  if (phone.length < 8) return '*'.repeat(phone.length);
  return `${phone.slice(0, phone.length - 8)}****${phone.slice(-4)}`;
}
