import { keyPart, sameKey, UniqueKeys } from '../../../src/read-store/unique-keys';

describe('UniqueKeys', () => {
  it('frees one key without losing the keys that share its first parts', () => {
    const keys = new UniqueKeys();
    keys.set(['indicator-1', 1], 'e1');
    keys.set(['indicator-1', 2], 'e2');
    keys.set(['indicator-2', 1], 'e3');
    keys.delete(['indicator-1', 1]);
    expect(keys.get(['indicator-1', 1])).toBeUndefined();
    expect(keys.get(['indicator-1', 2])).toBe('e2');
    expect(keys.get(['indicator-2', 1])).toBe('e3');
    keys.delete(['indicator-1', 2]);
    keys.delete(['indicator-9', 2]); // never held: nothing happens
    expect(keys.get(['indicator-1', 2])).toBeUndefined();
    keys.set(['indicator-1', 2], 'e4');
    expect(keys.get(['indicator-1', 2])).toBe('e4');
    expect(keys.get(['indicator-2', 1])).toBe('e3');
  });

  it('keys by type and value: 1 and "1" differ, 0 and -0 and NaN and NaN are one key, equal dates are one key', () => {
    const keys = new UniqueKeys();
    keys.set([keyPart(1)], 'number');
    keys.set([keyPart('1')], 'string');
    keys.set([keyPart(0)], 'zero');
    keys.set([keyPart(Number.NaN)], 'nan');
    keys.set([keyPart(new Date(5))], 'date');
    keys.set([keyPart(undefined)], 'missing');
    expect([keyPart(1), keyPart('1'), keyPart(-0), keyPart(Number.NaN), keyPart(new Date(5)), keyPart(null), keyPart('null')].map((part) => keys.get([part]))).toEqual([
      'number',
      'string',
      'zero',
      'nan',
      'date',
      'missing',
      undefined,
    ]);
    expect(sameKey([keyPart(Number.NaN), 0], [keyPart(Number.NaN), -0])).toBe(true);
    expect(sameKey([keyPart(new Date(5))], [keyPart(new Date(5))])).toBe(true);
    expect(sameKey([1], ['1'])).toBe(false);
  });
});
