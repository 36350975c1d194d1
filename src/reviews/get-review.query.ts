/**
 * `GET /reviews/{period}`: the review as known at a cut-off. Computed at query time from the
 * ledger (docs/reviews.md says why): a draft is the review of the events known at `asOf`; an
 * approved review (approved at or before `asOf`) is the content as approved — recomputed from the
 * events at or below the approval's position — with what was recorded since beside it.
 */
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { isPeriodOver, parseReviewPeriod } from '../domain/review/review-period';
import type { EventStore } from '../event-store/event-store.port';
import { EVENT_STORE } from '../infrastructure/tokens';
import { Clock } from '../shared/clock';
import { approvalView, readApproval, type ApprovalView } from './approvals';
import { buildReviewContent } from './content/build-review';
import { changesSinceApproval, type ChangesSinceApproval } from './content/changes-since-approval';
import type { ReviewContent } from './content/review-content.types';
import { contentHashOf, knownAt, readLedger } from './content/review-ledger';
import { ReviewResolutions } from './review-resolution';

export type ReviewStage = 'draft' | 'approved';

export interface ReviewView {
  period: string;
  asOf: string;
  /** `approved` when an approval was recorded at or before `asOf`. */
  state: ReviewStage;
  periodOver: boolean;
  /** SHA-256 of the canonical JSON of `content`. */
  contentHash: string;
  content: ReviewContent;
  approval: ApprovalView | null;
  changedSinceApproval: ChangesSinceApproval | null;
}

export class GetReviewQuery extends Query<ReviewView> {
  constructor(
    readonly period: string,
    readonly asOf: Date | null,
  ) {
    super();
  }
}

@QueryHandler(GetReviewQuery)
export class GetReviewHandler implements IQueryHandler<GetReviewQuery, ReviewView> {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly resolutions: ReviewResolutions,
    private readonly clock: Clock,
  ) {}

  async execute(query: GetReviewQuery): Promise<ReviewView> {
    const period = parseReviewPeriod(query.period);
    const asOf = query.asOf ?? this.clock.now();
    const resolutionId = await this.resolutions.of(period);
    // The approval first: the ledger read after it reaches past the approval's position.
    const { approval } = await readApproval(this.eventStore, resolutionId, period.id, asOf);
    const ledger = await readLedger(this.eventStore);
    const known = knownAt(ledger, { kind: 'asOf', asOf });
    const current = await buildReviewContent(known, period.id);
    const currentHash = contentHashOf(current);
    const frame = { period: period.id, asOf: asOf.toISOString(), periodOver: isPeriodOver(period, asOf) };
    if (!approval) return { ...frame, state: 'draft', contentHash: currentHash, content: current, approval: null, changedSinceApproval: null };
    const approved = await buildReviewContent(knownAt(ledger, { kind: 'position', position: approval.data.position }), period.id);
    const approvedHash = contentHashOf(approved);
    const after = known.filter((event) => event.position > approval.data.position);
    return {
      ...frame,
      state: 'approved',
      contentHash: approvedHash,
      content: approved,
      approval: approvalView(approval),
      changedSinceApproval: changesSinceApproval(approved, current, { approved: approvedHash, current: currentHash }, after),
    };
  }
}
