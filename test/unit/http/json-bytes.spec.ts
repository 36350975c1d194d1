/** pageJsonBytes answers exactly the bytes JSON.stringify would, and keeps them only for items that cannot change. */
import fc from 'fast-check';
import { pageJsonBytes } from '../../../src/http/json-bytes';
import { deepFrozen } from '../../../src/read-store/deep-freeze';
import { sharedViews } from '../../../src/read-store/shared-views';

const utf8 = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('pageJsonBytes', () => {
  it('is byte for byte JSON.stringify of any page, frozen items or not', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 12 }), fc.boolean(), fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 4 }), (items, freeze, rest) => {
        const shared = freeze ? items.map((item) => (item !== null && typeof item === 'object' ? deepFrozen(item) : item)) : items;
        const page = { items: shared, ...rest, total: shared.length };
        expect(pageJsonBytes(page).equals(utf8(page))).toBe(true);
        // A second answer from the kept bytes is the same.
        expect(pageJsonBytes(page).equals(utf8(page))).toBe(true);
      }),
    );
  });

  it('writes what JSON leaves out inside an array as null, and Vietnamese text as UTF-8', () => {
    const page = { items: [deepFrozen({ summary: 'Báo cáo tiến độ “Tỷ lệ” 45,5 %', gone: undefined }), undefined, () => 1, new Date('2021-12-20T03:00:00Z')], total: 4, order: 'asc' };
    expect(pageJsonBytes(page).toString('utf8')).toBe(JSON.stringify(page));
  });

  it('serialises the whole page as usual when items is not its first property', () => {
    const page = { total: 1, items: [deepFrozen({ a: 1 })] };
    expect(pageJsonBytes(page).toString('utf8')).toBe('{"total":1,"items":[{"a":1}]}');
  });

  it('keeps the bytes of a shared item: an unfrozen item is serialised afresh, so a change to it shows', () => {
    const mutable: { value: number } = { value: 1 };
    const shared = deepFrozen({ value: 1 });
    expect(pageJsonBytes({ items: [mutable, shared] }).toString()).toBe('{"items":[{"value":1},{"value":1}]}');
    mutable.value = 2;
    expect(pageJsonBytes({ items: [mutable, shared] }).toString()).toBe('{"items":[{"value":2},{"value":1}]}');
    expect(() => ((shared as { value: number }).value = 2)).toThrow(TypeError);
  });
});

describe('sharedViews', () => {
  const toView = jest.fn((document: { _id: string; name: string; nested: { n: number } }) => ({ name: document.name, nested: document.nested }));
  const view = sharedViews(toView);

  beforeEach(() => toView.mockClear());

  it('gives a shared document the same deep-frozen view every time, computed once', () => {
    const document = deepFrozen({ _id: 'a', name: 'A', nested: { n: 1 } });
    const first = view(document);
    expect(view(document)).toBe(first);
    expect(toView).toHaveBeenCalledTimes(1);
    expect(Object.isFrozen(first)).toBe(true);
    expect(first).toEqual({ name: 'A', nested: { n: 1 } });
  });

  it('gives a document that is not shared a fresh view each time, left unfrozen', () => {
    const document = { _id: 'b', name: 'B', nested: { n: 2 } };
    const first = view(document);
    expect(view(document)).not.toBe(first);
    expect(toView).toHaveBeenCalledTimes(2);
    expect(Object.isFrozen(first)).toBe(false);
  });

  it('gives a replaced document (a new version) its own view', () => {
    const before = deepFrozen({ _id: 'c', name: 'old', nested: { n: 3 } });
    const after = deepFrozen({ _id: 'c', name: 'new', nested: { n: 3 } });
    expect(view(before).name).toBe('old');
    expect(view(after).name).toBe('new');
  });
});
