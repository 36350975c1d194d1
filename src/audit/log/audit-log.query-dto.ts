import { AUDIT_LOG_EVENT_TYPES } from '../../../projections/audit-log';
import type { LedgerEventType } from '../../domain/events';
import { EventTypesFilter, TimelineQueryDto } from '../timeline/timeline-query.dto';

/** `GET /audit/events`: the same filters as an indicator's history, over every stream; newest first by default. */
export class AuditLogQueryDto extends TimelineQueryDto {
  @EventTypesFilter(AUDIT_LOG_EVENT_TYPES)
  type?: LedgerEventType[];
}
