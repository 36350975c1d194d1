/** parsePeriod memoises: the hot paths of projections and status rules parse the same few periods. */
import { parsePeriod } from '../../src/domain/indicator/period';

describe('parsePeriod cache', () => {
  it('answers the same frozen period for the same text, so no caller can alter what others read', () => {
    const first = parsePeriod('2021-Q3');
    expect(parsePeriod('2021-Q3')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(first).toEqual({ id: '2021-Q3', kind: 'quarter', year: 2021, firstMonth: 7, lastMonth: 9 });
  });

  it('still refuses invalid text every time (nothing invalid is cached)', () => {
    expect(() => parsePeriod('2021-Q5')).toThrow(expect.objectContaining({ code: 'INVALID_PERIOD' }));
    expect(() => parsePeriod('2021-Q5')).toThrow(expect.objectContaining({ code: 'INVALID_PERIOD' }));
  });
});
