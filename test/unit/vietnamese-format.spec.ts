import { formatVietnameseDate, formatVietnameseNumber } from '../../src/shared/vietnamese-format';

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
