/**
 * The success schemas /docs-json publishes are what real answers look like: each is checked against
 * answers of the running service, objects closed, so a field added to a read model and not to its
 * schema (or the other way round) fails here.
 */
import { createHash } from 'node:crypto';
import request from 'supertest';
import { schemaProblems, type Schema } from '../support/openapi-schema-check';
import { KEYS, startTestApp, type TestApp } from '../support/test-app';

interface Document {
  paths: Record<string, Record<string, { responses: Record<string, { content?: { 'application/json'?: { schema?: Schema } } }> }>>;
  components: { schemas: Record<string, Schema> };
}

/** The command answers the set-up collects, by the route that gave them. */
type Answers = Array<{ route: string; body: unknown }>;

const FILE = Buffer.from('Biên bản rà soát số liệu lao động quý I');

describe('OpenAPI success schemas (e2e)', () => {
  let t: TestApp;
  let document: Document;
  const answers: Answers = [];
  const schemaOf = (path: string) => document.paths[path].get.responses['200'].content!['application/json']!.schema!;
  const resolve = (ref: string) => document.components.schemas[ref.replace('#/components/schemas/', '')];
  /** Sends a command and keeps its answer, to check against the route's declared 201 schema. */
  const command = async (route: string, url: string, body: unknown, key: string) => {
    const res = await t.post(url, body, key).expect(201);
    answers.push({ route, body: res.body });
    return res;
  };

  beforeAll(async () => {
    t = await startTestApp();
    document = (await request(t.app.getHttpServer()).get('/docs-json').expect(200)).body as Document;
    // Something in every list and nullable field worth checking: a report, a correction citing a file,
    // a query answered with a correction and closed, another open, a revision, a unit's life.
    const reporter = KEYS.reporter('phong-lao-dong-thuong-binh-xa-hoi');
    const reports = '/indicators/{id}/progress-reports';
    const reported = await command(reports, '/indicators/ind-10/progress-reports', { metric: 'new_jobs', period: '2021-Q1', value: 1700 }, reporter);
    const reportId = reported.body.reportId as string;
    const evidence = [{ title: 'Biên bản rà soát', documentRef: '12/BB-LĐTBXH', issuedOn: '2021-07-01', sha256: createHash('sha256').update(FILE).digest('hex') }];
    await command(`${reports}/{reportId}/corrections`, `/indicators/ind-10/progress-reports/${reportId}/corrections`, { value: 1750, reason: 'Rà soát', evidence }, reporter);
    const queries = `${reports}/{reportId}/queries`;
    const raised = await command(queries, `/indicators/ind-10/progress-reports/${reportId}/queries`, { question: 'Đề nghị làm rõ' }, KEYS.inspector);
    const queryId = raised.body.queryId as string;
    const answer = { answer: 'Bổ sung số liệu', correction: { value: 1800, reason: 'Bổ sung' } };
    await command('/indicators/{id}/queries/{queryId}/answers', `/indicators/ind-10/queries/${queryId}/answers`, answer, reporter);
    await command('/indicators/{id}/queries/{queryId}/closure', `/indicators/ind-10/queries/${queryId}/closure`, { conclusion: 'Chấp nhận' }, KEYS.inspector);
    await command(queries, `/indicators/ind-10/progress-reports/${reportId}/queries`, { question: 'Làm rõ thêm' }, KEYS.inspector);
    const revision = { metric: 'new_jobs', value: 6000, reason: 'Covid-19', decisionRef: '230-NQ/TU' };
    await command('/indicators/{id}/target-revisions', '/indicators/ind-10/target-revisions', revision, KEYS.standingCommittee);
    await command('/units', '/units', { id: 'phong-van-hoa-thong-tin', name: 'Phòng Văn hóa và Thông tin' }, KEYS.coordinator);
    await command('/units/{id}/renaming', '/units/phong-van-hoa-thong-tin/renaming', { name: 'Phòng Văn hóa, Thông tin', reason: 'Sáp nhập' }, KEYS.coordinator);
    await command('/units/{id}/deactivation', '/units/phong-van-hoa-thong-tin/deactivation', { reason: 'Giải thể', decisionRef: '99-QĐ/TU' }, KEYS.coordinator);
  });

  afterAll(async () => {
    await t.close();
  });

  it('describes an indicator as GET /indicators/{id} answers it, now and as of a moment', async () => {
    const now = await t.get('/indicators/ind-10?minPosition=1').expect(200);
    expect(now.body.openQueries).toHaveLength(1);
    expect(schemaProblems(schemaOf('/indicators/{id}'), now.body)).toEqual([]);
    const asOf = await t.get(`/indicators/ind-10?asOf=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`).expect(200);
    expect(schemaProblems(schemaOf('/indicators/{id}'), asOf.body)).toEqual([]);
  });

  it('describes the list GET /indicators answers', async () => {
    const { body } = await t.get('/indicators').expect(200);
    expect(schemaProblems(schemaOf('/indicators'), body)).toEqual([]);
  });

  it('describes a history page, every kind of entry on it', async () => {
    const { body } = await t.get('/indicators/ind-10/history', KEYS.inspector).expect(200);
    expect(new Set(body.items.map((item: { type: string }) => item.type)).size).toBeGreaterThanOrEqual(5);
    expect(schemaProblems(schemaOf('/indicators/{id}/history'), body)).toEqual([]);
  });

  // Each answer against the schema of the route (as /docs-json names it) that gave it.
  it.each([
    ['/units', '/units'],
    ['/units/phong-lao-dong-thuong-binh-xa-hoi', '/units/{id}'],
    ['/resolutions', '/resolutions'],
    ['/resolutions/hl-2021', '/resolutions/{id}'],
    ['/audit/events?limit=20', '/audit/events'],
    ['/audit/queries', '/audit/queries'],
    ['/progress-reports?indicatorId=ind-10', '/progress-reports'],
    ['/indicators/ind-10/integrity', '/indicators/{id}/integrity'],
    ['/audit/digest', '/audit/digest'],
    ['/health', '/health'],
  ])('describes what GET %s answers (%s)', async (url, route) => {
    const { body } = await t.get(url, KEYS.inspector).expect(200);
    if (Array.isArray(body.items)) expect(body.items.length).toBeGreaterThan(0);
    expect(schemaProblems(schemaOf(route), body)).toEqual([]);
  });

  it('describes the verification of a digest', async () => {
    const digest = (await t.get('/audit/digest', KEYS.inspector).expect(200)).body as { digest: string; position: number };
    const { body } = await t.get(`/audit/digest/verify?digest=${digest.digest}&position=${digest.position}`, KEYS.inspector).expect(200);
    expect(schemaProblems(schemaOf('/audit/digest/verify'), body)).toEqual([]);
  });

  it('declares a success schema on every read route', () => {
    const undeclared = Object.entries(document.paths)
      .filter(([path, item]) => item.get && !path.endsWith('/export') && path !== '/exports/indicators')
      .filter(([, item]) => !item.get.responses['200']?.content?.['application/json']?.schema)
      .map(([path]) => path);
    expect(undeclared).toEqual([]);
  });

  it('describes the answer of every command sent, as its route declares it', () => {
    expect(answers.length).toBeGreaterThanOrEqual(10);
    for (const { route, body } of answers) {
      const schema = document.paths[route].post.responses['201'].content?.['application/json']?.schema;
      expect({ route, problems: schema ? schemaProblems(schema, body, '$', resolve) : ['no 201 schema'] }).toEqual({ route, problems: [] });
    }
  });

  it('declares a success schema on every command route', () => {
    const undeclared = Object.entries(document.paths)
      .filter(([, item]) => item.post)
      .filter(([, item]) => !(item.post.responses['201'] ?? item.post.responses['200'])?.content?.['application/json']?.schema)
      .map(([path]) => path);
    expect(undeclared).toEqual([]);
  });

  it('describes what POST /evidence/verify answers for a cited file', async () => {
    const res = await request(t.app.getHttpServer())
      .post('/evidence/verify')
      .set('Authorization', `Bearer ${KEYS.inspector}`)
      .set('Content-Type', 'application/octet-stream')
      .send(FILE)
      .expect(200);
    expect(res.body.citedBy).toHaveLength(1);
    expect(schemaProblems(document.paths['/evidence/verify'].post.responses['200'].content!['application/json']!.schema!, res.body)).toEqual([]);
  });

  it('fails an answer that differs from its schema (the check itself)', () => {
    const schema = schemaOf('/indicators/{id}/history');
    expect(schemaProblems(schema, { items: [], total: 0, limit: 1, offset: 0, order: 'asc', extra: 1 })).toEqual(['$.extra: not in the schema']);
    expect(schemaProblems(schema, { items: [], total: 0, limit: 1, offset: 0 })).toEqual(['$.order: missing']);
  });
});
