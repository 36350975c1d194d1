/** Registering an indicator or task of the resolution. */
import { BusinessRuleError } from '../../../shared/errors';
import { requireAnyRole } from '../authorization';
import type { RegisterIndicator } from '../commands';
import type { IndicatorRegistered } from '../events';
import type { IndicatorState } from '../state';
import { targetProblems } from '../target';

export function decideRegistration(command: RegisterIndicator, state: IndicatorState): IndicatorRegistered[] {
  const { data, context, responsibleUnit, resolution } = command;
  requireAnyRole(context.actor, ['coordinator', 'standing_committee'], 'register indicators');
  if (state.status !== 'unregistered') {
    throw new BusinessRuleError('INDICATOR_ALREADY_REGISTERED', `Indicator ${data.indicatorId} already exists`, {
      indicatorId: data.indicatorId,
    });
  }
  if (!resolution.exists || resolution.year === null) {
    throw new BusinessRuleError('UNKNOWN_RESOLUTION', `Resolution ${resolution.resolutionId} is not registered`);
  }
  if (!responsibleUnit.exists || !responsibleUnit.active) {
    throw new BusinessRuleError(
      responsibleUnit.exists ? 'UNIT_INACTIVE' : 'UNKNOWN_UNIT',
      `Unit ${responsibleUnit.unitId} cannot be made responsible: ${responsibleUnit.exists ? 'it is deactivated' : 'it does not exist'}`,
      { unitId: responsibleUnit.unitId },
    );
  }
  requireNumberMatchesKind(data.kind, data.number);
  requireSupportsOnlyForTasks(data.kind, data.supportsIndicators);
  requireValidTargets(data.targets);
  return [{ type: 'IndicatorRegistered', data: { ...data, year: resolution.year } }];
}

function requireNumberMatchesKind(kind: string, number: number | undefined): void {
  if (kind === 'indicator' && (number === undefined || !Number.isInteger(number) || number < 1)) {
    throw new BusinessRuleError('INDICATOR_NUMBER_REQUIRED', 'A key indicator needs its number in the resolution');
  }
  if (kind === 'task' && number !== undefined) {
    throw new BusinessRuleError('TASK_HAS_NO_NUMBER', 'Only key indicators carry a number; tasks do not');
  }
}

/** A task works towards key indicators; a key indicator is one of them, it supports none. */
function requireSupportsOnlyForTasks(kind: string, supports: readonly string[] | undefined): void {
  if (kind !== 'task' && supports !== undefined && supports.length > 0) {
    throw new BusinessRuleError('ONLY_TASKS_SUPPORT_INDICATORS', 'Only tasks name the key indicators they support', { supportsIndicators: supports });
  }
}

function requireValidTargets(targets: IndicatorRegistered['data']['targets']): void {
  if (targets.length === 0) throw new BusinessRuleError('TARGETS_REQUIRED', 'At least one target is required');
  const metrics = new Set<string>();
  for (const target of targets) {
    if (metrics.has(target.metric)) {
      throw new BusinessRuleError('DUPLICATE_METRIC', `Metric "${target.metric}" appears twice`, { metric: target.metric });
    }
    metrics.add(target.metric);
    const problems = targetProblems(target);
    if (problems.length > 0) {
      throw new BusinessRuleError('INVALID_TARGET', `Target "${target.metric}" is not coherent`, {
        metric: target.metric,
        problems,
      });
    }
  }
}
