/**
 * The shortcuts the projections take on every event must answer what the long way answers:
 * sorted insertion instead of a sort, folding only text that needs it, a summary formatted once
 * per event, only each metric's latest figure kept and only the reported target's standing
 * recomputed.
 */
import fc from 'fast-check';
import type { LedgerEvent } from '../../src/domain/events';
import { applyAll } from '../../projections/apply';
import { eventEntryId } from '../../projections/event-entry-id';
import type { RecordedIndicatorEvent } from '../../projections/indicator-event';
import { oneLine, summarizeIndicatorEvent } from '../../projections/indicator-history/summary';
import { indicatorsProjection, type IndicatorDocument, type IndicatorFigure } from '../../projections/indicators';
import { auditLogProjection } from '../../projections/audit-log';
import { indicatorHistoryProjection, type IndicatorHistoryEntry } from '../../projections/indicator-history';
import { progressReportsProjection, type ProgressReportDocument } from '../../projections/progress-reports';
import { summarizeStatuses, withStandings, worstStatus } from '../../projections/indicators/targets';
import { withSortedId, withoutSortedId } from '../../projections/sorted-ids';
import { history } from '../support/events';
import { latestFigure } from '../../src/domain/indicator/latest-figures';
import { IND, corrected, excellentShare, newMembers, registered, reported, revised } from './indicator-events';

describe('sorted id lists', () => {
  it('insert in the order Array.prototype.sort gives, without duplicates, never changing the input', () => {
    const ids = ['bench-task-10', 'bench-task-2', 'ind-01', 'ind-20', 'Ind-5', 'task-ä', 'task-z'].sort();
    const frozen = Object.freeze([...ids]);
    for (const id of ['a', 'bench-task-1', 'bench-task-2', 'ind-1', 'zz', 'Ind-5', 'task-å', '']) {
      expect(withSortedId(frozen, id)).toEqual([...new Set([...ids, id])].sort());
    }
    expect(withSortedId([], 'x')).toEqual(['x']);
    expect(withoutSortedId(frozen, 'ind-01')).toEqual(ids.filter((id) => id !== 'ind-01'));
    expect(withoutSortedId(frozen, 'absent')).toEqual(ids);
    for (const id of ids) expect(withoutSortedId(frozen, id)).toEqual(ids.filter((other) => other !== id));
    expect(withoutSortedId(['b', 'a', 'c'], 'a')).toEqual(['b', 'c']);
  });
});

describe('oneLine', () => {
  const longWay = (text: string) => text.replace(/\s+/g, ' ').trim();

  it('folds exactly like replacing every whitespace run and trimming', () => {
    const texts = [
      'Đơn vị a báo cáo: 1.000',
      'two  spaces',
      'tab\there',
      'new\nline',
      ' leading',
      'trailing ',
      'nbsp\u00a0inside',
      'ideographic\u3000space',
      'line\u2028separator',
      '',
      ' ',
      'x',
      'đã\r\n  xong',
    ];
    for (const text of texts) expect(oneLine(text)).toBe(longWay(text));
  });

  it('returns a text already on one line as it is', () => {
    const text = `Đính chính báo cáo 'x' kỳ 2021-Q1: ${'1'} → ${'2'}`;
    expect(oneLine(text)).toBe(text);
  });
});

describe('summaries formatted once per event, and entry ids', () => {
  const [first, second] = history([reported('r1', 'new_members', '2021-Q1', 120), reported('r2', 'new_members', '2021-Q2', 4500)]);

  it('gives the same text for the same event, the new text for another event, and honours a context', () => {
    const summary = summarizeIndicatorEvent(first as RecordedIndicatorEvent);
    expect(summarizeIndicatorEvent(first as RecordedIndicatorEvent)).toBe(summary);
    expect(summary).toContain('120');
    expect(summarizeIndicatorEvent(second as RecordedIndicatorEvent)).toContain('4.500');
    expect(summarizeIndicatorEvent(first as RecordedIndicatorEvent, { unitOf: () => 'đảng viên' })).toBe(`${summary} (đảng viên)`);
    expect(summarizeIndicatorEvent(first as RecordedIndicatorEvent)).toBe(summary);
  });

  it('keys an entry by its event\'s stream and revision, in the history and the audit log alike', () => {
    expect(eventEntryId(second.streamId, second.revision)).toBe(`${second.streamId}:${second.revision}`);
    expect(indicatorHistoryProjection.documentIds(first)).toEqual([`${first.streamId}:${first.revision}`]);
    expect(auditLogProjection.documentIds(first)).toEqual([`${first.streamId}:${first.revision}`]);
  });
});

