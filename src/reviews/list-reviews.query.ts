/** `GET /reviews`: every reviewable period of each registered resolution, with its approval state. */
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { parsePeriod, periodLastDay } from '../domain/indicator/period';
import { isPeriodOver, periodFirstDay, previousQuarter, reviewablePeriods } from '../domain/review/review-period';
import type { EventStore } from '../event-store/event-store.port';
import { EVENT_STORE } from '../infrastructure/tokens';
import { Clock } from '../shared/clock';
import { approvalView, readApproval, type ApprovalView } from './approvals';
import type { ReviewStage } from './get-review.query';
import { ReviewResolutions } from './review-resolution';

export interface ReviewListItem {
  resolutionId: string;
  period: string;
  periodStart: string;
  periodEnd: string;
  previousPeriod: string | null;
  /** Whether the period's last day has passed: only then can it be approved. */
  periodOver: boolean;
  state: ReviewStage;
  approval: ApprovalView | null;
}

export class ListReviewsQuery extends Query<{ items: ReviewListItem[]; total: number }> {}

@QueryHandler(ListReviewsQuery)
export class ListReviewsHandler implements IQueryHandler<ListReviewsQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly resolutions: ReviewResolutions,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<{ items: ReviewListItem[]; total: number }> {
    const now = this.clock.now();
    const items: ReviewListItem[] = [];
    for (const { resolutionId, year } of await this.resolutions.all()) {
      for (const id of reviewablePeriods(year)) {
        const period = parsePeriod(id);
        const { approval } = await readApproval(this.eventStore, resolutionId, id);
        items.push({
          resolutionId,
          period: id,
          periodStart: periodFirstDay(period),
          periodEnd: periodLastDay(period),
          previousPeriod: previousQuarter(period)?.id ?? null,
          periodOver: isPeriodOver(period, now),
          state: approval ? 'approved' : 'draft',
          approval: approval ? approvalView(approval) : null,
        });
      }
    }
    return { items, total: items.length };
  }
}
