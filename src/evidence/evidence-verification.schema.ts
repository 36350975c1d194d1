/** OpenAPI schema of `POST /evidence/verify`'s answer (every answer is checked against them: test/support/openapi-contract.ts). */
import { day, instant, listOf, enumOf, record, text, whole, type SchemaObject } from '../http/openapi-schema';

export const EVIDENCE_VERIFICATION_SCHEMA: SchemaObject = record(
  {
    sha256: text,
    size: whole,
    citedBy: listOf(
      record({
        indicatorId: text,
        reportId: text,
        metric: text,
        period: text,
        unitId: text,
        title: text,
        documentRef: text,
        issuedOn: day,
        citedIn: enumOf(['report', 'correction', 'query_answer']),
        citedAt: instant,
        revision: whole,
      }),
    ),
  },
  "The file's SHA-256 and size, and every citation of it: in a report, a correction or an answer to a query, with the indicator revision that recorded it.",
);