describe('indicators: only each metric\'s latest figure is kept, and only the reported target recomputed', () => {
  /** Every report's current value, in report order, read from the events themselves: what the document no longer keeps. */
  function everyReportsFigure(events: readonly RecordedIndicatorEvent[]): IndicatorFigure[] {
    const figures = new Map<string, IndicatorFigure>();
    for (const event of events) {
      if (event.type === 'ProgressReported') {
        const { reportId, metric, period, value } = event.data;
        figures.set(reportId, { reportId, metric, period, value: value ?? null, state: null, completedOn: null, recordedAt: event.metadata.recordedAt });
      }
      if (event.type === 'ProgressReportCorrected') {
        const figure = figures.get(event.data.reportId);
        if (figure) figures.set(figure.reportId, { ...figure, value: event.data.value ?? null });
      }
    }
    return [...figures.values()];
  }

  /** Each step's document must be what every target recomputed from every report's figure gives. */
  function expectEveryStepAsRecomputedInFull(events: LedgerEvent[], recordedAt?: (i: number) => string): void {
    const recorded = history(events, 1, recordedAt) as RecordedIndicatorEvent[];
    for (let end = 1; end <= recorded.length; end++) {
      const document = applyAll(indicatorsProjection, recorded.slice(0, end)).get(IND) as IndicatorDocument;
      const figures = everyReportsFigure(recorded.slice(0, end));
      const targets = withStandings(document.targets, figures);
      expect(document).toEqual({ ...document, targets, statusSummary: summarizeStatuses(targets), worstStatus: worstStatus(targets) });
      const metrics = [...new Set(figures.map((figure) => figure.metric))];
      expect(document.latestFigures).toEqual(metrics.map((metric) => latestFigure(figures, metric)));
    }
  }

  it('ends every step of a hand-written sequence where a full recomputation ends', () => {
    expectEveryStepAsRecomputedInFull([
      registered(),
      reported('r1', 'new_members', '2021-Q1', 120),
      reported('r2', excellentShare.metric, '2021-Q1', 10),
      reported('r3', 'new_members', '2021-H1', 300),
      corrected('r2', excellentShare.metric, '2021-Q1', 10, 40),
      reported('r4', 'new_members', '2021-06', 310),
      corrected('r3', 'new_members', '2021-H1', 300, 200),
      corrected('r1', 'new_members', '2021-Q1', 120, 130),
      reported('r5', excellentShare.metric, '2021', 80),
      revised(newMembers, { value: 300 }),
      reported('r6', 'new_members', '2021', 460),
    ]);
  });

  it('ends every step of generated sequences (late reports, ties, corrections of earlier reports) where a full recomputation ends', () => {
    const periods = ['2021-01', '2021-03', '2021-06', '2021-07', '2021-12', '2021-Q1', '2021-Q2', '2021-Q3', '2021-Q4', '2021-H1', '2021-H2', '2021'];
    const metrics = [newMembers.metric, excellentShare.metric, 'untargeted'];
    // A step reports a new figure, or corrects the report a step earlier made (`which` picks it).
    const step = fc.oneof(
      fc.record({ kind: fc.constant('report' as const), metric: fc.constantFrom(...metrics), period: fc.constantFrom(...periods), value: fc.nat(600) }),
      fc.record({ kind: fc.constant('correct' as const), which: fc.nat(), value: fc.nat(600) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), fc.integer({ min: 1, max: 4 }), (steps, eventsPerMinute) => {
        const reports: Array<{ reportId: string; metric: string; period: string; value: number }> = [];
        const events: LedgerEvent[] = [registered()];
        steps.forEach((next, index) => {
          if (next.kind === 'report') {
            const report = { reportId: `r${index}`, metric: next.metric, period: next.period, value: next.value };
            reports.push(report);
            events.push(reported(report.reportId, report.metric, report.period, report.value));
          } else if (reports.length > 0) {
            const report = reports[next.which % reports.length];
            events.push(corrected(report.reportId, report.metric, report.period, report.value, next.value));
            report.value = next.value;
          }
        });
        // Several events to a minute: equal periods recorded at the same instant tie.
        expectEveryStepAsRecomputedInFull(events, (i) => new Date(Date.UTC(2021, 0, 1) + Math.floor(i / eventsPerMinute) * 60_000).toISOString());
      }),
      { seed: 20261129, numRuns: 200 },
    );
  });
});

describe('reports keep their evidence list when nothing new is cited', () => {
  it('leaves the evidence of a report alone on a correction citing nothing', () => {
    const events = history([reported('r1', 'new_members', '2021-Q1', 120), corrected('r1', 'new_members', '2021-Q1', 120, 125)]);
    const [entry] = [...applyAll(indicatorHistoryProjection, events.slice(0, 1)).values()] as IndicatorHistoryEntry[];
    const fresh = applyAll(progressReportsProjection, events.slice(0, 1)).get('r1') as ProgressReportDocument;
    expect(entry.evidence).toEqual([]);
    expect(fresh.corrections).toEqual([]);

    const correctedReport = applyAll(progressReportsProjection, events.slice(1), new Map([['r1', fresh]])).get('r1') as ProgressReportDocument;
    expect(correctedReport.corrections).toHaveLength(1);
    expect(correctedReport.evidence).toEqual(fresh.evidence);
    expect(fresh.corrections).toEqual([]);
  });
});

