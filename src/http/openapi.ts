/**
 * The OpenAPI document: served at /docs (UI) and /docs-json, and committed as openapi.json
 * (`npm run openapi` writes it; a test fails when it differs from what the service serves).
 */
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { ParameterObject, ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { withErrorResponses } from './openapi-errors';
import { ROUTE_REFUSALS_EXTENSION, type RouteRefusals } from './route-refusals';

export const DOCS_PATH = 'docs';

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.0.3')
    .setTitle('resolution-ledger')
    .setDescription(
      'Event-sourced ledger of the 2021 resolution of the Hạ Long City Party Committee: key indicators, tasks, ' +
        'responsible units and every report, correction, reassignment and target revision, with its audit history. ' +
        'Every request needs `Authorization: Bearer <api key>`, except `GET /health` and these docs. ' +
        'Errors are `{ statusCode, code, message, details? }`; each operation lists the codes it can answer (docs/api.md, Errors, explains them). ' +
        'Answers may gain fields in later versions: ignore the ones you do not know.',
    )
    .setVersion('1.0')
    .addServer('{scheme}://{host}', 'Wherever the service listens; `npm start` serves http://localhost:3000', {
      scheme: { enum: ['http', 'https'], default: 'http' },
      host: { default: 'localhost:3000', description: 'Host and port (PORT, default 3000)' },
    })
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key, or a JWT where the identity provider is configured' })
    .build();
  config.info.contact = { name: 'resolution-ledger operators, Văn phòng Thành ủy Hạ Long' };
  config.info.license = { name: 'Proprietary (UNLICENSED): for the services of the Hạ Long City Party Committee' };
  const document = SwaggerModule.createDocument(app, config);
  return withErrorResponses(withCommandHeaders(withClosedRequestBodies(withParameterExamples(withPublicRoutesMarked(document)))));
}

/** The document as openapi.json holds it: two-space indented, with a final newline. */
export function openApiJson(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, buildOpenApiDocument(app), { jsonDocumentUrl: `${DOCS_PATH}-json` });
}

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

function operationsOf(document: OpenAPIObject): Operation[] {
  return Object.values(document.paths).flatMap((item) => [item.get, item.post].filter((operation): operation is Operation => operation !== undefined));
}

/** A route without a key requirement says so (`security: []`), rather than leaving a client to guess. */
function withPublicRoutesMarked(document: OpenAPIObject): OpenAPIObject {
  for (const operation of operationsOf(document)) operation.security ??= [];
  return document;
}

/**
 * A parameter's example is given beside it, where contract-testing tools and generated clients look
 * for it, whether its decorator put it there or in its schema (as class-validator DTOs do).
 */
function withParameterExamples(document: OpenAPIObject): OpenAPIObject {
  for (const operation of operationsOf(document)) {
    for (const parameter of operation.parameters ?? []) {
      if ('$ref' in parameter || parameter.example !== undefined || !parameter.schema || '$ref' in parameter.schema) continue;
      const { example, ...schema } = parameter.schema;
      if (example === undefined) continue;
      parameter.example = example;
      parameter.schema = schema;
    }
  }
  return document;
}

const COMMAND_HEADERS: ParameterObject[] = [
  {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description: 'Retry-safe key (letters, digits, `._:-`, up to 128): the same key and body append once and answer the same.',
    schema: { type: 'string', pattern: '^[A-Za-z0-9._:\\-]{1,128}$' },
    example: 'ldtbxh-2021-Q1',
  },
  {
    name: 'If-Match',
    in: 'header',
    required: false,
    description: 'The stream revision the client saw, e.g. "3" (instead of `expectedRevision`): 409 CONCURRENCY_CONFLICT if it moved on.',
    schema: { type: 'string' },
    example: '"3"',
  },
  {
    name: 'X-Correlation-Id',
    in: 'header',
    required: false,
    description: "Recorded in the events' metadata (letters, digits, `._:-`, up to 128).",
    schema: { type: 'string', pattern: '^[A-Za-z0-9._:\\-]{1,128}$' },
    example: 'ldtbxh-batch-42',
  },
];

/** Every command takes the same headers (command-request.ts). */
function withCommandHeaders(document: OpenAPIObject): OpenAPIObject {
  for (const operation of operationsOf(document)) {
    const declared = (operation as Operation & Record<string, unknown>)[ROUTE_REFUSALS_EXTENSION] as RouteRefusals | undefined;
    if (declared?.command) operation.parameters = [...(operation.parameters ?? []), ...COMMAND_HEADERS];
  }
  return document;
}

/** The service refuses unknown fields in a body (validation.ts): the document says so of every body schema. */
function withClosedRequestBodies(document: OpenAPIObject): OpenAPIObject {
  const schemas = document.components?.schemas ?? {};
  const closed = new Set<SchemaObject>();
  const close = (schema: SchemaObject | ReferenceObject | undefined): void => {
    if (!schema) return;
    if ('$ref' in schema) return close(schemas[schema.$ref.replace('#/components/schemas/', '')]);
    if (closed.has(schema)) return;
    closed.add(schema);
    if (schema.type === 'object' || schema.properties) schema.additionalProperties = false;
    for (const property of Object.values(schema.properties ?? {})) close(property);
    for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) close(part);
    if (schema.items) close(schema.items);
  };
  for (const operation of operationsOf(document)) {
    const body = operation.requestBody;
    if (body && !('$ref' in body)) close(body.content['application/json']?.schema);
  }
  return document;
}
