/** The change rule between two reviews' standings (src/domain/review/change.ts). */
import { changeBetween, type ChangeGoal, type Standing } from '../../../src/domain/review/change';

const atLeast: ChangeGoal = { comparator: '>=', value: 450, min: null, max: null };
const below: ChangeGoal = { comparator: '<', value: 1, min: null, max: null };
const range: ChangeGoal = { comparator: 'between', value: null, min: 60, max: 70 };
const milestone: ChangeGoal = { comparator: null, value: null, min: null, max: null };
const figure = (status: Standing['status'], value: number): Standing => ({ status, value, state: null });
const state = (status: Standing['status'], s: NonNullable<Standing['state']>): Standing => ({ status, value: null, state: s });
const none: Standing = { status: 'no_data', value: null, state: null };

describe('the change since the previous review', () => {
  it('is unchanged with no reading at either end, new with a first reading', () => {
    expect(changeBetween(atLeast, none, none)).toBe('unchanged');
    expect(changeBetween(atLeast, none, figure('at_risk', 10))).toBe('new');
  });

  it('follows the status first', () => {
    expect(changeBetween(atLeast, figure('at_risk', 300), figure('on_track', 250))).toBe('improved');
    expect(changeBetween(atLeast, figure('on_track', 100), figure('at_risk', 200))).toBe('worsened');
  });

  it('with the same status, follows the figure in the target’s direction', () => {
    expect(changeBetween(atLeast, figure('at_risk', 100), figure('at_risk', 120))).toBe('improved');
    expect(changeBetween(atLeast, figure('at_risk', 100), figure('at_risk', 100))).toBe('unchanged');
    expect(changeBetween(below, figure('on_track', 0.8), figure('on_track', 0.6))).toBe('improved');
    expect(changeBetween(below, figure('on_track', 0.6), figure('on_track', 0.8))).toBe('worsened');
    expect(changeBetween(range, figure('at_risk', 50), figure('at_risk', 55))).toBe('improved');
    expect(changeBetween(range, figure('on_track', 62), figure('on_track', 68))).toBe('unchanged');
  });

  it('moves a qualitative task along its states; a narrative alone changes nothing', () => {
    expect(changeBetween(milestone, state('at_risk', 'not_started'), state('on_track', 'in_progress'))).toBe('improved');
    expect(changeBetween(milestone, state('on_track', 'in_progress'), state('on_track', 'in_progress'))).toBe('unchanged');
    expect(changeBetween(milestone, state('on_track', 'in_progress'), state('not_achieved', 'not_completed'))).toBe('worsened');
    expect(changeBetween(milestone, state('not_achieved', 'in_progress'), state('not_achieved', 'not_completed'))).toBe('worsened');
  });
});
