/** OpenAPI schemas of `GET /units` and `GET /units/{id}` (every answer is checked against them: test/support/openapi-contract.ts). */
import { instant, listOf, nullable, enumOf, page, record, text, whole, yesNo, type SchemaObject } from '../http/openapi-schema';
import { TARGET_STATUSES } from '../domain/indicator/status';

export const UNIT_SCHEMA: SchemaObject = record(
  {
    id: text,
    name: nullable(text),
    shortName: nullable(text),
    namedInResolution: nullable(yesNo),
    active: yesNo,
    deactivatedReason: nullable(text),
    deactivationDecisionRef: nullable(text),
    deactivatedAt: nullable(instant),
    names: listOf(record({ name: text, from: instant })),
    revision: whole,
    registeredAt: nullable(instant),
    updatedAt: instant,
    responsibleFor: listOf(record({ id: text, kind: enumOf(['indicator', 'task']), number: nullable(whole), name: text, worstStatus: enumOf(TARGET_STATUSES) })),
  },
  'A unit, every name it has had (oldest first) and what it is responsible for now. `name` is null for a unit known only because an indicator names it.',
);

export const UNIT_LIST_SCHEMA: SchemaObject = page(UNIT_SCHEMA);
