/**
 * The one way commands reach the event store: read the stream, fold, decide, append with the
 * revision that was read. Command handlers are thin shells around this.
 *
 * - A command whose id is already in the stream is a retry: the original result comes back and
 *   nothing is appended (a different body under the same id is refused).
 * - A client that says which revision it saw gets a 409 when the stream has moved on.
 * - A client that does not say is retried a few times on a conflict, each time deciding afresh on
 *   the new state, so concurrent valid reports are not lost and invalid ones are still refused.
 *   Within one process, commands on the same stream take turns (stream-locks.ts), so conflicts
 *   come only from other processes; retries wait a short random time so those do not collide again.
 * - Every event is sealed into the stream's hash chain here (`prevHash`, `hash`), from the stream
 *   just read, so the chain is the same whichever event store adapter stores it.
 * - The stream is read through a cache of recently used streams (stream-cache.ts): the store is
 *   asked only for the events after the last known revision, and the idempotency check, the chain
 *   tip and the folded state are kept up to date as events arrive rather than recomputed from the
 *   whole stream.
 * - A stream whose hash chain no longer verifies takes no command (StreamIntegrityBrokenError): a
 *   new event would link to a history that was changed outside the ledger. The chain is checked
 *   on what is read from the store: the whole stream when it is not cached, else the tail read.
 * - Nothing is written while the read models reflect events the event store no longer holds (the
 *   gate, ReadModelAvailability): a new event would take a position they believe they have applied.
 */
import { BusinessRuleError, ConcurrencyError } from '../shared/errors';
import { CURRENT_SCHEMA_VERSION, type DomainEvent } from '../shared/messages';
import { sealEvents, type UnsealedEvent } from '../integrity/event-hash';
import { uuidFromName } from '../shared/deterministic-id';
import { EventIdConflictError } from '../event-store/event-store.errors';
import type { EventStore, ExpectedRevision } from '../event-store/event-store.port';
import type { CommandEnvelope } from './command-envelope';
import { KnownStream, type StoredCommand, type StreamFold } from './known-stream';
import { streamCacheFor, type StreamCache } from './stream-cache';
import { withStreamLock } from './stream-locks';
import { StreamIntegrityBrokenError } from './stream-integrity.errors';

export interface StreamDecision<State, Event extends DomainEvent> {
  streamId: string;
  envelope: CommandEnvelope;
  /** Digest of the command input (see `commandHash`). */
  commandHash: string;
  /** How the state is folded from the stream's events; the same object every time, so its state can be kept (see StreamFold). */
  fold: StreamFold<State>;
  /** Decides on the state; may be async to load other aggregates it needs a snapshot of. */
  decide(state: State, recordedAt: string): Event[] | Promise<Event[]>;
  now(): Date;
}

export interface CommandOutcome {
  /** Revision of the stream's last event after the command. */
  revision: number;
  /** Global position of the command's last event: pass it as `minPosition` to read your writes. */
  position: number;
  /** True when the command had already been applied and nothing new was appended. */
  replayed: boolean;
}

/** Says whether the ledger may be written now; throws the reason when not. */
export interface WriteGate {
  assertAvailable(): void;
}

const ALWAYS_OPEN: WriteGate = { assertAvailable: () => undefined };

const MAX_ATTEMPTS_WITHOUT_EXPECTED_REVISION = 8;
/** Upper bound of the random pause before retry n: n × this many milliseconds. */
const RETRY_JITTER_MS = 10;

export class StreamCommandExecutor {
  private readonly cache: StreamCache;

  /** `cache` defaults to the one shared by every executor on this event store. */
  constructor(
    private readonly eventStore: EventStore,
    cache?: StreamCache,
    private readonly gate: WriteGate = ALWAYS_OPEN,
  ) {
    this.cache = cache ?? streamCacheFor(eventStore);
  }

