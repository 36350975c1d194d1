/**
 * The read models of a qualitative task (milestone target): its standing in `indicators`, its
 * before/after and Vietnamese summaries in `indicator_history` and `audit_log`, its state and
 * narrative in `progress_reports`, and a state corrected in answer to a query in `report_queries`.
 */
import type { LedgerEvent } from '../../src/domain/events';
import type { ReportQueried, ReportQueryAnswered } from '../../src/domain/indicator/events';
import type { MilestoneReading } from '../../src/domain/indicator/reading';
import { applyAll } from '../../projections/apply';
import { auditLogProjection } from '../../projections/audit-log';
import { indicatorHistoryProjection, type IndicatorHistoryEntry } from '../../projections/indicator-history';
import { indicatorsProjection, type IndicatorDocument } from '../../projections/indicators';
import { progressReportsProjection } from '../../projections/progress-reports';
import { reportQueriesProjection } from '../../projections/report-queries';
import { history } from '../support/events';
import { IND, correctedState, registeredTask, reportedState, revised, schoolCompleted } from './indicator-events';

const inProgress: MilestoneReading = { state: 'in_progress', narrative: 'Đã thi công xong phần thô' };
const completedInTime: MilestoneReading = { state: 'completed', narrative: 'Đã bàn giao đưa vào sử dụng', completedOn: '2021-08-30' };
const completedLate: MilestoneReading = { state: 'completed', narrative: 'Đã bàn giao đưa vào sử dụng', completedOn: '2021-09-20' };

function indicator(events: LedgerEvent[]): IndicatorDocument {
  const document = applyAll(indicatorsProjection, history(events)).get(IND);
  if (!document) throw new Error('no indicator document');
  return document;
}

function timeline(events: LedgerEvent[]): IndicatorHistoryEntry[] {
  return [...applyAll(indicatorHistoryProjection, history(events)).values()].sort((a, b) => a.revision - b.revision);
}

