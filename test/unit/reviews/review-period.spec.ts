/** The review periods and how they relate (src/domain/review/review-period.ts). */
import { parsePeriod } from '../../../src/domain/indicator/period';
import { isPeriodOver, parseReviewPeriod, periodFirstDay, previousQuarter, reportsOn, reviewablePeriods, visibleIn } from '../../../src/domain/review/review-period';

describe('review periods', () => {
  it('are the quarters, the first half-year and the year', () => {
    expect(reviewablePeriods(2021)).toEqual(['2021-Q1', '2021-Q2', '2021-H1', '2021-Q3', '2021-Q4', '2021']);
    for (const bad of ['2021-03', '2021-H2', '2021-Q5', 'Q1', '']) expect(() => parseReviewPeriod(bad)).toThrow(expect.objectContaining({ code: 'INVALID_REVIEW_PERIOD' }));
  });

  it('each follow the quarter ending three months before them', () => {
    const previous = (p: string) => previousQuarter(parsePeriod(p))?.id ?? null;
    expect(['2021-Q1', '2021-Q2', '2021-H1', '2021-Q3', '2021-Q4', '2021'].map(previous)).toEqual([null, '2021-Q1', '2021-Q1', '2021-Q2', '2021-Q3', '2021-Q3']);
  });

  it('count the reports for periods ending by their end; a report is for the period when it ends within it', () => {
    const q2 = parsePeriod('2021-Q2');
    expect(['2021-03', '2021-Q1', '2021-06', '2021-H1', '2021-Q2', '2021-07', '2021-Q3', '2021'].filter((p) => visibleIn(parsePeriod(p), q2))).toEqual([
      '2021-03',
      '2021-Q1',
      '2021-06',
      '2021-H1',
      '2021-Q2',
    ]);
    expect(['2021-03', '2021-04', '2021-H1', '2021-Q2', '2021-07'].filter((p) => reportsOn(parsePeriod(p), q2))).toEqual(['2021-04', '2021-H1', '2021-Q2']);
    expect(periodFirstDay(q2)).toBe('2021-04-01');
  });

  it('are over once their last day has passed in Hạ Long', () => {
    expect(isPeriodOver(parsePeriod('2021-Q2'), new Date('2021-06-30T16:59:59.999Z'))).toBe(false);
    expect(isPeriodOver(parsePeriod('2021-Q2'), new Date('2021-06-30T17:00:00.000Z'))).toBe(true);
  });
});
