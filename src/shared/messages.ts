/**
 * The shape every event takes, on the write side and in the stores: a discriminated union member
 * `{ type, data, metadata }` whose `type` is a string literal, never a constructor name.
 */

export type Role = 'reporter' | 'coordinator' | 'standing_committee' | 'inspector' | 'analyst';

export const ROLES: readonly Role[] = ['reporter', 'coordinator', 'standing_committee', 'inspector', 'analyst'];

/** Who issued a command. Carried into every event's metadata so the audit trail names a person and a unit. */
export interface Actor {
  id: string;
  unitId: string | null;
  roles: readonly Role[];
}

export interface EventMetadata {
  /** UUID derived from the command id and the event's index in the command: a retry appends nothing new. */
  eventId: string;
  commandId: string;
  /** Hash of the command's input, so a reused idempotency key with a different body is detected. */
  commandHash: string;
  correlationId: string;
  causationId: string;
  actor: Actor;
  /** ISO-8601 instant the command was decided at (from the injected clock). */
  recordedAt: string;
  schemaVersion: number;
  /**
   * Present (and true) only on events written by the demo builder (`npm run demo`): illustrative data,
   * never a unit's real report. Set from the command envelope, so it is sealed into the hash chain like the rest.
   */
  demo?: true;
  /** The previous event's `hash` in this stream; `GENESIS_HASH` (64 zeros) for revision 0. */
  prevHash: string;
  /** SHA-256 of this event's RFC 8785 canonical JSON, `prevHash` included (src/integrity/event-hash.ts). */
  hash: string;
}

export interface Message<Type extends string, Data> {
  type: Type;
  data: Data;
}

/** An event as a decider produces it: no metadata yet, the command handler adds it. */
export type DomainEvent = Message<string, unknown>;

/** An event ready to be appended. */
export interface NewEvent<E extends DomainEvent = DomainEvent> {
  type: E['type'];
  data: E['data'];
  metadata: EventMetadata;
}

/** An event as read back from a store. `revision` is 0-based within its stream; `position` is global and increasing. */
export type RecordedEvent<E extends DomainEvent = DomainEvent> = E & {
  streamId: string;
  revision: number;
  position: number;
  metadata: EventMetadata;
};

export const CURRENT_SCHEMA_VERSION = 1;
