/**
 * The audit trail's controllers and query handlers, listed once here so the composition root
 * registers them with one spread each.
 */
import { AuditDigestController } from './digest/audit-digest.controller';
import { GetAuditDigestHandler, VerifyAuditDigestHandler } from './digest/audit-digest.queries';
import { IndicatorIntegrityController } from './integrity/indicator-integrity.controller';
import { GetIndicatorIntegrityHandler } from './integrity/indicator-integrity.query';
import { GetIndicatorAsOfHandler } from '../indicators/read/as-of/indicator-as-of.query';
import { AuditLogController } from './log/audit-log.controller';
import { ListAuditEventsHandler } from './log/audit-log.query';

export const AUDIT_TRAIL_CONTROLLERS = [IndicatorIntegrityController, AuditDigestController, AuditLogController];

export const AUDIT_TRAIL_QUERY_HANDLERS = [
  GetIndicatorIntegrityHandler,
  GetAuditDigestHandler,
  VerifyAuditDigestHandler,
  GetIndicatorAsOfHandler,
  ListAuditEventsHandler,
];
