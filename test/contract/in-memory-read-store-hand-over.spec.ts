/**
 * `commit(…, { handOver: true })` and `peekDocument`: the in-memory store keeps the documents it is
 * handed instead of copies, and lends its own. Stored state must still be what a copying commit
 * stores (undefined as null, exotic values copied), and refusals must still leave nothing behind.
 */
import { InMemoryReadStore } from '../../src/read-store/in-memory-read-store';
import type { ReadDocument } from '../../src/read-store/read-store.port';
import { DuplicateKeyError, InvalidDocumentError } from '../../src/read-store/read-store.errors';

interface Entry extends ReadDocument {
  key?: string;
  note?: string | null;
  nested?: { list: Array<number | undefined | null>; at?: unknown };
}

const CHECKPOINT = { name: 'p', position: 1 };

describe('InMemoryReadStore, documents handed over at commit', () => {
  let store: InMemoryReadStore;
  beforeEach(() => {
    store = new InMemoryReadStore();
  });

  it('keeps the very objects it is handed, and lends them back by peekDocument', async () => {
    const entry: Entry = { _id: 'e1', key: 'a', nested: { list: [1, 2] } };
    await store.commit(new Map([['entries', [entry]]]), CHECKPOINT, { handOver: true });
    expect(store.peekDocument('entries', 'e1')).toBe(entry);
    expect(store.peekDocument('entries', 'missing')).toBeNull();
    expect(store.peekDocument('no_such_collection', 'e1')).toBeNull();
    expect(await store.loadCheckpoint('p')).toBe(1);
  });

  it('copies without handOver, as before', async () => {
    const entry: Entry = { _id: 'e1', key: 'a' };
    await store.commit(new Map([['entries', [entry]]]), CHECKPOINT);
    expect(store.peekDocument('entries', 'e1')).not.toBe(entry);
    expect(store.peekDocument('entries', 'e1')).toEqual(entry);
  });

  it('stores undefined as null in place, exactly what a copying commit stores, and queries match it', async () => {
    const handed: Entry = { _id: 'e1', note: undefined, nested: { list: [1, undefined, 3], at: undefined } };
    const copied: Entry = { _id: 'e1', note: undefined, nested: { list: [1, undefined, 3], at: undefined } };
    const other = new InMemoryReadStore();
    await store.commit(new Map([['entries', [handed]]]), CHECKPOINT, { handOver: true });
    await other.commit(new Map([['entries', [copied]]]), CHECKPOINT);

    expect(store.peekDocument('entries', 'e1')).toStrictEqual(other.peekDocument('entries', 'e1'));
    expect(handed).toStrictEqual({ _id: 'e1', note: null, nested: { list: [1, null, 3], at: null } });
    expect(await store.collection<Entry>('entries').find({ note: null })).toHaveLength(1);
  });

  it('a new version sharing parts with the stored one: its own parts are stored as MongoDB would, the shared ones kept', async () => {
    const first: Entry = { _id: 'e1', key: 'a', nested: { list: [1, 2] } };
    await store.commit(new Map([['entries', [first]]]), CHECKPOINT, { handOver: true });
    // What a projection makes: the stored nested object shared, new fields beside it, one undefined.
    const second: Entry = { ...first, note: undefined, key: 'b' };
    const third = { ...second, nested: { list: [...first.nested!.list, undefined], at: undefined } };
    await store.commit(new Map([['entries', [second]]]), { name: 'p', position: 2 }, { handOver: true });
    expect(store.peekDocument('entries', 'e1')).toBe(second);
    expect(second.nested).toBe(first.nested);
    expect(second.note).toBeNull();
    await store.commit(new Map([['entries', [third]]]), { name: 'p', position: 3 }, { handOver: true });
    expect(store.peekDocument('entries', 'e1')).toStrictEqual({ _id: 'e1', key: 'b', note: null, nested: { list: [1, 2, null], at: null } });
  });

  it('a new version holding a date where the stored one held plain data is copied all the same', async () => {
    const first: Entry = { _id: 'e1', nested: { list: [1] } };
    await store.commit(new Map([['entries', [first]]]), CHECKPOINT, { handOver: true });
    const when = new Date('2021-06-30T00:00:00Z');
    const second: Entry = { ...first, nested: { ...first.nested!, at: when } };
    await store.commit(new Map([['entries', [second]]]), { name: 'p', position: 2 }, { handOver: true });
    const stored = store.peekDocument('entries', 'e1') as Entry;
    expect(stored).not.toBe(second);
    expect(stored.nested?.at).toEqual(when);
    expect(stored.nested?.at).not.toBe(when);
  });

  it('copies a document that holds anything but plain data', async () => {
    const when = new Date('2021-06-30T00:00:00Z');
    const handed: Entry = { _id: 'e1', note: undefined, nested: { list: [], at: when } };
    await store.commit(new Map([['entries', [handed]]]), CHECKPOINT, { handOver: true });
    const stored = store.peekDocument('entries', 'e1') as Entry;
    expect(stored).not.toBe(handed);
    expect(stored.note).toBeNull();
    expect(stored.nested?.at).toEqual(when);
    expect(stored.nested?.at).not.toBe(when);
  });

  it('refuses what a copying commit refuses: a missing _id, a function', async () => {
    await expect(store.commit(new Map([['entries', [{ _id: '' }]]]), CHECKPOINT, { handOver: true })).rejects.toBeInstanceOf(InvalidDocumentError);
    const withFunction = { _id: 'f', run: () => 1 } as ReadDocument;
    await expect(store.commit(new Map([['entries', [withFunction]]]), CHECKPOINT, { handOver: true })).rejects.toBeInstanceOf(InvalidDocumentError);
    expect(await store.collection('entries').countDocuments({})).toBe(0);
    expect(await store.loadCheckpoint('p')).toBe(0);
  });

  it('refuses a handed-over batch that breaks a unique index, leaving documents, indexes and checkpoint as they were', async () => {
    const entries = store.collection<Entry>('entries');
    await entries.createIndexes([{ key: { key: 1 }, name: 'key_1', unique: true }]);
    const first: Entry = { _id: 'e1', key: 'a' };
    await store.commit(new Map([['entries', [first]]]), CHECKPOINT, { handOver: true });

    const batch = new Map<string, ReadDocument[]>([
      ['others', [{ _id: 'o1' }]],
      ['entries', [{ _id: 'e2', key: 'b' } as Entry, { _id: 'e3', key: 'a' } as Entry]],
    ]);
    await expect(store.commit(batch, { name: 'p', position: 2 }, { handOver: true })).rejects.toBeInstanceOf(DuplicateKeyError);

    expect(await store.loadCheckpoint('p')).toBe(1);
    expect(await store.collection('others').countDocuments({})).toBe(0);
    expect(await entries.find({})).toEqual([first]);
    // Key 'b' was not taken by the refused batch.
    await store.commit(new Map([['entries', [{ _id: 'e4', key: 'b' } as Entry]]]), { name: 'p', position: 3 }, { handOver: true });
    expect(await entries.countDocuments({ key: 'b' })).toBe(1);
  });

  it('frees the keys of the document a handed-over one replaces, and keeps the natural order', async () => {
    const entries = store.collection<Entry>('entries');
    await entries.createIndexes([{ key: { key: 1 }, name: 'key_1', unique: true }]);
    await store.commit(new Map([['entries', [{ _id: 'e1', key: 'a' } as Entry, { _id: 'e2', key: 'b' } as Entry]]]), CHECKPOINT, { handOver: true });
    const previous = store.peekDocument('entries', 'e1') as Entry;
    // Evolved purely from the lent document, as the runner does: a new object, the old one untouched.
    await store.commit(new Map([['entries', [{ ...previous, key: 'c' }]]]), { name: 'p', position: 2 }, { handOver: true });
    await store.commit(new Map([['entries', [{ _id: 'e3', key: 'a' } as Entry]]]), { name: 'p', position: 3 }, { handOver: true });
    expect((await entries.find({})).map((entry) => [entry._id, entry.key])).toEqual([
      ['e1', 'c'],
      ['e2', 'b'],
      ['e3', 'a'],
    ]);
    expect(previous.key).toBe('a');
  });

  it('answers queries with copies of handed-over documents', async () => {
    const entry: Entry = { _id: 'e1', nested: { list: [1] } };
    await store.commit(new Map([['entries', [entry]]]), CHECKPOINT, { handOver: true });
    const [found] = await store.collection<Entry>('entries').find({});
    expect(found).toEqual(entry);
    expect(found).not.toBe(entry);
    found.nested?.list.push(2);
    expect(entry.nested?.list).toEqual([1]);
  });
});
