/** Decisions of the leadership: reassigning responsibility, revising targets, the final assessment. */
import { BusinessRuleError } from '../../../shared/errors';
import { requireAnyRole } from '../authorization';
import type { AssessIndicator, ReassignResponsibility, ReviseTarget } from '../commands';
import type { AssessedTarget, IndicatorAssessed, ResponsibilityReassigned, TargetRevised } from '../events';
import { latestFigure } from '../latest-figures';
import type { IndicatorState } from '../state';
import { targetStatus } from '../status';
import { changeProblems, isMilestone, reviseTarget, sameGoal, targetProblems } from '../target';
import { requireOpen, requireTarget, requireText } from './common';

export function decideReassignment(command: ReassignResponsibility, state: IndicatorState): ResponsibilityReassigned[] {
  const { data, context, toUnit } = command;
  const indicator = requireOpen(state, data.indicatorId);
  requireAnyRole(context.actor, ['coordinator', 'standing_committee'], 'reassign responsibility');
  const reason = requireText(data.reason, 'REASON_REQUIRED', 'A reason for the reassignment');
  const decisionRef = requireText(data.decisionRef, 'DECISION_REF_REQUIRED', 'The decision reference (số hiệu văn bản)');
  if (!toUnit.exists) {
    throw new BusinessRuleError('UNKNOWN_UNIT', `Unit ${data.toUnitId} does not exist`, { unitId: data.toUnitId });
  }
  if (!toUnit.active) {
    throw new BusinessRuleError('UNIT_INACTIVE', `Unit ${data.toUnitId} is deactivated`, { unitId: data.toUnitId });
  }
  if (data.toUnitId === indicator.responsibleUnitId) {
    throw new BusinessRuleError('SAME_UNIT', `Unit ${data.toUnitId} is already responsible`, { unitId: data.toUnitId });
  }
  return [
    {
      type: 'ResponsibilityReassigned',
      data: { indicatorId: data.indicatorId, fromUnitId: indicator.responsibleUnitId, toUnitId: data.toUnitId, reason, decisionRef },
    },
  ];
}

export function decideRevision(command: ReviseTarget, state: IndicatorState): TargetRevised[] {
  const { data, context } = command;
  const indicator = requireOpen(state, data.indicatorId);
  requireAnyRole(context.actor, ['standing_committee'], 'revise targets');
  const reason = requireText(data.reason, 'REASON_REQUIRED', 'A reason for the revision');
  const decisionRef = requireText(data.decisionRef, 'DECISION_REF_REQUIRED', 'The decision reference (số hiệu văn bản)');
  const before = requireTarget(indicator, data.metric);
  const after = reviseTarget(before, data.change);
  const problems = [...changeProblems(before, data.change), ...targetProblems(after)];
  if (problems.length > 0) {
    throw new BusinessRuleError('INVALID_TARGET', `The revised target "${data.metric}" is not coherent`, { problems });
  }
  if (sameGoal(before, after)) {
    throw new BusinessRuleError('REVISION_CHANGES_NOTHING', `The revision leaves "${data.metric}" as it is`);
  }
  return [{ type: 'TargetRevised', data: { indicatorId: data.indicatorId, metric: data.metric, before, after, reason, decisionRef } }];
}

export function decideAssessment(command: AssessIndicator, state: IndicatorState): IndicatorAssessed[] {
  const { data, context } = command;
  const indicator = requireOpen(state, data.indicatorId);
  requireAnyRole(context.actor, ['standing_committee'], 'assess indicators');
  const conclusion = requireText(data.conclusion, 'CONCLUSION_REQUIRED', 'The assessment conclusion');
  const decisionRef = requireText(data.decisionRef, 'DECISION_REF_REQUIRED', 'The decision reference (số hiệu văn bản)');
  const targets = indicator.targets.map((target): AssessedTarget => {
    const latest = latestFigure(indicator.reports, target.metric);
    const status = targetStatus(target, latest);
    if (!isMilestone(target)) return { metric: target.metric, latestValue: latest?.value ?? null, status };
    return { metric: target.metric, latestValue: null, latestState: latest?.state ?? null, status };
  });
  return [
    { type: 'IndicatorAssessed', data: { indicatorId: data.indicatorId, outcome: data.outcome, targets, conclusion, decisionRef } },
  ];
}
