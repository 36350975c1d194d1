/**
 * A review as an XLSX workbook and as a printable page: the sections, the approval line, text from
 * the ledger that cannot run as a formula or as markup, and the page's own content-security policy.
 */
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import type request from 'supertest';
import { PRINT_STYLE } from '../../src/reviews/export/print-style';
import { KEYS, startTestApp, type TestApp } from '../support/test-app';

const HEALTH_CENTRE = KEYS.reporter('trung-tam-y-te-thanh-pho');
const HOSTILE = '=HYPERLINK("http://x.example","bấm") <script>alert(1)</script> & "trích dẫn"';

function binary(res: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('review exports (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await t.post('/indicators/ind-10/progress-reports', { metric: 'new_jobs', period: '2021-Q2', value: 3400 }, KEYS.coordinator).expect(201);
    await t.post('/indicators/task-covid-5k/progress-reports', { metric: 'completion', period: '2021-Q2', state: 'in_progress', narrative: HOSTILE }, HEALTH_CENTRE).expect(201);
    t.clock.set('2021-07-22T03:00:00.000Z');
    await t.post('/reviews/2021-Q2/approval', { decisionRef: '15-BB/TU', meetingDate: '2021-07-21', note: 'Thông qua <b>có</b> chỉnh sửa' }, KEYS.standingCommittee).expect(201);
  });

  afterAll(async () => {
    await t.close();
  });

  it('writes every section as a sheet, figures as numbers, ledger text never as a formula', async () => {
    const res = await t.get('/reviews/2021-Q2/export.xlsx', KEYS.inspector).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('so-ket-2021-Q2.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Tổng hợp', 'Chỉ tiêu, nhiệm vụ', 'Ghi nhận trong kỳ', 'Chưa báo cáo', 'Phê duyệt']);
    const items = workbook.getWorksheet('Chỉ tiêu, nhiệm vụ')!;
    const ind10 = items.getRows(2, items.rowCount - 1)!.find((row) => row.getCell(1).value === 'ind-10')!;
    expect(ind10.getCell(10).value).toBe(3400);
    const cells = workbook.worksheets.flatMap((sheet) => sheet.getSheetValues().flatMap((row) => (Array.isArray(row) ? row : [])));
    expect(cells.some((cell) => typeof cell === 'object' && cell !== null && 'formula' in cell)).toBe(false);
    const hostile = cells.filter((cell): cell is string => typeof cell === 'string' && cell.includes('HYPERLINK'));
    expect(hostile.length).toBeGreaterThan(0);
    for (const cell of hostile) expect(cell).not.toMatch(/^[=+\-@]/);
    const approval = workbook.getWorksheet('Phê duyệt')!;
    expect(approval.getSheetValues().flat()).toEqual(expect.arrayContaining(['Văn bản', '15-BB/TU']));
  });

  it('prints a report to the Ban Thường vụ with numbered sections and the approval line, escaped, under its own strict policy', async () => {
    const res = await t.get('/reviews/2021-Q2/print', KEYS.analyst).expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const page = res.text;
    expect(page).toContain('<h1>BÁO CÁO</h1>');
    expect(page).toContain('Kính gửi: Ban Thường vụ Thành ủy');
    expect(page).toContain('Sơ kết quý II năm 2021');
    for (const section of ['I. Đánh giá chung', 'II. Kết quả thực hiện các chỉ tiêu chủ yếu', 'III. Kết quả thực hiện các nhiệm vụ, giải pháp', 'IV. ', 'V. ', 'VI. Phê duyệt và xác thực']) {
      expect(page).toContain(`<h2>${section}`);
    }
    expect(page).toContain('Báo cáo đã được Ban Thường vụ Thành ủy thông qua tại phiên họp ngày 21/07/2021, theo văn bản số 15-BB/TU');
    expect(page).toContain('@media print');
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<b>có</b>');
    expect(page).toContain('&lt;b&gt;có&lt;/b&gt;');

    const policy = res.headers['content-security-policy'] as string;
    const styleHash = createHash('sha256').update(PRINT_STYLE).digest('base64');
    expect(policy).toContain(`style-src 'sha256-${styleHash}'`);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/script-src|unsafe-inline|unsafe-eval/);
    expect(page).toContain(`<style>${PRINT_STYLE}</style>`);
  });

  it('prints a draft as a draft', async () => {
    const { text } = await t.get('/reviews/2021-Q3/print', KEYS.inspector).expect(200);
    expect(text).toContain('DỰ THẢO — chưa được Ban Thường vụ thông qua');
    expect(text).not.toContain('T/M Ban Thường vụ');
  });

  it('refuses what the review refuses', async () => {
    expect((await t.get('/reviews/2021-07/print').expect(400)).body.code).toBe('INVALID_REVIEW_PERIOD');
    expect((await t.get('/reviews/2022/export.xlsx').expect(404)).body.code).toBe('RESOLUTION_NOT_FOUND');
  });
});
