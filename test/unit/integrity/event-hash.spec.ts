/** The per-stream hash chain: what is hashed, how events are sealed, and that nothing else counts. */
import { createHash } from 'node:crypto';
import { eventHash, GENESIS_HASH, hashedContent, sealEvents, type HashableEvent, type UnsealedEvent } from '../../../src/integrity/event-hash';
import type { EventMetadata } from '../../../src/shared/messages';

const metadata: Omit<EventMetadata, 'prevHash' | 'hash'> = {
  eventId: '6f1c0d1e-5a77-4f55-9a8e-2b0f7c369a43',
  commandId: 'cmd-1',
  commandHash: 'abc',
  correlationId: 'corr-1',
  causationId: 'cmd-1',
  actor: { id: 'bao-cao-ldtbxh', unitId: 'phong-lao-dong', roles: ['reporter'] },
  recordedAt: '2021-04-05T02:00:00.000Z',
  schemaVersion: 1,
};

const event: HashableEvent = {
  stream: 'indicator-ind-10',
  revision: 1,
  type: 'ProgressReported',
  data: { indicatorId: 'ind-10', value: 1700, note: 'Số liệu quý I' },
  metadata: { ...metadata, prevHash: GENESIS_HASH },
};

describe('eventHash', () => {
  it('is the SHA-256 hex of the canonical JSON of { stream, revision, type, data, metadata }', () => {
    const expectedContent =
      '{"data":{"indicatorId":"ind-10","note":"Số liệu quý I","value":1700},' +
      '"metadata":{"actor":{"id":"bao-cao-ldtbxh","roles":["reporter"],"unitId":"phong-lao-dong"},"causationId":"cmd-1",' +
      '"commandHash":"abc","commandId":"cmd-1","correlationId":"corr-1","eventId":"6f1c0d1e-5a77-4f55-9a8e-2b0f7c369a43",' +
      `"prevHash":"${GENESIS_HASH}","recordedAt":"2021-04-05T02:00:00.000Z","schemaVersion":1},` +
      '"revision":1,"stream":"indicator-ind-10","type":"ProgressReported"}';
    expect(hashedContent(event)).toBe(expectedContent);
    expect(eventHash(event)).toBe(createHash('sha256').update(Buffer.from(expectedContent, 'utf8')).digest('hex'));
    expect(eventHash(event)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('leaves the stored hash itself out, so an event can be re-hashed as read', () => {
    expect(eventHash({ ...event, metadata: { ...event.metadata, hash: 'f'.repeat(64) } })).toBe(eventHash(event));
  });

  it('does not depend on the order fields were written in', () => {
    const reordered: HashableEvent = {
      metadata: { prevHash: GENESIS_HASH, ...metadata },
      data: { value: 1700, note: 'Số liệu quý I', indicatorId: 'ind-10' },
      type: 'ProgressReported',
      revision: 1,
      stream: 'indicator-ind-10',
    };
    expect(eventHash(reordered)).toBe(eventHash(event));
  });

  it.each<[string, (e: HashableEvent) => HashableEvent]>([
    ['the stream', (e) => ({ ...e, stream: 'indicator-ind-11' })],
    ['the revision', (e) => ({ ...e, revision: 2 })],
    ['the type', (e) => ({ ...e, type: 'ProgressReportCorrected' })],
    ['a figure', (e) => ({ ...e, data: { ...(e.data as object), value: 1701 } })],
    ['one letter of Vietnamese text', (e) => ({ ...e, data: { ...(e.data as object), note: 'Số liệu quý l' } })],
    ['the actor', (e) => ({ ...e, metadata: { ...e.metadata, actor: { ...e.metadata.actor, id: 'someone-else' } } })],
    ['the recorded time', (e) => ({ ...e, metadata: { ...e.metadata, recordedAt: '2021-04-05T02:00:00.001Z' } })],
    ['the previous hash', (e) => ({ ...e, metadata: { ...e.metadata, prevHash: '1'.repeat(64) } })],
  ])('changes when %s changes', (_what, change) => {
    expect(eventHash(change(event))).not.toBe(eventHash(event));
  });
});

describe('sealEvents', () => {
  const batch: UnsealedEvent[] = [
    { type: 'A', data: { n: 1 }, metadata },
    { type: 'B', data: { n: 2 }, metadata: { ...metadata, eventId: 'second' } },
  ];

  it('links the first event to the given previous hash and each next one to the one before', () => {
    const [first, second] = sealEvents('s-1', 0, GENESIS_HASH, batch);
    expect(first.metadata.prevHash).toBe(GENESIS_HASH);
    expect(first.metadata.hash).toBe(eventHash({ stream: 's-1', revision: 0, ...first }));
    expect(second.metadata.prevHash).toBe(first.metadata.hash);
    expect(second.metadata.hash).toBe(eventHash({ stream: 's-1', revision: 1, ...second }));
  });

  it('numbers revisions from the first one given, so a batch appended later chains on', () => {
    const tip = 'a'.repeat(64);
    const [sealed] = sealEvents('s-1', 7, tip, batch.slice(0, 1));
    expect(sealed.metadata.prevHash).toBe(tip);
    expect(sealed.metadata.hash).toBe(eventHash({ stream: 's-1', revision: 7, ...sealed }));
    expect(sealed.metadata.hash).not.toBe(sealEvents('s-1', 0, tip, batch.slice(0, 1))[0].metadata.hash);
  });

  it('keeps type, data and the rest of the metadata as they were', () => {
    const [sealed] = sealEvents('s-1', 0, GENESIS_HASH, batch);
    expect(sealed).toEqual({ type: 'A', data: { n: 1 }, metadata: { ...metadata, prevHash: GENESIS_HASH, hash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
  });

  it('gives the same hashes after the events went through JSON, as every store keeps them', () => {
    const sealed = sealEvents('s-1', 0, GENESIS_HASH, [{ type: 'A', data: { v: -0, note: undefined, x: 1e21 }, metadata }]);
    const readBack = JSON.parse(JSON.stringify(sealed[0])) as typeof sealed[0];
    expect(eventHash({ stream: 's-1', revision: 0, ...readBack })).toBe(sealed[0].metadata.hash);
  });
});

describe('GENESIS_HASH', () => {
  it('is the documented fixed value: 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0000000000000000000000000000000000000000000000000000000000000000');
  });
});
