/**
 * A table to export, independent of the file format: Vietnamese column headers, and per column the
 * kind of value so each format writes it properly (a real number or date cell in XLSX, Vietnamese
 * text in CSV).
 */
export type ColumnKind =
  /** Free text. */
  | 'text'
  /** A number: a numeric cell in XLSX, a decimal comma in CSV. */
  | 'number'
  /** A calendar date YYYY-MM-DD: a date cell in XLSX, dd/mm/yyyy in CSV. */
  | 'date'
  /** An ISO-8601 instant: shown in Vietnam time (UTC+07:00), a date-time cell in XLSX. */
  | 'datetime';

export interface Column {
  header: string;
  kind: ColumnKind;
  /** Column width in characters (XLSX). */
  width: number;
}

export type CellValue = string | number | null;

export interface ExportTable {
  /** Sheet name in XLSX: at most 31 characters, none of []:*?/\ . */
  sheetName: string;
  /** The file name without extension, ASCII. */
  fileBaseName: string;
  columns: Column[];
  rows: CellValue[][];
}

export type ExportFormat = 'csv' | 'xlsx';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx'];

/** Rows written between two turns of the event loop: a few milliseconds of work (an indicator's history may hold thousands). */
export const ROWS_PER_TURN = 500;

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const LOCAL_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The wall-clock time in Hạ Long of an instant, as a Date whose UTC fields read as that local time. */
export function vietnamWallClock(instant: string): Date {
  return new Date(Date.parse(instant) + LOCAL_OFFSET_MS);
}
