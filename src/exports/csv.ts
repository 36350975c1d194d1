/**
 * CSV the way a Vietnamese Excel opens it with a double click:
 * - UTF-8 with a byte-order mark, or Excel reads the file as the ANSI code page and garbles
 *   "Hạ Long" (no `sep=` line either: with one, Excel ignores the BOM);
 * - `;` between fields, the list separator of the vi-VN locale, where `,` is the decimal comma;
 * - RFC 4180 otherwise: CRLF line ends, quotes doubled, a field quoted when it holds `;`, `"`, CR or
 *   LF, and also `,`, tab or `|`, so that a spreadsheet opening the file with one of those as its
 *   separator keeps the field whole;
 * - numbers with a decimal comma and no thousands separator (1750; 15,6), so the vi-VN Excel reads
 *   them as numbers and a program can parse them unambiguously; dates dd/mm/yyyy, times in Vietnam
 *   time (UTC+07:00) as dd/mm/yyyy hh:mm:ss;
 * - text gets an apostrophe before every formula character that could begin a cell, at its start
 *   or after a separator or line break (formula-guard.ts), so a department's free text can never
 *   run as a formula in the inspector's spreadsheet (CSV injection); numbers are never touched.
 */
import { formatVietnameseDate, formatVietnameseNumber } from '../shared/vietnamese-format';
import { nextTurn, TurnBudget } from '../shared/next-turn';
import { neutraliseFormulas } from './formula-guard';
import { ROWS_PER_TURN, vietnamWallClock, type CellValue, type Column, type ExportTable } from './table';

export const CSV_SEPARATOR = ';';
const BOM = '\uFEFF';
const NEEDS_QUOTES = /[;"\r\n,\t|]/;

/** The table as CSV bytes; the event loop turns every ROWS_PER_TURN rows, so a long export holds up no other request. */
export async function toCsv(table: ExportTable): Promise<Buffer> {
  const lines = [table.columns.map((column) => field(column.header)).join(CSV_SEPARATOR)];
  const turns = new TurnBudget(ROWS_PER_TURN);
  for (const row of table.rows) {
    lines.push(table.columns.map((column, i) => field(cellText(column, row[i]))).join(CSV_SEPARATOR));
    if (turns.spend()) await nextTurn();
  }
  return Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
}

function cellText(column: Column, value: CellValue): string {
  if (value === null || value === '') return '';
  switch (column.kind) {
    case 'number':
      return typeof value === 'number' ? csvNumber(value) : neutraliseFormulas(String(value));
    case 'date':
      return formatVietnameseDate(String(value));
    case 'datetime':
      return localDateTime(String(value));
    case 'text':
      return neutraliseFormulas(String(value));
  }
}

/** 1750 → "1750", 15.6 → "15,6", -0.25 → "-0,25". */
export function csvNumber(value: number): string {
  return formatVietnameseNumber(value).replace(/\./g, '');
}

function localDateTime(instant: string): string {
  const local = vietnamWallClock(instant).toISOString();
  return `${formatVietnameseDate(local.slice(0, 10))} ${local.slice(11, 19)}`;
}

function field(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
