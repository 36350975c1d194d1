/** The review decider, given/when/then: who approves, when, and what the approval freezes. */
import { decideReview, evolveReview, initialReviewState, type ApproveReview, type ReviewSnapshot } from '../../../src/domain/review/decider';
import type { ReviewEvent } from '../../../src/domain/review/events';
import type { Actor } from '../../../src/shared/messages';
import { specFor } from '../../support/decider-spec';

const committee: Actor = { id: 'btv', unitId: 'ban-thuong-vu-thanh-uy', roles: ['standing_committee'] };
const reporter: Actor = { id: 'rep', unitId: 'phong-kinh-te', roles: ['reporter'] };
const snapshot: ReviewSnapshot = { position: 812, contentHash: 'c'.repeat(64), auditDigest: 'd'.repeat(64), digestAlgorithm: 'rfc6962-merkle-sha256', chainsValid: true, brokenStreams: [] };

const approve = (data: Partial<ApproveReview['data']> = {}, actor = committee, now = '2021-07-22T03:00:00.000Z'): ApproveReview => ({
  type: 'ApproveReview',
  data: { resolutionId: 'hl-2021', period: '2021-Q2', decisionRef: '15-BB/TU', meetingDate: '2021-07-21', snapshot, ...data },
  context: { actor, now },
});

const approved: ReviewEvent = {
  type: 'ReviewApproved',
  data: { resolutionId: 'hl-2021', period: '2021-Q2', decisionRef: '15-BB/TU', meetingDate: '2021-07-21', position: 812, contentHash: 'c'.repeat(64), auditDigest: 'd'.repeat(64), digestAlgorithm: 'rfc6962-merkle-sha256' },
};

const given = specFor<ApproveReview, ReviewEvent, ReturnType<typeof initialReviewState>>({ decide: decideReview, evolve: evolveReview, initialState: initialReviewState });

describe('approving a review', () => {
  it('records the decision with the snapshot it freezes', () => {
    given([]).when(approve({ note: '  Sơ kết quý II  ' })).then([{ ...approved, data: { ...approved.data, note: 'Sơ kết quý II' } }]);
  });

  it('is the standing committee’s alone', () => {
    given([]).when(approve({}, reporter)).thenFails('ROLE_NOT_ALLOWED');
  });

  it('happens once', () => {
    given([approved]).when(approve()).thenFails('REVIEW_ALREADY_APPROVED');
  });

  it('waits for the period’s last day to pass (Vietnam time)', () => {
    given([]).when(approve({}, committee, '2021-06-30T16:59:59.000Z')).thenFails('REVIEW_PERIOD_NOT_OVER');
    const { meetingDate: _meetingDate, ...withoutMeeting } = approved.data;
    given([]).when(approve({ meetingDate: undefined }, committee, '2021-06-30T17:00:00.000Z')).then([{ ...approved, data: withoutMeeting }]);
  });

  it('needs a decision reference and a meeting that has taken place', () => {
    given([]).when(approve({ decisionRef: '  ' })).thenFails('DECISION_REF_REQUIRED');
    given([]).when(approve({ meetingDate: '2021-07-23' })).thenFails('MEETING_DATE_IN_FUTURE');
  });

  it('refuses a period that is not reviewable', () => {
    given([]).when(approve({ period: '2021-07' })).thenFails('INVALID_REVIEW_PERIOD');
  });

  it('refuses to sign off a ledger whose chains are broken', () => {
    given([]).when(approve({ snapshot: { ...snapshot, chainsValid: false, brokenStreams: ['indicator-ind-10'] } })).thenFails('LEDGER_CHAIN_BROKEN');
  });
});
