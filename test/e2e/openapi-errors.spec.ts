/**
 * The OpenAPI document (/docs-json) declares the refusals a client must handle on every route, each
 * with the error body's schema, so a client generated from it knows them without reading the docs.
 */
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';

interface Response {
  description: string;
  content?: { 'application/json'?: { schema?: { $ref?: string; required?: string[] } } };
}
/** The ErrorBody schema, or one of its own that has the error body's fields (GET /health's 503 adds the check's views). */
function isErrorBody(schema: { $ref?: string; required?: string[] } | undefined): boolean {
  if (schema?.$ref === '#/components/schemas/ErrorBody') return true;
  return ['statusCode', 'code', 'message'].every((field) => schema?.required?.includes(field));
}

interface Operation {
  security?: unknown[];
  responses: Record<string, Response>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { required?: string[] }> };
}

describe('OpenAPI error responses (e2e)', () => {
  let t: TestApp;
  let document: Document;
  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ path, method, operation })));

  beforeAll(async () => {
    t = await startTestApp({ seed: false });
    document = (await request(t.app.getHttpServer()).get('/docs-json').expect(200)).body as Document;
  });

  afterAll(async () => {
    await t.close();
  });

  it('describes the error body once, with the fields every refusal has', () => {
    expect(document.components.schemas.ErrorBody.required).toEqual(['statusCode', 'code', 'message']);
  });

  it('declares 400 and 500 on every route, and 401 and 429 on every route that takes a key', () => {
    const missing = operations().flatMap(({ path, method, operation }) => {
      const expected = ['400', '500', ...(operation.security?.length ? ['401', '429'] : [])];
      return expected.filter((status) => !operation.responses[status]).map((status) => `${method} ${path}: ${status}`);
    });
    expect(missing).toEqual([]);
    expect(operations().filter(({ operation }) => operation.security?.length).length).toBeGreaterThan(20);
  });

  it('declares 404 where the path names something, and 413 and 415 where a body is sent', () => {
    const missing = operations().flatMap(({ path, method, operation }) => [
      ...(path.includes('{') && !operation.responses['404'] ? [`${method} ${path}: 404`] : []),
      ...(method === 'post' ? ['413', '415'].filter((status) => !operation.responses[status]).map((status) => `${method} ${path}: ${status}`) : []),
    ]);
    expect(missing).toEqual([]);
  });

  it('gives every error response the error body as its schema, keeping what a controller says of its own', () => {
    const untyped = operations().flatMap(({ path, method, operation }) =>
      Object.entries(operation.responses)
        .filter(([status, response]) => Number(status) >= 400 && !isErrorBody(response.content?.['application/json']?.schema))
        .map(([status]) => `${method} ${path}: ${status}`),
    );
    expect(untyped).toEqual([]);
    expect(document.paths['/indicators/{id}/progress-reports'].post.responses['409'].description).toContain('CONCURRENCY_CONFLICT');
    expect(document.paths['/evidence/verify'].post.responses['415'].description).toContain('octet-stream');
  });

  it('leaves the routes that take no key without 401', () => {
    expect(document.paths['/health'].get.responses['401']).toBeUndefined();
  });
});
