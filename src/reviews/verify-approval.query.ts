/**
 * `GET /reviews/{period}/approval/verify`: checks an approved review against the ledger as it is
 * today. Three independent checks, each named when it fails:
 * - `CONTENT_HASH_MISMATCH`: the content recomputed from the events at or below the approval's
 *   position no longer hashes to what the approval recorded (an event it was computed from changed);
 * - `CHAIN_BROKEN` / `DIGEST_MISMATCH`: the audit digest at that position, exactly as
 *   `GET /audit/digest/verify` checks it (a stream no longer hash-chains; or every chain holds but
 *   the heads differ: a stream cut short, removed or re-hashed);
 * - `APPROVAL_EVENT_ALTERED`: the approval event itself no longer seals into its stream's chain
 *   (its recorded hashes or decision were edited).
 */
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { parseReviewPeriod } from '../domain/review/review-period';
import type { EventStore } from '../event-store/event-store.port';
import { brokenStreamsOf, type BrokenStream } from '../audit/digest/audit-digest.queries';
import { DIGEST_ALGORITHM } from '../integrity/audit-digest';
import type { ChainBreakReason } from '../integrity/chain-verification';
import { scanLedger, verifyChainInSlices } from '../integrity/ledger-scan';
import { EVENT_STORE } from '../infrastructure/tokens';
import { Clock } from '../shared/clock';
import { NotFoundError } from '../shared/errors';
import { approvalView, readApproval, type ApprovalView } from './approvals';
import { buildReviewContent } from './content/build-review';
import { contentHashOf, readLedger } from './content/review-ledger';
import { ReviewResolutions } from './review-resolution';

export type ReviewVerificationReason = 'CONTENT_HASH_MISMATCH' | 'CHAIN_BROKEN' | 'DIGEST_MISMATCH' | 'APPROVAL_EVENT_ALTERED';

export interface ReviewVerification {
  period: string;
  resolutionId: string;
  valid: boolean;
  /** Every check that failed, in the order above; empty when valid. */
  failures: Array<{ reason: ReviewVerificationReason; explanation: string }>;
  approval: ApprovalView;
  content: { recordedHash: string; recomputedHash: string; matches: boolean };
  auditDigest: {
    position: number;
    recorded: string;
    recomputed: string;
    matches: boolean;
    algorithm: string;
    chainsValid: boolean;
    brokenStreams: BrokenStream[];
    storeHeadPosition: number;
  };
  approvalEvent: { streamId: string; valid: boolean; firstBrokenRevision: number | null; reason: ChainBreakReason | null; explanation: string | null };
  computedAt: string;
}

export class VerifyReviewApprovalQuery extends Query<ReviewVerification> {
  constructor(readonly period: string) {
    super();
  }
}

@QueryHandler(VerifyReviewApprovalQuery)
export class VerifyReviewApprovalHandler implements IQueryHandler<VerifyReviewApprovalQuery, ReviewVerification> {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly resolutions: ReviewResolutions,
    private readonly clock: Clock,
  ) {}

  async execute(query: VerifyReviewApprovalQuery): Promise<ReviewVerification> {
    const period = parseReviewPeriod(query.period);
    const resolutionId = await this.resolutions.of(period);
    const { events, approval } = await readApproval(this.eventStore, resolutionId, period.id);
    if (!approval) throw new NotFoundError('REVIEW_NOT_APPROVED', `The review of ${period.id} has not been approved: there is nothing to verify`, { period: period.id });
    const { position, contentHash, auditDigest } = approval.data;
    const recomputedHash = contentHashOf(await buildReviewContent(await readLedger(this.eventStore, position), period.id));
    const scan = await scanLedger(this.eventStore, position);
    const brokenStreams = brokenStreamsOf(scan);
    const chain = await verifyChainInSlices(approval.streamId, events);
    const failures: ReviewVerification['failures'] = [];
    if (recomputedHash !== contentHash) {
      failures.push({ reason: 'CONTENT_HASH_MISMATCH', explanation: `The review recomputed from the events at or below position ${position} differs from the one approved: an event it was computed from was changed or removed.` });
    }
    if (brokenStreams.length > 0) {
      failures.push({ reason: 'CHAIN_BROKEN', explanation: `These streams no longer hash-chain: ${brokenStreams.map((s) => `${s.streamId} (revision ${s.firstBrokenRevision}: ${s.reason})`).join(', ')}.` });
    }
    if (scan.digest !== auditDigest) {
      failures.push({ reason: 'DIGEST_MISMATCH', explanation: `The audit digest at position ${position} is not the one recorded at the approval: a stream was edited, cut short, removed or re-hashed.` });
    }
    if (chain.firstBreak) {
      failures.push({ reason: 'APPROVAL_EVENT_ALTERED', explanation: `The approval's own stream ${approval.streamId} breaks at revision ${chain.firstBreak.revision}: ${chain.firstBreak.explanation}.` });
    }
    return {
      period: period.id,
      resolutionId,
      valid: failures.length === 0,
      failures,
      approval: approvalView(approval),
      content: { recordedHash: contentHash, recomputedHash, matches: recomputedHash === contentHash },
      auditDigest: {
        position,
        recorded: auditDigest,
        recomputed: scan.digest,
        matches: scan.digest === auditDigest,
        algorithm: DIGEST_ALGORITHM,
        chainsValid: brokenStreams.length === 0,
        brokenStreams,
        storeHeadPosition: scan.storeHeadPosition,
      },
      approvalEvent: {
        streamId: approval.streamId,
        valid: chain.firstBreak === null,
        firstBrokenRevision: chain.firstBreak?.revision ?? null,
        reason: chain.firstBreak?.reason ?? null,
        explanation: chain.firstBreak?.explanation ?? null,
      },
      computedAt: this.clock.now().toISOString(),
    };
  }
}
