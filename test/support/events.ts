/** Builders for recorded events in tests: fill in stream, revision, position and metadata. */
import type { LedgerEvent } from '../../src/domain/events';
import { eventHash, GENESIS_HASH } from '../../src/integrity/event-hash';
import { CURRENT_SCHEMA_VERSION, type Actor, type EventMetadata, type RecordedEvent } from '../../src/shared/messages';

export const coordinator: Actor = { id: 'coordinator-vptu', unitId: 'van-phong-thanh-uy', roles: ['coordinator'] };

export interface RecordOptions {
  streamId?: string;
  revision?: number;
  position: number;
  actor?: Actor;
  recordedAt?: string;
  /** The previous event's hash in the stream; genesis by default. The event is sealed as the write path seals it. */
  prevHash?: string;
}

export function recorded<E extends LedgerEvent>(event: E, options: RecordOptions): RecordedEvent<E> {
  const unsealed: Omit<EventMetadata, 'hash'> = {
    eventId: `00000000-0000-4000-8000-${String(options.position).padStart(12, '0')}`,
    commandId: `cmd-${options.position}`,
    commandHash: 'test',
    correlationId: `corr-${options.position}`,
    causationId: `cmd-${options.position}`,
    actor: options.actor ?? coordinator,
    recordedAt: options.recordedAt ?? new Date(Date.UTC(2021, 0, 1) + options.position * 60_000).toISOString(),
    schemaVersion: CURRENT_SCHEMA_VERSION,
    prevHash: options.prevHash ?? GENESIS_HASH,
  };
  const streamId = options.streamId ?? defaultStream(event);
  const revision = options.revision ?? 0;
  const hash = eventHash({ stream: streamId, revision, type: event.type, data: event.data, metadata: unsealed });
  return {
    ...event,
    streamId,
    revision,
    position: options.position,
    metadata: { ...unsealed, hash },
  } as RecordedEvent<E>;
}

function defaultStream(event: LedgerEvent): string {
  const data = event.data as { indicatorId?: string; unitId?: string; resolutionId?: string; period?: string };
  if (event.type === 'ReviewApproved') return `review-${data.resolutionId}-${data.period}`;
  if (event.type.startsWith('Unit')) return `unit-${data.unitId}`;
  if (event.type.startsWith('Resolution')) return `resolution-${data.resolutionId}`;
  return `indicator-${data.indicatorId}`;
}

/**
 * Numbers a list of events of one history in order: positions from `firstPosition`, revisions per
 * stream, each stream's events hash-chained as the write path chains them.
 */
export function history(events: LedgerEvent[], firstPosition = 1, recordedAt?: (i: number) => string): RecordedEvent<LedgerEvent>[] {
  const tips = new Map<string, { revision: number; hash: string }>();
  return events.map((event, i) => {
    const streamId = defaultStream(event);
    const tip = tips.get(streamId);
    const revision = tip ? tip.revision + 1 : 0;
    const sealed = recorded(event, { streamId, revision, position: firstPosition + i, recordedAt: recordedAt?.(i), prevHash: tip?.hash });
    tips.set(streamId, { revision, hash: sealed.metadata.hash });
    return sealed;
  });
}