describe('read models of a qualitative task', () => {
  describe('indicators', () => {
    it('shows a milestone target with no figure fields and no standing before any report', () => {
      expect(indicator([registeredTask()]).targets).toEqual([
        {
          metric: 'completion',
          label: schoolCompleted.label,
          kind: 'milestone',
          comparator: null,
          value: null,
          min: null,
          max: null,
          unit: null,
          measure: null,
          accumulation: null,
          dueDate: '2021-09-04',
          rankingIndex: null,
          latestValue: null,
          latestState: null,
          latestCompletedOn: null,
          latestPeriod: null,
          latestReportId: null,
          status: 'no_data',
        },
      ]);
    });

    it('lists the key indicators a task supports, and none for a task registered without them', () => {
      const supporting = registeredTask();
      supporting.data.supportsIndicators = ['ind-05'];
      expect(indicator([supporting]).supportsIndicators).toEqual(['ind-05']);
      expect(indicator([registeredTask()]).supportsIndicators).toEqual([]);
    });

    it('gives the latest state, its completion day and the standing the domain rule gives it', () => {
      const working = indicator([registeredTask(), reportedState('r1', '2021-Q2', inProgress)]);
      expect(working.targets[0]).toMatchObject({ latestState: 'in_progress', latestCompletedOn: null, latestValue: null, latestPeriod: '2021-Q2', status: 'on_track' });
      expect(working.latestFigures).toEqual([expect.objectContaining({ reportId: 'r1', value: null, state: 'in_progress', completedOn: null })]);
      expect(working.worstStatus).toBe('on_track');

      const done = indicator([registeredTask(), reportedState('r1', '2021-Q2', inProgress), reportedState('r2', '2021-Q3', completedInTime)]);
      expect(done.targets[0]).toMatchObject({ latestState: 'completed', latestCompletedOn: '2021-08-30', latestReportId: 'r2', status: 'achieved' });

      const late = indicator([registeredTask(), reportedState('r2', '2021-Q3', completedLate)]);
      expect(late.targets[0]).toMatchObject({ latestState: 'completed', status: 'not_achieved' });
      expect(late.statusSummary.not_achieved).toBe(1);
    });

    it('follows a correction of the latest report, dropping a completion day the reading no longer states', () => {
      const events = [registeredTask(), reportedState('r1', '2021-Q3', completedInTime), correctedState('r1', '2021-Q3', completedInTime, inProgress)];
      expect(indicator(events).targets[0]).toMatchObject({ latestState: 'in_progress', latestCompletedOn: null, status: 'not_achieved' });
      expect(indicator(events).counts).toMatchObject({ reports: 1, corrections: 1 });
    });

    it('re-judges the standing when the deadline is revised', () => {
      const moved = revised(schoolCompleted, { dueDate: '2021-12-31' });
      const document = indicator([registeredTask(), reportedState('r2', '2021-Q3', completedLate), moved]);
      expect(document.targets[0]).toMatchObject({ dueDate: '2021-12-31', status: 'achieved' });
    });

    it('gives the same document when the same events are replayed twice', () => {
      const events = history([registeredTask(), reportedState('r1', '2021-Q2', inProgress), correctedState('r1', '2021-Q2', inProgress, { ...inProgress, narrative: 'Đang lắp thiết bị' })]);
      const once = applyAll(indicatorsProjection, events);
      expect(applyAll(indicatorsProjection, events, once)).toEqual(once);
    });
  });

  describe('indicator_history and audit_log', () => {
    it('shows the state and narrative after a report, before and after a correction, in Vietnamese', () => {
      const events = [registeredTask(), reportedState('r1', '2021-Q3', inProgress), correctedState('r1', '2021-Q3', inProgress, completedInTime, 'Đã nghiệm thu')];
      const [registration, report, correction] = timeline(events);
      expect(registration.after).toEqual({
        responsibleUnitId: 'ban-to-chuc-thanh-uy',
        targets: [{ metric: 'completion', unit: null, comparator: null, value: null, min: null, max: null, dueDate: '2021-09-04' }],
      });
      expect(report.after).toEqual({ state: 'in_progress', narrative: 'Đã thi công xong phần thô', completedOn: null });
      expect(report.summary).toBe("Đơn vị ban-to-chuc-thanh-uy báo cáo 'completion' kỳ 2021-Q3: Đang triển khai; kết quả: Đã thi công xong phần thô");
      expect(correction.before).toEqual({ state: 'in_progress', narrative: 'Đã thi công xong phần thô', completedOn: null });
      expect(correction.after).toEqual({ state: 'completed', narrative: 'Đã bàn giao đưa vào sử dụng', completedOn: '2021-08-30' });
      expect(correction.summary).toBe(
        "Đính chính báo cáo 'completion' kỳ 2021-Q3: Đang triển khai → Hoàn thành ngày 30/08/2021; kết quả: Đã bàn giao đưa vào sử dụng; lý do: Đã nghiệm thu",
      );
      const audit = [...applyAll(auditLogProjection, history(events)).values()].sort((a, b) => a.position - b.position);
      expect(audit.map((entry) => entry.summary)).toEqual(timeline(events).map((entry) => entry.summary));
    });

    it('writes a milestone goal and its revision as a deadline', () => {
      const moved = revised(schoolCompleted, { dueDate: '2021-12-31' });
      const [, revision] = timeline([registeredTask(), moved]);
      expect(revision.summary).toBe("Điều chỉnh mục tiêu 'completion': hoàn thành, hạn 04/09/2021 → hoàn thành, hạn 31/12/2021 theo 125-QĐ/TU; lý do: Ảnh hưởng của dịch Covid-19");
      expect(revision.before).toMatchObject({ comparator: null, dueDate: '2021-09-04' });
    });
  });

  describe('progress_reports and report_queries', () => {
    const about = { indicatorId: IND, queryId: 'q1', reportId: 'r1', metric: 'completion', period: '2021-Q3' };
    const queried: ReportQueried = {
      type: 'ReportQueried',
      data: { ...about, unitId: 'ban-to-chuc-thanh-uy', question: 'Đã nghiệm thu chưa?', requestedBy: { id: 'insp', unitId: 'co-quan-ubkt-thanh-tra' } },
    };
    const answered: ReportQueryAnswered = {
      type: 'ReportQueryAnswered',
      data: { ...about, answer: 'Đã nghiệm thu ngày 30/8', correction: { previous: inProgress, ...completedInTime, reason: 'Đã nghiệm thu' } },
    };
    const events = history([
      registeredTask(),
      reportedState('r1', '2021-Q3', inProgress),
      queried,
      correctedState('r1', '2021-Q3', inProgress, completedInTime, 'Đã nghiệm thu'),
      answered,
    ]);

    it('keeps the state first reported, the current reading and each correction before and after', () => {
      const report = applyAll(progressReportsProjection, events).get('r1');
      expect(report).toMatchObject({
        originalValue: null,
        value: null,
        originalState: 'in_progress',
        state: 'completed',
        narrative: 'Đã bàn giao đưa vào sử dụng',
        completedOn: '2021-08-30',
        correctionCount: 1,
      });
      expect(report?.corrections[0]).toMatchObject({
        previousValue: null,
        value: null,
        previousState: 'in_progress',
        previousNarrative: 'Đã thi công xong phần thô',
        previousCompletedOn: null,
        state: 'completed',
        narrative: 'Đã bàn giao đưa vào sử dụng',
        completedOn: '2021-08-30',
        reason: 'Đã nghiệm thu',
      });
    });

    it('records the state corrected with an answer on the query', () => {
      const document = applyAll(reportQueriesProjection, events).get('q1');
      expect(document?.status).toBe('answered');
      expect(document?.answers[0].correction).toEqual({
        previousValue: null,
        previousState: 'in_progress',
        previousNarrative: 'Đã thi công xong phần thô',
        previousCompletedOn: null,
        value: null,
        state: 'completed',
        narrative: 'Đã bàn giao đưa vào sử dụng',
        completedOn: '2021-08-30',
        reason: 'Đã nghiệm thu',
      });
    });
  });
});
