import { decimalToHundredths, formatFen } from '@sitedesk/domain';

/** GEN-5: an amount in fen as yuan in the console's language ("¥1,980,000.00"); a dash for none. */
export const yuanText = (fen: number | null | undefined, language: string) => (fen === null || fen === undefined ? '—' : formatFen(fen, language));

/** Yuan typed in a form (at most two decimals, read without floating point) as fen; null when not an amount. */
export function toFen(yuan: string | number | null | undefined): number | null {
  if (yuan === null || yuan === undefined || yuan === '') return null;
  return decimalToHundredths(String(yuan).trim());
}

/** Fen as the yuan text a form field shows ("1980000.00" → "1980000"). */
export const toYuanInput = (fen: number | null | undefined): string | undefined =>
  fen === null || fen === undefined ? undefined : (fen / 100).toFixed(2).replace(/\.00$/, '');
