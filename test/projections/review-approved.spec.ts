/**
 * A review's approval is an event of the review stream: the audit log records it (audit-log.spec.ts);
 * every other read model declares that it ignores it, and routes it to no document, so an approval
 * changes nothing a projection shows.
 */
import { ALL_PROJECTIONS } from '../../projections';
import { AUDIT_LOG_READ_MODEL } from '../../projections/audit-log';
import type { ReviewApproved } from '../../src/domain/review/events';
import { history } from '../support/events';

const approval: ReviewApproved = {
  type: 'ReviewApproved',
  data: {
    resolutionId: 'hl-2021',
    period: '2021-Q2',
    decisionRef: '15-BB/TU',
    position: 240,
    contentHash: 'c'.repeat(64),
    auditDigest: 'd'.repeat(64),
    digestAlgorithm: 'rfc6962-merkle-sha256',
  },
};

describe('ReviewApproved in the read models', () => {
  const [event] = history([approval], 241);

  it('is recorded on the review stream', () => {
    expect(event.streamId).toBe('review-hl-2021-2021-Q2');
  });

  it.each(ALL_PROJECTIONS.filter((p) => p.name !== AUDIT_LOG_READ_MODEL).map((p) => [p.name, p] as const))('%s ignores it and routes it nowhere', (_, projection) => {
    expect(projection.events.ReviewApproved).toBe('ignore');
    expect(projection.documentIds(event)).toEqual([]);
  });

  it('the audit log handles it', () => {
    const auditLog = ALL_PROJECTIONS.find((p) => p.name === AUDIT_LOG_READ_MODEL)!;
    expect(auditLog.events.ReviewApproved).toBe('handle');
    expect(auditLog.documentIds(event)).toEqual(['review-hl-2021-2021-Q2:0']);
  });
});
