import fc from 'fast-check';
import { formatVietnameseDate, formatVietnameseNumber } from '../../src/shared/vietnamese-format';

/** The general path (fixed decimals, then grouping by regular expression), which whole numbers no longer take. */
function longWay(value: number, maxFractionDigits = 6): string {
  const fixed = Math.abs(value).toFixed(maxFractionDigits);
  const [integerDigits, fractionDigits = ''] = fixed.split('.');
  const fraction = fractionDigits.replace(/0+$/, '');
  const grouped = integerDigits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const sign = value < 0 && (/[1-9]/.test(integerDigits) || fraction !== '') ? '-' : '';
  return `${sign}${grouped}${fraction ? `,${fraction}` : ''}`;
}

describe('formatVietnameseNumber', () => {
  it.each([
    [0, '0'],
    [3.9, '3,9'],
    [15.6, '15,6'],
    [100, '100'],
    [1000, '1.000'],
    [6500, '6.500'],
    [55000, '55.000'],
    [1234567.891, '1.234.567,891'],
    [-2.5, '-2,5'],
    [-1500, '-1.500'],
    [0.1 + 0.2, '0,3'],
    [-0.0000001, '0'],
    [999.9999999, '1.000'],
  ])('writes %p as %p', (value, expected) => {
    expect(formatVietnameseNumber(value)).toBe(expected);
  });

  it('rounds to the requested number of decimals', () => {
    expect(formatVietnameseNumber(2 / 3, 2)).toBe('0,67');
    expect(formatVietnameseNumber(87.7, 0)).toBe('88');
  });

  it('writes every whole number as the general path does (generated, to the largest safe integers)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.maxSafeInteger(), fc.constantFrom(-0, 999, 1000, -1000, 999_999, 1_000_000, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER)), fc.nat(6), (value, digits) => {
        expect(formatVietnameseNumber(value, digits)).toBe(longWay(value, digits));
      }),
      { seed: 20261129, numRuns: 2000 },
    );
  });

  it('leaves non-finite values readable', () => {
    expect(formatVietnameseNumber(Number.NaN)).toBe('NaN');
    expect(formatVietnameseNumber(Number.POSITIVE_INFINITY)).toBe('Infinity');
  });
});

describe('formatVietnameseDate', () => {
  it('writes an ISO date day first', () => {
    expect(formatVietnameseDate('2021-09-05')).toBe('05/09/2021');
  });

  it('returns anything else unchanged', () => {
    expect(formatVietnameseDate('05/09/2021')).toBe('05/09/2021');
  });
});
