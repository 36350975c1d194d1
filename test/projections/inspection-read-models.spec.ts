/**
 * How the existing indicator read models show the inspector's workflow and evidence: open queries on
 * the indicator, query events and cited documents on the timeline, evidence on each report.
 */
import { applyAll } from '../../projections/apply';
import { indicatorHistoryProjection, summarizeIndicatorEvent, type IndicatorHistoryEntry } from '../../projections/indicator-history';
import { indicatorsProjection, type IndicatorDocument } from '../../projections/indicators';
import { progressReportsProjection, type ProgressReportDocument } from '../../projections/progress-reports';
import type { LedgerEvent } from '../../src/domain/events';
import type { Actor, RecordedEvent } from '../../src/shared/messages';
import { coordinator, recorded } from '../support/events';
import { IND, assessed, corrected, registered, reported } from './indicator-events';
import { HASH_A, answered, btcReporter, bulletin, inspector, minutes, queried, queryClosed } from './inspection-events';

const STREAM = `indicator-${IND}`;
const at = (position: number): string => new Date(Date.UTC(2021, 0, 1) + position * 60_000).toISOString();

function stream(...steps: Array<[LedgerEvent, Actor?]>): RecordedEvent<LedgerEvent>[] {
  return steps.map(([event, actor], i) => recorded(event, { streamId: STREAM, revision: i, position: i + 1, actor: actor ?? coordinator }));
}

const correction = { previousValue: 120, value: 135, reason: 'Bổ sung 15 hồ sơ' };

/** A full workflow: report with evidence, two queries, an answer with a correction, a closure, another answer. */
const workflow = stream(
  [registered()],
  [reported('r1', 'new_members', '2021-Q1', 120, { evidence: [bulletin] }), btcReporter],
  [reported('r2', 'excellent_share', '2021-Q1', 15), btcReporter],
  [queried('q1'), inspector],
  [queried('q2', 'Tỷ lệ xuất sắc tính trên tổng số nào?', 'r2'), inspector],
  [{ ...corrected('r1', 'new_members', '2021-Q1', 120, 135, 'Bổ sung 15 hồ sơ'), data: { ...corrected('r1', 'new_members', '2021-Q1', 120, 135, 'Bổ sung 15 hồ sơ').data, queryId: 'q1' } }, btcReporter],
  [answered('q1', { correction, evidence: [minutes] }), btcReporter],
  [queryClosed('q1'), inspector],
);

describe('indicators projection: open queries', () => {
  const indicatorAfter = (events: RecordedEvent<LedgerEvent>[]): IndicatorDocument => applyAll(indicatorsProjection, events).get(IND) as IndicatorDocument;

  it('lists a raised query as open, counts it and advances the revision', () => {
    const document = indicatorAfter(workflow.slice(0, 4));
    expect(document.openQueries).toEqual([
      {
        queryId: 'q1',
        reportId: 'r1',
        metric: 'new_members',
        period: '2021-Q1',
        question: 'Số liệu quý I căn cứ vào đâu?',
        requestedBy: { id: inspector.id, unitId: inspector.unitId },
        raisedAt: at(4),
        status: 'open',
        answeredAt: null,
      },
    ]);
    expect(document).toMatchObject({ openQueryCount: 1, counts: { queries: 1 }, revision: 3, updatedAt: at(4), lastPosition: 4 });
  });

  it('marks an answered query, and the correction made with it changes the figure', () => {
    const document = indicatorAfter(workflow.slice(0, 7));
    expect(document.openQueries.map((q) => [q.queryId, q.status, q.answeredAt])).toEqual([
      ['q1', 'answered', at(7)],
      ['q2', 'open', null],
    ]);
    expect(document.targets.find((t) => t.metric === 'new_members')?.latestValue).toBe(135);
  });

  it('drops a closed query from the list but keeps it counted', () => {
    const document = indicatorAfter(workflow);
    expect(document.openQueries.map((q) => q.queryId)).toEqual(['q2']);
    expect(document).toMatchObject({ openQueryCount: 1, counts: { queries: 2, corrections: 1 }, revision: 7 });
  });

  it('shows queries raised after the final assessment on the closed indicator', () => {
    const events = stream([registered()], [reported('r1', 'new_members', '2021', 470), btcReporter], [assessed('achieved', [])], [queried('q1'), inspector]);
    expect(indicatorAfter(events)).toMatchObject({ closed: true, openQueryCount: 1 });
  });

  it('gives the same document when the workflow is replayed twice', () => {
    const once = applyAll(indicatorsProjection, workflow);
    expect(applyAll(indicatorsProjection, workflow, once)).toEqual(once);
    expect(applyAll(indicatorsProjection, workflow.slice(3), once)).toEqual(once);
    expect(applyAll(indicatorsProjection, [...workflow, ...workflow])).toEqual(once);
  });
});

