/**
 * The Shapes of docs/api.md are what a client codes against: the fields it lists for an indicator, a resolution and
 * a history entry must be exactly the fields the API answers with, nested lists included.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KEYS, startTestApp, type TestApp } from '../support/test-app';

/** A shape as the API page writes it: `{ a, b: { c }, d: [{ e }] }`. A field without a shape of its own is null. */
type Shape = { [field: string]: Shape | null };

function parseShape(text: string): Shape {
  let at = 0;
  const skip = () => {
    while (/\s/.test(text[at])) at++;
  };
  const object = (): Shape => {
    const shape: Shape = {};
    expectChar('{');
    for (;;) {
      skip();
      if (text[at] === '}') return at++, shape;
      const name = /^[A-Za-z_]+/.exec(text.slice(at))![0];
      at += name.length;
      skip();
      shape[name] = null;
      if (text[at] === ':') {
        at++;
        skip();
        const list = text[at] === '[';
        if (list) at++;
        shape[name] = object();
        if (list) expectChar(']');
      }
      skip();
      if (text[at] === ',') at++;
    }
  };
  const expectChar = (char: string) => {
    skip();
    if (text[at] !== char) throw new Error(`Expected ${char} at ${at} in ${text}`);
    at++;
  };
  return object();
}

/** The shape given after `marker` in the Shapes section of docs/api.md (its first `{ … }` in backticks, unwrapped). */
function readmeShape(marker: string): Shape {
  const readme = fs.readFileSync(path.join(__dirname, '../../docs/api.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Shapes\n'), readme.indexOf('\n## Errors\n'));
  const item = section.slice(section.indexOf(marker) + marker.length);
  const code = /`(\{[^`]*\})`/.exec(item)![1];
  return parseShape(code.replace(/\s+/g, ' '));
}

/** Fails with the path of every field that the API page and the answer do not share. */
function differences(shape: Shape, value: unknown, at = ''): string[] {
  const object = Array.isArray(value) ? value[0] : value;
  if (object === undefined) return [`${at}: the answer's list is empty, nothing to compare`];
  const actual = Object.keys(object as object).sort();
  const listed = Object.keys(shape).sort();
  const found = [
    ...listed.filter((field) => !actual.includes(field)).map((field) => `${at}${field}: in docs/api.md, not in the answer`),
    ...actual.filter((field) => !listed.includes(field)).map((field) => `${at}${field}: in the answer, not in docs/api.md`),
  ];
  for (const field of listed) {
    const nested = shape[field];
    if (nested && actual.includes(field)) found.push(...differences(nested, (object as Record<string, unknown>)[field], `${at}${field}.`));
  }
  return found;
}

describe("the Shapes of docs/api.md (e2e)", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    const reported = await t
      .post('/indicators/ind-10/progress-reports', { metric: 'new_jobs', period: '2021-Q1', value: 1700 }, KEYS.reporter('phong-lao-dong-thuong-binh-xa-hoi'))
      .expect(201);
    await t.post(`/indicators/ind-10/progress-reports/${reported.body.reportId}/queries`, { question: 'Đề nghị làm rõ' }, KEYS.inspector).expect(201);
  });

  afterAll(async () => {
    await t.close();
  });

  it('reads both shapes from docs/api.md (the parser sees nested lists)', () => {
    expect(readmeShape('an item (and `GET /indicators/{id}`) is').targets).toHaveProperty('latestValue', null);
    expect(readmeShape('`GET /indicators/{id}/history` →').items).toHaveProperty('actor', { id: null, unitId: null });
  });

  it('lists exactly the fields of an indicator, its targets, counts and open queries', async () => {
    const { body } = await t.get('/indicators/ind-10?minPosition=1').expect(200);
    expect(differences(readmeShape('an item (and `GET /indicators/{id}`) is'), body)).toEqual([]);
    const list = await t.get('/indicators?unit=phong-lao-dong-thuong-binh-xa-hoi').expect(200);
    const listed = list.body.items.filter((item: { id: string }) => item.id === 'ind-10');
    expect(differences(readmeShape('an item (and `GET /indicators/{id}`) is'), listed)).toEqual([]);
  });

  it('lists exactly the fields of a resolution, in the list and alone', async () => {
    const list = await t.get('/resolutions').expect(200);
    expect(differences(readmeShape('an item (and `GET /resolutions/{id}`) is'), list.body.items)).toEqual([]);
    const { body } = await t.get('/resolutions/hl-2021').expect(200);
    expect(differences(readmeShape('an item (and `GET /resolutions/{id}`) is'), body)).toEqual([]);
  });

  it('lists exactly the fields of a review, its approval and its verification', async () => {
    await t.post('/reviews/2021-Q1/approval', { decisionRef: '9-BB/TU' }, KEYS.standingCommittee).expect(201);
    await t.post('/indicators/ind-10/progress-reports', { metric: 'new_jobs', period: '2021-Q2', value: 3400 }, KEYS.reporter('phong-lao-dong-thuong-binh-xa-hoi')).expect(201);
    // A revision after the approval: the approved Q1 review then has a changed target and an event since.
    await t.post('/indicators/ind-10/target-revisions', { metric: 'new_jobs', value: 6000, reason: 'Ảnh hưởng dịch', decisionRef: '230-NQ/TU' }, KEYS.standingCommittee).expect(201);
    const q2 = (await t.get('/reviews/2021-Q2').expect(200)).body;
    expect(differences(readmeShape('`GET /reviews/{period}` →'), q2)).toEqual([]);
    const q1 = (await t.get('/reviews/2021-Q1').expect(200)).body;
    expect(differences(readmeShape('An approval (`approval` above'), q1.approval)).toEqual([]);
    expect(differences(readmeShape('`changedSinceApproval` →'), q1.changedSinceApproval)).toEqual([]);
    const verified = (await t.get('/reviews/2021-Q1/approval/verify').expect(200)).body;
    expect(differences(readmeShape('`GET /reviews/{period}/approval/verify` →'), verified)).toEqual([]);
  });

  it('lists exactly the fields of a history page and its entries', async () => {
    const { body } = await t.get('/indicators/ind-10/history', KEYS.inspector).expect(200);
    expect(differences(readmeShape('`GET /indicators/{id}/history` →'), body)).toEqual([]);
  });
});
