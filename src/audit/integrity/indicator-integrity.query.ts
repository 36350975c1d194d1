/**
 * `GET /indicators/{id}/integrity`: replays the indicator's stream from the event store (by design
 * not from a read model, which could be rebuilt from tampered events) and recomputes its chain.
 */
import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { indicatorStreamId } from '../../domain/indicator/events';
import type { EventStore } from '../../event-store/event-store.port';
import { CHAIN_BREAK_EXPLANATIONS, type ChainBreak, type ChainBreakReason } from '../../integrity/chain-verification';
import { GENESIS_HASH, HASH_ALGORITHM } from '../../integrity/event-hash';
import { isJsonParseError, verifyChainInSlices } from '../../integrity/ledger-scan';
import { EVENT_STORE } from '../../infrastructure/tokens';
import { NotFoundError } from '../../shared/errors';

/** Beyond the chain's own reasons: a stored event whose JSON no longer parses. */
export type IntegrityReason = ChainBreakReason | 'UNREADABLE_EVENT';

export interface IndicatorIntegrity {
  indicatorId: string;
  stream: string;
  valid: boolean;
  /** Events read from the stream. */
  events: number;
  headRevision: number | null;
  headHash: string | null;
  /** The first revision that cannot be trusted; null when valid (or when the stream cannot be read at all). */
  firstBrokenRevision: number | null;
  reason: IntegrityReason | null;
  explanation: string | null;
  /** Expected and found values at the break. */
  break: ChainBreak | null;
  algorithm: string;
  genesisHash: string;
}

export class GetIndicatorIntegrityQuery extends Query<IndicatorIntegrity> {
  constructor(readonly indicatorId: string) {
    super();
  }
}

const ALGORITHM = `${HASH_ALGORITHM} over RFC 8785 canonical JSON of { stream, revision, type, data, metadata without hash }`;

@QueryHandler(GetIndicatorIntegrityQuery)
export class GetIndicatorIntegrityHandler implements IQueryHandler<GetIndicatorIntegrityQuery, IndicatorIntegrity> {
  constructor(@Inject(EVENT_STORE) private readonly eventStore: EventStore) {}

  async execute({ indicatorId }: GetIndicatorIntegrityQuery): Promise<IndicatorIntegrity> {
    const stream = indicatorStreamId(indicatorId);
    const base = { indicatorId, stream, algorithm: ALGORITHM, genesisHash: GENESIS_HASH };
    let events;
    try {
      events = await this.eventStore.readStream(stream);
    } catch (error) {
      if (!isJsonParseError(error)) throw error;
      const explanation = `a stored event of the stream is not valid JSON any more: ${error.message}`;
      return { ...base, valid: false, events: 0, headRevision: null, headHash: null, firstBrokenRevision: null, reason: 'UNREADABLE_EVENT', explanation, break: null };
    }
    // A stream removed entirely reads as unknown; only an audit digest taken before can show it existed.
    if (events.length === 0) throw new NotFoundError('INDICATOR_NOT_FOUND', `Indicator ${indicatorId} does not exist`, { indicatorId });
    const verdict = await verifyChainInSlices(stream, events);
    const broken = verdict.firstBreak;
    return {
      ...base,
      valid: verdict.valid,
      events: verdict.events,
      headRevision: verdict.headRevision,
      headHash: verdict.headHash,
      firstBrokenRevision: broken?.revision ?? null,
      reason: broken?.reason ?? null,
      explanation: broken ? CHAIN_BREAK_EXPLANATIONS[broken.reason] : null,
      break: broken,
    };
  }
}
