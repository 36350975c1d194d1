/**
 * Turns an HTTP command request into a command envelope: the command id from `Idempotency-Key`
 * (scoped to the caller), the correlation id from `X-Correlation-Id`, and the revision the client
 * saw from the body's `expectedRevision` or the `If-Match` header.
 */
import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal-directory';
import { commandIdFromIdempotencyKey, type CommandEnvelope } from '../command-handling/command-envelope';
import { InvalidInputError } from '../shared/errors';
import { correlationIdOf } from './correlation-id';
import type { HttpRequest } from './http-exchange';

const HEADER_TOKEN = /^[A-Za-z0-9._:\-]{1,128}$/;

export function envelopeFor(request: HttpRequest, principal: Principal, bodyExpectedRevision?: number): CommandEnvelope {
  const idempotencyKey = headerToken(request, 'idempotency-key');
  const commandId = idempotencyKey ? commandIdFromIdempotencyKey(principal.id, idempotencyKey) : randomUUID();
  // A malformed X-Correlation-Id is refused on commands; without one, the id the request was logged under.
  const correlationId = headerToken(request, 'x-correlation-id') ?? correlationIdOf(request.raw);
  const expectedRevision = expectedRevisionOf(request, bodyExpectedRevision);
  return {
    commandId,
    correlationId,
    causationId: commandId,
    actor: { id: principal.id, unitId: principal.unitId, roles: principal.roles },
    ...(expectedRevision === undefined ? {} : { expectedRevision }),
  };
}

function headerToken(request: HttpRequest, name: string): string | undefined {
  const raw = request.headers[name];
  if (raw === undefined) return undefined;
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!HEADER_TOKEN.test(value)) {
    throw new InvalidInputError('INVALID_HEADER', `${name} must be 1–128 characters of letters, digits, . _ : -`, { header: name });
  }
  return value;
}

function expectedRevisionOf(request: HttpRequest, fromBody: number | undefined): number | undefined {
  const ifMatch = request.headers['if-match'];
  if (ifMatch === undefined) return fromBody;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(ifMatch);
  if (!match) throw new InvalidInputError('INVALID_HEADER', 'If-Match must be a stream revision, e.g. "4"', { header: 'if-match' });
  const fromHeader = Number(match[1]);
  if (fromBody !== undefined && fromBody !== fromHeader) {
    throw new InvalidInputError('EXPECTED_REVISION_MISMATCH', 'If-Match and expectedRevision disagree', { fromHeader, fromBody });
  }
  return fromHeader;
}
