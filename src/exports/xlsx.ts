/**
 * XLSX with exceljs: real numeric and date cells, so the inspector can sum and sort them.
 *
 * Number formats are Excel format codes, in which `,` always means "group thousands" and `.` "the
 * decimal point"; Excel and LibreOffice render them with the separators of the reader's locale, so
 * on a Vietnamese system 6500 shows as "6.500" and 15.6 as "15,6". Whole numbers get `#,##0`;
 * others `#,##0.0#####` (at least one decimal, up to six — the precision the ledger's own Vietnamese
 * formatting keeps), which avoids the dangling separator `#,##0.##` shows on whole numbers.
 * Dates are `dd/mm/yyyy`, times `dd/mm/yyyy hh:mm:ss` in Vietnam time (UTC+07:00): an Excel cell
 * has no time zone, so the local wall-clock time is what is stored.
 * Text is stored as text cells, never formulas, and neutralised as in CSV (formula-guard.ts): a
 * text cell is not evaluated where it stands, but it is once a reader edits it, splits its column
 * (Text to Columns) or saves the sheet as CSV and opens that.
 */
import { PassThrough } from 'node:stream';
import type ExcelJS from 'exceljs';
import { nextTurn, TurnBudget } from '../shared/next-turn';
import { neutraliseFormulas } from './formula-guard';
import { ROWS_PER_TURN, vietnamWallClock, type CellValue, type Column, type ExportTable } from './table';

export const INTEGER_FORMAT = '#,##0';
export const DECIMAL_FORMAT = '#,##0.0#####';
export const DATE_FORMAT = 'dd/mm/yyyy';
export const DATETIME_FORMAT = 'dd/mm/yyyy hh:mm:ss';

/**
 * The table as XLSX bytes, written with exceljs's streaming writer: each row is serialised as it is
 * committed and compressed by zlib off the main thread, and the event loop turns every
 * ROWS_PER_TURN rows, so a long history holds up no other request (the whole-document writer
 * serialised and zipped a 10,000-row sheet in one synchronous stretch of ≈ 0.4 s).
 */
export async function toXlsx(table: ExportTable): Promise<Buffer> {
  return toXlsxWorkbook([table]);
}

/** Several tables as the sheets of one workbook, in order (a review's sections). */
export async function toXlsxWorkbook(tables: readonly ExportTable[]): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => output.on('end', resolve).on('error', reject));
  const workbook = new (loadExcelJs().stream.xlsx.WorkbookWriter)({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = 'resolution-ledger';
  const turns = new TurnBudget(ROWS_PER_TURN);
  for (const table of tables) await writeSheet(workbook, table, turns);
  await workbook.commit();
  await ended;
  return Buffer.concat(chunks);
}

async function writeSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, table: ExportTable, turns: TurnBudget): Promise<void> {
  const sheet = workbook.addWorksheet(table.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((column) => ({ header: column.header, width: column.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.commit();
  for (const values of table.rows) {
    const row = sheet.addRow(values.map((value, i) => cellValue(table.columns[i], value)));
    values.forEach((value, i) => {
      const format = numberFormat(table.columns[i], value);
      if (format) row.getCell(i + 1).numFmt = format;
    });
    row.commit();
    if (turns.spend()) await nextTurn();
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  sheet.commit();
}

function cellValue(column: Column, value: CellValue): ExcelJS.CellValue {
  if (value === null || value === '') return null;
  switch (column.kind) {
    case 'number':
      return typeof value === 'number' ? value : neutraliseFormulas(value);
    case 'date':
      return new Date(`${value}T00:00:00.000Z`);
    case 'datetime':
      return vietnamWallClock(String(value));
    case 'text':
      return neutraliseFormulas(String(value));
  }
}

function numberFormat(column: Column, value: CellValue): string | null {
  if (value === null || value === '') return null;
  if (column.kind === 'date') return DATE_FORMAT;
  if (column.kind === 'datetime') return DATETIME_FORMAT;
  if (column.kind === 'number' && typeof value === 'number') return Number.isInteger(value) ? INTEGER_FORMAT : DECIMAL_FORMAT;
  return null;
}

/**
 * exceljs takes about 30 MB and 0.2 s to load, for a route an inspector calls now and then: it is
 * loaded on the first export instead of at start-up (node caches it from then on).
 */
function loadExcelJs(): typeof ExcelJS {
  return require('exceljs') as typeof ExcelJS;
}
