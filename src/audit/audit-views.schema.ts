/**
 * OpenAPI schemas of the audit routes' answers: the global audit log, an indicator's integrity,
 * the digest and its verification (every answer is checked against them: test/support/openapi-contract.ts).
 */
import { instant, listOf, nullable, enumOf, page, record, text, whole, yesNo, type SchemaObject } from '../http/openapi-schema';
import { ROLES } from '../shared/messages';
import { AUDIT_LOG_EVENT_TYPES } from '../../projections/audit-log';

const CHAIN_BREAKS = ['REVISION_GAP', 'POSITION_ORDER', 'UNSEALED_EVENT', 'PREV_HASH_MISMATCH', 'HASH_MISMATCH'];
const hash: SchemaObject = { type: 'string', description: '64 hexadecimal digits (SHA-256)' };

export const AUDIT_EVENTS_PAGE_SCHEMA: SchemaObject = page(
  record({
    position: whole,
    streamId: text,
    revision: whole,
    subjectKind: enumOf(['indicator', 'unit', 'resolution', 'review']),
    subjectId: text,
    type: enumOf(AUDIT_LOG_EVENT_TYPES),
    recordedAt: instant,
    actor: record({ id: text, unitId: nullable(text), roles: listOf(enumOf(ROLES)) }),
    commandId: text,
    correlationId: text,
    reason: nullable(text),
    decisionRef: nullable(text),
    summary: text,
    hash: nullable(hash),
  }),
  { limit: whole, offset: whole, order: enumOf(['asc', 'desc']) },
);

/** A hash, a revision or a position, or null; each branch typed, as a strict validator needs. */
const hashOrNumber: SchemaObject = { anyOf: [nullable(text), nullable(whole)] };

export const INTEGRITY_SCHEMA: SchemaObject = record({
  indicatorId: text,
  stream: text,
  algorithm: text,
  genesisHash: hash,
  valid: yesNo,
  events: whole,
  headRevision: nullable(whole),
  headHash: nullable(hash),
  firstBrokenRevision: nullable(whole),
  reason: nullable(enumOf([...CHAIN_BREAKS, 'UNREADABLE_EVENT'])),
  explanation: nullable(text),
  break: nullable(
    record({
      revision: whole,
      reason: enumOf(CHAIN_BREAKS),
      explanation: text,
      expected: { ...hashOrNumber, description: 'What the chain expected there: a hash (string) or a revision or position (number).' },
      found: { ...hashOrNumber, description: 'What was found instead.' },
    }),
  ),
});

const brokenStream = record({ streamId: text, firstBrokenRevision: whole, reason: enumOf(CHAIN_BREAKS), explanation: text });
const head = record({ streamId: text, revision: whole, hash });

export const DIGEST_SCHEMA: SchemaObject = record({
  digest: hash,
  position: whole,
  algorithm: text,
  leafFormat: text,
  streams: whole,
  events: whole,
  chainsValid: yesNo,
  brokenStreams: listOf(brokenStream),
  heads: listOf(head),
  computedAt: instant,
});

export const DIGEST_VERIFICATION_SCHEMA: SchemaObject = record({
  valid: yesNo,
  reason: nullable(enumOf(['CHAIN_BROKEN', 'DIGEST_MISMATCH'])),
  explanation: nullable(text),
  position: whole,
  digest: text,
  recomputedDigest: hash,
  digestMatches: yesNo,
  chainsValid: yesNo,
  brokenStreams: listOf(brokenStream),
  storeHeadPosition: whole,
  streams: whole,
  events: whole,
  heads: listOf(head),
  algorithm: text,
  computedAt: instant,
});
