/**
 * The review content as a pure function of the ledger's events: standings at the period's end, the
 * change since the previous quarter, the period's activity, the missing reports and the totals.
 */
import type { LedgerEvent } from '../../../src/domain/events';
import { buildReviewContent } from '../../../src/reviews/content/build-review';
import { contentHashOf } from '../../../src/reviews/content/review-ledger';
import { history } from '../../support/events';
import { IND, corrected, reassigned, registered, registeredTask, reported, reportedState } from '../../projections/indicator-events';

const resolution: LedgerEvent = {
  type: 'ResolutionRegistered',
  data: { resolutionId: 'hl-2021', title: 'Nghị quyết', issuingBody: 'BCH Đảng bộ TP', year: 2021, parentResolution: '02-NQ/TU', theme: 'Chủ đề' },
};
const unit = (unitId: string, name: string): LedgerEvent => ({ type: 'UnitRegistered', data: { unitId, name, namedInResolution: true } });
const TASK = 'task-school';
const task = (): LedgerEvent => ({ ...registeredTask(), data: { ...registeredTask().data, indicatorId: TASK } }) as LedgerEvent;

/** Each event recorded a day after the one before, from 1 April 2021. */
const ledger = (events: LedgerEvent[]) => history(events, 1, (i) => new Date(Date.UTC(2021, 3, 1) + i * 86_400_000).toISOString());

const base = (): LedgerEvent[] => [resolution, unit('ban-to-chuc-thanh-uy', 'Ban Tổ chức Thành ủy'), registered(), task()];

describe('the review content', () => {
  it('shows each target as of the period end: a Q3 figure never reaches the Q2 review', async () => {
    const events = ledger([
      ...base(),
      reported('r1', 'new_members', '2021-Q1', 100),
      reported('r2', 'new_members', '2021-Q2', 240),
      reported('r3', 'new_members', '2021-Q3', 300),
      corrected('r3', 'new_members', '2021-Q3', 300, 310),
    ]);
    const q2 = await buildReviewContent(events, '2021-Q2');
    const line = q2.items.find((item) => item.indicatorId === IND)!.targets.find((t) => t.metric === 'new_members')!;
    expect(line).toMatchObject({ latestValue: 240, latestPeriod: '2021-Q2', status: 'on_track', reportedForPeriod: true });
    expect(line.previous).toMatchObject({ latestValue: 100, latestPeriod: '2021-Q1' });
    expect(JSON.stringify(q2)).not.toMatch(/r3|2021-Q3/);
    const q3 = await buildReviewContent(events, '2021-Q3');
    expect(q3.items.find((item) => item.indicatorId === IND)!.targets[0]).toMatchObject({ latestValue: 310, previous: { latestValue: 240 } });
  });

  it('judges the change: a figure that moves towards the target improved, first readings are new, Q1 has no previous', async () => {
    const events = ledger([...base(), reported('r1', 'new_members', '2021-Q1', 100), reported('r2', 'new_members', '2021-Q2', 90), reported('s1', 'excellent_share', '2021-Q2', 25)]);
    const q2 = await buildReviewContent(events, '2021-Q2');
    const [members, share] = q2.items.find((item) => item.indicatorId === IND)!.targets;
    // 100 of 450 is at risk at Q1 (112.5 expected by then); 90 at Q2 is still at risk, and further from the target.
    expect(members.change).toBe('worsened');
    expect(share.change).toBe('new');
    expect(q2.totals.byChange).toMatchObject({ worsened: 1, new: 1, unchanged: 1 });
    const q1 = await buildReviewContent(events, '2021-Q1');
    expect(q1.previousPeriod).toBeNull();
    expect(q1.items.every((item) => item.targets.every((t) => t.change === null && t.previous === null))).toBe(true);
  });

  it('shows qualitative tasks with their state, and their move along the states', async () => {
    const events = ledger([
      ...base(),
      reportedState('t1', '2021-Q1', { state: 'not_started', narrative: 'Chuẩn bị mặt bằng' }, { indicatorId: TASK }),
      reportedState('t2', '2021-Q2', { state: 'in_progress', narrative: 'Đang thi công phần thô' }, { indicatorId: TASK }),
    ]);
    const line = (await buildReviewContent(events, '2021-Q2')).items.find((item) => item.indicatorId === TASK)!.targets[0];
    expect(line).toMatchObject({ kind: 'milestone', latestState: 'in_progress', status: 'on_track', change: 'improved', previous: { latestState: 'not_started', status: 'at_risk' } });
  });

  it('lists what was recorded for and during the period, and who has not reported, by unit', async () => {
    const events = ledger([
      ...base(),
      unit('phong-noi-vu', 'Phòng Nội vụ'),
      reported('r1', 'new_members', '2021-Q1', 100),
      reported('r2', 'new_members', '2021-Q2', 240),
      reported('r3', 'new_members', '2021-Q3', 300),
      reassigned('ban-to-chuc-thanh-uy', 'phong-noi-vu'),
    ]);
    const q2 = await buildReviewContent(events, '2021-Q2');
    // Recorded in April: every event here (day by day from 1 April), except the Q3 report, which belongs to a later review.
    expect(q2.recorded.entries.map((e) => e.type)).toEqual(['ProgressReported', 'ProgressReported', 'ResponsibilityReassigned']);
    expect(q2.recorded.counts).toMatchObject({ reports: 2, reassignments: 1, corrections: 0 });
    // Under the unit responsible at the cut-off: indicator 3 was reassigned, the task was not.
    expect(q2.missingReports).toEqual([
      { unitId: 'ban-to-chuc-thanh-uy', unitName: 'Ban Tổ chức Thành ủy', items: [expect.objectContaining({ indicatorId: TASK, kind: 'task', metrics: ['completion'] })] },
      { unitId: 'phong-noi-vu', unitName: 'Phòng Nội vụ', items: [expect.objectContaining({ indicatorId: IND, number: 3, metrics: ['excellent_share'] })] },
    ]);
    expect(q2.totals).toMatchObject({ indicators: 1, tasks: 1, targets: 3, byStatus: { on_track: 1, no_data: 2 } });
  });

  it('is a function of its events: the same events give the same content and hash; one more event changes the hash', async () => {
    const events = ledger([...base(), reported('r1', 'new_members', '2021-Q1', 100)]);
    expect(contentHashOf(await buildReviewContent(events, '2021-Q1'))).toBe(contentHashOf(await buildReviewContent([...events], '2021-Q1')));
    const more = ledger([...base(), reported('r1', 'new_members', '2021-Q1', 100), corrected('r1', 'new_members', '2021-Q1', 100, 120)]);
    expect(contentHashOf(await buildReviewContent(more, '2021-Q1'))).not.toBe(contentHashOf(await buildReviewContent(events, '2021-Q1')));
  });

  it('refuses a period that cannot be reviewed, and a year with no resolution', async () => {
    await expect(buildReviewContent(ledger(base()), '2021-05')).rejects.toThrow(expect.objectContaining({ code: 'INVALID_REVIEW_PERIOD' }));
    await expect(buildReviewContent(ledger(base()), '2021-H2')).rejects.toThrow(expect.objectContaining({ code: 'INVALID_REVIEW_PERIOD' }));
    await expect(buildReviewContent(ledger(base()), '2022-Q1')).rejects.toThrow(expect.objectContaining({ code: 'RESOLUTION_NOT_FOUND' }));
  });
});
