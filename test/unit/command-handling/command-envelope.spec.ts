/** Idempotency keys are scoped to the caller's identity, and no two identities' keys can meet. */
import { commandIdFromIdempotencyKey } from '../../../src/command-handling/command-envelope';
import { uuidFromName } from '../../../src/shared/deterministic-id';

describe('commandIdFromIdempotencyKey', () => {
  it('keeps the command ids of API-key principals as they were, so a retry across an upgrade appends nothing', () => {
    expect(commandIdFromIdempotencyKey('chuyen-vien-tong-hop', 'bhxh-q1')).toBe(uuidFromName('idempotency:chuyen-vien-tong-hop:bhxh-q1'));
  });

  it('gives a token named like a key principal other command ids than the principal', () => {
    expect(commandIdFromIdempotencyKey('jwt:sso:chuyen-vien-tong-hop', 'bhxh-q1')).not.toBe(commandIdFromIdempotencyKey('chuyen-vien-tong-hop', 'bhxh-q1'));
  });

  it('does not let a colon in a sub or a key make two identities meet', () => {
    expect(commandIdFromIdempotencyKey('jwt:sso:a', 'b:c')).not.toBe(commandIdFromIdempotencyKey('jwt:sso:a:b', 'c'));
    expect(commandIdFromIdempotencyKey('jwt:sso:a', 'k')).not.toBe(commandIdFromIdempotencyKey('jwt:other:a', 'k'));
    expect(commandIdFromIdempotencyKey('jwt:sso:a', 'k')).toBe(commandIdFromIdempotencyKey('jwt:sso:a', 'k'));
  });
});
