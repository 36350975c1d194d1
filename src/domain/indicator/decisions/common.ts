/** Checks shared by several indicator decisions. */
import { BusinessRuleError, NotFoundError } from '../../../shared/errors';
import type { IndicatorState, RegisteredIndicator } from '../state';
import type { Target } from '../target';

export function requireRegistered(state: IndicatorState, indicatorId: string): RegisteredIndicator {
  if (state.status === 'unregistered') {
    throw new NotFoundError('INDICATOR_NOT_FOUND', `Indicator ${indicatorId} does not exist`, { indicatorId });
  }
  return state;
}

/** After the final assessment the record is closed: only an inspector's queries may follow. */
export function requireOpen(state: IndicatorState, indicatorId: string): RegisteredIndicator {
  const indicator = requireRegistered(state, indicatorId);
  if (indicator.status === 'closed') {
    throw new BusinessRuleError('INDICATOR_CLOSED', `Indicator ${indicatorId} has been assessed and is closed`, {
      indicatorId,
    });
  }
  return indicator;
}

export function requireTarget(indicator: RegisteredIndicator, metric: string): Target {
  const target = indicator.targets.find((t) => t.metric === metric);
  if (!target) {
    throw new BusinessRuleError('UNKNOWN_METRIC', `Indicator ${indicator.indicatorId} has no target "${metric}"`, {
      metric,
      metrics: indicator.targets.map((t) => t.metric),
    });
  }
  return target;
}

/** A reason or decision reference must say something: blank text is refused, not stored. */
export function requireText(value: string | undefined, code: string, what: string): string {
  const text = value?.trim() ?? '';
  if (!text) throw new BusinessRuleError(code, `${what} is required`);
  return text;
}