  async execute<State, Event extends DomainEvent>(decision: StreamDecision<State, Event>): Promise<CommandOutcome> {
    this.gate.assertAvailable();
    for (let attempt = 1; ; attempt++) {
      try {
        return await withStreamLock(this.eventStore, decision.streamId, () => this.attempt(decision));
      } catch (error) {
        if (error instanceof EventIdConflictError) throw keyReusedElsewhere(decision.envelope, error);
        const retryable =
          error instanceof ConcurrencyError &&
          decision.envelope.expectedRevision === undefined &&
          attempt < MAX_ATTEMPTS_WITHOUT_EXPECTED_REVISION;
        if (!retryable) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * RETRY_JITTER_MS * attempt));
      }
    }
  }

  private async attempt<State, Event extends DomainEvent>(decision: StreamDecision<State, Event>): Promise<CommandOutcome> {
    const { streamId, envelope } = decision;
    const stream = await this.load(streamId);
    const broken = stream.chainBreak;
    if (broken) {
      // Read again in full next time: an operator who restores the stream must not meet this copy.
      this.cache.forget(streamId);
      throw new StreamIntegrityBrokenError(streamId, broken);
    }
    const previous = stream.command(envelope.commandId);
    if (previous) return replayOf(previous, decision.commandHash);

    const currentRevision = stream.revision;
    if (envelope.expectedRevision !== undefined && envelope.expectedRevision !== currentRevision) {
      throw new ConcurrencyError(streamId, envelope.expectedRevision, currentRevision);
    }
    const recordedAt = decision.now().toISOString();
    const events = await decision.decide(stream.stateOf(decision.fold), recordedAt);
    const expected: ExpectedRevision = currentRevision === null ? 'no_stream' : currentRevision;
    const unsealed = events.map((event, index) => withMetadata(event, index, envelope, decision.commandHash, recordedAt));
    const toAppend = sealEvents(streamId, stream.nextRevision, stream.chainTip, unsealed);
    try {
      const result = await this.eventStore.appendToStream(streamId, toAppend, expected);
      return { revision: result.nextRevision, position: result.position, replayed: false };
    } catch (error) {
      // The stream is not what this process knew: the next attempt reads it in full.
      if (error instanceof ConcurrencyError) this.cache.forget(streamId);
      throw error;
    }
  }

  /**
   * The stream as the store holds it now: the cached events plus those appended since (by this
   * process or any other), or a full read when it is not cached or no longer continues the cache.
   */
  private async load(streamId: string): Promise<KnownStream> {
    const cached = this.cache.get(streamId);
    if (cached) {
      const appendedSince = await this.eventStore.readStream(streamId, { fromRevision: cached.nextRevision });
      if (cached.append(appendedSince)) {
        if (appendedSince.length > 0) this.cache.keep(cached);
        return cached;
      }
      this.cache.forget(streamId);
    }
    const stream = new KnownStream(streamId, await this.eventStore.readStream(streamId));
    this.cache.keep(stream);
    return stream;
  }
}

/**
 * The command's event ids are stored, but not in this stream: the caller reused an idempotency key
 * for a command on another aggregate. That is a misuse to report, not a conflict to retry.
 */
function keyReusedElsewhere(envelope: CommandEnvelope, error: EventIdConflictError): BusinessRuleError {
  return new BusinessRuleError('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for a different request', {
    commandId: envelope.commandId,
    ...(error.storedIn ? { usedOn: error.storedIn.streamId } : {}),
  });
}

function replayOf(previous: StoredCommand, hash: string): CommandOutcome {
  if (previous.commandHash !== hash) {
    throw new BusinessRuleError(
      'IDEMPOTENCY_KEY_REUSED',
      'This idempotency key was already used for a different request',
      { commandId: previous.commandId },
    );
  }
  return { revision: previous.revision, position: previous.position, replayed: true };
}

function withMetadata(event: DomainEvent, index: number, envelope: CommandEnvelope, hash: string, recordedAt: string): UnsealedEvent {
  return {
    type: event.type,
    data: event.data,
    metadata: {
      eventId: uuidFromName(`${envelope.commandId}:${index}`),
      commandId: envelope.commandId,
      commandHash: hash,
      correlationId: envelope.correlationId,
      causationId: envelope.causationId,
      actor: envelope.actor,
      recordedAt,
      schemaVersion: CURRENT_SCHEMA_VERSION,
      ...(envelope.demo ? { demo: true } : {}),
    },
  };
}
