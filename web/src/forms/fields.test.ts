import { describe, expect, it } from 'vitest';
import { parseDecimal } from './fields';

describe('numbers typed into forms', () => {
  it('reads the Vietnamese way and the plain way', () => {
    expect(parseDecimal('93,4')).toBe(93.4);
    expect(parseDecimal('1.234,5')).toBe(1234.5);
    expect(parseDecimal('6.500')).toBe(6500);
    expect(parseDecimal('93.4')).toBe(93.4);
    expect(parseDecimal(' 140 ')).toBe(140);
    expect(parseDecimal('')).toBeNaN();
    expect(parseDecimal('chín mươi')).toBeNaN();
    expect(parseDecimal('1,2,3')).toBeNaN();
  });
});
