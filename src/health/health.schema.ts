/**
 * OpenAPI schemas of `GET /health` (every answer is checked against them: test/support/openapi-contract.ts).
 * The indicators' fields are listed so that a monitor can be written against them; `info`, `error`
 * and `details` are Terminus's three views of the same indicators.
 */
import { enumOf, instant, nullable, record, text, whole, yesNo, type SchemaObject } from '../http/openapi-schema';

const up = enumOf(['up', 'down']);

/** An indicator: `status` always; its numbers while it answers, `reachable: false` when it does not. */
function indicator(numbers: Record<string, SchemaObject>): SchemaObject {
  return { type: 'object', properties: { status: up, reachable: yesNo, ...numbers }, required: ['status'] };
}

/** A store that answers but cannot write says so, and why (storage-fault.ts). */
const storage: Record<string, SchemaObject> = { writable: yesNo, cause: enumOf(['disk_full', 'read_only', 'io_error', 'damaged']) };

const indicators: SchemaObject = {
  type: 'object',
  properties: {
    eventStore: indicator({ headPosition: whole, ...storage }),
    readStore: indicator({ checkpoint: whole, ...storage }),
    projections: indicator({
      role: enumOf(['holder', 'standby']),
      state: enumOf(['stopped', 'catching_up', 'live', 'failed']),
      position: whole,
      headPosition: whole,
      lagEvents: whole,
      lagEventsCapped: yesNo,
      lagSeconds: whole,
      lastFailureAt: nullable(instant),
      drops: whole,
      retries: whole,
      resubscriptions: whole,
      rebuilding: yesNo,
      code: enumOf(['READ_MODELS_AHEAD_OF_LEDGER']),
    }),
  },
};

export const HEALTH_SCHEMA: SchemaObject = record({ status: enumOf(['ok', 'error']), info: indicators, error: indicators, details: indicators });

/** 503 UNHEALTHY: the error body, with the same views of what answered and what did not. */
export const UNHEALTHY_SCHEMA: SchemaObject = {
  ...record({ statusCode: whole, code: enumOf(['UNHEALTHY', 'STORAGE_UNAVAILABLE', 'STORE_DAMAGED', 'READ_MODELS_AHEAD_OF_LEDGER']), message: text, status: enumOf(['error']), info: indicators, error: indicators, details: indicators }),
  description:
    'UNHEALTHY: a store does not answer (which one is in `error`; why is logged, not shown). STORAGE_UNAVAILABLE: a store answers ' +
    'but cannot write (`error.<store>.cause`: disk_full, read_only, io_error); it recovers by itself once it can. STORE_DAMAGED: ' +
    "a store's file is damaged (`cause`: damaged; the file and what to run are logged). READ_MODELS_AHEAD_OF_LEDGER: " +
    'the read models reflect events the event store no longer holds; nothing is served or written until an operator acts.',
};
