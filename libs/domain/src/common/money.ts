/** GEN-5: money is integer fen (1 yuan = 100 fen), currency CNY. */
export type Fen = number & { readonly __unit?: 'fen' };
export const CURRENCY = 'CNY' as const;

export function fen(value: number): Fen {
  if (!Number.isSafeInteger(value)) throw new RangeError(`money must be a whole number of fen, got ${value}`);
  return value as Fen;
}

export const yuan = (y: number): Fen => fen(Math.round(y * 100));

/** "¥1,234.50" — for display and exports. */
export function formatFen(amount: Fen, locale = 'zh-CN'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: CURRENCY }).format(amount / 100);
}
