/** Recomputing a stream's chain finds and locates every kind of break (here on in-memory copies; test/integrity tampers the real file). */
import { verifyChain } from '../../../src/integrity/chain-verification';
import { eventHash, GENESIS_HASH } from '../../../src/integrity/event-hash';
import type { LedgerEvent } from '../../../src/domain/events';
import type { RecordedEvent } from '../../../src/shared/messages';
import { history } from '../../support/events';
import { IND, corrected, registered, reported } from '../../projections/indicator-events';

const STREAM = `indicator-${IND}`;

function stream(): RecordedEvent[] {
  const events: LedgerEvent[] = [
    registered(),
    reported('r1', 'new_members', '2021-Q1', 120),
    reported('r2', 'new_members', '2021-Q2', 250),
    corrected('r1', 'new_members', '2021-Q1', 120, 130, 'Số liệu chính thức'),
    reported('r3', 'excellent_share', '2021-H1', 18.5),
  ];
  return history(events, 10);
}

const clone = (events: RecordedEvent[]): RecordedEvent[] => JSON.parse(JSON.stringify(events)) as RecordedEvent[];

describe('verifyChain', () => {
  it('accepts an untouched stream and names its head', () => {
    const events = stream();
    expect(verifyChain(STREAM, events)).toEqual({
      streamId: STREAM,
      valid: true,
      events: 5,
      headRevision: 4,
      headHash: events[4].metadata.hash,
      headPosition: 14,
      firstBreak: null,
    });
  });

  it('answers an empty stream as valid with no head', () => {
    expect(verifyChain(STREAM, [])).toMatchObject({ valid: true, events: 0, headRevision: null, headHash: null, firstBreak: null });
  });

  it('locates an edited figure: HASH_MISMATCH at that revision, the events after it still link', () => {
    const events = clone(stream());
    (events[2].data as { value: number }).value = 999;
    const verdict = verifyChain(STREAM, events);
    expect(verdict).toMatchObject({ valid: false, events: 5, firstBreak: { revision: 2, reason: 'HASH_MISMATCH', found: events[2].metadata.hash } });
  });

  it('locates an edited actor in the metadata', () => {
    const events = clone(stream());
    events[1].metadata.actor = { ...events[1].metadata.actor, id: 'someone-else' };
    expect(verifyChain(STREAM, events).firstBreak).toMatchObject({ revision: 1, reason: 'HASH_MISMATCH' });
  });

  it('locates a deleted event as a revision gap at the missing revision', () => {
    const events = stream();
    events.splice(2, 1);
    expect(verifyChain(STREAM, events)).toMatchObject({ valid: false, events: 4, firstBreak: { revision: 2, reason: 'REVISION_GAP', expected: 2, found: 3 } });
  });

  it('locates a deleted first event', () => {
    expect(verifyChain(STREAM, stream().slice(1)).firstBreak).toMatchObject({ revision: 0, reason: 'REVISION_GAP' });
  });

  it('locates a deletion hidden by renumbering the later revisions: the link to the predecessor is gone', () => {
    const events = clone(stream());
    events.splice(2, 1);
    for (const event of events.slice(2)) event.revision -= 1;
    expect(verifyChain(STREAM, events).firstBreak).toMatchObject({ revision: 2, reason: 'PREV_HASH_MISMATCH', expected: events[1].metadata.hash });
  });

  it('locates two events swapped in revision order', () => {
    const events = clone(stream());
    [events[2], events[3]] = [events[3], events[2]];
    [events[2].revision, events[3].revision] = [2, 3];
    [events[2].position, events[3].position] = [12, 13];
    expect(verifyChain(STREAM, events).firstBreak).toMatchObject({ revision: 2, reason: 'PREV_HASH_MISMATCH' });
  });

  it('locates two events swapped in the global log only (positions exchanged)', () => {
    const events = clone(stream());
    [events[2].position, events[3].position] = [events[3].position, events[2].position];
    expect(verifyChain(STREAM, events).firstBreak).toMatchObject({ revision: 3, reason: 'POSITION_ORDER' });
  });

  it('locates an event whose seal was removed or never made', () => {
    const events = clone(stream());
    delete (events[3].metadata as Partial<RecordedEvent['metadata']>).hash;
    expect(verifyChain(STREAM, events).firstBreak).toMatchObject({ revision: 3, reason: 'UNSEALED_EVENT' });
    const malformed = clone(stream());
    malformed[0].metadata.prevHash = 'not-a-hash';
    expect(verifyChain(STREAM, malformed).firstBreak).toMatchObject({ revision: 0, reason: 'UNSEALED_EVENT' });
  });

  it('requires revision 0 to chain from the genesis value', () => {
    const events = clone(stream()).slice(0, 1);
    const other = '1'.repeat(64);
    events[0].metadata.prevHash = other;
    events[0].metadata.hash = eventHash({ stream: STREAM, ...events[0] });
    expect(verifyChain(STREAM, events).firstBreak).toMatchObject({ revision: 0, reason: 'PREV_HASH_MISMATCH', expected: GENESIS_HASH, found: other });
  });

  it('cannot see a chain rewritten consistently from some point on, nor a cut tail (the audit digest can)', () => {
    const rewritten = clone(stream());
    (rewritten[2].data as { value: number }).value = 999;
    let prevHash = rewritten[1].metadata.hash;
    for (const event of rewritten.slice(2)) {
      event.metadata.prevHash = prevHash;
      event.metadata.hash = eventHash({ stream: STREAM, ...event });
      prevHash = event.metadata.hash;
    }
    expect(verifyChain(STREAM, rewritten).valid).toBe(true);
    expect(verifyChain(STREAM, stream().slice(0, 3)).valid).toBe(true);
  });

  it('reports only the first break and still counts every event', () => {
    const events = clone(stream());
    (events[1].data as { value: number }).value = 1;
    (events[3].data as { value: number }).value = 1;
    expect(verifyChain(STREAM, events)).toMatchObject({ events: 5, headRevision: 4, firstBreak: { revision: 1 } });
  });
});
