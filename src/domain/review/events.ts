/**
 * The review stream (`review-<resolutionId>-<period>`): the standing committee's approval of a
 * quarterly review (sơ kết). The approval freezes what was approved by naming it twice over: the
 * hash of the review's content and the ledger's audit digest at the position the content was
 * computed at, so anyone can later recompute both from the ledger and compare.
 */
import type { Message } from '../../shared/messages';

export type ReviewApproved = Message<
  'ReviewApproved',
  {
    resolutionId: string;
    /** `2021-Q2`, `2021-H1`, `2021`. */
    period: string;
    /** The meeting's decision or minutes (số hiệu văn bản), e.g. '15-BB/TU'. */
    decisionRef: string;
    /** The day the standing committee met (YYYY-MM-DD), when given. */
    meetingDate?: string;
    note?: string;
    /** The content covers every event at or below this global position, and so does the digest. */
    position: number;
    /** SHA-256 (hex) of the RFC 8785 canonical JSON of the review's content as of `position`. */
    contentHash: string;
    /** The audit digest (src/integrity/audit-digest.ts) over every stream head as of `position`. */
    auditDigest: string;
    digestAlgorithm: string;
  }
>;

export type ReviewEvent = ReviewApproved;

export const REVIEW_EVENT_TYPES: readonly ReviewEvent['type'][] = ['ReviewApproved'];

export const REVIEW_STREAM_PREFIX = 'review-';

export const reviewStreamId = (resolutionId: string, period: string): string => `${REVIEW_STREAM_PREFIX}${resolutionId}-${period}`;
