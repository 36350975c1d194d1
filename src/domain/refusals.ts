/**
 * Every refusal a command's decider can give, by command and by kind of error. The API document
 * declares them on the command's route (src/http/openapi-errors.ts), so a client generated from it
 * knows each code it must handle; the deciders' given/when/then tests check that every refusal they
 * provoke is listed here (test/support/decider-spec.ts), so a rule added to a decider without its
 * code here fails them.
 */
import type { IndicatorCommand } from './indicator/commands';
import type { RegisterResolution } from './resolution/decider';
import type { ApproveReview } from './review/decider';
import type { UnitCommand } from './unit/decider';

export type CommandType = IndicatorCommand['type'] | UnitCommand['type'] | RegisterResolution['type'] | ApproveReview['type'];

/** The kinds of refusal, as the typed errors of src/shared/errors.ts say them. */
export interface Refusals {
  /** ForbiddenError: the caller can never do this. */
  forbidden?: readonly string[];
  /** NotFoundError: something the command names does not exist. */
  notFound?: readonly string[];
  /** BusinessRuleError: a rule of the domain refused the command. */
  businessRule?: readonly string[];
  /** InvalidInputError: input the request's validation lets through only by mistake (a period it cannot read). */
  invalidInput?: readonly string[];
}

const ROLE = ['ROLE_NOT_ALLOWED'] as const;
const EVIDENCE = ['INVALID_EVIDENCE', 'TOO_MANY_EVIDENCE_ITEMS', 'EVIDENCE_ISSUED_IN_FUTURE', 'DUPLICATE_EVIDENCE'] as const;
/** What a reading must be for its target's kind (reading-rules.ts): reports, corrections, answers that correct. */
const READING = [
  'VALUE_ON_MILESTONE_TARGET',
  'STATE_ON_NUMERIC_TARGET',
  'VALUE_REQUIRED',
  'VALUE_OUT_OF_RANGE',
  'STATE_REQUIRED',
  'NARRATIVE_REQUIRED',
  'COMPLETION_DATE_REQUIRED',
  'COMPLETION_DATE_NOT_ALLOWED',
  'COMPLETION_DATE_OUTSIDE_PERIOD',
  'COMPLETION_DATE_IN_FUTURE',
] as const;
const CORRECTION = ['REASON_REQUIRED', 'UNKNOWN_METRIC', 'CORRECTION_CHANGES_NOTHING', ...READING] as const;

export const COMMAND_REFUSALS: Readonly<Record<CommandType, Refusals>> = {
  RegisterIndicator: {
    forbidden: ROLE,
    businessRule: [
      'INDICATOR_ALREADY_REGISTERED',
      'UNKNOWN_RESOLUTION',
      'UNKNOWN_UNIT',
      'UNIT_INACTIVE',
      'INDICATOR_NUMBER_REQUIRED',
      'TASK_HAS_NO_NUMBER',
      'ONLY_TASKS_SUPPORT_INDICATORS',
      'TARGETS_REQUIRED',
      'DUPLICATE_METRIC',
      'INVALID_TARGET',
    ],
  },
  ReportProgress: {
    invalidInput: ['INVALID_PERIOD'],
    forbidden: ROLE,
    notFound: ['INDICATOR_NOT_FOUND'],
    businessRule: ['INDICATOR_CLOSED', 'NOT_RESPONSIBLE_UNIT', 'UNKNOWN_METRIC', 'PERIOD_OUTSIDE_YEAR', 'PERIOD_IN_FUTURE', 'DUPLICATE_REPORT', 'DUPLICATE_REPORT_ID', ...READING, ...EVIDENCE],
  },
  CorrectProgressReport: {
    forbidden: ROLE,
    notFound: ['INDICATOR_NOT_FOUND', 'REPORT_NOT_FOUND'],
    businessRule: ['INDICATOR_CLOSED', 'NOT_RESPONSIBLE_UNIT', ...CORRECTION, ...EVIDENCE],
  },
  ReassignResponsibility: {
    forbidden: ROLE,
    notFound: ['INDICATOR_NOT_FOUND'],
    businessRule: ['INDICATOR_CLOSED', 'REASON_REQUIRED', 'DECISION_REF_REQUIRED', 'UNKNOWN_UNIT', 'UNIT_INACTIVE', 'SAME_UNIT'],
  },
  ReviseTarget: {
    forbidden: ROLE,
    notFound: ['INDICATOR_NOT_FOUND'],
    businessRule: ['INDICATOR_CLOSED', 'REASON_REQUIRED', 'DECISION_REF_REQUIRED', 'UNKNOWN_METRIC', 'INVALID_TARGET', 'REVISION_CHANGES_NOTHING'],
  },
  AssessIndicator: {
    forbidden: ROLE,
    notFound: ['INDICATOR_NOT_FOUND'],
    businessRule: ['INDICATOR_CLOSED', 'CONCLUSION_REQUIRED', 'DECISION_REF_REQUIRED'],
  },
  RaiseReportQuery: {
    forbidden: ROLE,
    notFound: ['INDICATOR_NOT_FOUND', 'REPORT_NOT_FOUND'],
    businessRule: ['QUESTION_REQUIRED', 'DUPLICATE_QUERY_ID'],
  },
  AnswerReportQuery: {
    forbidden: ROLE,
    notFound: ['INDICATOR_NOT_FOUND', 'QUERY_NOT_FOUND', 'REPORT_NOT_FOUND'],
    businessRule: ['QUERY_CLOSED', 'NOT_RESPONSIBLE_UNIT', 'ANSWER_REQUIRED', 'INDICATOR_CLOSED', ...CORRECTION, ...EVIDENCE],
  },
  CloseReportQuery: {
    forbidden: ROLE,
    notFound: ['INDICATOR_NOT_FOUND', 'QUERY_NOT_FOUND', 'REPORT_NOT_FOUND'],
    businessRule: ['QUERY_CLOSED', 'QUERY_NOT_ANSWERED', 'CONCLUSION_REQUIRED'],
  },
  RegisterUnit: { forbidden: ROLE, businessRule: ['UNIT_ALREADY_REGISTERED', 'NAME_REQUIRED'] },
  RenameUnit: { forbidden: ROLE, notFound: ['UNIT_NOT_FOUND'], businessRule: ['UNIT_INACTIVE', 'NAME_REQUIRED', 'REASON_REQUIRED', 'NAME_UNCHANGED'] },
  DeactivateUnit: { forbidden: ROLE, notFound: ['UNIT_NOT_FOUND'], businessRule: ['UNIT_INACTIVE', 'REASON_REQUIRED', 'DECISION_REF_REQUIRED'] },
  RegisterResolution: { forbidden: ROLE, businessRule: ['RESOLUTION_ALREADY_REGISTERED', 'INVALID_YEAR'] },
  ApproveReview: {
    forbidden: ROLE,
    invalidInput: ['INVALID_REVIEW_PERIOD'],
    notFound: ['RESOLUTION_NOT_FOUND'],
    businessRule: ['REVIEW_ALREADY_APPROVED', 'REVIEW_PERIOD_NOT_OVER', 'DECISION_REF_REQUIRED', 'MEETING_DATE_IN_FUTURE', 'LEDGER_CHAIN_BROKEN'],
  },
};
