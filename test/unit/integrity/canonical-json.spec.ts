/** RFC 8785 canonical JSON: the bytes every event hash is computed over. */
import { canonicalJson, NotCanonicalizableError } from '../../../src/integrity/canonical-json';

describe('canonicalJson (RFC 8785)', () => {
  it('reproduces the example of RFC 8785 §3.2.2 byte for byte', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  describe('key order', () => {
    it('sorts members by name at every depth, whatever order they were written in', () => {
      expect(canonicalJson({ b: 1, a: { z: true, y: [{ d: 1, c: 2 }] } })).toBe('{"a":{"y":[{"c":2,"d":1}],"z":true},"b":1}');
      expect(canonicalJson({ a: { y: [{ c: 2, d: 1 }], z: true }, b: 1 })).toBe(canonicalJson({ b: 1, a: { z: true, y: [{ d: 1, c: 2 }] } }));
    });

    it('keeps array order (arrays are sequences, not sets)', () => {
      expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
    });

    it('sorts by UTF-16 code units, as RFC 8785 §3.2.3 requires (not by code point, not by locale)', () => {
      // The RFC's own example: U+1F600 (a surrogate pair starting 0xD83D) sorts before U+FB33.
      const keys = ['\u20ac', '\r', '\ufb33', '1', '\ud83d\ude00', '\u0080', '\u00f6'];
      const input = Object.fromEntries(keys.map((k, i) => [k, i]));
      // (Read the order off the text: JSON.parse would put the integer-like key "1" first again.)
      expect(canonicalJson(input)).toBe('{"\\r":1,"1":3,"\u0080":5,"\u00f6":6,"\u20ac":0,"\ud83d\ude00":4,"\ufb33":2}');
    });

    it('orders Vietnamese keys by code unit: plain letters before letters with diacritics', () => {
      expect(canonicalJson({ 'đơn vị': 1, 'chỉ tiêu': 2, 'ăn': 3, b: 4 })).toBe('{"b":4,"chỉ tiêu":2,"ăn":3,"đơn vị":1}');
    });
  });

  describe('Unicode', () => {
    it('writes Vietnamese text as itself (UTF-8), never as \\u escapes', () => {
      const text = 'Nghị quyết Đảng bộ Thành phố Hạ Long: tăng trưởng 15,6% trở lên';
      expect(canonicalJson({ name: text })).toBe(`{"name":"${text}"}`);
      expect(Buffer.from(canonicalJson('Hạ Long'), 'utf8').toString('hex')).toBe('2248e1baa1204c6f6e6722');
    });

    it('escapes only what JSON must: quotes, backslash and control characters, in lowercase hex', () => {
      expect(canonicalJson('"\\\n\t\u0001\u001f\u007f</script>\u2028')).toBe('"\\"\\\\\\n\\t\\u0001\\u001f\u007f</script>\u2028"');
    });

    it('does not normalise: composed and decomposed forms of the same Vietnamese letter stay different', () => {
      const composed = 'H\u1EA1'; // Hạ as one code point
      const decomposed = 'Ha\u0323'; // a + combining dot below
      expect(composed.normalize('NFC')).toBe(decomposed.normalize('NFC'));
      expect(canonicalJson(composed)).not.toBe(canonicalJson(decomposed));
    });
  });

  describe('numbers (ECMAScript shortest round-trip form)', () => {
    it.each([
      [1e21, '1e+21'],
      [1e20, '100000000000000000000'],
      [0.1, '0.1'],
      [0.1 + 0.2, '0.30000000000000004'],
      [-0, '0'],
      [4.5, '4.5'],
      [15.6, '15.6'],
      [1e-7, '1e-7'],
      [0.000001, '0.000001'],
      [5e-324, '5e-324'],
      [1.7976931348623157e308, '1.7976931348623157e+308'],
      [9007199254740992, '9007199254740992'],
      [9.999999999999997e22, '9.999999999999997e+22'],
      [333333333.3333332, '333333333.3333332'],
      [-6500, '-6500'],
    ])('%p is written %s', (value, expected) => {
      expect(canonicalJson(value)).toBe(expected);
      expect(canonicalJson({ value })).toBe(`{"value":${expected}}`);
    });

    it('refuses NaN and infinities, which JSON cannot carry', () => {
      expect(() => canonicalJson({ value: NaN })).toThrow(NotCanonicalizableError);
      expect(() => canonicalJson([Infinity])).toThrow(NotCanonicalizableError);
      expect(() => canonicalJson(-Infinity)).toThrow(NotCanonicalizableError);
    });
  });

  describe('what JSON.stringify would drop', () => {
    it('leaves out undefined members, so an event hashes the same before it is stored and after it is read back', () => {
      const event = { reportId: 'r1', note: undefined, value: -0, nested: { a: undefined, b: 1 } };
      const readBack = JSON.parse(JSON.stringify(event)) as unknown;
      expect(canonicalJson(event)).toBe('{"nested":{"b":1},"reportId":"r1","value":0}');
      expect(canonicalJson(readBack)).toBe(canonicalJson(event));
    });

    it('refuses a bare undefined', () => {
      expect(() => canonicalJson(undefined)).toThrow(NotCanonicalizableError);
    });
  });
});
