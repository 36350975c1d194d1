/**
 * openapi.json, the committed API contract: what the service serves, valid by tools nobody here
 * wrote (Redocly's linter, Ajv in strict mode), exact enough to generate a client and to test
 * against (examples, closed request bodies, the security of each route, the codes of each refusal).
 * That every answer matches it is checked wherever a test app answers (test/support/openapi-contract.ts).
 */
import { createConfig, lint } from '@redocly/openapi-core';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { COMMAND_REFUSALS } from '../../src/domain/refusals';
import { openApiJson } from '../../src/http/openapi';
import { OPENAPI_FILE } from '../support/openapi-contract';
import { startTestApp, type TestApp } from '../support/test-app';

const ROOT = path.join(__dirname, '../..');
const CONSOLE_API_TYPES = path.join(ROOT, 'web/src/api/schema.ts');

type Schema = Record<string, unknown> & { $ref?: string; properties?: Record<string, Schema>; items?: Schema; additionalProperties?: unknown };
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  example?: unknown;
  schema?: Schema;
}
interface Response {
  content?: Record<string, { schema?: Schema }>;
}
interface Operation {
  security?: unknown[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  responses: Record<string, Response>;
}
interface Document {
  servers?: unknown[];
  info: { license?: unknown; contact?: unknown };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const document = JSON.parse(fs.readFileSync(OPENAPI_FILE, 'utf8')) as Document;
const operations = Object.entries(document.paths).flatMap(([template, item]) => Object.entries(item).map(([method, operation]) => ({ template, method, operation })));
const label = ({ method, template }: { method: string; template: string }) => `${method.toUpperCase()} ${template}`;
const codesOf = (operation: Operation, status: number): string[] => {
  const schema = operation.responses[status]?.content?.['application/json']?.schema as { properties?: { code?: { enum?: string[] } }; oneOf?: Schema[] } | undefined;
  const variants = schema?.oneOf ?? (schema ? [schema] : []);
  return variants.flatMap((variant) => ((variant.properties as { code?: { enum?: string[] } } | undefined)?.code?.enum ?? []));
};
const resolve = (schema: Schema): Schema => (schema.$ref ? document.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema);
/** A request that fills each path parameter with its example. */
const exampleUrl = ({ template, operation }: { template: string; operation: Operation }) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => String(operation.parameters?.find((parameter) => parameter.name === name)?.example));

describe('openapi.json (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Every route is asked without a key: more failed authentications than the throttle lets one address make.
    t = await startTestApp({ seed: false, env: { AUTH_FAILURE_LIMIT: '1000' } });
  });

  afterAll(async () => {
    await t.close();
  });

  it('is the document the service serves at /docs-json (npm run openapi writes it)', async () => {
    const served = (await request(t.app.getHttpServer()).get('/docs-json').expect(200)).body;
    expect(openApiJson(served) === fs.readFileSync(OPENAPI_FILE, 'utf8') ? 'current' : 'stale: run npm run openapi').toBe('current');
  });

  it("is what the API types of the console and of the typed-client test were generated from by openapi-typescript (npm run openapi)", () => {
    const generated = execFileSync(process.execPath, [path.join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'), 'openapi.json', '--default-non-nullable', 'false'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    for (const file of [CONSOLE_API_TYPES]) {
      expect(`${path.relative(ROOT, file)}: ${generated === fs.readFileSync(file, 'utf8') ? 'current' : 'stale: run npm run openapi'}`).toBe(`${path.relative(ROOT, file)}: current`);
    }
  });

  it("passes Redocly's linter with its strict recommended rules, without a problem", async () => {
    const config = await createConfig({
      extends: ['recommended-strict'],
      // The license is the service's own (UNLICENSED): there is no licence text to link to.
      rules: { 'info-license-strict': 'off' },
    });
    const problems = await lint({ ref: OPENAPI_FILE, config });
    expect(problems.map((problem) => `${problem.ruleId}: ${problem.message} (${problem.location[0]?.pointer})`)).toEqual([]);
  });

  it('has schemas a strict JSON Schema validator compiles, every one of them', () => {
    const ajv = new Ajv({ strict: true });
    addFormats(ajv);
    ajv.addVocabulary(['example']);
    const refs = (value: unknown): unknown =>
      JSON.parse(JSON.stringify(value).replace(/"#\/components\/schemas\//g, '"components.json#/definitions/'));
    ajv.addSchema({ $id: 'components.json', definitions: refs(document.components.schemas) as object });
    const failures: string[] = [];
    const compile = (where: string, schema: Schema | undefined) => {
      if (!schema) return;
      try {
        ajv.compile(refs(schema) as object);
      } catch (error) {
        failures.push(`${where}: ${(error as Error).message}`);
      }
    };
    for (const name of Object.keys(document.components.schemas)) compile(name, { $ref: `#/components/schemas/${name}` });
    for (const entry of operations) {
      for (const parameter of entry.operation.parameters ?? []) compile(`${label(entry)} ${parameter.name}`, parameter.schema);
      for (const [type, content] of Object.entries(entry.operation.requestBody?.content ?? {})) compile(`${label(entry)} body ${type}`, content.schema);
      for (const [status, response] of Object.entries(entry.operation.responses)) {
        for (const [type, content] of Object.entries(response.content ?? {})) compile(`${label(entry)} ${status} ${type}`, content.schema);
      }
    }
    expect(failures).toEqual([]);
  });

  it('lists null among the values of every nullable enum', () => {
    const wrong: string[] = [];
    const walk = (value: unknown, at: string): void => {
      if (Array.isArray(value)) return value.forEach((item, i) => walk(item, `${at}/${i}`));
      if (value === null || typeof value !== 'object') return;
      const schema = value as Schema;
      if (schema.nullable === true && Array.isArray(schema.enum) && !schema.enum.includes(null)) wrong.push(at);
      for (const [key, item] of Object.entries(schema)) walk(item, `${at}/${key}`);
    };
    walk(document, '#');
    expect(wrong).toEqual([]);
    expect(document.paths['/audit/digest/verify'].get.responses['200'].content!['application/json'].schema!.properties!.reason.enum).toContain(null);
  });

  it('names its servers, license and contact', () => {
    expect(document.servers?.length).toBeGreaterThan(0);
    expect(document.info.license).toBeDefined();
    expect(document.info.contact).toBeDefined();
  });

  it('gives every path parameter and every required query parameter an example its schema accepts', () => {
    const ajv = new Ajv({ strict: false });
    const missing = operations.flatMap((entry) =>
      (entry.operation.parameters ?? [])
        .filter((parameter) => parameter.in === 'path' || (parameter.in === 'query' && parameter.required))
        .filter((parameter) => parameter.example === undefined || !ajv.validate(parameter.schema ?? {}, parameter.example))
        .map((parameter) => `${label(entry)} ${parameter.name}`),
    );
    expect(missing).toEqual([]);
  });

  it('closes every request body: a field the service would refuse is refused by the document too', () => {
    const open: string[] = [];
    const walk = (given: Schema | undefined, at: string, seen: Set<Schema>): void => {
      if (!given) return;
      const schema = resolve(given);
      if (seen.has(schema)) return;
      seen.add(schema);
      if (schema.properties && schema.additionalProperties !== false) open.push(at);
      for (const [name, property] of Object.entries(schema.properties ?? {})) walk(property, `${at}.${name}`, seen);
      for (const part of [...((schema.allOf as Schema[]) ?? []), ...((schema.oneOf as Schema[]) ?? [])]) walk(part, at, seen);
      walk(schema.items, `${at}[]`, seen);
    };
    for (const entry of operations) walk(entry.operation.requestBody?.content['application/json']?.schema, label(entry), new Set());
    expect(open).toEqual([]);
    expect(operations.filter((entry) => entry.operation.requestBody?.content['application/json']).length).toBeGreaterThan(10);
  });

  it('says of every operation whether it needs a key, and the service agrees', async () => {
    expect(operations.filter((entry) => !Array.isArray(entry.operation.security)).map(label)).toEqual([]);
    const disagreements: string[] = [];
    for (const entry of operations) {
      const keyed = entry.operation.security!.length > 0;
      const res = await request(t.app.getHttpServer())[entry.method as 'get' | 'post'](exampleUrl(entry));
      if ((res.status === 401) !== keyed) disagreements.push(`${label(entry)}: documented ${keyed ? 'keyed' : 'public'}, answered ${res.status} without a key`);
    }
    expect(disagreements).toEqual([]);
    expect(document.paths['/health'].get.security).toEqual([]);
  });

  it('declares the refusals each kind of route can give, with their codes', () => {
    const missing = operations.flatMap((entry) => {
      const { operation } = entry;
      const expected: Array<[number, string]> = [
        [400, 'INVALID_URL'],
        [408, 'REQUEST_TIMEOUT'],
        [429, 'RATE_LIMITED'],
        [431, 'HEADERS_TOO_LARGE'],
        [500, 'INTERNAL_ERROR'],
        [503, 'SHUTTING_DOWN'],
      ];
      if (operation.security!.length > 0) expected.push([401, 'UNAUTHENTICATED'], [503, 'AUTH_KEYS_UNAVAILABLE']);
      if (operation.parameters?.some((parameter) => parameter.name === 'minPosition')) expected.push([503, 'PROJECTION_LAGGING']);
      if (operation.parameters?.some((parameter) => parameter.in === 'path')) expected.push([400, 'INVALID_ID']);
      if (entry.method === 'post') expected.push([413, 'PAYLOAD_TOO_LARGE'], [415, 'UNSUPPORTED_MEDIA_TYPE']);
      if (operation.parameters?.some((parameter) => parameter.name === 'Idempotency-Key')) {
        expected.push([403, 'ROLE_NOT_ALLOWED'], [403, 'UNIT_DEACTIVATED'], [409, 'CONCURRENCY_CONFLICT'], [422, 'IDEMPOTENCY_KEY_REUSED'], [503, 'EVENT_STORE_UNAVAILABLE']);
      }
      return expected.filter(([status, code]) => !codesOf(operation, status).includes(code)).map(([status, code]) => `${label(entry)}: ${status} ${code}`);
    });
    expect(missing).toEqual([]);
    // Read models' refusals where the answer comes from them; the deciders' own codes on their commands.
    expect(codesOf(document.paths['/units'].get, 503)).toEqual(expect.arrayContaining(['READ_MODEL_REBUILDING', 'READ_MODELS_AHEAD_OF_LEDGER', 'READ_STORE_UNAVAILABLE']));
    expect(codesOf(document.paths['/units/{id}/deactivation'].post, 422)).toEqual(expect.arrayContaining(['UNIT_INACTIVE', 'DECISION_REF_REQUIRED']));
    expect(codesOf(document.paths['/audit/digest'].get, 422)).toEqual(['POSITION_NOT_REACHED']);
    expect(codesOf(document.paths['/health'].get, 503)).toEqual(['UNHEALTHY', 'STORAGE_UNAVAILABLE', 'STORE_DAMAGED', 'READ_MODELS_AHEAD_OF_LEDGER', 'SHUTTING_DOWN']);
  });

  it('declares only codes of the Errors table of docs/api.md, and every code of it a route can answer', () => {
    const api = fs.readFileSync(path.join(ROOT, 'docs/api.md'), 'utf8');
    const table = api.slice(api.indexOf('\n## Errors\n'));
    const rows = table.split('\n').filter((line) => line.startsWith('|'));
    const inTable = new Set(rows.flatMap((row) => [...(row.split('|')[3] ?? '').matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((match) => match[1])));
    // The framework's names for a status (the table's last row) and an unknown route answer no operation of the
    // document; resolutions are registered by the seed only.
    const fallbacks = new Set([...(rows.find((row) => row.startsWith('| any'))?.matchAll(/`([A-Z][A-Z0-9_]+)`/g) ?? [])].map((match) => match[1]));
    const declared = new Set(operations.flatMap(({ operation }) => Object.keys(operation.responses).flatMap((status) => codesOf(operation, Number(status)))));
    expect([...declared].filter((code) => !inTable.has(code))).toEqual([]);
    const seedingOnly: readonly string[] = COMMAND_REFUSALS.RegisterResolution.businessRule ?? [];
    expect([...inTable].filter((code) => !declared.has(code) && !fallbacks.has(code) && code !== 'NOT_FOUND' && !seedingOnly.includes(code))).toEqual([]);
  });
});
