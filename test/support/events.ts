/** Builders for recorded events in tests: fill in stream, revision, position and metadata. */
import type { LedgerEvent } from '../../src/domain/events';
import { CURRENT_SCHEMA_VERSION, type Actor, type EventMetadata, type RecordedEvent } from '../../src/shared/messages';

export const coordinator: Actor = { id: 'coordinator-vptu', unitId: 'van-phong-thanh-uy', roles: ['coordinator'] };

export interface RecordOptions {
  streamId?: string;
  revision?: number;
  position: number;
  actor?: Actor;
  recordedAt?: string;
}

export function recorded<E extends LedgerEvent>(event: E, options: RecordOptions): RecordedEvent<E> {
  const metadata: EventMetadata = {
    eventId: `00000000-0000-4000-8000-${String(options.position).padStart(12, '0')}`,
    commandId: `cmd-${options.position}`,
    commandHash: 'test',
    correlationId: `corr-${options.position}`,
    causationId: `cmd-${options.position}`,
    actor: options.actor ?? coordinator,
    recordedAt: options.recordedAt ?? new Date(Date.UTC(2021, 0, 1) + options.position * 60_000).toISOString(),
    schemaVersion: CURRENT_SCHEMA_VERSION,
  };
  return {
    ...event,
    streamId: options.streamId ?? defaultStream(event),
    revision: options.revision ?? 0,
    position: options.position,
    metadata,
  } as RecordedEvent<E>;
}

function defaultStream(event: LedgerEvent): string {
  const data = event.data as { indicatorId?: string; unitId?: string; resolutionId?: string };
  if (event.type.startsWith('Unit')) return `unit-${data.unitId}`;
  if (event.type.startsWith('Resolution')) return `resolution-${data.resolutionId}`;
  return `indicator-${data.indicatorId}`;
}

/** Numbers a list of events of one history in order: positions from `firstPosition`, revisions per stream. */
export function history(events: LedgerEvent[], firstPosition = 1, recordedAt?: (i: number) => string): RecordedEvent<LedgerEvent>[] {
  const revisions = new Map<string, number>();
  return events.map((event, i) => {
    const streamId = defaultStream(event);
    const revision = revisions.get(streamId) ?? 0;
    revisions.set(streamId, revision + 1);
    return recorded(event, { streamId, revision, position: firstPosition + i, recordedAt: recordedAt?.(i) });
  });
}
