/**
 * Approving a review (`POST /reviews/{period}/approval`, the standing committee). The handler is
 * the decider's thin shell: the checks that need nothing from the ledger first, then the snapshot
 * the approval freezes — the audit digest at the store's head and the hash of the review's content
 * computed from exactly the events that digest covers — then the decision, appended to the
 * review's own stream like every command (idempotent, hash-chained).
 */
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { brokenStreamsOf } from '../audit/digest/audit-digest.queries';
import { commandHash, type CommandEnvelope } from '../command-handling/command-envelope';
import type { StreamFold } from '../command-handling/known-stream';
import { StreamCommandExecutor, type CommandOutcome } from '../command-handling/stream-command-executor';
import { requireAnyRole } from '../domain/indicator/authorization';
import { APPROVER_ROLES, checkApproval, decideReview, evolveReview, initialReviewState, type ApproveReviewRequest, type ReviewSnapshot, type ReviewState } from '../domain/review/decider';
import { reviewStreamId, type ReviewEvent } from '../domain/review/events';
import { parseReviewPeriod } from '../domain/review/review-period';
import type { EventStore } from '../event-store/event-store.port';
import { DIGEST_ALGORITHM } from '../integrity/audit-digest';
import { scanLedger } from '../integrity/ledger-scan';
import { EVENT_STORE } from '../infrastructure/tokens';
import { ReadModelAvailability } from '../read-models/read-model-availability';
import { Clock } from '../shared/clock';
import { buildReviewContent } from './content/build-review';
import { contentHashOf, readLedger } from './content/review-ledger';
import { ReviewResolutions } from './review-resolution';

export type ApproveReviewInput = Omit<ApproveReviewRequest, 'resolutionId'>;

export class ApproveReviewCommand extends Command<CommandOutcome> {
  constructor(
    readonly input: ApproveReviewInput,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

const REVIEW_FOLD: StreamFold<ReviewState> = {
  initial: initialReviewState,
  evolve: (state, event) => evolveReview(state, event as unknown as ReviewEvent & { metadata: { recordedAt: string } }),
};

@CommandHandler(ApproveReviewCommand)
export class ApproveReviewHandler implements ICommandHandler<ApproveReviewCommand, CommandOutcome> {
  private readonly executor: StreamCommandExecutor;

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly resolutions: ReviewResolutions,
    private readonly clock: Clock,
    availability: ReadModelAvailability,
  ) {
    this.executor = new StreamCommandExecutor(eventStore, undefined, availability);
  }

  async execute({ input, envelope }: ApproveReviewCommand): Promise<CommandOutcome> {
    const { actor } = envelope;
    // Who may approve is checked before anything is looked up: the answer must not depend on the ledger.
    requireAnyRole(actor, APPROVER_ROLES, 'approve reviews');
    const period = parseReviewPeriod(input.period);
    const request: ApproveReviewRequest = { ...input, period: period.id, resolutionId: await this.resolutions.of(period) };
    return this.executor.execute<ReviewState, ReviewEvent>({
      streamId: reviewStreamId(request.resolutionId, period.id),
      envelope,
      commandHash: commandHash('ApproveReview', request),
      fold: REVIEW_FOLD,
      decide: async (state, now) => {
        const context = { actor, now };
        checkApproval(request, context, state);
        const snapshot = await this.snapshot(period.id);
        return decideReview({ type: 'ApproveReview', data: { ...request, snapshot }, context }, state);
      },
      now: () => this.clock.now(),
    });
  }

  /** The digest and the content at the store's head now: both over exactly the events at or below one position. */
  private async snapshot(period: string): Promise<ReviewSnapshot> {
    const position = await this.eventStore.headPosition();
    const scan = await scanLedger(this.eventStore, position);
    const content = await buildReviewContent(await readLedger(this.eventStore, position), period);
    return {
      position,
      contentHash: contentHashOf(content),
      auditDigest: scan.digest,
      digestAlgorithm: DIGEST_ALGORITHM,
      chainsValid: brokenStreamsOf(scan).length === 0,
      brokenStreams: brokenStreamsOf(scan).map((s) => s.streamId),
    };
  }
}
