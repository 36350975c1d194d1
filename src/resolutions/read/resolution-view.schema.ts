/** OpenAPI schemas of `GET /resolutions` and `GET /resolutions/{id}` (every answer is checked against them: test/support/openapi-contract.ts). */
import { instant, listOf, nullable, page, record, text, whole, yesNo, type SchemaObject } from '../../http/openapi-schema';

export const RESOLUTION_SCHEMA: SchemaObject = record({
  id: text,
  title: nullable(text),
  issuingBody: nullable(text),
  year: nullable(whole),
  parentResolution: nullable(text),
  theme: nullable(text),
  signedBy: nullable(text),
  registeredAt: nullable(instant),
  indicatorIds: listOf(text),
  taskIds: listOf(text),
  demoData: { ...yesNo, description: 'True when the ledger holds demo data for this resolution (`npm run demo`): illustrative figures, not real reports.' },
  updatedAt: instant,
  counts: record({ indicators: whole, tasks: whole }),
});

export const RESOLUTION_LIST_SCHEMA: SchemaObject = page(RESOLUTION_SCHEMA);
