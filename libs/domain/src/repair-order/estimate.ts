import { DomainError } from '../common/errors.js';
import { fen, type Fen } from '../common/money.js';
import { ESTIMATE_METHODS, type EstimateMethod, type RepairOrderPolicy } from './policy.js';

/**
 * RO-3: the estimate (维修估价). One method per order: by system (系统估价, the default), by symptom
 * (现象估价, with the policy's risk margin), or by item (项目定价, only after telling the customer that
 * quality may then not be guaranteed). Each line says who supplies the part and whether it is OEM
 * (正厂件) or aftermarket (副厂件).
 */
export const PART_SUPPLIERS = ['workshop', 'customer'] as const;
export type PartSupplier = (typeof PART_SUPPLIERS)[number];
export const PART_ORIGINS = ['oem', 'aftermarket'] as const;
export type PartOrigin = (typeof PART_ORIGINS)[number];

export interface EstimateLineInput {
  /** Stable within the order (`L1`, `A1` for additional work). */
  id: string;
  description: string;
  /** The system concerned (`brakes`, `engine` …), lower-case. */
  system: string;
  /** Labour in hundredths of an hour (1.5 h = 150). */
  labourHundredths: number;
  /** `null`: no part on this line. */
  part: { supplier: PartSupplier; origin: PartOrigin; priceFen: Fen; name: string } | null;
  /** RO-6: the workshop team the line needs (单组/多组作业). */
  team: string;
}

export interface PricedLine extends EstimateLineInput {
  labourFen: Fen;
  partsFen: Fen;
  totalFen: Fen;
  /** RO-3: a customer-supplied part, or an aftermarket part on a critical system: no quality guarantee. */
  noGuarantee: boolean;
}

export interface Estimate {
  method: EstimateMethod;
  lines: PricedLine[];
  labourFen: Fen;
  partsFen: Fen;
  /** RO-3 现象估价: the margin's percentage, fixed when the estimate is made (0 for the other methods). */
  riskMarginPercent: number;
  /** The risk margin on the lines' sum. */
  riskMarginFen: Fen;
  totalFen: Fen;
  /** RO-3: the lines the order says carry no quality guarantee (与 "进厂维修单" 上说明). */
  disclaimerLineIds: string[];
  /** RO-3: the disclaimer printed on the order, when any line needs it or the method is by item. */
  disclaimer: string | null;
}

export interface EstimateProblem {
  field: string;
  message: string;
}

const text = (v: unknown, max: number) => typeof v === 'string' && v.trim().length > 0 && v.length <= max;
const CODE = /^[a-z][a-z0-9_-]{0,29}$/;

/** RO-3: the lines' data, field by field. */
export function validateEstimateLines(lines: readonly EstimateLineInput[]): EstimateProblem[] {
  const errors: EstimateProblem[] = [];
  if (!Array.isArray(lines) || lines.length === 0 || lines.length > 100) return [{ field: 'lines', message: '1 to 100 lines' }];
  const ids = new Set<string>();
  lines.forEach((l, i) => {
    const f = `lines[${i}]`;
    if (!text(l?.id, 40)) errors.push({ field: `${f}.id`, message: '1 to 40 characters' });
    else if (ids.has(l.id)) errors.push({ field: `${f}.id`, message: 'ids are unique within the order' });
    ids.add(l?.id);
    if (!text(l?.description, 500)) errors.push({ field: `${f}.description`, message: '1 to 500 characters' });
    if (!CODE.test(l?.system ?? '')) errors.push({ field: `${f}.system`, message: 'a system code (lower-case)' });
    if (!Number.isInteger(l?.labourHundredths) || l.labourHundredths < 0 || l.labourHundredths > 100_000) errors.push({ field: `${f}.labourHundredths`, message: 'hundredths of an hour, 0 to 100000' });
    if (!text(l?.team, 60)) errors.push({ field: `${f}.team`, message: 'the workshop team' });
    const p = l?.part;
    if (p !== null) {
      if (!(PART_SUPPLIERS as readonly string[]).includes(p?.supplier)) errors.push({ field: `${f}.part.supplier`, message: 'workshop or customer' });
      if (!(PART_ORIGINS as readonly string[]).includes(p?.origin)) errors.push({ field: `${f}.part.origin`, message: 'oem or aftermarket' });
      if (!text(p?.name, 200)) errors.push({ field: `${f}.part.name`, message: '1 to 200 characters' });
      if (!Number.isInteger(p?.priceFen) || p.priceFen < 0 || p.priceFen > 10_000_000_000) errors.push({ field: `${f}.part.priceFen`, message: 'whole fen, 0 or more' });
      else if (p.supplier === 'customer' && p.priceFen !== 0) errors.push({ field: `${f}.part.priceFen`, message: 'a part the customer supplies is not charged' });
    }
    if (l?.labourHundredths === 0 && p === null) errors.push({ field: f, message: 'a line has labour, a part, or both' });
  });
  return errors;
}

