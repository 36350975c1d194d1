/**
 * Which reading a target takes, checked the same way for reports, corrections and corrections made
 * in answer to a query:
 * - a numeric target takes a `value` that suits its measure, and nothing of a milestone's reading;
 * - a milestone target takes a `state` and a `narrative` (required: the state alone tells an
 *   inspector nothing he can check), never a `value`; `completedOn` is given exactly when the state
 *   is `completed`, and is a day of the resolution's year, not after the reported period nor after
 *   the day the report is recorded.
 */
import { BusinessRuleError } from '../../../shared/errors';
import { localDay, parsePeriod, periodLastDay } from '../period';
import { MILESTONE_STATES, type MilestoneReading, type NumericReading, type Reading, type ReadingInput } from '../reading';
import { isIsoDate, isMilestone, valueProblem, type MilestoneTarget, type NumericTarget, type Target } from '../target';
import { requireText } from './common';

/** When the reading is given: for the report's period, in the resolution's year, at the command's moment. */
export interface ReadingMoment {
  period: string;
  year: number;
  now: string;
}

export function acceptReading(target: Target, input: ReadingInput, moment: ReadingMoment): Reading {
  return isMilestone(target) ? acceptMilestoneReading(target, input, moment) : acceptNumericReading(target, input);
}

const MILESTONE_FIELDS = ['state', 'narrative', 'completedOn'] as const;

function acceptNumericReading(target: NumericTarget, input: ReadingInput): NumericReading {
  const fields = MILESTONE_FIELDS.filter((field) => input[field] !== undefined);
  if (fields.length > 0) {
    throw new BusinessRuleError(
      'STATE_ON_NUMERIC_TARGET',
      `"${target.metric}" is a numeric target: report its figure as \`value\`, not a state (${fields.join(', ')})`,
      { metric: target.metric, targetKind: 'numeric', fields },
    );
  }
  if (input.value === undefined) {
    throw new BusinessRuleError('VALUE_REQUIRED', `"${target.metric}" is a numeric target: a value is required`, { metric: target.metric });
  }
  requireSuitableValue(target, input.value);
  return { value: input.value };
}

export function requireSuitableValue(target: NumericTarget, value: number): void {
  const problem = valueProblem(target.measure, value);
  if (problem) {
    throw new BusinessRuleError('VALUE_OUT_OF_RANGE', `${value} does not suit "${target.metric}": ${problem}`, {
      metric: target.metric,
      measure: target.measure,
      unit: target.unit,
      value,
    });
  }
}

function acceptMilestoneReading(target: MilestoneTarget, input: ReadingInput, moment: ReadingMoment): MilestoneReading {
  if (input.value !== undefined) {
    throw new BusinessRuleError(
      'VALUE_ON_MILESTONE_TARGET',
      `"${target.metric}" is a milestone target: report its state and a narrative, not a value`,
      { metric: target.metric, targetKind: 'milestone', fields: ['value'] },
    );
  }
  const { state } = input;
  if (state === undefined || !MILESTONE_STATES.includes(state)) {
    throw new BusinessRuleError('STATE_REQUIRED', `"${target.metric}" is a milestone target: a state (${MILESTONE_STATES.join(', ')}) is required`, {
      metric: target.metric,
      states: MILESTONE_STATES,
    });
  }
  const narrative = requireText(input.narrative, 'NARRATIVE_REQUIRED', 'A narrative of what was done in the period (kết quả thực hiện)');
  if (state !== 'completed') {
    if (input.completedOn !== undefined) {
      throw new BusinessRuleError('COMPLETION_DATE_NOT_ALLOWED', `A completion date belongs to a completed task, not to one "${state}"`, {
        state,
        completedOn: input.completedOn,
      });
    }
    return { state, narrative };
  }
  return { state, narrative, completedOn: acceptCompletionDate(input.completedOn, moment) };
}

function acceptCompletionDate(completedOn: string | undefined, moment: ReadingMoment): string {
  if (completedOn === undefined || !isIsoDate(completedOn)) {
    throw new BusinessRuleError('COMPLETION_DATE_REQUIRED', 'A completed task needs the day it was completed (completedOn, YYYY-MM-DD)', {
      completedOn: completedOn ?? null,
    });
  }
  const periodEnds = periodLastDay(parsePeriod(moment.period));
  const yearStarts = `${moment.year}-01-01`;
  if (completedOn < yearStarts || completedOn > periodEnds) {
    throw new BusinessRuleError(
      'COMPLETION_DATE_OUTSIDE_PERIOD',
      `A task reported completed for ${moment.period} was completed between ${yearStarts} and ${periodEnds}, not on ${completedOn}`,
      { completedOn, period: moment.period, earliest: yearStarts, latest: periodEnds },
    );
  }
  const today = localDay(moment.now);
  if (completedOn > today) {
    throw new BusinessRuleError('COMPLETION_DATE_IN_FUTURE', `The task cannot be reported completed on ${completedOn}, after today (${today})`, {
      completedOn,
      today,
    });
  }
  return completedOn;
}
