/**
 * `findReadOnly` (src/read-store/read-only-find.ts): the in-memory store shares its documents,
 * frozen, instead of copying them. It must answer exactly what `find` answers, a reader must not be
 * able to change stored state through what it got, and later writes must show as usual.
 */
import { InMemoryReadStore } from '../../src/read-store/in-memory-read-store';
import { findReadOnly, findReadOnlyPage } from '../../src/read-store/read-only-find';
import type { FindOptions, ReadDocument } from '../../src/read-store/read-store.port';
import { SpyReadStore } from '../support/spy-read-store';

interface Entry extends ReadDocument {
  indicatorId: string;
  revision: number;
  actor: { id: string; unitId: string | null };
  after: { targets: Array<{ metric: string; value: number | null }> } | null;
}

const entry = (indicatorId: string, revision: number, value: number | null = revision): Entry => ({
  _id: `${indicatorId}:${revision}`,
  indicatorId,
  revision,
  actor: { id: `user-${revision % 2}`, unitId: null },
  after: revision % 3 === 0 ? null : { targets: [{ metric: 'm', value }] },
});

describe('InMemoryReadStore findReadOnly', () => {
  let store: InMemoryReadStore;
  const entries = () => store.collection<Entry>('entries');
  beforeEach(async () => {
    store = new InMemoryReadStore();
    await entries().createIndexes([{ key: { indicatorId: 1, revision: 1 }, name: 'indicator_revision', unique: true }]);
    await entries().replaceMany([...[0, 1, 2, 3, 4, 5].map((revision) => entry('ind-1', revision)), entry('ind-2', 1)]);
  });

  it.each<[string, Record<string, unknown>, FindOptions | undefined]>([
    ['an ordered page', { indicatorId: 'ind-1' }, { sort: { revision: -1 }, skip: 1, limit: 3 }],
    ['an ordered page with more filter', { indicatorId: 'ind-1', 'actor.id': 'user-1' }, { sort: { revision: 1 } }],
    ['a scan', { 'actor.id': 'user-0' }, undefined],
    ['a scan sorted on two keys', {}, { sort: { 'actor.id': 1, revision: -1 }, limit: 4 }],
    ['a projection', { indicatorId: 'ind-1' }, { sort: { revision: 1 }, projection: { revision: 1 } }],
  ])('answers %s exactly as find does', async (_, filter, options) => {
    expect(await findReadOnly(entries(), filter, options)).toEqual(await entries().find(filter, options));
  });

  it('hands out frozen documents: a reader that tries to change one throws and the stored document stays as it was', async () => {
    const [shared] = await findReadOnly(entries(), { indicatorId: 'ind-1' }, { sort: { revision: 1 }, skip: 1, limit: 1 });
    const writable = shared as unknown as Entry;
    expect(() => (writable.revision = 99)).toThrow(TypeError);
    expect(() => (writable.actor.id = 'intruder')).toThrow(TypeError);
    expect(() => writable.after?.targets.push({ metric: 'x', value: 1 })).toThrow(TypeError);
    expect(() => ((writable.after as NonNullable<Entry['after']>).targets[0].value = 0)).toThrow(TypeError);
    expect(await entries().findOne({ _id: 'ind-1:1' })).toEqual(entry('ind-1', 1));
  });

  it('shows later writes; a document handed out before keeps what it held', async () => {
    const [before] = await findReadOnly(entries(), { indicatorId: 'ind-2' }, { sort: { revision: 1 } });
    await entries().replaceMany([entry('ind-2', 1, 42)]);
    const [after] = await findReadOnly(entries(), { indicatorId: 'ind-2' }, { sort: { revision: 1 } });
    expect(after.after?.targets[0].value).toBe(42);
    expect(before.after?.targets[0].value).toBe(1);
    // find still hands out copies the caller may change, of frozen documents too.
    const [copy] = await entries().find({ indicatorId: 'ind-2' });
    copy.actor.id = 'someone else';
    expect((await entries().findOne({ _id: 'ind-2:1' }))?.actor.id).toBe('user-1');
  });

  it('pages with the total of the filter, as findPage does', async () => {
    const page = await findReadOnlyPage(entries(), { indicatorId: 'ind-1' }, { revision: -1 }, { limit: 2, offset: 1 }, 100);
    expect(page.total).toBe(6);
    expect(page.items.map((item) => item.revision)).toEqual([4, 3]);
  });

  it('falls back to find on a collection without it (copies the caller may keep)', async () => {
    const spy = new SpyReadStore(store);
    const found = await findReadOnly(spy.collection<Entry>('entries'), { indicatorId: 'ind-2' }, { sort: { revision: 1 } });
    expect(Object.isFrozen(found[0])).toBe(false);
    expect(spy.queries.map((query) => query.method)).toEqual(['find']);
  });
});
