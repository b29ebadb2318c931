import { fen, type Fen } from '../common/money.js';

/** RES-1: a unit of the site's inventory (房源). Area in hundredths of a square metre, price in fen. */
export interface UnitInput {
  building: string;
  number: string;
  floor: number;
  layout: string;
  areaCentiM2: number;
  listPriceFen: Fen;
}

export interface UnitProblem {
  field: string;
  code: 'MISSING_FIELD' | 'INVALID_VALUE' | 'DUPLICATE_IN_FILE' | 'UNIT_EXISTS' | 'TOO_MANY_COLUMNS';
  message: string;
}

const MAX_PRICE_FEN = 100_000_000_000; // ¥1,000,000,000: beyond that a typo
const TEXT = /^[\p{L}\p{N}][\p{L}\p{N} .,，_#\-/()（）]*$/u;

/** A unit's own consistency. */
export function validateUnit(u: UnitInput): UnitProblem[] {
  const out: UnitProblem[] = [];
  for (const [field, v, max] of [['building', u.building, 40], ['number', u.number, 40], ['layout', u.layout, 60]] as const) {
    if (!v.trim()) out.push({ field, code: 'MISSING_FIELD', message: `${field} is required` });
    else if (v.length > max || !TEXT.test(v)) out.push({ field, code: 'INVALID_VALUE', message: `${field}: letters, digits, spaces and . , _ # - / ( ), at most ${max}` });
  }
  if (!Number.isInteger(u.floor) || u.floor < -10 || u.floor > 200) out.push({ field: 'floor', code: 'INVALID_VALUE', message: 'floor: a whole number from -10 to 200' });
  if (!Number.isInteger(u.areaCentiM2) || u.areaCentiM2 <= 0 || u.areaCentiM2 > 10_000_000) out.push({ field: 'area', code: 'INVALID_VALUE', message: 'area: square metres above 0, at most two decimals' });
  if (!Number.isSafeInteger(u.listPriceFen) || u.listPriceFen <= 0 || u.listPriceFen > MAX_PRICE_FEN) out.push({ field: 'listPrice', code: 'INVALID_VALUE', message: 'list price: yuan above 0, at most two decimals' });
  return out;
}

/** "1234.5" → 123450: a decimal with at most two places, read without floating point. Null when not such a number. */
export function decimalToHundredths(text: string): number | null {
  const m = /^\s*(\d{1,13})(?:\.(\d{1,2}))?\s*$/.exec(text.replace(/[,，]/g, ''));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Splits CSV text into records (RFC 4180: quoted fields with "" and line breaks), with each record's first line number. */
export function splitCsv(text: string): { line: number; cells: string[] }[] {
  const out: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let touched = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
      continue;
    }
    if (c === '"') {
      quoted = true;
      touched = true;
    } else if (c === ',') {
      cells.push(cell);
      cell = '';
      touched = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      cells.push(cell);
      if (touched || cells.some((x) => x.trim())) out.push({ line: start, cells });
      cells = [];
      cell = '';
      touched = false;
      line++;
      start = line;
    } else {
      cell += c;
      touched = true;
    }
  }
  cells.push(cell);
  if (touched || cells.some((x) => x.trim())) out.push({ line: start, cells });
  return out;
}

/** The columns of a unit import, with the header names accepted for each (English and Chinese). */
const COLUMNS: Record<keyof UnitInput, string[]> = {
  building: ['building', '楼栋', '楼号'],
  number: ['number', 'unit', 'unit number', '房号'],
  floor: ['floor', '楼层'],
  layout: ['layout', '户型'],
  areaCentiM2: ['area', '面积', '建筑面积'],
  listPriceFen: ['list price', 'list_price', 'listprice', 'price', '价格', '总价', '标价'],
};

export interface UnitImportRow {
  line: number;
  unit: UnitInput;
}

export interface UnitImportError {
  line: number;
  field: string;
  code: UnitProblem['code'] | 'HEADER_INVALID';
  message: string;
}

export interface ParsedUnitImport {
  rows: UnitImportRow[];
  errors: UnitImportError[];
}

/**
 * RES-1 unit import: a header line naming the columns (building, number, floor, layout, area in m²,
 * list price in yuan), then one unit per line. Each bad line is reported with its line number, field
 * and code; the good lines are kept. A unit twice in the file is reported at its second line.
 */
export function parseUnitsCsv(text: string): ParsedUnitImport {
  const records = splitCsv(text);
  if (!records.length) return { rows: [], errors: [{ line: 1, field: 'header', code: 'HEADER_INVALID', message: 'the file is empty: a header line is required' }] };
  const header = records[0].cells.map((h) => h.trim().toLowerCase());
  const index = {} as Record<keyof UnitInput, number>;
  const missing: string[] = [];
  for (const [key, names] of Object.entries(COLUMNS) as [keyof UnitInput, string[]][]) {
    const i = header.findIndex((h) => names.includes(h));
    if (i < 0) missing.push(names[0]);
    index[key] = i;
  }
  if (missing.length) return { rows: [], errors: [{ line: records[0].line, field: 'header', code: 'HEADER_INVALID', message: `missing columns: ${missing.join(', ')}` }] };
  const rows: UnitImportRow[] = [];
  const errors: UnitImportError[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of records.slice(1)) {
    if (cells.length > header.length) {
      errors.push({ line, field: 'row', code: 'TOO_MANY_COLUMNS', message: `${cells.length} cells for ${header.length} columns` });
      continue;
    }
    const cell = (k: keyof UnitInput) => (cells[index[k]] ?? '').trim();
    const problems: UnitProblem[] = [];
    const floorText = cell('floor');
    const floor = /^-?\d{1,3}$/.test(floorText) ? Number(floorText) : NaN;
    const area = decimalToHundredths(cell('areaCentiM2'));
    const price = decimalToHundredths(cell('listPriceFen').replace(/^[¥￥]/, ''));
    const unit: UnitInput = { building: cell('building'), number: cell('number'), floor, layout: cell('layout'), areaCentiM2: area ?? NaN, listPriceFen: (price ?? NaN) as Fen };
    if (!floorText) problems.push({ field: 'floor', code: 'MISSING_FIELD', message: 'floor is required' });
    if (!cell('areaCentiM2')) problems.push({ field: 'area', code: 'MISSING_FIELD', message: 'area is required' });
    if (!cell('listPriceFen')) problems.push({ field: 'listPrice', code: 'MISSING_FIELD', message: 'list price is required' });
    const more = validateUnit(unit).filter((p) => !problems.some((q) => q.field === p.field));
    problems.push(...more);
    if (problems.length) {
      for (const p of problems) errors.push({ line, ...p });
      continue;
    }
    const key = unitKey(unit);
    if (seen.has(key)) {
      errors.push({ line, field: 'number', code: 'DUPLICATE_IN_FILE', message: `${unit.building} ${unit.number} is already on line ${seen.get(key)}` });
      continue;
    }
    seen.set(key, line);
    rows.push({ line, unit: { ...unit, listPriceFen: fen(unit.listPriceFen) } });
  }
  return { rows, errors };
}

/** A unit is named by building and number on its site (case-insensitive, spaces ignored). */
export const unitKey = (u: Pick<UnitInput, 'building' | 'number'>) => `${u.building.replace(/\s+/g, '').toLowerCase()}|${u.number.replace(/\s+/g, '').toLowerCase()}`;
