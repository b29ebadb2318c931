import { fen, type Fen } from './money.js';

/** GEN-9: the discipline register's entries, whichever module raised them. */
export const DISCIPLINE_KINDS = ['fine', 'warning_slip', 'violation_slip', 'bonus', 'deduction'] as const;
export type DisciplineKind = (typeof DISCIPLINE_KINDS)[number];

export interface DisciplineEntryDraft {
  userId: string;
  kind: DisciplineKind;
  /** The SPEC rule that raised it, e.g. `ATT-11`, `CMP-6`, `GEN-11`. */
  ruleId: string;
  amountFen: Fen;
  evidence: string;
  sourceModule: string;
  sourceRef?: string;
}

/**
 * GEN-11: each blank required field of a registration form is a policy fine
 * (003: 漏登 10 yuan per blank). Returns the missing fields and the fine they cost.
 */
export function missingFieldFine(
  form: Record<string, unknown>,
  requiredFields: readonly string[],
  finePerBlankFen: Fen,
): { missing: string[]; amountFen: Fen } {
  const missing = requiredFields.filter((f) => {
    const v = form[f];
    return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
  });
  return { missing, amountFen: fen(missing.length * finePerBlankFen) };
}
