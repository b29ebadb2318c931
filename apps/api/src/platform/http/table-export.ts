import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

export type Cell = string | number;

/** One CSV cell: quoted when needed; a leading = + - @ is neutralised so that a spreadsheet never runs it as a formula. */
export const csvCell = (v: Cell): string => {
  const s = String(v);
  return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/^([=+\-@])/, "'$1").replace(/"/g, '""')}"` : s;
};

/** A CSV download: a byte-order mark so that Excel opens Chinese headers as UTF-8, CRLF lines. */
export const csvBuffer = (header: readonly Cell[], rows: readonly (readonly Cell[])[]): Buffer =>
  Buffer.from(`\ufeff${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`, 'utf8');

/** An XLSX download of one sheet: a title row, the bold header, the rows. */
export async function xlsxBuffer(sheet: string, title: string, header: readonly Cell[], rows: readonly (readonly Cell[])[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'SiteDesk';
  const ws = wb.addWorksheet(sheet.slice(0, 31));
  ws.addRow([title]);
  ws.addRow([...header]).font = { bold: true };
  for (const r of rows) ws.addRow([...r]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const FILE_TYPES = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

/** Answers a download: the file in the asked format, saved by the browser under `name`. */
export async function sendFile<F extends keyof typeof FILE_TYPES>(reply: FastifyReply, name: string, format: F, make: Record<F, () => Buffer | Promise<Buffer>>): Promise<Buffer> {
  void reply.header('content-disposition', `attachment; filename="${name}"`);
  void reply.type(FILE_TYPES[format]);
  return make[format]();
}
