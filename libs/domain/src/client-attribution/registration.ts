import { missingFieldFine } from '../common/discipline.js';
import { fen, type Fen } from '../common/money.js';

/**
 * GEN-11 (003: 来访、来电登记表的填写要规范、信息完整 … 以便评估媒体效果; 漏登 10 yuan per blank):
 * the fields of the call register the consultant fills in when taking the call.
 */
export const CALL_FORM_FIELDS = ['name', 'grade', 'media'] as const;

/**
 * GEN-11 (003: 每接待完一组客户,由当事置业顾问在客户来访登记上记录): the visit register is completed by
 * the receiving consultant after the reception, not by the receptionist at the door.
 */
export const VISIT_RECORD_FIELDS = ['grade', 'media', 'needs'] as const;

export interface RegistrationCheck {
  /** The form's fields left blank, each a fine. */
  blankFields: string[];
  /** What the blanks cost the person who filled the form in (0 when none, or when the site fines nothing). */
  fineFen: Fen;
}

/** GEN-11: what a registration form left blank, and the fine it costs under the site's policy. */
export function checkRegistration(form: Record<string, unknown>, fields: readonly string[], finePerBlankFen: Fen): RegistrationCheck {
  const { missing, amountFen } = missingFieldFine(form, fields, finePerBlankFen);
  return { blankFields: missing, fineFen: missing.length ? amountFen : fen(0) };
}
