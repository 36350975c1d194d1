/**
 * The indicator decider: `decide(command, state) → events`, pure. Together with
 * `initialIndicatorState` and `evolveIndicator` (state.ts) it is the whole write-side model.
 */
import type { IndicatorCommand } from './commands';
import { decideRegistration } from './decisions/registration';
import { decideCorrection, decideReport } from './decisions/reporting';
import { decideAssessment, decideReassignment, decideRevision } from './decisions/governance';
import { decideAnswerQuery, decideCloseQuery, decideRaiseQuery } from './decisions/inspection';
import type { IndicatorEvent } from './events';
import type { IndicatorState } from './state';
import { assertNever } from './target';

export function decideIndicator(command: IndicatorCommand, state: IndicatorState): IndicatorEvent[] {
  switch (command.type) {
    case 'RegisterIndicator':
      return decideRegistration(command, state);
    case 'ReportProgress':
      return decideReport(command, state);
    case 'CorrectProgressReport':
      return decideCorrection(command, state);
    case 'ReassignResponsibility':
      return decideReassignment(command, state);
    case 'ReviseTarget':
      return decideRevision(command, state);
    case 'AssessIndicator':
      return decideAssessment(command, state);
    case 'RaiseReportQuery':
      return decideRaiseQuery(command, state);
    case 'AnswerReportQuery':
      return decideAnswerQuery(command, state);
    case 'CloseReportQuery':
      return decideCloseQuery(command, state);
    default:
      return assertNever(command);
  }
}
