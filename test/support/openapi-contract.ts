/**
 * Every answer a test app gives, checked against the committed OpenAPI document (openapi.json) by
 * Ajv: the status is one the operation declares, the media type one its response declares, and a
 * JSON body is valid against the declared schema, every object closed (the document leaves answers
 * open so that fields can be added later; the tests hold it to listing every field the service sends).
 *
 * `watchAnswers` listens on the app's HTTP server, so whatever sends the request (supertest, a
 * socket, fetch) is covered; the problems found fail the test that was running (test-app.ts).
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import * as fs from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import * as path from 'node:path';

export const OPENAPI_FILE = path.join(__dirname, '../../openapi.json');

type Schema = Record<string, unknown>;
interface Response {
  content?: Record<string, { schema?: Schema }>;
}
interface Operation {
  responses: Record<string, Response>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface Answer {
  method: string;
  url: string;
  status: number;
  contentType: string | undefined;
  body: Buffer;
}

const COMPONENTS_ID = 'openapi-components.json';
const COMPONENT_REF = '#/components/schemas/';

/** The shape of a refusal on a route the document does not describe (an unknown path or method). */
const ANY_ERROR_BODY: Schema = {
  type: 'object',
  required: ['statusCode', 'code', 'message'],
  properties: { statusCode: { type: 'integer' }, code: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$' }, message: { type: 'string' }, details: { type: 'object' } },
  additionalProperties: false,
};

export class OpenApiContract {
  private readonly ajv = new Ajv({ strict: true, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly templates: Array<{ template: string; segments: string[]; literals: number }>;

  constructor(private readonly document: Document) {
    addFormats(this.ajv);
    // OpenAPI's annotation keyword; `nullable` Ajv knows.
    this.ajv.addVocabulary(['example']);
    this.ajv.addSchema({ $id: COMPONENTS_ID, definitions: forAjv(document.components?.schemas ?? {}) });
    this.templates = Object.keys(document.paths)
      .map((template) => {
        const segments = template.split('/');
        return { template, segments, literals: segments.filter((segment) => !segment.startsWith('{')).length };
      })
      .sort((a, b) => b.literals - a.literals);
  }

  static fromFile(file = OPENAPI_FILE): OpenApiContract {
    return new OpenApiContract(JSON.parse(fs.readFileSync(file, 'utf8')) as Document);
  }

  /** The path template of the document that a request path falls under, if any. */
  templateOf(requestPath: string): string | undefined {
    const segments = requestPath.split('/');
    return this.templates.find(
      (candidate) =>
        candidate.segments.length === segments.length &&
        candidate.segments.every((segment, i) => (segment.startsWith('{') ? segments[i] !== '' : segment === segments[i])),
    )?.template;
  }

  /** What is wrong with the answer, as the document describes it; empty when nothing is. */
  problemsOf(answer: Answer): string[] {
    const method = answer.method === 'HEAD' ? 'get' : answer.method.toLowerCase();
    const requestPath = answer.url.split('?')[0];
    const template = this.templateOf(requestPath);
    const operation = template ? this.document.paths[template][method] : undefined;
    const where = `${answer.method} ${answer.url} answered ${answer.status}`;
    if (!template || !operation) {
      // Not an operation of the API (the docs UI, the console, an unknown route): refusals still have our shape.
      if (answer.status < 400 || answer.method === 'HEAD' || answer.body.length === 0) return [];
      return this.schemaProblems(`any-error`, ANY_ERROR_BODY, answer, where);
    }
    const response = operation.responses[String(answer.status)];
    if (!response) return [`${where}, a status the document does not declare for ${method.toUpperCase()} ${template}`];
    if (answer.method === 'HEAD' || answer.body.length === 0) return [];
    const declared = Object.keys(response.content ?? {});
    const mediaType = mediaTypeOf(answer.contentType);
    const matched = declared.find((type) => mediaTypeOf(type) === mediaType);
    if (!matched) return [`${where} as ${answer.contentType ?? 'no content type'}; the document declares ${declared.join(', ') || 'no body'}`];
    if (mediaType !== 'application/json') return [];
    const schema = response.content?.[matched].schema;
    if (!schema) return [`${where}: the document gives no schema for its ${matched} body`];
    return this.schemaProblems(`${method} ${template} ${answer.status}`, schema, answer, where);
  }

  private schemaProblems(key: string, schema: Schema, answer: Answer, where: string): string[] {
    let body: unknown;
    try {
      body = JSON.parse(answer.body.toString('utf8'));
    } catch {
      return [`${where} with a body that is not JSON`];
    }
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(forAjv(schema));
      this.validators.set(key, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).slice(0, 10).map((error) => `${where}: body${error.instancePath} ${error.message} ${JSON.stringify(error.params)}`);
  }
}

/** The document's schemas as Ajv reads them: references into one registered schema, every object closed. */
function forAjv<T>(value: T): T {
  if (Array.isArray(value)) return value.map(forAjv) as T;
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).map(([key, item]) => {
    if (key === '$ref' && typeof item === 'string' && item.startsWith(COMPONENT_REF)) return [key, `${COMPONENTS_ID}#/definitions/${item.slice(COMPONENT_REF.length)}`];
    return [key, forAjv(item)];
  });
  const schema = Object.fromEntries(entries) as Record<string, unknown>;
  if (schema.type === 'object' && schema.properties && schema.additionalProperties === undefined) schema.additionalProperties = false;
  return schema as T;
}

function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * Records every answer the server sends, as it ends, and hands it to `check`. Node's own server
 * events are used, so nothing in the app changes: the body is gathered from `write`/`end`, the
 * content type from `writeHead` (Fastify passes its headers there) or `setHeader`.
 */
export function watchAnswers(server: Server, check: (answer: Answer) => void, onError: (answer: Answer, error: unknown) => void): void {
  // First: Fastify may answer within its own listener (a refusal in an onRequest hook).
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let ended = false;
    let headContentType: string | undefined;
    const keep = (chunk: unknown, encoding: unknown) => {
      if (typeof chunk === 'string') chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
      else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
    };
    const { write, end, writeHead } = res;
    res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as ServerResponse['write'];
    res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
      const headers = rest.find((arg) => arg !== null && typeof arg === 'object');
      headContentType ??= contentTypeIn(headers);
      return (writeHead as (...args: unknown[]) => ServerResponse).call(this, status, ...rest);
    } as ServerResponse['writeHead'];
    res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
      if (ended) return (end as (...args: unknown[]) => ServerResponse).call(this, chunk, ...rest);
      ended = true;
      keep(chunk, rest[0]);
      const result = (end as (...args: unknown[]) => ServerResponse).call(this, chunk, ...rest);
      const header = res.getHeader('content-type');
      const answer = { method: req.method ?? 'GET', url: req.url ?? '/', status: res.statusCode, contentType: headContentType ?? (header === undefined ? undefined : String(header)), body: Buffer.concat(chunks) };
      // Never into the server's own call: a check that throws (a schema Ajv cannot compile) is a problem to report.
      try {
        check(answer);
      } catch (error) {
        onError(answer, error);
      }
      return result;
    } as ServerResponse['end'];
  });
}

function contentTypeIn(headers: unknown): string | undefined {
  if (Array.isArray(headers)) {
    // writeHead's flat [name, value, name, value…] form.
    for (let i = 0; i + 1 < headers.length; i += 2) if (String(headers[i]).toLowerCase() === 'content-type') return String(headers[i + 1]);
    return undefined;
  }
  const entry = Object.entries((headers ?? {}) as Record<string, unknown>).find(([name]) => name.toLowerCase() === 'content-type');
  return entry ? String(entry[1]) : undefined;
}
