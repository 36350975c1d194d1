/**
 * CSV/formula injection: a formula hidden after every separator and line break, in every text a
 * client can put into an export (a unit's name, an indicator's name and target, a report's note
 * and evidence, a correction's reason, a query, its answer and conclusion, a revision and a
 * reassignment, a milestone's narrative). Both exports, in CSV and XLSX, are then read the way
 * spreadsheets read them — with each common separator, honouring quotes and not — and no cell may
 * be a formula.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type request from 'supertest';
import { KEYS, startTestApp, type TestApp } from '../support/test-app';

/** A formula after each separator a spreadsheet may split on, a line break, a space, quotes and a full-width sign. */
const HIDDEN = 'Số liệu sơ bộ,=HYPERLINK("http://x.example","y");-2+3|@SUM(A1)\t+cmd|\' /C calc\'!A0\r\n＝1+1 =WEBSERVICE("u") "=1"';
/** The same within 50 characters, for the short fields (a target's unit, a document number). */
const SHORT = 'đơn vị,=HYPERLINK("u");-2+3|@A1\t+1\n＝1 =2';
const SEPARATORS = [',', ';', '\t', '|', ' '];
const UNIT = 'phong-kinh-te';
const NUMERIC = 'nv-kiem-thu-so';
const MILESTONE = 'nv-kiem-thu-moc';

