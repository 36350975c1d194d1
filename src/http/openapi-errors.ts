/**
 * Every refusal each operation can answer, with its codes, derived in one place: from what the
 * document shows of the route (a key, a path id, a JSON body, `minPosition`) and from what the
 * route declares with `@Refuses` (the command it sends, what it reads, its own codes). Each error
 * response gets a schema whose `code` lists exactly those codes, so a generated client knows every
 * code it must handle, and the tests check every answer against it. A new refusal that applies to
 * a kind of route (a store's new failure, say) is added once to REFUSALS below.
 */
import type { OpenAPIObject } from '@nestjs/swagger';
import type { ParameterObject, ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { COMMAND_REFUSALS, type Refusals } from '../domain/refusals';
import { ROUTE_REFUSALS_EXTENSION, type CodesByStatus, type ErrorStatus, type RouteRefusals } from './route-refusals';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

/** What the document and the route's declaration tell of a route. */
interface RouteFacts {
  keyed: boolean;
  pathIds: boolean;
  queryParameters: boolean;
  minPosition: boolean;
  post: boolean;
  jsonBody: boolean;
  expectedRevision: boolean;
  declared: RouteRefusals;
}

/** Which routes can meet which refusals, in the order the request meets them. */
const REFUSALS: ReadonlyArray<[applies: (route: RouteFacts) => boolean, codes: CodesByStatus]> = [
  // Before routing (client-errors.ts), on the way in (http-drain.ts, forbidden-keys.ts), and our own failures.
  [() => true, { 400: ['INVALID_URL', 'MALFORMED_REQUEST', 'FORBIDDEN_KEY'], 408: ['REQUEST_TIMEOUT'], 431: ['HEADERS_TOO_LARGE'], 500: ['INTERNAL_ERROR'], 503: ['SHUTTING_DOWN'] }],
  // Every key is checked (bearer-auth.guard.ts): a token holds only what its issuer may grant, and an
  // address that keeps failing is throttled (failed-authentications.ts); every caller is counted
  // (rate-limit.guard.ts), the public route's address too.
  [(route) => route.keyed, { 401: ['UNAUTHENTICATED'], 403: ['ISSUER_MAY_NOT_GRANT'], 429: ['AUTHENTICATION_THROTTLED'], 503: ['AUTH_KEYS_UNAVAILABLE'] }],
  [() => true, { 429: ['RATE_LIMITED'] }],
  [(route) => route.pathIds, { 400: ['INVALID_ID'] }],
  [(route) => route.queryParameters || route.jsonBody, { 400: ['VALIDATION_FAILED'] }],
  // A body of another type is refused whatever the route takes (json-body.guard.ts).
  [(route) => route.post, { 413: ['PAYLOAD_TOO_LARGE'], 415: ['UNSUPPORTED_MEDIA_TYPE'] }],
  [(route) => route.jsonBody, { 400: ['MALFORMED_JSON', 'INPUT_TOO_DEEP'] }],
  // The command path: headers, the caller's unit (active-unit.guard.ts), the stream's revision, the key's reuse, the store.
  [
    (route) => route.declared.command !== undefined,
    {
      400: ['INVALID_HEADER'],
      403: ['UNIT_DEACTIVATED'],
      409: ['CONCURRENCY_CONFLICT', 'STREAM_INTEGRITY_BROKEN'],
      422: ['IDEMPOTENCY_KEY_REUSED'],
      500: ['EVENT_STORE_UNREADABLE_EVENT', 'STORE_DAMAGED'],
      503: ['EVENT_STORE_UNAVAILABLE', 'STORAGE_UNAVAILABLE', 'READ_MODELS_AHEAD_OF_LEDGER'],
    },
  ],
  [(route) => route.expectedRevision, { 400: ['EXPECTED_REVISION_MISMATCH'] }],
  [(route) => route.minPosition, { 503: ['PROJECTION_LAGGING'] }],
  [(route) => reads(route, 'read-models'), { 503: ['READ_MODEL_REBUILDING', 'READ_MODELS_AHEAD_OF_LEDGER', 'READ_STORE_UNAVAILABLE'] }],
  [(route) => reads(route, 'event-store'), { 500: ['EVENT_STORE_UNREADABLE_EVENT', 'STORE_DAMAGED'], 503: ['EVENT_STORE_UNAVAILABLE'] }],
];

const STATUS_OF_REFUSAL: Readonly<Record<keyof Refusals, ErrorStatus>> = { invalidInput: 400, forbidden: 403, notFound: 404, businessRule: 422 };

const DESCRIPTIONS: Readonly<Record<ErrorStatus, string>> = {
  400: 'The request is malformed (`details.fields` names each field for VALIDATION_FAILED).',
  401: 'No API key, an unknown key, or a refused JWT (`details.reason` says which check failed).',
  403: "The caller may not do this: its role never may (ROLE_NOT_ALLOWED), its unit is deactivated (UNIT_DEACTIVATED), or its token claims what its issuer may not grant (ISSUER_MAY_NOT_GRANT).",
  404: 'Something the path names does not exist.',
  408: 'The request did not arrive in time.',
  409: 'The stream moved on since the revision sent (`details.currentRevision`, also as ETag), or its hash chain no longer verifies (STREAM_INTEGRITY_BROKEN: `details.revision`).',
  413: 'The request body is larger than the limit.',
  415: 'The body is not of the media type the route takes (`details.expected`, `details.received`).',
  422: 'A business rule refused the request; `code` says which.',
  429: "The caller's rate limit is spent (RATE_LIMITED), or its address failed to authenticate too often (AUTHENTICATION_THROTTLED); retry after Retry-After seconds.",
  431: 'The request headers are too large.',
  500: 'A failure of ours (logged, nothing of it echoed), or a damaged ledger: a stored event no longer reads back.',
  503: 'The service cannot answer now; retry after Retry-After (SHUTTING_DOWN: on another instance).',
};

const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } } } as const;

