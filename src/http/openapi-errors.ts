/**
 * The refusals every route can give, declared once in the OpenAPI document rather than on every
 * controller: a client generated from /docs-json then knows each error's shape and the statuses it
 * must handle. Controllers still declare what is particular to them (403 for a role, 409, 422),
 * with their own descriptions; those responses get the error body's schema here too.
 */
import type { OpenAPIObject } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;
type Responses = Operation['responses'];

const ERROR_BODY_SCHEMA = 'ErrorBody';

const ERROR_BODY: SchemaObject = {
  type: 'object',
  description: 'Every 4xx and 5xx answer. Branch on `code` (README, Errors, lists them all), never on `message`.',
  required: ['statusCode', 'code', 'message'],
  properties: {
    statusCode: { type: 'integer', example: 400 },
    code: { type: 'string', example: 'VALIDATION_FAILED' },
    message: { type: 'string', example: 'period: period must be YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY' },
    details: { type: 'object', additionalProperties: true, description: 'Particulars of the refusal, e.g. `fields` for VALIDATION_FAILED, `currentRevision` for CONCURRENCY_CONFLICT' },
  },
};

const COMMON = {
  400: 'Malformed request: VALIDATION_FAILED (`details.fields` names each field), INVALID_ID, MALFORMED_JSON, FORBIDDEN_KEY, INPUT_TOO_DEEP, INVALID_HEADER, INVALID_URL, MALFORMED_REQUEST…',
  500: 'A failure of ours (INTERNAL_ERROR); logged, nothing of it echoed.',
} as const;
const WITH_KEY = {
  401: 'No API key, an unknown key, or a refused JWT (UNAUTHENTICATED).',
  429: "The caller's rate limit is spent (RATE_LIMITED, with Retry-After).",
} as const;
const WITH_ID = { 404: 'Something the path names does not exist: INDICATOR_NOT_FOUND, REPORT_NOT_FOUND, QUERY_NOT_FOUND, UNIT_NOT_FOUND, RESOLUTION_NOT_FOUND…' } as const;
const WITH_BODY = {
  413: 'The request body is larger than the limit (PAYLOAD_TOO_LARGE).',
  415: 'The body is not sent as application/json (UNSUPPORTED_MEDIA_TYPE).',
} as const;

/** Adds the common error responses to every operation, and the error body's schema to every error response. */
export function withErrorResponses(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, [ERROR_BODY_SCHEMA]: ERROR_BODY } };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const keyed = (operation.security ?? document.security ?? []).length > 0;
      addMissing(operation.responses, COMMON);
      if (keyed) addMissing(operation.responses, WITH_KEY);
      if (path.includes('{')) addMissing(operation.responses, WITH_ID);
      if (method === 'post') addMissing(operation.responses, WITH_BODY);
      for (const [status, response] of Object.entries(operation.responses)) {
        if (response && Number(status) >= 400 && !('$ref' in response) && !response.content) {
          response.content = { 'application/json': { schema: { $ref: `#/components/schemas/${ERROR_BODY_SCHEMA}` } } };
        }
      }
    }
  }
  return document;
}

function addMissing(responses: Responses, declared: Record<number, string>): void {
  for (const [status, description] of Object.entries(declared)) responses[status] ??= { description };
}
