import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { progressShare } from './progress';
import { snapshotInWords } from './snapshots';
import { EVENT_TYPE_LABELS, STATUS_LABELS, statusLabel, statusRank, targetInWords } from './statuses';

describe('statuses', () => {
  it('names every status of the API', () => {
    expect(statusLabel('achieved')).toBe('Đã đạt');
    expect(statusLabel('on_track')).toBe('Đúng tiến độ');
    expect(statusLabel('at_risk')).toBe('Có nguy cơ không đạt');
    expect(statusLabel('not_achieved')).toBe('Không đạt');
    expect(statusLabel('no_data')).toBe('Chưa có số liệu');
    expect(statusLabel('something_else')).toBe('Không rõ');
    expect(Object.keys(STATUS_LABELS).sort()).toEqual(['achieved', 'at_risk', 'no_data', 'not_achieved', 'on_track']);
  });

  it('names every event type the audit log may list', () => {
    // The types GET /audit/events filters by, as the service's own document lists them.
    const document = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../openapi.json'), 'utf8'));
    const parameter = document.paths['/audit/events'].get.parameters.find((candidate: { name: string }) => candidate.name === 'type');
    const declared = (/comma-separated: (.*)\.$/.exec(parameter.description)?.[1] ?? '').split(', ');
    expect(declared).toContain('ReviewApproved');
    expect(Object.keys(EVENT_TYPE_LABELS).sort()).toEqual([...declared].sort());
  });

  it('puts what needs attention first', () => {
    const sorted = ['achieved', 'no_data', 'at_risk', 'on_track', 'not_achieved'].sort((a, b) => statusRank(a) - statusRank(b));
    expect(sorted).toEqual(['not_achieved', 'at_risk', 'no_data', 'on_track', 'achieved']);
  });
});

describe('targets in plain Vietnamese', () => {
  it('says each comparator as the resolution does', () => {
    expect(targetInWords({ kind: 'numeric', comparator: '>=', value: 90, unit: '%' })).toBe('Từ 90% trở lên');
    expect(targetInWords({ kind: 'numeric', comparator: '>', value: 1000, unit: 'doanh nghiệp' })).toBe('Trên 1.000 doanh nghiệp');
    expect(targetInWords({ kind: 'numeric', comparator: '<', value: 1.5, unit: '%' })).toBe('Dưới 1,5%');
    expect(targetInWords({ kind: 'numeric', comparator: '<=', value: 0, unit: 'ổ dịch' })).toBe('Không quá 0 ổ dịch');
    expect(targetInWords({ kind: 'numeric', comparator: 'between', min: 60, max: 70, unit: 'cơ sở' })).toBe('Từ 60 đến 70 cơ sở');
    expect(targetInWords({ kind: 'numeric', comparator: 'top_group', rankingIndex: 'DDCI' })).toBe('Thuộc nhóm dẫn đầu chỉ số DDCI');
    expect(targetInWords({ kind: 'milestone', dueDate: '2021-09-05' })).toBe('Hoàn thành trước ngày 05/09/2021');
  });
});

describe('progress bars', () => {
  it('draws a floor target as the share reached, a ceiling as met or exceeded', () => {
    expect(progressShare({ kind: 'numeric', comparator: '>=', value: 97, latestValue: 94.2 })).toBeCloseTo(0.9711, 3);
    expect(progressShare({ kind: 'numeric', comparator: '>=', value: 6500, latestValue: 7000 })).toBe(1);
    expect(progressShare({ kind: 'numeric', comparator: '<=', value: 0, latestValue: 0 })).toBe(1);
    expect(progressShare({ kind: 'numeric', comparator: '>=', value: 97, latestValue: null })).toBeNull();
    expect(progressShare({ kind: 'milestone', latestState: 'completed' })).toBe(1);
    expect(progressShare({ kind: 'numeric', comparator: 'top_group', latestValue: 3 })).toBeNull();
  });
});

describe('before and after, in words', () => {
  const unitName = (id: string) => ({ 'phong-y-te': 'Phòng Y tế' })[id] ?? id;
  it('says what changed', () => {
    expect(snapshotInWords({ responsibleUnitId: 'phong-y-te' }, unitName)).toBe('Phòng Y tế');
    expect(snapshotInWords({ value: 93.4 }, unitName)).toBe('93,4');
    expect(snapshotInWords({ value: 93.4 }, unitName, '%')).toBe('93,4%');
    expect(snapshotInWords({ comparator: '>', value: 1000, min: null, max: null, dueDate: null }, unitName, 'doanh nghiệp')).toBe('Trên 1.000 doanh nghiệp');
    expect(snapshotInWords({ comparator: '>=', value: 95, min: null, max: null, dueDate: null }, unitName)).toBe('Từ 95 trở lên');
    expect(snapshotInWords({ state: 'completed', narrative: 'Xong', completedOn: '2021-08-30' }, unitName)).toBe('Đã hoàn thành (30/08/2021)');
    expect(snapshotInWords({ queryStatus: 'open' }, unitName)).toBe('Chờ giải trình');
    expect(snapshotInWords(null, unitName)).toBe('—');
  });
});

describe('the chart of reported figures', () => {
  it('orders reports by period and expects a yearly floor pro rata, never a ceiling', async () => {
    const { chartPoints } = await import('../components/TargetChart');
    const floor = { metric: 'new_jobs', comparator: '>=', value: 6000, accumulation: 'cumulative', kind: 'numeric' } as never;
    const reports = [
      { metric: 'new_jobs', period: '2021-Q2', value: 3100 },
      { metric: 'new_jobs', period: '2021-Q1', value: 1500 },
      { metric: 'other', period: '2021-Q1', value: 7 },
    ] as never;
    expect(chartPoints(floor, reports)).toEqual([
      { period: '2021-Q1', value: 1500, expected: 1500 },
      { period: '2021-Q2', value: 3100, expected: 3000 },
    ]);
    const ceiling = { metric: 'community_outbreaks', comparator: '<=', value: 0, accumulation: 'cumulative', kind: 'numeric' } as never;
    expect(chartPoints(ceiling, [{ metric: 'community_outbreaks', period: '2021-Q1', value: 1 }] as never)).toEqual([{ period: '2021-Q1', value: 1, expected: null }]);
  });
});
