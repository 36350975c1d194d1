/** The questions the API asks of the `indicator_history` read model: one indicator's timeline. */
import type { IndicatorHistoryEntry } from '../../../projections/indicator-history';
import type { Page, TimelineBounds } from '../../audit/timeline/timeline-filter';
import type { SortOrder } from '../../audit/timeline/timeline-query.dto';
import type { ListPage } from '../paging';

export abstract class IndicatorHistoryReadModel {
  /** A page of the indicator's entries that pass the filters, by revision in `page.order`, and how many pass. */
  abstract page(indicatorId: string, bounds: TimelineBounds, page: Page): Promise<ListPage<IndicatorHistoryEntry>>;
  /** Every entry that passes the filters, by revision (exports). */
  abstract all(indicatorId: string, bounds: TimelineBounds, order: SortOrder): Promise<IndicatorHistoryEntry[]>;
  /** Whether the indicator has any history at all: an indicator without one does not exist. */
  abstract exists(indicatorId: string): Promise<boolean>;
}
