/**
 * Exports over HTTP, read back and compared with the JSON the API answers: one indicator's history
 * and the year's indicator table, as CSV (parsed with csv-parse) and XLSX (read with exceljs).
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { KEYS, startTestApp, type TestApp } from '../support/test-app';

const INDICATOR = 'ind-10';
const UNIT = 'phong-lao-dong-thuong-binh-xa-hoi';

/** Collects a binary response body into a Buffer. */
function binary(res: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

async function sheetOf(body: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
  return workbook.worksheets[0];
}

function csvRows(body: Buffer): string[][] {
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parse(body.toString('utf8'), { delimiter: ';', bom: true });
}

describe('exports (e2e)', () => {
  let t: TestApp;
  let position: number;

  beforeAll(async () => {
    t = await startTestApp();
    const reporter = KEYS.reporter(UNIT);
    const q1 = await t.post(`/indicators/${INDICATOR}/progress-reports`, { metric: 'new_jobs', period: '2021-Q1', value: 1700, evidence: [{ title: 'Báo cáo quý I', documentRef: '45/BC-LĐTBXH', issuedOn: '2021-04-05' }] }, reporter).expect(201);
    t.clock.set('2021-07-21T02:00:00.000Z');
    await t.post(`/indicators/${INDICATOR}/progress-reports/${q1.body.reportId}/corrections`, { value: 1751, reason: 'Số liệu "chính thức"; Chi cục Thống kê' }, reporter).expect(201);
    await t.post('/indicators/ind-04/progress-reports', { metric: 'structure_services', period: '2021-H1', value: 56.45 }, KEYS.reporter('chi-cuc-thong-ke')).expect(201);
    const query = await t.post(`/indicators/${INDICATOR}/progress-reports/${q1.body.reportId}/queries`, { question: '=1+1 là gì?' }, KEYS.inspector).expect(201);
    position = query.body.position;
  });

  afterAll(async () => {
    await t.close();
  });

  describe("one indicator's history", () => {
    it('as CSV: headers, attachment name, BOM, one row per history entry', async () => {
      const res = await t.get(`/indicators/${INDICATOR}/history/export?format=csv&minPosition=${position}`, KEYS.inspector).buffer(true).parse(binary).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="lich-su-${INDICATOR}.csv"; filename*=UTF-8''lich-su-${INDICATOR}.csv`);
      const history = (await t.get(`/indicators/${INDICATOR}/history`).expect(200)).body.items;
      const [header, ...rows] = csvRows(res.body);
      expect(header).toEqual([
        'Phiên bản',
        'Thời điểm ghi nhận',
        'Loại sự kiện',
        'Người thực hiện',
        'Đơn vị thực hiện',
        'Kỳ báo cáo',
        'Chỉ tiêu thành phần',
        'Giá trị trước',
        'Giá trị sau',
        'Lý do',
        'Số hiệu văn bản',
        'Ghi chú',
        'Nội dung yêu cầu, giải trình, kết luận',
        'Tài liệu kiểm chứng',
        'Diễn giải',
        'Tình hình thực hiện trước',
        'Tình hình thực hiện sau',
        'Kết quả thực hiện',
      ]);
      expect(rows).toHaveLength(history.length);
      expect(rows.map((row) => row[0])).toEqual(history.map((entry: { revision: number }) => String(entry.revision)));
      // The summaries as the history shows them, but for the question quoted in the last one, which looks like a formula.
      const summaries = history.map((entry: { summary: string }) => entry.summary);
      expect(summaries[3]).toContain(': =1+1 là gì?');
      expect(rows.map((row) => row[14])).toEqual([...summaries.slice(0, 3), summaries[3].replace('=1+1', "'=1+1")]);
      const [, reported, corrected, queried] = rows;
      expect(reported.slice(1, 9)).toEqual(['20/07/2021 10:00:00', 'Báo cáo tiến độ', reported[3], 'Phòng Lao động - Thương binh và Xã hội', '2021-Q1', 'new_jobs', '', '1700']);
      expect(reported[13]).toBe('45/BC-LĐTBXH ngày 05/04/2021: Báo cáo quý I');
      expect(corrected.slice(2, 10)).toEqual(['Đính chính báo cáo', corrected[3], 'Phòng Lao động - Thương binh và Xã hội', '2021-Q1', 'new_jobs', '1700', '1751', 'Số liệu "chính thức"; Chi cục Thống kê']);
      // A question that starts like a formula is defused.
      expect(queried[12]).toBe("'=1+1 là gì?");
    });

    it('as XLSX: numeric and date cells, read back with exceljs', async () => {
      const res = await t.get(`/indicators/${INDICATOR}/history/export?format=xlsx`, KEYS.inspector).buffer(true).parse(binary).expect(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers['content-disposition']).toContain(`filename="lich-su-${INDICATOR}.xlsx"`);
      const sheet = await sheetOf(res.body);
      expect(sheet.name).toBe(`Lịch sử ${INDICATOR}`);
      expect(sheet.getRow(1).getCell(15).value).toBe('Diễn giải');
      expect(sheet.rowCount).toBe(5);
      const corrected = sheet.getRow(4);
      expect(corrected.getCell(1).value).toBe(2);
      expect(corrected.getCell(2).value).toEqual(new Date('2021-07-21T09:00:00.000Z'));
      expect(corrected.getCell(8).value).toBe(1700);
      expect(corrected.getCell(8).numFmt).toBe('#,##0');
      expect(corrected.getCell(9).value).toBe(1751);
      // A text cell, and defused as in CSV: it would become a formula once edited or split.
      expect(sheet.getRow(5).getCell(13).value).toBe("'=1+1 là gì?");
      expect(sheet.getRow(5).getCell(13).type).toBe(ExcelJS.ValueType.String);
    });

    it('with the history\'s filters and order: the same entries as GET /indicators/{id}/history shows for them', async () => {
      const revisionsOf = async (query: string) => {
        const [, ...rows] = csvRows((await t.get(`/indicators/${INDICATOR}/history/export?format=csv&${query}`, KEYS.inspector).buffer(true).parse(binary).expect(200)).body);
        return rows.map((row) => Number(row[0]));
      };
      const shown = async (query: string) => (await t.get(`/indicators/${INDICATOR}/history?${query}`, KEYS.inspector).expect(200)).body.items.map((entry: { revision: number }) => entry.revision);
      for (const query of ['type=ProgressReportCorrected', 'type=ProgressReported,ReportQueried&order=desc', 'from=2021-07-21T00:00:00%2B07:00', `unit=${UNIT}`, 'order=desc']) {
        expect(await revisionsOf(query)).toEqual(await shown(query));
      }
      expect(await revisionsOf('type=ProgressReportCorrected')).toEqual([2]);
      expect(await revisionsOf('order=desc')).toEqual([3, 2, 1, 0]);
      // Nothing matches: the header alone, not a 404 (the indicator exists).
      expect(await revisionsOf('to=2020-12-31T23:59:59%2B07:00')).toEqual([]);
      expect((await t.get('/indicators/ind-99/history/export?format=csv&type=ProgressReported').expect(404)).body.code).toBe('INDICATOR_NOT_FOUND');
      // An export holds every matching entry: pages are refused, as are bad filters.
      for (const bad of ['limit=10', 'offset=1', 'type=Bogus', 'from=yesterday', 'order=sideways']) {
        expect((await t.get(`/indicators/${INDICATOR}/history/export?format=csv&${bad}`).expect(400)).body.code).toBe('VALIDATION_FAILED');
      }
    });

    it('answers 404 for an unknown indicator and 400 for an unknown format', async () => {
      expect((await t.get('/indicators/ind-99/history/export?format=csv').expect(404)).body.code).toBe('INDICATOR_NOT_FOUND');
      expect((await t.get(`/indicators/${INDICATOR}/history/export?format=pdf`).expect(400)).body.code).toBe('VALIDATION_FAILED');
      expect((await t.get(`/indicators/${INDICATOR}/history/export`).expect(400)).body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe("the year's indicator table", () => {
    it('as CSV: one row per target of every listed indicator, as GET /indicators shows them', async () => {
      const res = await t.get('/exports/indicators?format=csv&kind=indicator', KEYS.analyst).buffer(true).parse(binary).expect(200);
      expect(res.headers['content-disposition']).toContain('filename="chi-tieu-2021.csv"');
      const listed = (await t.get('/indicators?kind=indicator').expect(200)).body.items;
      const [header, ...rows] = csvRows(res.body);
      expect(header).toEqual([
        'Mã',
        'Số thứ tự chỉ tiêu',
        'Loại',
        'Nhóm',
        'Mục',
        'Tên chỉ tiêu, nhiệm vụ',
        'Nội dung mục tiêu',
        'Mục tiêu',
        'Giá trị mục tiêu',
        'Đơn vị tính',
        'Hạn hoàn thành',
        'Số liệu mới nhất',
        'Kỳ báo cáo',
        'Tình trạng',
        'Đơn vị chủ trì',
        'Mã đơn vị chủ trì',
        'Yêu cầu giải trình chưa kết thúc',
        'Cập nhật lúc',
        'Tình hình thực hiện',
        'Ngày hoàn thành',
      ]);
      const expected = listed.flatMap((indicator: { id: string; targets: Array<{ metric: string }> }) => indicator.targets.map(() => indicator.id));
      expect(rows.map((row) => row[0])).toEqual(expected);
      const ind10 = rows.find((row) => row[0] === INDICATOR) as string[];
      expect(ind10.slice(0, 4)).toEqual([INDICATOR, '10', 'Chỉ tiêu chủ yếu', 'Văn hóa – xã hội']);
      // A decimal figure is written with a decimal comma.
      expect(rows.find((row) => row[0] === 'ind-04' && row[11] !== '')?.slice(11, 14)).toEqual(['56,45', '2021-H1', expect.any(String)]);
      expect(ind10.slice(7, 17)).toEqual(['≥ 6.500', '6500', 'lao động', '', '1751', '2021-Q1', 'Đúng tiến độ', 'Phòng Lao động - Thương binh và Xã hội', UNIT, '1']);
    });

    it('as XLSX, with the same filters as GET /indicators', async () => {
      const res = await t.get(`/exports/indicators?format=xlsx&unit=${UNIT}`, KEYS.inspector).buffer(true).parse(binary).expect(200);
      const sheet = await sheetOf(res.body);
      expect(sheet.name).toBe('Chỉ tiêu năm 2021');
      const listed = (await t.get(`/indicators?unit=${UNIT}`).expect(200)).body.items;
      const targets = listed.flatMap((indicator: { targets: unknown[] }) => indicator.targets);
      expect(sheet.rowCount).toBe(1 + targets.length);
      const row = sheet.getRow(2);
      expect(row.getCell(1).value).toBe(INDICATOR);
      expect(row.getCell(9).value).toBe(6500);
      expect(row.getCell(9).numFmt).toBe('#,##0');
      expect(row.getCell(12).value).toBe(1751);
      expect(row.getCell(14).value).toBe('Đúng tiến độ');
      expect(row.getCell(15).value).toBe('Phòng Lao động - Thương binh và Xã hội');
      expect(row.getCell(18).value).toEqual(new Date('2021-07-21T09:00:00.000Z'));
    });

    it('writes a decimal figure as a numeric cell with a decimal format', async () => {
      const res = await t.get('/exports/indicators?format=xlsx&group=economy&kind=indicator').buffer(true).parse(binary).expect(200);
      const sheet = await sheetOf(res.body);
      const figures: Array<[unknown, unknown]> = [];
      sheet.eachRow((row, index) => {
        if (index > 1 && row.getCell(12).value !== null) figures.push([row.getCell(12).value, row.getCell(12).numFmt]);
      });
      expect(figures).toEqual([[56.45, '#,##0.0#####']]);
    });

    it('exports only the header when the filters match nothing, and refuses bad filters', async () => {
      const res = await t.get('/exports/indicators?format=csv&unit=no-such-unit').buffer(true).parse(binary).expect(200);
      expect(csvRows(res.body)).toHaveLength(1);
      expect((await t.get('/exports/indicators?format=csv&status=bogus').expect(400)).body.code).toBe('VALIDATION_FAILED');
      expect((await t.get('/exports/indicators?format=csv&limit=5').expect(400)).body.code).toBe('VALIDATION_FAILED');
    });
  });
});