/** RO-3: does this line carry no quality guarantee? Customer-supplied parts, aftermarket parts on critical systems. */
export function lineWithoutGuarantee(l: Pick<EstimateLineInput, 'part' | 'system'>, policy: Pick<RepairOrderPolicy, 'estimate'>): boolean {
  if (!l.part) return false;
  return l.part.supplier === 'customer' || (l.part.origin === 'aftermarket' && policy.estimate.criticalSystems.includes(l.system));
}

/** Labour hours × rate, rounded half up to the fen. */
export const labourFen = (hundredths: number, rateFen: Fen): Fen => fen(Math.round((hundredths * rateFen) / 100));

/**
 * RO-3: prices the lines by the method. By symptom, the risk margin is added on the sum (rounded half
 * up). By item, the customer must have been told that quality may then not be guaranteed
 * (`qualityNoticeGiven`), else `RO_ITEM_PRICING_NOTICE_REQUIRED`.
 */
export function priceEstimate(method: EstimateMethod, lines: readonly EstimateLineInput[], policy: Pick<RepairOrderPolicy, 'estimate'>, opts: { qualityNoticeGiven?: boolean } = {}): Estimate {
  if (!(ESTIMATE_METHODS as readonly string[]).includes(method)) {
    throw new DomainError('RO_ESTIMATE_INVALID', 'invalid', `method: one of ${ESTIMATE_METHODS.join(', ')}`, { errors: [{ field: 'method', message: ESTIMATE_METHODS.join(', ') }], ruleIds: ['RO-3'] });
  }
  const errors = validateEstimateLines(lines);
  if (errors.length) throw new DomainError('RO_ESTIMATE_INVALID', 'invalid', errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors, ruleIds: ['RO-3'] });
  if (method === 'item' && opts.qualityNoticeGiven !== true) {
    throw new DomainError('RO_ITEM_PRICING_NOTICE_REQUIRED', 'unprocessable', 'pricing by item needs the customer told first that quality may not be guaranteed (RO-3)', { ruleIds: ['RO-3'] });
  }
  const priced: PricedLine[] = lines.map((l) => {
    const lab = labourFen(l.labourHundredths, policy.estimate.labourRateFen);
    const parts = fen(l.part?.priceFen ?? 0);
    return { ...l, part: l.part ? { ...l.part } : null, labourFen: lab, partsFen: parts, totalFen: fen(lab + parts), noGuarantee: lineWithoutGuarantee(l, policy) };
  });
  return summarize(method, priced, method === 'symptom' ? policy.estimate.symptomRiskMarginPercent : 0);
}

/**
 * Sums priced lines with the margin fixed at the estimate (used again when additional work joins the
 * order): later policy edits do not change an order's price.
 */
export function summarize(method: EstimateMethod, lines: PricedLine[], riskMarginPercent: number): Estimate {
  const labour = lines.reduce((s, l) => s + l.labourFen, 0);
  const parts = lines.reduce((s, l) => s + l.partsFen, 0);
  const margin = Math.round(((labour + parts) * riskMarginPercent) / 100);
  const disclaimerLineIds = lines.filter((l) => l.noGuarantee).map((l) => l.id);
  const notes: string[] = [];
  if (disclaimerLineIds.length) notes.push(`客户自购配件或关键部位使用副厂件（${disclaimerLineIds.join('、')}），本厂对其技术质量不作担保。`);
  if (method === 'item') notes.push('按项目定价，已事先向客户说明质量可能无法保证。');
  return {
    method,
    lines,
    labourFen: fen(labour),
    partsFen: fen(parts),
    riskMarginPercent,
    riskMarginFen: fen(margin),
    totalFen: fen(labour + parts + margin),
    disclaimerLineIds,
    disclaimer: notes.length ? notes.join(' ') : null,
  };
}