describe('indicator_history projection: queries and evidence', () => {
  const entries = [...applyAll(indicatorHistoryProjection, workflow).values()].sort((a, b) => a.revision - b.revision);
  const entry = (revision: number): IndicatorHistoryEntry => entries[revision];

  it('shows the documents a report cites, in the entry and its summary', () => {
    expect(entry(1).evidence).toEqual([{ ...bulletin }]);
    expect(entry(1).summary).toBe("Đơn vị ban-to-chuc-thanh-uy báo cáo 'new_members' kỳ 2021-Q1: 120; tài liệu: 45-BC/BTCTU ngày 05/04/2021");
    expect(entry(2).evidence).toEqual([]);
    expect(entry(2).summary).toBe("Đơn vị ban-to-chuc-thanh-uy báo cáo 'excellent_share' kỳ 2021-Q1: 15");
  });

  it('records a query with its question, report and open status', () => {
    expect(entry(3)).toMatchObject({
      type: 'ReportQueried',
      actor: { id: inspector.id, unitId: inspector.unitId },
      queryId: 'q1',
      reportId: 'r1',
      metric: 'new_members',
      period: '2021-Q1',
      effectiveDate: '2021-03-31',
      queryMessage: 'Số liệu quý I căn cứ vào đâu?',
      reason: null,
      before: null,
      after: { queryStatus: 'open' },
      summary: "Yêu cầu đơn vị ban-to-chuc-thanh-uy giải trình báo cáo 'new_members' kỳ 2021-Q1: Số liệu quý I căn cứ vào đâu?",
    });
  });

  it('links a correction made in answer to its query', () => {
    expect(entry(5)).toMatchObject({ type: 'ProgressReportCorrected', queryId: 'q1', before: { value: 120 }, after: { value: 135 } });
    expect(entry(5).summary).toBe(
      "Đính chính báo cáo 'new_members' kỳ 2021-Q1 (giải trình theo yêu cầu của Ủy ban Kiểm tra): 120 → 135; lý do: Bổ sung 15 hồ sơ",
    );
  });

  it('records an answer with its correction reason, documents and answered status', () => {
    expect(entry(6)).toMatchObject({
      type: 'ReportQueryAnswered',
      queryId: 'q1',
      queryMessage: 'Theo báo cáo của các chi bộ',
      reason: 'Bổ sung 15 hồ sơ',
      evidence: [{ ...minutes, url: null, sha256: null }],
      before: null,
      after: { queryStatus: 'answered' },
      summary: "Giải trình báo cáo 'new_members' kỳ 2021-Q1: Theo báo cáo của các chi bộ; kèm đính chính 120 → 135; tài liệu: 12-BB/BTCTU ngày 20/04/2021",
    });
  });

  it('records the closure with the conclusion', () => {
    expect(entry(7)).toMatchObject({
      type: 'ReportQueryClosed',
      queryMessage: 'Số liệu có căn cứ',
      before: { queryStatus: 'answered' },
      after: { queryStatus: 'closed' },
      summary: "Kết thúc yêu cầu giải trình báo cáo 'new_members' kỳ 2021-Q1; kết luận: Số liệu có căn cứ",
    });
  });

  it('adds the display unit to an answer’s correction when the caller knows it', () => {
    const text = summarizeIndicatorEvent(answered('q1', { correction }), { unitOf: () => 'đảng viên' });
    expect(text).toBe("Giải trình báo cáo 'new_members' kỳ 2021-Q1: Theo báo cáo của các chi bộ; kèm đính chính 120 → 135 (đảng viên)");
  });
});

describe('progress_reports projection: evidence', () => {
  const reports = applyAll(progressReportsProjection, workflow);
  const report = (id: string): ProgressReportDocument => reports.get(id) as ProgressReportDocument;

  it('keeps every document cited for a report, wherever it was cited, and flags it', () => {
    expect(report('r1').hasEvidence).toBe(true);
    expect(report('r1').evidence).toEqual([
      { ...bulletin, citedIn: 'report', revision: 1, citedAt: at(2), citedBy: { id: btcReporter.id, unitId: btcReporter.unitId } },
      { ...minutes, url: null, sha256: null, citedIn: 'query_answer', revision: 6, citedAt: at(7), citedBy: { id: btcReporter.id, unitId: btcReporter.unitId } },
    ]);
    expect(report('r1')).toMatchObject({ value: 135, revision: 6, lastPosition: 7 });
  });

  it('flags a report no document backs', () => {
    expect(report('r2')).toMatchObject({ hasEvidence: false, evidence: [] });
  });

  it('adds the documents cited with a correction', () => {
    const events = stream(
      [registered()],
      [reported('r1', 'new_members', '2021-Q1', 120), btcReporter],
      [{ ...corrected('r1', 'new_members', '2021-Q1', 120, 135), data: { ...corrected('r1', 'new_members', '2021-Q1', 120, 135).data, evidence: [bulletin] } }, btcReporter],
    );
    const document = applyAll(progressReportsProjection, events).get('r1') as ProgressReportDocument;
    expect(document.hasEvidence).toBe(true);
    expect(document.evidence).toEqual([{ ...bulletin, citedIn: 'correction', revision: 2, citedAt: at(3), citedBy: { id: btcReporter.id, unitId: btcReporter.unitId } }]);
  });

  it('an answer without documents changes nothing but the revision', () => {
    const events = stream([registered()], [reported('r1', 'new_members', '2021-Q1', 120), btcReporter], [queried('q1'), inspector], [answered('q1'), btcReporter]);
    expect(applyAll(progressReportsProjection, events).get('r1')).toMatchObject({ hasEvidence: false, evidence: [], revision: 3, lastPosition: 4 });
  });

  it('gives the same documents when replayed twice, and finds a file by its hash', () => {
    expect(applyAll(progressReportsProjection, workflow, reports)).toEqual(reports);
    expect(applyAll(progressReportsProjection, [...workflow, ...workflow])).toEqual(reports);
    const citing = [...reports.values()].filter((d) => d.evidence.some((e) => e.sha256 === HASH_A)).map((d) => d.reportId);
    expect(citing).toEqual(['r1']);
  });
});
