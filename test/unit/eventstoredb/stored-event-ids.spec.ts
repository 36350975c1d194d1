/** The EventStoreDB adapter's memory of stored event ids: continuity of a tail, and its bound. */
import { StoredEventIds, StoredStream } from '../../../src/event-store/eventstoredb/stored-event-ids';
import type { RecordedEvent } from '../../../src/shared/messages';

function events(fromRevision: number, count: number): RecordedEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const revision = fromRevision + i;
    return { streamId: 's', revision, position: 100 * (revision + 1), type: 'UnitRenamed', data: {}, metadata: { eventId: `e${revision}` } as RecordedEvent['metadata'] };
  });
}

function stream(count: number): StoredStream {
  const stored = new StoredStream();
  stored.add(events(0, count));
  return stored;
}

describe('StoredStream', () => {
  it('indexes ids by place and knows where the next read starts', () => {
    const stored = stream(3);
    expect(stored.nextRevision).toBe(3);
    expect(stored.indexOf('e1')).toBe(1);
    expect(stored.at(1)).toEqual({ eventId: 'e1', revision: 1, position: 200 });
    expect(stored.last?.revision).toBe(2);
    expect(new StoredStream().nextRevision).toBe(0);
  });

  it('trusts a tail only when it carries on exactly where the stream ends', () => {
    const stored = stream(3);
    expect(stored.continuesWith([])).toBe(true);
    expect(stored.continuesWith(events(3, 2))).toBe(true);
    expect(stored.continuesWith(events(4, 1))).toBe(false); // a gap
    expect(stored.continuesWith(events(0, 5))).toBe(false); // the stream was recreated
    expect(stored.continuesWith([...events(3, 1), ...events(5, 1)])).toBe(false);
  });
});

describe('StoredEventIds', () => {
  it('hands a stream back once until it is kept again', () => {
    const ids = new StoredEventIds(10);
    ids.keep('a', stream(3));
    expect(ids.size).toBe(3);
    expect(ids.take('a')?.size).toBe(3);
    expect(ids.take('a')).toBeUndefined();
    expect(ids.size).toBe(0);
  });

  it('forgets the least recently used streams beyond its bound, and keeps no stream larger than the bound or empty', () => {
    const ids = new StoredEventIds(10);
    ids.keep('a', stream(4));
    ids.keep('b', stream(4));
    ids.keep('a', ids.take('a')!); // a is now the most recently used
    ids.keep('c', stream(4));
    expect(ids.take('b')).toBeUndefined();
    expect(ids.size).toBe(8);
    ids.keep('huge', stream(11));
    ids.keep('empty', new StoredStream());
    expect(ids.take('huge')).toBeUndefined();
    expect(ids.take('empty')).toBeUndefined();
    expect(ids.take('a')?.size).toBe(4);
    expect(ids.take('c')?.size).toBe(4);
    expect(() => new StoredEventIds(-1)).toThrow(RangeError);
  });
});
