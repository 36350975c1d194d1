/**
 * The review decider: the standing committee approves a period's review once, after the period is
 * over, under a decision reference, on a ledger whose chains are intact. What the approval freezes
 * (the content hash, the audit digest, the position both cover) is computed by the handler from the
 * ledger and arrives on the command, like time and ids.
 */
import { BusinessRuleError } from '../../shared/errors';
import type { Actor } from '../../shared/messages';
import { requireAnyRole } from '../indicator/authorization';
import { requireText } from '../indicator/decisions/common';
import { localDay, periodLastDay } from '../indicator/period';
import type { ReviewApproved, ReviewEvent } from './events';
import { isPeriodOver, parseReviewPeriod } from './review-period';

export type ReviewState =
  | { status: 'pending' }
  | { status: 'approved'; decisionRef: string; approvedAt: string | null; position: number };

/** What the approval freezes, as the handler computed it from the ledger. */
export interface ReviewSnapshot {
  position: number;
  contentHash: string;
  auditDigest: string;
  digestAlgorithm: string;
  /** False when some stream's hash chain is already broken at the snapshot: such a ledger is not signed off. */
  chainsValid: boolean;
  brokenStreams: readonly string[];
}

export interface ApproveReviewRequest {
  resolutionId: string;
  period: string;
  decisionRef: string;
  meetingDate?: string;
  note?: string;
}

export interface ApproveReview {
  type: 'ApproveReview';
  data: ApproveReviewRequest & { snapshot: ReviewSnapshot };
  /** `now`: the instant the command is decided at (ISO-8601). */
  context: { actor: Actor; now: string };
}

export const APPROVER_ROLES = ['standing_committee'] as const;

export const initialReviewState = (): ReviewState => ({ status: 'pending' });

export function evolveReview(_state: ReviewState, event: ReviewEvent & { metadata?: { recordedAt: string } }): ReviewState {
  return { status: 'approved', decisionRef: event.data.decisionRef, approvedAt: event.metadata?.recordedAt ?? null, position: event.data.position };
}

/**
 * The checks that need nothing from the ledger, made before the handler computes the snapshot (a
 * scan of the whole ledger): a caller without the role, or a review already approved, costs nothing.
 */
export function checkApproval(request: ApproveReviewRequest, context: ApproveReview['context'], state: ReviewState): void {
  requireAnyRole(context.actor, APPROVER_ROLES, 'approve reviews');
  const period = parseReviewPeriod(request.period);
  if (state.status === 'approved') {
    throw new BusinessRuleError('REVIEW_ALREADY_APPROVED', `The review of ${request.period} was approved under ${state.decisionRef}`, {
      period: request.period,
      decisionRef: state.decisionRef,
      approvedAt: state.approvedAt,
    });
  }
  if (!isPeriodOver(period, new Date(context.now))) {
    throw new BusinessRuleError('REVIEW_PERIOD_NOT_OVER', `${request.period} ends on ${periodLastDay(period)}: its review cannot be approved before then`, {
      period: request.period,
      lastDay: periodLastDay(period),
    });
  }
  requireText(request.decisionRef, 'DECISION_REF_REQUIRED', 'The decision reference of the meeting');
  if (request.meetingDate !== undefined && request.meetingDate > localDay(context.now)) {
    throw new BusinessRuleError('MEETING_DATE_IN_FUTURE', `The meeting date ${request.meetingDate} lies in the future`, { meetingDate: request.meetingDate });
  }
}

export function decideReview(command: ApproveReview, state: ReviewState): ReviewEvent[] {
  const { snapshot, ...request } = command.data;
  checkApproval(request, command.context, state);
  if (!snapshot.chainsValid) {
    throw new BusinessRuleError('LEDGER_CHAIN_BROKEN', 'Some streams no longer hash-chain: a review cannot be approved over a damaged ledger', {
      brokenStreams: snapshot.brokenStreams,
    });
  }
  const data: ReviewApproved['data'] = {
    resolutionId: request.resolutionId,
    period: request.period,
    decisionRef: request.decisionRef.trim(),
    ...(request.meetingDate !== undefined ? { meetingDate: request.meetingDate } : {}),
    ...(request.note !== undefined && request.note.trim() !== '' ? { note: request.note.trim() } : {}),
    position: snapshot.position,
    contentHash: snapshot.contentHash,
    auditDigest: snapshot.auditDigest,
    digestAlgorithm: snapshot.digestAlgorithm,
  };
  return [{ type: 'ReviewApproved', data }];
}