/** The codes an operation can answer, by status, in the order they were declared. */
function refusalsOf(facts: RouteFacts): Map<ErrorStatus, string[]> {
  const byStatus = new Map<ErrorStatus, string[]>();
  const add = (codes: CodesByStatus) => {
    for (const [status, list] of Object.entries(codes) as Array<[string, readonly string[]]>) {
      const known = byStatus.get(Number(status) as ErrorStatus) ?? [];
      byStatus.set(Number(status) as ErrorStatus, [...known, ...list.filter((code) => !known.includes(code))]);
    }
  };
  for (const [applies, codes] of REFUSALS) if (applies(facts)) add(codes);
  if (facts.declared.command) add(byHttpStatus(COMMAND_REFUSALS[facts.declared.command]));
  add(facts.declared.codes ?? {});
  return new Map([...byStatus.entries()].sort(([a], [b]) => a - b));
}

/** Adds every operation's error responses, each with its codes; keeps a schema a controller gave one of them. */
export function withErrorResponses(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'post'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const facts = factsOf(document, method, operation);
      delete (operation as Operation & Record<string, unknown>)[ROUTE_REFUSALS_EXTENSION];
      for (const [status, codes] of refusalsOf(facts)) {
        const given = operation.responses[status];
        const ownSchema = given && !('$ref' in given) ? (given.content?.['application/json']?.schema as SchemaObject | undefined) : undefined;
        const covered = ownSchema ? codesIn(ownSchema) : [];
        const rest = codes.filter((code) => !covered.includes(code));
        const body = errorBodyOf(status, rest);
        const schema = ownSchema && rest.length > 0 ? { oneOf: [ownSchema, body] } : (ownSchema ?? body);
        operation.responses[status] = {
          description: `${DESCRIPTIONS[status]} Codes: ${[...covered, ...rest].join(', ')}.`,
          ...(status === 429 || status === 503 ? { headers: RETRY_AFTER } : {}),
          content: { 'application/json': { schema } },
        };
      }
    }
  }
  return document;
}

function factsOf(document: OpenAPIObject, method: 'get' | 'post', operation: Operation): RouteFacts {
  const parameters = (operation.parameters ?? []).filter((parameter): parameter is ParameterObject => !('$ref' in parameter));
  const body = operation.requestBody && !('$ref' in operation.requestBody) ? operation.requestBody.content['application/json']?.schema : undefined;
  const bodySchema = body ? resolve(document, body) : undefined;
  return {
    keyed: (operation.security ?? document.security ?? []).length > 0,
    pathIds: parameters.some((parameter) => parameter.in === 'path'),
    queryParameters: parameters.some((parameter) => parameter.in === 'query'),
    minPosition: parameters.some((parameter) => parameter.in === 'query' && parameter.name === 'minPosition'),
    post: method === 'post',
    jsonBody: body !== undefined,
    expectedRevision: bodySchema?.properties?.expectedRevision !== undefined,
    declared: ((operation as Operation & Record<string, unknown>)[ROUTE_REFUSALS_EXTENSION] as RouteRefusals | undefined) ?? {},
  };
}

function reads(route: RouteFacts, source: 'read-models' | 'event-store'): boolean {
  return route.declared.reads?.includes(source) ?? false;
}

function byHttpStatus(refusals: Refusals): CodesByStatus {
  const codes: CodesByStatus = {};
  for (const [kind, list] of Object.entries(refusals) as Array<[keyof Refusals, readonly string[]]>) codes[STATUS_OF_REFUSAL[kind]] = list;
  return codes;
}

/**
 * The error body (`{ statusCode, code, message, details? }`, error-body.ts) with this status and
 * these codes. Clients branch on `code`, never on `message`.
 */
function errorBodyOf(status: ErrorStatus, codes: readonly string[]): SchemaObject {
  return {
    type: 'object',
    required: ['statusCode', 'code', 'message'],
    properties: {
      statusCode: { type: 'integer', enum: [status] },
      code: { type: 'string', enum: [...codes] },
      message: { type: 'string' },
      details: { type: 'object', additionalProperties: true },
    },
  };
}

function codesIn(schema: SchemaObject): string[] {
  const code = schema.properties?.code as SchemaObject | undefined;
  return (code?.enum as string[] | undefined) ?? [];
}

function resolve(document: OpenAPIObject, schema: SchemaObject | ReferenceObject): SchemaObject {
  if (!('$ref' in schema)) return schema;
  return document.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')] as SchemaObject;
}
