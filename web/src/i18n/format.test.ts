import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber, formatPeriod, formatQuantity, parseVietnameseDate, periodEnd, vietnamInstant } from './format';

describe('Vietnamese formats', () => {
  it('writes numbers with a thousands dot and a decimal comma', () => {
    expect(formatNumber(1234.5)).toBe('1.234,5');
    expect(formatNumber(6500)).toBe('6.500');
    expect(formatNumber(15.6)).toBe('15,6');
    expect(formatNumber(0.125, 3)).toBe('0,125');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
  });

  it('writes days as dd/mm/yyyy, instants on Vietnam time whatever the browser zone', () => {
    expect(formatDate('2021-09-05')).toBe('05/09/2021');
    // 20:30 UTC on 31 December is already 1 January in Hạ Long (UTC+7).
    expect(formatDate('2021-12-31T20:30:00Z')).toBe('01/01/2022');
    expect(formatDateTime('2021-07-20T03:00:00.000Z')).toBe('20/07/2021 10:00');
    expect(formatDateTime('2021-12-31T17:05:00Z')).toBe('01/01/2022 00:05');
    expect(formatDate(null)).toBe('—');
  });

  it('names reporting periods as the resolution does', () => {
    expect(formatPeriod('2021-03')).toBe('Tháng 3/2021');
    expect(formatPeriod('2021-Q1')).toBe('Quý I/2021');
    expect(formatPeriod('2021-Q4')).toBe('Quý IV/2021');
    expect(formatPeriod('2021-H1')).toBe('6 tháng đầu năm 2021');
    expect(formatPeriod('2021-H2')).toBe('6 tháng cuối năm 2021');
    expect(formatPeriod('2021')).toBe('Năm 2021');
  });

  it('knows where each period ends', () => {
    expect(periodEnd('2021-02')).toBe('2021-02-28');
    expect(periodEnd('2021-Q3')).toBe('2021-09-30');
    expect(periodEnd('2021-H1')).toBe('2021-06-30');
    expect(periodEnd('2021')).toBe('2021-12-31');
  });

  it('puts the unit after the figure', () => {
    expect(formatQuantity(97, '%')).toBe('97%');
    expect(formatQuantity(1000, 'doanh nghiệp')).toBe('1.000 doanh nghiệp');
    expect(formatQuantity(null, '%')).toBe('—');
    expect(formatQuantity(93.125, '%', 6)).toBe('93,125%');
  });

  it('reads a day typed as dd/mm/yyyy, and only a real one', () => {
    expect(parseVietnameseDate('05/09/2021')).toBe('2021-09-05');
    expect(parseVietnameseDate('5/9/2021')).toBe('2021-09-05');
    expect(parseVietnameseDate('31.12.2021')).toBe('2021-12-31');
    expect(parseVietnameseDate('30/02/2021')).toBeNull();
    expect(parseVietnameseDate('2021-09-05')).toBeNull();
    expect(parseVietnameseDate('')).toBeNull();
  });

  it('asks the API for moments in Vietnam time, with their offset', () => {
    expect(vietnamInstant('2021-06-30')).toBe('2021-06-30T00:00:00+07:00');
    expect(vietnamInstant('2021-06-30', '14:05')).toBe('2021-06-30T14:05:00+07:00');
    expect(vietnamInstant('2021-06-30', '23:59:59.999')).toBe('2021-06-30T23:59:59.999+07:00');
  });
});
