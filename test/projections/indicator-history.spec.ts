import { handledTypes } from '../../projections/projection';
import { INDICATOR_EVENT_TYPES } from '../../src/domain/indicator/events';
import type { LedgerEvent } from '../../src/domain/events';
import type { Target } from '../../src/domain/indicator/target';
import { applyAll } from '../../projections/apply';
import {
  formatGoal,
  indicatorHistoryProjection,
  localDate,
  summarizeIndicatorEvent,
  type IndicatorHistoryEntry,
} from '../../projections/indicator-history';
import { coordinator, history, recorded } from '../support/events';
import { IND, assessed, corrected, excellentShare, newMembers, reassigned, registered, reported, revised } from './indicator-events';

const STREAM = `indicator-${IND}`;

/** Projects the events and returns the timeline, oldest first. */
function timeline(events: LedgerEvent[]): IndicatorHistoryEntry[] {
  return [...applyAll(indicatorHistoryProjection, history(events)).values()].sort((a, b) => a.revision - b.revision);
}

/** The entry for the last of the events, after the ones before it. */
function lastEntry(...events: LedgerEvent[]): IndicatorHistoryEntry {
  return timeline(events)[events.length - 1];
}

describe('indicator_history projection', () => {
  describe('IndicatorRegistered', () => {
    it('opens the timeline with the responsible unit and each target goal', () => {
      expect(lastEntry(registered())).toEqual({
        _id: `${STREAM}:0`,
        indicatorId: IND,
        streamId: STREAM,
        revision: 0,
        position: 1,
        type: 'IndicatorRegistered',
        recordedAt: '2021-01-01T00:01:00.000Z',
        actor: { id: coordinator.id, unitId: coordinator.unitId },
        period: null,
        // 00:01 UTC is 07:01 in Hạ Long, still 1 January.
        effectiveDate: '2021-01-01',
        metric: null,
        reportId: null,
        note: null,
        reason: null,
        decisionRef: null,
        queryId: null,
        queryMessage: null,
        evidence: [],
        before: null,
        after: {
          responsibleUnitId: 'ban-to-chuc-thanh-uy',
          targets: [
            { metric: 'new_members', unit: 'đảng viên', comparator: '>=', value: 450, min: null, max: null, dueDate: null },
            { metric: 'excellent_share', unit: '%', comparator: '>=', value: 20, min: null, max: null, dueDate: null },
          ],
        },
        summary: 'Đăng ký chỉ tiêu 3: Số lượng đảng viên được kết nạp mới; đơn vị chủ trì: ban-to-chuc-thanh-uy',
        lastPosition: 1,
      });
    });

    it('names a task by its section and flags an assumed responsible unit', () => {
      const { number: _omitted, ...task } = registered({ kind: 'task', section: 'II.7.1', name: 'Hoàn thành trường THPT Hòn Gai', responsibilityAssumed: true }).data;
      expect(lastEntry({ type: 'IndicatorRegistered', data: task }).summary).toBe(
        'Đăng ký nhiệm vụ II.7.1: Hoàn thành trường THPT Hòn Gai; đơn vị chủ trì (tạm xác định): ban-to-chuc-thanh-uy',
      );
    });
  });

  describe('ProgressReported', () => {
    it('records the period, the figure after, and dates the entry at the end of the period', () => {
      const entry = lastEntry(registered(), reported('r1', 'excellent_share', '2021-Q1', 15.6, { note: 'Số liệu sơ bộ' }));
      expect(entry).toMatchObject({
        _id: `${STREAM}:1`,
        type: 'ProgressReported',
        period: '2021-Q1',
        effectiveDate: '2021-03-31',
        metric: 'excellent_share',
        reportId: 'r1',
        note: 'Số liệu sơ bộ',
        reason: null,
        decisionRef: null,
        before: null,
        after: { value: 15.6 },
        summary: "Đơn vị ban-to-chuc-thanh-uy báo cáo 'excellent_share' kỳ 2021-Q1: 15,6",
      });
    });

    it('writes thousands with a dot, and adds the display unit when a caller knows it', () => {
      const event = reported('r1', 'new_members', '2021-H1', 1000);
      expect(lastEntry(registered(), event).summary).toBe("Đơn vị ban-to-chuc-thanh-uy báo cáo 'new_members' kỳ 2021-H1: 1.000");
      expect(summarizeIndicatorEvent(event, { unitOf: () => 'đảng viên' })).toBe(
        "Đơn vị ban-to-chuc-thanh-uy báo cáo 'new_members' kỳ 2021-H1: 1.000 (đảng viên)",
      );
    });
  });

  describe('ProgressReportCorrected', () => {
    it('shows the value before and after, with the reason', () => {
      const entry = lastEntry(registered(), reported('r1', 'new_members', '2021-Q1', 100), corrected('r1', 'new_members', '2021-Q1', 100, 90.5));
      expect(entry).toMatchObject({
        type: 'ProgressReportCorrected',
        period: '2021-Q1',
        effectiveDate: '2021-03-31',
        metric: 'new_members',
        reportId: 'r1',
        reason: 'Nhầm số liệu khi tổng hợp',
        decisionRef: null,
        before: { value: 100 },
        after: { value: 90.5 },
        summary: "Đính chính báo cáo 'new_members' kỳ 2021-Q1: 100 → 90,5; lý do: Nhầm số liệu khi tổng hợp",
      });
    });

    it('keeps the summary on one line whatever the reason contains', () => {
      const entry = lastEntry(registered(), corrected('r1', 'new_members', '2021-Q1', 100, 90, 'Nhầm số liệu\n  khi tổng hợp'));
      expect(entry.summary).toBe("Đính chính báo cáo 'new_members' kỳ 2021-Q1: 100 → 90; lý do: Nhầm số liệu khi tổng hợp");
      expect(entry.reason).toBe('Nhầm số liệu\n  khi tổng hợp');
    });
  });

  describe('ResponsibilityReassigned', () => {
    it('shows the unit before and after, the reason and the decision', () => {
      const entry = lastEntry(registered(), reassigned('ban-to-chuc-thanh-uy', 'van-phong-thanh-uy'));
      expect(entry).toMatchObject({
        type: 'ResponsibilityReassigned',
        period: null,
        metric: null,
        reason: 'Kiện toàn tổ chức bộ máy',
        decisionRef: '130-QĐ/TU',
        before: { responsibleUnitId: 'ban-to-chuc-thanh-uy' },
        after: { responsibleUnitId: 'van-phong-thanh-uy' },
        summary: 'Phân công lại: ban-to-chuc-thanh-uy → van-phong-thanh-uy theo 130-QĐ/TU; lý do: Kiện toàn tổ chức bộ máy',
      });
    });
  });

  describe('TargetRevised', () => {
    it('shows the goal before and after, the unit, the reason and the decision', () => {
      const entry = lastEntry(registered(), revised(excellentShare, { value: 17.5 }));
      expect(entry).toMatchObject({
        type: 'TargetRevised',
        metric: 'excellent_share',
        period: null,
        reason: 'Ảnh hưởng của dịch Covid-19',
        decisionRef: '125-QĐ/TU',
        before: { comparator: '>=', value: 20, min: null, max: null, dueDate: null },
        after: { comparator: '>=', value: 17.5, min: null, max: null, dueDate: null },
        summary: "Điều chỉnh mục tiêu 'excellent_share': ≥ 20 → ≥ 17,5 (%) theo 125-QĐ/TU; lý do: Ảnh hưởng của dịch Covid-19",
      });
    });

    it('writes a revised deadline and a range into the summary', () => {
      const withDeadline: Target = { ...newMembers, dueDate: '2021-09-05' };
      const entry = lastEntry(registered(), revised(withDeadline, { comparator: 'between', value: undefined, min: 400, max: 1500, dueDate: '2021-12-31' }));
      expect(entry.summary).toBe(
        "Điều chỉnh mục tiêu 'new_members': ≥ 450, hạn 05/09/2021 → 400–1.500, hạn 31/12/2021 (đảng viên) theo 125-QĐ/TU; lý do: Ảnh hưởng của dịch Covid-19",
      );
      expect(entry.after).toEqual({ comparator: 'between', value: null, min: 400, max: 1500, dueDate: '2021-12-31' });
    });
  });

  describe('IndicatorAssessed', () => {
    it('records the outcome, the per-target standing and the conclusion', () => {
      const targets = [{ metric: 'new_members', latestValue: 460, status: 'achieved' }];
      const entry = lastEntry(registered(), assessed('achieved', targets));
      expect(entry).toMatchObject({
        type: 'IndicatorAssessed',
        metric: null,
        reason: null,
        decisionRef: '140-KL/TU',
        before: null,
        after: { outcome: 'achieved', conclusion: 'Hoàn thành vượt mức kế hoạch', targets },
        summary: 'Đánh giá cuối năm: Đạt theo 140-KL/TU; kết luận: Hoàn thành vượt mức kế hoạch',
      });
    });

    it('names every outcome in Vietnamese', () => {
      expect(summarizeIndicatorEvent(assessed('partially_achieved', []))).toMatch(/^Đánh giá cuối năm: Đạt một phần theo /);
      expect(summarizeIndicatorEvent(assessed('not_achieved', []))).toMatch(/^Đánh giá cuối năm: Không đạt theo /);
    });
  });

  describe('actor and dates', () => {
    it('records who acted and dates non-report entries by the local day they were recorded', () => {
      const inspector = { id: 'insp-1', unitId: 'ubkt-thanh-uy', roles: ['inspector' as const] };
      const event = recorded(reassigned('a', 'b'), { position: 4, revision: 3, actor: inspector, recordedAt: '2021-04-05T18:30:00.000Z' });
      const entry = indicatorHistoryProjection.evolve(null, event, `${STREAM}:3`);
      expect(entry.actor).toEqual({ id: 'insp-1', unitId: 'ubkt-thanh-uy' });
      // 18:30 UTC is 01:30 the next morning in Vietnam.
      expect(entry.effectiveDate).toBe('2021-04-06');
      expect(localDate('2021-04-05T16:59:59.999Z')).toBe('2021-04-05');
    });
  });

  describe('goal text', () => {
    it('writes each comparator the way a reader expects', () => {
      const goal = { value: null, min: null, max: null, dueDate: null };
      expect(formatGoal({ ...goal, comparator: '>', value: 55 })).toBe('> 55');
      expect(formatGoal({ ...goal, comparator: '<', value: 5 })).toBe('< 5');
      expect(formatGoal({ ...goal, comparator: '<=', value: 5 })).toBe('≤ 5');
      expect(formatGoal({ ...goal, comparator: '=', value: 56.5 })).toBe('= 56,5');
      expect(formatGoal({ ...goal, comparator: 'between', min: 60, max: 70 })).toBe('60–70');
      expect(formatGoal({ ...goal, comparator: 'top_group', value: 3 })).toBe('nhóm 3 đứng đầu');
    });
  });

  describe('idempotency, routing and indexes', () => {
    const events = history([
      registered(),
      reported('r1', 'new_members', '2021-Q1', 100),
      corrected('r1', 'new_members', '2021-Q1', 100, 90),
      reassigned('ban-to-chuc-thanh-uy', 'van-phong-thanh-uy'),
      revised(newMembers, { value: 400 }),
      assessed('achieved', []),
    ]);

    it('writes one entry per event and gives the same documents when the events are replayed twice', () => {
      const once = applyAll(indicatorHistoryProjection, events);
      expect([...once.keys()]).toEqual([0, 1, 2, 3, 4, 5].map((revision) => `${STREAM}:${revision}`));
      expect(applyAll(indicatorHistoryProjection, events, once)).toEqual(once);
      expect(applyAll(indicatorHistoryProjection, [...events, ...events])).toEqual(once);
    });

    it('returns the existing entry itself when its event comes again', () => {
      const entry = indicatorHistoryProjection.evolve(null, events[2], `${STREAM}:2`);
      expect(indicatorHistoryProjection.evolve(entry, events[2], `${STREAM}:2`)).toBe(entry);
    });

    it('routes each indicator event to its own entry and ignores other streams', () => {
      expect(indicatorHistoryProjection.documentIds(events[3])).toEqual([`${STREAM}:3`]);
      const unitEvent = recorded({ type: 'UnitRenamed', data: { unitId: 'u', previousName: 'A', name: 'B', reason: 'r' } }, { position: 9 });
      expect(indicatorHistoryProjection.documentIds(unitEvent)).toEqual([]);
    });

    it('is the indicator_history read model, one entry per indicator event, keyed unique by indicator and revision', () => {
      expect(indicatorHistoryProjection.name).toBe('indicator_history');
      expect(handledTypes(indicatorHistoryProjection)).toEqual([...INDICATOR_EVENT_TYPES]);
      expect(indicatorHistoryProjection.indexes).toContainEqual({ name: 'indicator_revision', fields: ['indicatorId', 'revision'], unique: true });
    });
  });
});
