import { handledTypes } from '../../projections/projection';
import { INDICATOR_EVENT_TYPES } from '../../src/domain/indicator/events';
import type { LedgerEvent } from '../../src/domain/events';
import type { Target } from '../../src/domain/indicator/target';
import { applyAll } from '../../projections/apply';
import {
  IndicatorNotRegisteredError,
  indicatorViewFromEvents,
  indicatorsProjection,
  type IndicatorDocument,
  type IndicatorTargetView,
} from '../../projections/indicators';
import { history, recorded } from '../support/events';
import { IND, assessed, corrected, excellentShare, newMembers, reassigned, registered, reported, revised } from './indicator-events';

/** Folds the events, in order, and returns the indicator's document. */
function project(events: LedgerEvent[]): IndicatorDocument {
  const document = applyAll(indicatorsProjection, history(events)).get(IND);
  if (!document) throw new Error('no document');
  return document;
}

function target(document: IndicatorDocument, metric: string): IndicatorTargetView {
  const found = document.targets.find((candidate) => candidate.metric === metric);
  if (!found) throw new Error(`no target ${metric}`);
  return found;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('indicators projection', () => {
  describe('IndicatorRegistered', () => {
    it('creates the document with every target awaiting data', () => {
      const document = project([registered()]);
      expect(document).toEqual({
        _id: IND,
        id: IND,
        resolutionId: 'hl-2021',
        year: 2021,
        number: 3,
        kind: 'indicator',
        group: 'party_building',
        section: 'I.2',
        name: 'Số lượng đảng viên được kết nạp mới',
        responsibleUnitId: 'ban-to-chuc-thanh-uy',
        responsibilityAssumed: false,
        supportsIndicators: [],
        revision: 0,
        registeredAt: '2021-01-01T00:01:00.000Z',
        updatedAt: '2021-01-01T00:01:00.000Z',
        targets: [
          {
            metric: 'new_members',
            label: newMembers.label,
            kind: 'numeric',
            comparator: '>=',
            value: 450,
            min: null,
            max: null,
            unit: 'đảng viên',
            measure: 'count',
            accumulation: 'cumulative',
            dueDate: null,
            rankingIndex: null,
            latestValue: null,
            latestState: null,
            latestCompletedOn: null,
            latestPeriod: null,
            latestReportId: null,
            status: 'no_data',
          },
          expect.objectContaining({ metric: 'excellent_share', status: 'no_data', latestValue: null }),
        ],
        latestFigures: [],
        counts: { reports: 0, corrections: 0, revisions: 0, reassignments: 0, queries: 0 },
        statusSummary: { achieved: 0, on_track: 0, at_risk: 0, not_achieved: 0, no_data: 2 },
        worstStatus: 'no_data',
        assessment: null,
        closed: false,
        openQueries: [],
        openQueryCount: 0,
        lastPosition: 1,
      });
    });

    it('stores a task with a null number, its range, ranking and due date, and the assumed responsibility', () => {
      const range: Target = {
        metric: 'relocated',
        label: 'Di dời 60–70 cơ sở',
        comparator: 'between',
        min: 60,
        max: 70,
        unit: 'cơ sở',
        measure: 'count',
        accumulation: 'cumulative',
        dueDate: '2021-09-05',
        rankingIndex: 'DDCI',
      };
      const { number: _omitted, ...withoutNumber } = registered().data;
      const document = project([
        { type: 'IndicatorRegistered', data: { ...withoutNumber, kind: 'task', section: 'II.7.1', responsibilityAssumed: true, targets: [range] } },
      ]);
      expect(document).toMatchObject({ kind: 'task', number: null, section: 'II.7.1', responsibilityAssumed: true });
      expect(document.targets[0]).toMatchObject({ comparator: 'between', value: null, min: 60, max: 70, dueDate: '2021-09-05', rankingIndex: 'DDCI' });
    });
  });

  describe('ProgressReported', () => {
    it('records the figure, counts the report and advances revision, updatedAt and lastPosition', () => {
      const document = project([registered(), reported('r1', 'new_members', '2021-Q1', 120)]);
      expect(document.latestFigures).toEqual([
        { reportId: 'r1', metric: 'new_members', period: '2021-Q1', value: 120, state: null, completedOn: null, recordedAt: '2021-01-01T00:02:00.000Z' },
      ]);
      expect(document.counts.reports).toBe(1);
      expect(document).toMatchObject({ revision: 1, updatedAt: '2021-01-01T00:02:00.000Z', lastPosition: 2 });
      expect(target(document, 'new_members')).toMatchObject({ latestValue: 120, latestPeriod: '2021-Q1', latestReportId: 'r1' });
      expect(target(document, 'excellent_share').latestValue).toBeNull();
    });

    it('marks a level target reported below the target mid-year at_risk, and on_track once it meets it', () => {
      const below = project([registered(), reported('r1', 'excellent_share', '2021-H1', 18.5)]);
      expect(target(below, 'excellent_share').status).toBe('at_risk');
      const meets = project([registered(), reported('r1', 'excellent_share', '2021-H1', 21)]);
      expect(target(meets, 'excellent_share').status).toBe('on_track');
    });

    it('marks a cumulative target at the pro-rata expectation on_track and below it at_risk', () => {
      expect(target(project([registered(), reported('r1', 'new_members', '2021-H1', 225)]), 'new_members').status).toBe('on_track');
      expect(target(project([registered(), reported('r1', 'new_members', '2021-H1', 224)]), 'new_members').status).toBe('at_risk');
    });

    it('judges the full-year figure as achieved or not_achieved', () => {
      const achieved = project([registered(), reported('r1', 'new_members', '2021-H1', 100), reported('r2', 'new_members', '2021', 451)]);
      expect(target(achieved, 'new_members')).toMatchObject({ latestValue: 451, latestPeriod: '2021', status: 'achieved' });
      const missed = project([registered(), reported('r1', 'new_members', '2021-H1', 300), reported('r2', 'new_members', '2021', 449)]);
      expect(target(missed, 'new_members')).toMatchObject({ latestValue: 449, status: 'not_achieved' });
    });

    it('treats a task report at its due date as final', () => {
      const school: Target = {
        metric: 'completion',
        label: 'Hoàn thành trường THPT Hòn Gai trước 05/9/2021',
        comparator: '>=',
        value: 100,
        unit: '%',
        measure: 'share',
        accumulation: 'level',
        dueDate: '2021-09-05',
      };
      const done = project([registered({ kind: 'task', targets: [school] }), reported('r1', 'completion', '2021-09', 100)]);
      expect(done.targets[0].status).toBe('achieved');
      const late = project([registered({ kind: 'task', targets: [school] }), reported('r1', 'completion', '2021-09', 95)]);
      expect(late.targets[0].status).toBe('not_achieved');
    });

    it('takes the latest value from the period that ends last, not from the report recorded last', () => {
      const document = project([
        registered(),
        reported('r-q2', 'new_members', '2021-Q2', 230),
        reported('r-q1', 'new_members', '2021-Q1', 110), // filed late, after the Q2 figure
      ]);
      expect(target(document, 'new_members')).toMatchObject({ latestValue: 230, latestPeriod: '2021-Q2', latestReportId: 'r-q2' });
      expect(document.latestFigures.map((figure) => figure.reportId)).toEqual(['r-q2']);
      expect(document).toMatchObject({ counts: { reports: 2 }, revision: 2, lastPosition: 3 });
    });

    it('keeps one latest figure per metric, in the order the metrics were first reported', () => {
      const document = project([
        registered(),
        reported('r1', 'excellent_share', '2021-Q1', 10),
        reported('r2', 'new_members', '2021-Q1', 100),
        reported('r3', 'excellent_share', '2021-H1', 21),
      ]);
      expect(document.latestFigures.map(({ reportId, metric }) => [metric, reportId])).toEqual([
        ['excellent_share', 'r3'],
        ['new_members', 'r2'],
      ]);
    });

    it('lets a restated report id replace its own figure, as the report it restates', () => {
      const document = project([registered(), reported('r1', 'new_members', '2021-Q2', 230), reported('r1', 'new_members', '2021-Q1', 110)]);
      expect(document.latestFigures).toEqual([expect.objectContaining({ reportId: 'r1', period: '2021-Q1', value: 110 })]);
      expect(target(document, 'new_members')).toMatchObject({ latestValue: 110, latestPeriod: '2021-Q1' });
    });

    it('summarises statuses and picks the most serious one as worstStatus', () => {
      const atRisk = project([registered(), reported('r1', 'excellent_share', '2021-Q2', 15)]);
      expect(atRisk.statusSummary).toEqual({ achieved: 0, on_track: 0, at_risk: 1, not_achieved: 0, no_data: 1 });
      expect(atRisk.worstStatus).toBe('at_risk');

      const onTrack = project([registered(), reported('r1', 'excellent_share', '2021-Q2', 25)]);
      // No report for new_members: silence ranks worse than on_track.
      expect(onTrack.worstStatus).toBe('no_data');

      const mixed = project([registered(), reported('r1', 'excellent_share', '2021', 25), reported('r2', 'new_members', '2021-Q3', 400)]);
      expect(mixed.statusSummary).toEqual({ achieved: 1, on_track: 1, at_risk: 0, not_achieved: 0, no_data: 0 });
      expect(mixed.worstStatus).toBe('on_track');

      const failed = project([registered(), reported('r1', 'excellent_share', '2021-Q1', 10), reported('r2', 'new_members', '2021', 100)]);
      expect(failed.worstStatus).toBe('not_achieved');
    });
  });

  describe('ProgressReportCorrected', () => {
    it('replaces the report value, recomputes latest value and status, and counts the correction', () => {
      const document = project([
        registered(),
        reported('r1', 'new_members', '2021', 380),
        corrected('r1', 'new_members', '2021', 380, 460),
      ]);
      expect(target(document, 'new_members')).toMatchObject({ latestValue: 460, latestReportId: 'r1', status: 'achieved' });
      expect(document.latestFigures).toEqual([expect.objectContaining({ reportId: 'r1', value: 460, recordedAt: '2021-01-01T00:02:00.000Z' })]);
      expect(document.counts).toEqual({ reports: 1, corrections: 1, revisions: 0, reassignments: 0, queries: 0 });
      expect(document.revision).toBe(2);
    });

    it('leaves the latest value alone when an earlier period is corrected', () => {
      const document = project([
        registered(),
        reported('r1', 'new_members', '2021-Q1', 100),
        reported('r2', 'new_members', '2021-Q2', 230),
        corrected('r1', 'new_members', '2021-Q1', 100, 90),
      ]);
      expect(target(document, 'new_members')).toMatchObject({ latestValue: 230, latestPeriod: '2021-Q2' });
      expect(document.latestFigures).toEqual([expect.objectContaining({ reportId: 'r2', value: 230 })]);
      expect(document).toMatchObject({ counts: { reports: 2, corrections: 1 }, revision: 3, lastPosition: 4 });
    });

    it('keeps a correction whose report is missing from the stream as a figure', () => {
      const document = project([registered(), corrected('r9', 'new_members', '2021-H1', 200, 240)]);
      expect(target(document, 'new_members')).toMatchObject({ latestValue: 240, latestReportId: 'r9', status: 'on_track' });
    });
  });

  describe('TargetRevised', () => {
    it('replaces the target goal and recomputes its status', () => {
      const before = project([registered(), reported('r1', 'new_members', '2021', 400)]);
      expect(target(before, 'new_members').status).toBe('not_achieved');

      const document = project([registered(), reported('r1', 'new_members', '2021', 400), revised(newMembers, { value: 380 })]);
      expect(target(document, 'new_members')).toMatchObject({ value: 380, latestValue: 400, latestReportId: 'r1', status: 'achieved' });
      expect(target(document, 'excellent_share')).toEqual(target(before, 'excellent_share'));
      expect(document.counts.revisions).toBe(1);
      expect(document.worstStatus).toBe('no_data');
    });

    it('switches a target to a range and clears the single value', () => {
      const document = project([registered(), reported('r1', 'excellent_share', '2021', 26), revised(excellentShare, { comparator: 'between', value: undefined, min: 20, max: 25 })]);
      expect(target(document, 'excellent_share')).toMatchObject({ comparator: 'between', value: null, min: 20, max: 25, status: 'not_achieved' });
    });
  });

  describe('ResponsibilityReassigned', () => {
    it('moves the responsibility, ends the assumption and counts the reassignment', () => {
      const document = project([registered({ responsibilityAssumed: true }), reassigned('ban-to-chuc-thanh-uy', 'van-phong-thanh-uy')]);
      expect(document).toMatchObject({
        responsibleUnitId: 'van-phong-thanh-uy',
        responsibilityAssumed: false,
        revision: 1,
        counts: { reports: 0, corrections: 0, revisions: 0, reassignments: 1, queries: 0 },
      });
    });
  });

  describe('IndicatorAssessed', () => {
    it('records the assessment, closes the indicator and keeps computing statuses from data', () => {
      const assessedTargets = [
        { metric: 'new_members', latestValue: 460, status: 'achieved' },
        { metric: 'excellent_share', latestValue: null, status: 'no_data' },
      ];
      const document = project([registered(), reported('r1', 'new_members', '2021', 460), assessed('partially_achieved', assessedTargets)]);
      expect(document.closed).toBe(true);
      expect(document.assessment).toEqual({
        outcome: 'partially_achieved',
        conclusion: 'Hoàn thành vượt mức kế hoạch',
        decisionRef: '140-KL/TU',
        assessedAt: '2021-01-01T00:03:00.000Z',
        // A numeric target's record of the assessment has no state: the document keeps it as null.
        targets: assessedTargets.map((assessedTarget) => ({ ...assessedTarget, latestState: null })),
      });
      expect(target(document, 'new_members').status).toBe('achieved');
      expect(document.revision).toBe(2);
    });
  });

  describe('idempotency and purity', () => {
    const events = history([
      registered(),
      reported('r1', 'new_members', '2021-Q1', 100),
      reported('r2', 'new_members', '2021-Q2', 230),
      corrected('r1', 'new_members', '2021-Q1', 100, 90),
      revised(newMembers, { value: 400 }),
      reassigned('ban-to-chuc-thanh-uy', 'van-phong-thanh-uy'),
      reported('r3', 'new_members', '2021', 410),
      assessed('achieved', [{ metric: 'new_members', latestValue: 410, status: 'achieved' }]),
    ]);

    it('gives the same documents when the same events are replayed twice', () => {
      const once = applyAll(indicatorsProjection, events);
      const twice = applyAll(indicatorsProjection, events, once);
      expect(twice).toEqual(once);
      expect(applyAll(indicatorsProjection, [...events, ...events])).toEqual(once);
      // Without the registration in front, nothing resets the document: only the position guard keeps counts right.
      expect(applyAll(indicatorsProjection, events.slice(1), once)).toEqual(once);
      expect(once.get(IND)).toMatchObject({ revision: 7, lastPosition: 8, counts: { reports: 3, corrections: 1, revisions: 1, reassignments: 1 } });
    });

    it('returns the current document itself for an event at or before its lastPosition', () => {
      const document = applyAll(indicatorsProjection, events).get(IND) as IndicatorDocument;
      expect(indicatorsProjection.evolve(document, events[6], IND)).toBe(document);
      expect(indicatorsProjection.evolve(document, events[7], IND)).toBe(document);
    });

    it('never mutates the document it is given', () => {
      const base = deepFreeze(applyAll(indicatorsProjection, events.slice(0, 3)).get(IND) as IndicatorDocument);
      const snapshot = structuredClone(base);
      const next = applyAll(indicatorsProjection, events.slice(3), new Map([[IND, base]])).get(IND);
      expect(base).toEqual(snapshot);
      expect(next).not.toEqual(base);
    });

    it('refuses an indicator event that precedes the registration', () => {
      const orphan = recorded(reported('r1', 'new_members', '2021-Q1', 1), { position: 5, revision: 1 });
      expect(() => indicatorsProjection.evolve(null, orphan, IND)).toThrow(IndicatorNotRegisteredError);
    });
  });

  describe('routing and indexes', () => {
    it('routes indicator events to the indicator id and ignores other streams', () => {
      const [registration] = history([registered()]);
      expect(indicatorsProjection.documentIds(registration)).toEqual([IND]);
      const unitEvent = recorded({ type: 'UnitRegistered', data: { unitId: 'u', name: 'U', namedInResolution: true } }, { position: 9 });
      expect(indicatorsProjection.documentIds(unitEvent)).toEqual([]);
      expect(indicatorsProjection.events.UnitRegistered).toBe('ignore');
      expect(handledTypes(indicatorsProjection)).toEqual([...INDICATOR_EVENT_TYPES]);
    });
  });

  describe('indicatorViewFromEvents (as-of replay of one stream)', () => {
    it('folds one stream from nothing to the same document the runner keeps, or to an earlier state for a prefix', () => {
      const events = history([registered(), reported('r1', 'new_members', '2021', 380), corrected('r1', 'new_members', '2021', 380, 460)]);
      expect(indicatorViewFromEvents(events)).toEqual(applyAll(indicatorsProjection, events).get(IND));
      expect(target(indicatorViewFromEvents(events.slice(0, 2)) as IndicatorDocument, 'new_members')).toMatchObject({
        latestValue: 380,
        status: 'not_achieved',
      });
      expect(indicatorViewFromEvents([])).toBeNull();
    });
  });
});