/** Whether a spreadsheet would take this cell for a formula: it starts (past spaces and quotes an import may strip) with = + - @ or their full-width forms, and is neither a lone sign nor a number. */
function isFormula(cell: string): boolean {
  const text = cell.replace(/^[\s"]+/, '');
  if (!/^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/.test(text)) return false;
  if (/^[+\-\uFF0B\uFF0D]\s*$/.test(text)) return false;
  return !/^[+-]?\d+([.,]\d+)*%?$/.test(text.trim());
}

/** Every cell a spreadsheet could make of this text, splitting on the separator and on line breaks. */
function pieces(text: string, separator: string): string[] {
  return text.split(/\r\n|\r|\n/).flatMap((line) => line.split(separator));
}

function formulasInCsv(text: string): string[] {
  const found: string[] = [];
  for (const delimiter of SEPARATORS) {
    // As a careful import reads it (quotes honoured), and as a naive one does (split on every separator).
    const rows: string[][] = parse(text, { delimiter, bom: true, relax_quotes: true, relax_column_count: true });
    for (const cell of rows.flat()) for (const piece of pieces(cell, delimiter)) if (isFormula(piece)) found.push(`[${JSON.stringify(delimiter)}] ${piece}`);
    for (const piece of pieces(text.replace(/^\uFEFF/, ''), delimiter)) if (isFormula(piece)) found.push(`[${JSON.stringify(delimiter)}, naive] ${piece}`);
  }
  return found;
}

async function formulasInXlsx(body: Buffer): Promise<{ formulas: string[]; texts: string[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
  const formulas: string[] = [];
  const texts: string[] = [];
  workbook.worksheets[0].eachRow((row) =>
    row.eachCell((cell) => {
      if (cell.type === ExcelJS.ValueType.Formula || cell.type === ExcelJS.ValueType.SharedString) formulas.push(`${cell.address} is of type ${cell.type}`);
      if (typeof cell.value !== 'string') return;
      texts.push(cell.value);
      for (const separator of SEPARATORS) for (const piece of [cell.value, ...pieces(cell.value, separator)]) if (isFormula(piece)) formulas.push(`${cell.address} [${JSON.stringify(separator)}] ${piece}`);
    }),
  );
  return { formulas, texts };
}

function binary(res: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('exports cannot run code in a spreadsheet', () => {
  let t: TestApp;
  let position: number;
  const reporter = KEYS.reporter(UNIT);

  const registration = (id: string, target: object) => ({
    id,
    resolutionId: 'hl-2021',
    kind: 'task',
    group: 'economy',
    section: 'II.1',
    name: HIDDEN,
    responsibleUnitId: UNIT,
    responsibilityAssumed: true,
    targets: [target],
  });

  /** Sends a command that must succeed, saying why when it does not. */
  const created = async (url: string, body: object, key: string): Promise<request.Response> => {
    const res = await t.post(url, body, key);
    if (res.status !== 201) throw new Error(`${url} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res;
  };

  beforeAll(async () => {
    t = await startTestApp();
    await created(`/units/${UNIT}/renaming`, { name: HIDDEN, reason: HIDDEN }, KEYS.coordinator);
    await created('/indicators', registration(NUMERIC, { metric: 'so_lieu', label: HIDDEN, comparator: '>=', value: 10, unit: SHORT, measure: 'count', accumulation: 'level' }), KEYS.coordinator);
    await created('/indicators', registration(MILESTONE, { metric: 'hoan_thanh', label: HIDDEN, kind: 'milestone', dueDate: '2021-12-31' }), KEYS.coordinator);
    const evidence = [{ title: HIDDEN, documentRef: SHORT, issuedOn: '2021-07-01' }];
    const report = await created(`/indicators/${NUMERIC}/progress-reports`, { metric: 'so_lieu', period: '2021-Q1', value: 5, note: HIDDEN, evidence }, reporter);
    const reportId = report.body.reportId as string;
    await created(`/indicators/${NUMERIC}/progress-reports/${reportId}/corrections`, { value: 6, reason: HIDDEN, note: HIDDEN, evidence }, reporter);
    const query = await created(`/indicators/${NUMERIC}/progress-reports/${reportId}/queries`, { question: HIDDEN }, KEYS.inspector);
    await created(`/indicators/${NUMERIC}/queries/${query.body.queryId}/answers`, { answer: HIDDEN, evidence }, reporter);
    await created(`/indicators/${NUMERIC}/queries/${query.body.queryId}/closure`, { conclusion: HIDDEN }, KEYS.inspector);
    await created(`/indicators/${NUMERIC}/target-revisions`, { metric: 'so_lieu', value: 12, reason: HIDDEN, decisionRef: SHORT }, KEYS.standingCommittee);
    await created(`/indicators/${MILESTONE}/progress-reports`, { metric: 'hoan_thanh', period: '2021-06', state: 'in_progress', narrative: HIDDEN }, reporter);
    const reassigned = await created(`/indicators/${MILESTONE}/reassignments`, { toUnitId: 'phong-tai-chinh-ke-hoach', reason: HIDDEN, decisionRef: SHORT }, KEYS.coordinator);
    position = reassigned.body.position;
  });

  afterAll(async () => {
    await t.close();
  });

  it('finds the formulas in the raw texts (the detector works)', () => {
    expect(formulasInCsv(HIDDEN).length).toBeGreaterThan(5);
    expect(formulasInCsv(SHORT).length).toBeGreaterThan(5);
  });

  const exports = [
    ['the numeric task’s history', () => `/indicators/${NUMERIC}/history/export`],
    ['the milestone’s history', () => `/indicators/${MILESTONE}/history/export`],
    ['the indicator table', () => '/exports/indicators'],
  ] as const;

  it.each(exports)('%s as CSV: no formula with any separator, though every hidden text is in it', async (_, url) => {
    const res = await t.get(`${url()}?format=csv&minPosition=${position}`, KEYS.inspector).buffer(true).parse(binary).expect(200);
    const text = (res.body as Buffer).toString('utf8');
    expect(text.split('HYPERLINK').length - 1).toBeGreaterThanOrEqual(3);
    expect(formulasInCsv(text)).toEqual([]);
  });

  it.each(exports)('%s as XLSX: text cells only, none a formula when split', async (_, url) => {
    const res = await t.get(`${url()}?format=xlsx&minPosition=${position}`, KEYS.inspector).buffer(true).parse(binary).expect(200);
    const { formulas, texts } = await formulasInXlsx(res.body as Buffer);
    expect(texts.filter((text) => text.includes('HYPERLINK')).length).toBeGreaterThanOrEqual(3);
    expect(formulas).toEqual([]);
  });

  it('carries every field the client wrote into the history export', async () => {
    const res = await t.get(`/indicators/${NUMERIC}/history/export?format=xlsx&minPosition=${position}`, KEYS.inspector).buffer(true).parse(binary).expect(200);
    const { texts } = await formulasInXlsx(res.body as Buffer);
    // The unit's name, the reason, the decision, the note, the query text, the evidence and the summary.
    expect(texts.filter((text) => text.includes('WEBSERVICE')).length).toBeGreaterThanOrEqual(5);
    expect(texts.filter((text) => text.includes("'=HYPERLINK(\"u\")")).length).toBeGreaterThanOrEqual(2);
  });
});
