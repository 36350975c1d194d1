/** plainCopy stands in for structuredClone in the in-memory read store: the same results, faster. */
import { plainCopy } from '../../src/read-store/plain-copy';

describe('plainCopy', () => {
  it('copies deeply: nothing of the copy is shared with the source but immutable values', () => {
    const source = { a: { b: [1, { c: 'x' }] }, when: new Date('2021-07-01T00:00:00Z'), pattern: /ha long/i };
    const copy = plainCopy(source);
    expect(copy).toEqual(source);
    expect(copy.a).not.toBe(source.a);
    expect(copy.a.b[1]).not.toBe(source.a.b[1]);
    expect(copy.when).not.toBe(source.when);
    expect(copy.when.getTime()).toBe(source.when.getTime());
    expect(copy.pattern).not.toBe(source.pattern);
    expect(copy.pattern.source).toBe('ha long');
  });

  it('turns undefined into null when asked to (how MongoDB stores it), and keeps it otherwise', () => {
    const source = { kept: undefined, nested: { also: undefined }, list: [undefined, 1] };
    expect(plainCopy(source, true)).toEqual({ kept: null, nested: { also: null }, list: [null, 1] });
    expect(plainCopy(source)).toStrictEqual(source);
  });

  it('refuses functions and symbols as structuredClone does', () => {
    expect(() => plainCopy({ run: () => 1 })).toThrow();
    expect(() => plainCopy({ tag: Symbol('x') })).toThrow();
  });

  it('keeps an own __proto__ key as a key, and drops symbol keys as structuredClone does', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "name": "x"}') as Record<string, unknown>;
    const copy = plainCopy(parsed);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(copy, '__proto__')).toBe(true);
    expect((copy as { polluted?: boolean }).polluted).toBeUndefined();
    const withSymbol = { name: 'x', [Symbol('hidden')]: 1 };
    expect(Object.getOwnPropertySymbols(plainCopy(withSymbol))).toEqual([]);
  });

  it('copies class instances and maps the way structuredClone does', () => {
    class Point {
      constructor(readonly x: number) {}
    }
    expect(plainCopy({ p: new Point(3) }).p).toEqual({ x: 3 });
    expect(plainCopy({ m: new Map([['k', 1]]) }).m.get('k')).toBe(1);
  });
});
