/**
 * `GET /audit/digest` and `GET /audit/digest/verify`: the ledger-wide digest an inspector writes
 * down or signs, and the check of such a digest against the store as it is today. Both read the
 * event store (through `scanLedger`), never a read model.
 */
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '../../event-store/event-store.port';
import { DIGEST_ALGORITHM, DIGEST_LEAF_FORMAT, type StreamHead } from '../../integrity/audit-digest';
import type { ChainBreakReason, ChainVerdict } from '../../integrity/chain-verification';
import { scanLedger, type LedgerScan } from '../../integrity/ledger-scan';
import { EVENT_STORE } from '../../infrastructure/tokens';
import { Clock } from '../../shared/clock';
import { BusinessRuleError } from '../../shared/errors';

export interface BrokenStream {
  streamId: string;
  firstBrokenRevision: number;
  reason: ChainBreakReason;
  explanation: string;
}

export interface AuditDigest {
  digest: string;
  /** The digest covers every event at or below this global position. */
  position: number;
  algorithm: string;
  leafFormat: string;
  streams: number;
  events: number;
  /** False when some stream's chain is already broken: such a digest is not worth signing. */
  chainsValid: boolean;
  brokenStreams: BrokenStream[];
  /** The leaves, sorted: keep them with the digest to find later which stream changed. */
  heads: StreamHead[];
  computedAt: string;
}

export type DigestVerificationReason = 'CHAIN_BROKEN' | 'DIGEST_MISMATCH';

export interface DigestVerification {
  valid: boolean;
  reason: DigestVerificationReason | null;
  explanation: string | null;
  position: number;
  digest: string;
  recomputedDigest: string;
  digestMatches: boolean;
  chainsValid: boolean;
  brokenStreams: BrokenStream[];
  /** Where the store ends today; below `position` means events at the end of the log are gone. */
  storeHeadPosition: number;
  streams: number;
  events: number;
  /** Today's heads as of `position`: compare with the heads saved with the digest to locate a change. */
  heads: StreamHead[];
  algorithm: string;
  computedAt: string;
}

export class GetAuditDigestQuery extends Query<AuditDigest> {
  constructor(readonly position: number | undefined) {
    super();
  }
}

export class VerifyAuditDigestQuery extends Query<DigestVerification> {
  constructor(
    readonly digest: string,
    readonly position: number,
  ) {
    super();
  }
}

@QueryHandler(GetAuditDigestQuery)
export class GetAuditDigestHandler implements IQueryHandler<GetAuditDigestQuery, AuditDigest> {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly clock: Clock,
  ) {}

  async execute({ position }: GetAuditDigestQuery): Promise<AuditDigest> {
    const head = await this.eventStore.headPosition();
    if (position !== undefined && position > head) {
      throw new BusinessRuleError('POSITION_NOT_REACHED', `The store ends at position ${head}; a digest cannot cover position ${position} yet`, {
        position,
        storeHeadPosition: head,
      });
    }
    const scan = await scanLedger(this.eventStore, position ?? head);
    const brokenStreams = brokenStreamsOf(scan);
    return {
      digest: scan.digest,
      position: scan.position,
      algorithm: DIGEST_ALGORITHM,
      leafFormat: DIGEST_LEAF_FORMAT,
      streams: scan.streams.length,
      events: scan.events,
      chainsValid: brokenStreams.length === 0,
      brokenStreams,
      heads: scan.heads,
      computedAt: this.clock.now().toISOString(),
    };
  }
}

@QueryHandler(VerifyAuditDigestQuery)
export class VerifyAuditDigestHandler implements IQueryHandler<VerifyAuditDigestQuery, DigestVerification> {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly clock: Clock,
  ) {}

  async execute({ digest, position }: VerifyAuditDigestQuery): Promise<DigestVerification> {
    // A position beyond today's end is still checked: the log may have lost its last events.
    const scan = await scanLedger(this.eventStore, position);
    const expected = digest.toLowerCase();
    const brokenStreams = brokenStreamsOf(scan);
    const digestMatches = scan.digest === expected;
    const chainsValid = brokenStreams.length === 0;
    const reason: DigestVerificationReason | null = !chainsValid ? 'CHAIN_BROKEN' : !digestMatches ? 'DIGEST_MISMATCH' : null;
    return {
      valid: reason === null,
      reason,
      explanation: explain(reason, scan, position),
      position,
      digest: expected,
      recomputedDigest: scan.digest,
      digestMatches,
      chainsValid,
      brokenStreams,
      storeHeadPosition: scan.storeHeadPosition,
      streams: scan.streams.length,
      events: scan.events,
      heads: scan.heads,
      algorithm: DIGEST_ALGORITHM,
      computedAt: this.clock.now().toISOString(),
    };
  }
}

export function brokenStreamsOf(scan: LedgerScan): BrokenStream[] {
  return scan.streams.filter((s): s is ChainVerdict & { firstBreak: NonNullable<ChainVerdict['firstBreak']> } => s.firstBreak !== null).map((s) => ({
    streamId: s.streamId,
    firstBrokenRevision: s.firstBreak.revision,
    reason: s.firstBreak.reason,
    explanation: s.firstBreak.explanation,
  }));
}

function explain(reason: DigestVerificationReason | null, scan: LedgerScan, position: number): string | null {
  if (reason === 'CHAIN_BROKEN') return 'Some streams no longer hash-chain: events at or before the position were edited, deleted or reordered (see brokenStreams).';
  if (reason !== 'DIGEST_MISMATCH') return null;
  const shortened = scan.storeHeadPosition < position ? ` The store now ends at position ${scan.storeHeadPosition}, before ${position}: events at the end of the log are gone.` : '';
  return (
    'Every chain is intact, yet the heads as of the position differ from those the digest was taken over: a stream was cut short, removed, ' +
    'or rewritten with freshly computed hashes (or the digest was taken from another store). Compare `heads` with the heads saved with the digest.' +
    shortened
  );
}
