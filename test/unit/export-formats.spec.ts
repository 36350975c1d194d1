/** The CSV and XLSX writers: parsed back with independent readers (csv-parse, exceljs) and compared. */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { csvNumber, toCsv } from '../../src/exports/csv';
import { ROWS_PER_TURN, type CellValue, type ExportTable } from '../../src/exports/table';
import { DATE_FORMAT, DATETIME_FORMAT, DECIMAL_FORMAT, INTEGER_FORMAT, toXlsx } from '../../src/exports/xlsx';
import { countTurns, type TurnCounter } from '../support/event-loop-turns';

const table: ExportTable = {
  sheetName: 'Chỉ tiêu năm 2021',
  fileBaseName: 'chi-tieu-2021',
  columns: [
    { header: 'Tên chỉ tiêu', kind: 'text', width: 30 },
    { header: 'Giá trị', kind: 'number', width: 10 },
    { header: 'Hạn hoàn thành', kind: 'date', width: 12 },
    { header: 'Cập nhật lúc', kind: 'datetime', width: 20 },
  ],
  rows: [
    ['Tạo việc làm mới cho lao động; "trở lên"', 6500, '2021-09-05', '2021-07-20T03:00:00.000Z'],
    ['Tỷ lệ che phủ rừng\nổn định', 55.3, null, '2021-12-31T17:30:00.000Z'],
    ['=HYPERLINK("http://x")', -1234567.25, null, null],
    ['-5 điểm', null, null, null],
  ],
};

describe('CSV export', () => {
  let bytes: Buffer;
  let text: string;

  beforeAll(async () => {
    bytes = await toCsv(table);
    text = bytes.toString('utf8');
  });

  it('starts with a UTF-8 byte-order mark and ends lines with CRLF', () => {
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.slice(1).split('\r\n')[0]).toBe('Tên chỉ tiêu;Giá trị;Hạn hoàn thành;Cập nhật lúc');
  });

  it('parses back, field for field, with ; as separator and RFC 4180 quoting', () => {
    const rows: string[][] = parse(text, { delimiter: ';', bom: true, relax_column_count: false });
    expect(rows).toEqual([
      ['Tên chỉ tiêu', 'Giá trị', 'Hạn hoàn thành', 'Cập nhật lúc'],
      // 03:00 UTC is 10:00 in Hạ Long.
      ['Tạo việc làm mới cho lao động; "trở lên"', '6500', '05/09/2021', '20/07/2021 10:00:00'],
      // 17:30 UTC on 31 December is already 1 January in Hạ Long.
      ['Tỷ lệ che phủ rừng\nổn định', '55,3', '', '01/01/2022 00:30:00'],
      ["'=HYPERLINK(\"http://x\")", '-1234567,25', '', ''],
      ["'-5 điểm", '', '', ''],
    ]);
    expect(text).toContain('"Tạo việc làm mới cho lao động; ""trở lên"""');
  });

  it('writes numbers with a decimal comma and no grouping', () => {
    expect([6500, 15.6, 0.1 + 0.2, -0.25, 1e6].map(csvNumber)).toEqual(['6500', '15,6', '0,3', '-0,25', '1000000']);
  });
});

describe('XLSX export', () => {
  let sheet: ExcelJS.Worksheet;

  beforeAll(async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx(table)) as unknown as ExcelJS.Buffer);
    sheet = workbook.getWorksheet('Chỉ tiêu năm 2021') as ExcelJS.Worksheet;
  });

  it('has the Vietnamese headers in a bold, frozen first row with a filter', () => {
    expect(sheet.getRow(1).values).toEqual([undefined, 'Tên chỉ tiêu', 'Giá trị', 'Hạn hoàn thành', 'Cập nhật lúc']);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getRow(1).getCell(1).alignment).toMatchObject({ wrapText: true });
    expect(table.columns.map((_, i) => sheet.getColumn(i + 1).width)).toEqual([30, 10, 12, 20]);
  });

  it('stores numbers as numeric cells with a grouping format rendered per locale', () => {
    expect(sheet.getCell('B2').value).toBe(6500);
    expect(sheet.getCell('B2').numFmt).toBe(INTEGER_FORMAT);
    expect(sheet.getCell('B3').value).toBe(55.3);
    expect(sheet.getCell('B3').numFmt).toBe(DECIMAL_FORMAT);
    expect(sheet.getCell('B4').value).toBe(-1234567.25);
    expect(sheet.getCell('B5').value).toBeNull();
  });

  it('stores dates and Vietnam wall-clock times as date cells', () => {
    expect(sheet.getCell('C2').value).toEqual(new Date('2021-09-05T00:00:00.000Z'));
    expect(sheet.getCell('C2').numFmt).toBe(DATE_FORMAT);
    expect(sheet.getCell('D2').value).toEqual(new Date('2021-07-20T10:00:00.000Z'));
    expect(sheet.getCell('D3').value).toEqual(new Date('2022-01-01T00:30:00.000Z'));
    expect(sheet.getCell('D3').numFmt).toBe(DATETIME_FORMAT);
  });

  it('keeps text as text, never evaluated, and defuses what would become a formula once edited, as CSV does', () => {
    expect(sheet.getCell('A2').value).toBe('Tạo việc làm mới cho lao động; "trở lên"');
    expect(sheet.getCell('A4').value).toBe('\'=HYPERLINK("http://x")');
    expect(sheet.getCell('A4').type).toBe(ExcelJS.ValueType.String);
  });
});

describe('a long export', () => {
  const rowCount = 2 * ROWS_PER_TURN + 10;

  /**
   * A table whose rows note the turns counted when each is read: turns between the first row and
   * the last show that the writer lets the event loop run while it writes rows, not only afterwards.
   */
  function longTable(counter: TurnCounter): { table: ExportTable; turnsAtRow: number[] } {
    const rows = Array.from({ length: rowCount }, (_, i): CellValue[] => [`Dòng ${i}`, i, null, null]);
    const turnsAtRow: number[] = [];
    rows[Symbol.iterator] = function* eachRow(): ArrayIterator<CellValue[]> {
      for (let i = 0; i < rowCount; i++) {
        turnsAtRow.push(counter.turns);
        yield rows[i];
      }
    };
    return { table: { ...table, rows }, turnsAtRow };
  }

  async function written<T>(write: (long: ExportTable) => Promise<T>): Promise<{ output: T; turnsWhileRowsWere: number }> {
    const counter = countTurns();
    try {
      const { table: long, turnsAtRow } = longTable(counter);
      const output = await write(long);
      return { output, turnsWhileRowsWere: turnsAtRow[turnsAtRow.length - 1] - turnsAtRow[0] };
    } finally {
      counter.stop();
    }
  }

  it('lets the event loop turn while its CSV rows are written, and loses none of them', async () => {
    const { output: csv, turnsWhileRowsWere } = await written(toCsv);
    expect(turnsWhileRowsWere).toBeGreaterThanOrEqual(2);
    const rows: string[][] = parse(csv.toString('utf8'), { delimiter: ';', bom: true });
    expect(rows).toHaveLength(rowCount + 1);
    expect(rows[rows.length - 1]).toEqual([`Dòng ${rowCount - 1}`, String(rowCount - 1), '', '']);
  });

  it('lets the event loop turn while its XLSX rows are written, and loses none of them', async () => {
    const { output: bytes, turnsWhileRowsWere } = await written(toXlsx);
    expect(turnsWhileRowsWere).toBeGreaterThanOrEqual(2);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBe(rowCount + 1);
    expect(sheet.getRow(rowCount + 1).getCell(1).value).toBe(`Dòng ${rowCount - 1}`);
  });
});
