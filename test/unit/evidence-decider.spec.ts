/** Evidence on progress reports and corrections, given/when/then. */
import type { IndicatorCommand } from '../../src/domain/indicator/commands';
import { decideIndicator } from '../../src/domain/indicator/decide';
import { MAX_EVIDENCE_ITEMS, type Evidence } from '../../src/domain/indicator/evidence';
import type { IndicatorEvent, ProgressReported } from '../../src/domain/indicator/events';
import { evolveIndicator, initialIndicatorState, type IndicatorState } from '../../src/domain/indicator/state';
import { BusinessRuleError } from '../../src/shared/errors';
import { specFor } from '../support/decider-spec';
import { actors, context, registered } from '../support/indicator-fixtures';

const given = specFor<IndicatorCommand, IndicatorEvent, IndicatorState>({
  decide: decideIndicator,
  evolve: evolveIndicator,
  initialState: initialIndicatorState,
});

const HASH = 'ab'.repeat(32);

const bulletin: Evidence = {
  title: 'Báo cáo kết quả kết nạp đảng viên quý II',
  documentRef: '112-BC/BTCTU',
  issuedOn: '2021-07-05',
  url: 'https://example.org/112-BC-BTCTU.pdf',
  sha256: HASH,
};

// NOW in the fixtures is 2021-07-15T03:00Z, i.e. 10:00 on 15 July in Hạ Long.
const reportWith = (evidence: Evidence[] | undefined, now?: string): IndicatorCommand => ({
  type: 'ReportProgress',
  data: { indicatorId: 'ind-03', reportId: 'r2', metric: 'new_members', period: '2021-Q2', value: 230, ...(evidence ? { evidence } : {}) },
  context: context(actors.reporterA, now),
});

const first: ProgressReported = {
  type: 'ProgressReported',
  data: { indicatorId: 'ind-03', reportId: 'r1', metric: 'new_members', period: '2021-Q1', value: 120, unitId: 'unit-a' },
};

const correctWith = (evidence: Evidence[]): IndicatorCommand => ({
  type: 'CorrectProgressReport',
  data: { indicatorId: 'ind-03', reportId: 'r1', value: 125, reason: 'Số liệu chính thức', evidence },
  context: context(actors.reporterA),
});

const expectedReport = (evidence?: Evidence[]): ProgressReported => ({
  type: 'ProgressReported',
  data: { indicatorId: 'ind-03', reportId: 'r2', metric: 'new_members', period: '2021-Q2', value: 230, unitId: 'unit-a', ...(evidence ? { evidence } : {}) },
});

describe('Evidence on reports (decider)', () => {
  it('records the cited documents on the report', () => {
    given([registered]).when(reportWith([bulletin])).then([expectedReport([bulletin])]);
  });

  it('leaves the field out when nothing is cited, as reports always did', () => {
    given([registered]).when(reportWith(undefined)).then([expectedReport()]);
    given([registered]).when(reportWith([])).then([expectedReport()]);
  });

  it('trims text, lowercases the hash and drops empty optional fields', () => {
    const sloppy: Evidence = { title: '  Báo cáo  ', documentRef: ' 112-BC/BTCTU ', issuedOn: '2021-07-05', url: ' ', sha256: HASH.toUpperCase() };
    given([registered]).when(reportWith([sloppy])).then([
      expectedReport([{ title: 'Báo cáo', documentRef: '112-BC/BTCTU', issuedOn: '2021-07-05', sha256: HASH }]),
    ]);
  });

  it('records the documents cited for a correction', () => {
    given([registered, first]).when(correctWith([bulletin])).then([
      {
        type: 'ProgressReportCorrected',
        data: { indicatorId: 'ind-03', reportId: 'r1', metric: 'new_members', period: '2021-Q1', previousValue: 120, value: 125, reason: 'Số liệu chính thức', evidence: [bulletin] },
      },
    ]);
  });

  describe('a document cannot be cited before it is issued', () => {
    it('accepts a document issued on the day of the report, in Vietnam time', () => {
      // 2021-07-14T17:30Z is already 00:30 on 15 July in Hạ Long.
      given([registered]).when(reportWith([{ ...bulletin, issuedOn: '2021-07-15' }], '2021-07-14T17:30:00.000Z')).then([
        expectedReport([{ ...bulletin, issuedOn: '2021-07-15' }]),
      ]);
    });

    it('refuses a document dated after the day it is cited', () => {
      given([registered]).when(reportWith([{ ...bulletin, issuedOn: '2021-07-16' }])).thenFails('EVIDENCE_ISSUED_IN_FUTURE', BusinessRuleError);
      given([registered, first]).when(correctWith([{ ...bulletin, issuedOn: '2022-01-01' }])).thenFails('EVIDENCE_ISSUED_IN_FUTURE');
    });

    it('accepts a document older than the period it supports (a plan, a decision)', () => {
      given([registered]).when(reportWith([{ ...bulletin, issuedOn: '2020-12-02' }])).then([expectedReport([{ ...bulletin, issuedOn: '2020-12-02' }])]);
    });
  });

  it('refuses malformed items even if the HTTP layer let them through', () => {
    const cases: Array<[Partial<Evidence>, string]> = [
      [{ title: ' ' }, 'title'],
      [{ documentRef: '' }, 'documentRef'],
      [{ issuedOn: '2021-02-30' }, 'issuedOn'],
      [{ url: 'ftp://files/x.pdf' }, 'url'],
      [{ sha256: 'abc' }, 'sha256'],
    ];
    for (const [change, field] of cases) {
      let caught: unknown;
      try {
        decideIndicator(reportWith([{ ...bulletin, ...change }]), [registered].reduce(evolveIndicator, initialIndicatorState()));
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(BusinessRuleError);
      expect(caught).toMatchObject({ code: 'INVALID_EVIDENCE', details: { index: 0, field } });
    }
  });

  it('refuses the same file or the same document cited twice in one list', () => {
    given([registered]).when(reportWith([bulletin, { ...bulletin, documentRef: 'other' }])).thenFails('DUPLICATE_EVIDENCE');
    given([registered]).when(reportWith([bulletin, { ...bulletin, sha256: 'cd'.repeat(32) }])).thenFails('DUPLICATE_EVIDENCE');
  });

  it(`refuses more than ${MAX_EVIDENCE_ITEMS} documents at once`, () => {
    const many = Array.from({ length: MAX_EVIDENCE_ITEMS + 1 }, (_, i) => ({ title: `Tài liệu ${i}`, documentRef: `${i}/BC`, issuedOn: '2021-07-01' }));
    given([registered]).when(reportWith(many)).thenFails('TOO_MANY_EVIDENCE_ITEMS');
    given([registered]).when(reportWith(many.slice(0, MAX_EVIDENCE_ITEMS))).then([expectedReport(many.slice(0, MAX_EVIDENCE_ITEMS))]);
  });
});
