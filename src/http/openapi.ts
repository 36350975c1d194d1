/** OpenAPI documentation at /docs (UI) and /docs-json (the document). */
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { withErrorResponses } from './openapi-errors';

export const DOCS_PATH = 'docs';

export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('resolution-ledger')
    .setDescription(
      'Event-sourced ledger of the 2021 resolution of the Hạ Long City Party Committee: key indicators, tasks, ' +
        'responsible units and every report, correction, reassignment and target revision, with its audit history. ' +
        'Every request needs `Authorization: Bearer <api key>`, except `GET /health` and these docs. ' +
        'Errors are `{ statusCode, code, message, details? }` (schema `ErrorBody`); README lists every code.',
    )
    .setVersion('1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key' })
    .build();
  const document = withErrorResponses(SwaggerModule.createDocument(app, config));
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: `${DOCS_PATH}-json` });
}
