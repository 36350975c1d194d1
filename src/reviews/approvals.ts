/** A review's approval as its stream records it, and as the API shows it. */
import type { RecordedLedgerEvent } from '../domain/events';
import { reviewStreamId, type ReviewApproved } from '../domain/review/events';
import type { EventStore } from '../event-store/event-store.port';
import type { RecordedEvent } from '../shared/messages';

export type RecordedApproval = RecordedEvent<ReviewApproved>;

export interface ApprovalView {
  streamId: string;
  revision: number;
  decisionRef: string;
  meetingDate: string | null;
  note: string | null;
  approvedAt: string;
  approvedBy: { id: string; unitId: string | null };
  /** The content and the digest cover every event at or below this position. */
  position: number;
  contentHash: string;
  auditDigest: string;
  digestAlgorithm: string;
  /** The approval event's own hash in its stream's chain. */
  eventHash: string;
}

/** The review stream's events, and its approval when one is among them (known at `asOf`, when given). */
export async function readApproval(store: EventStore, resolutionId: string, period: string, asOf?: Date): Promise<{ events: RecordedLedgerEvent[]; approval: RecordedApproval | null }> {
  const events = (await store.readStream(reviewStreamId(resolutionId, period))) as RecordedLedgerEvent[];
  const known = asOf ? events.filter((event) => Date.parse(event.metadata.recordedAt) <= asOf.getTime()) : events;
  const approval = known.find((event): event is RecordedApproval => event.type === 'ReviewApproved') ?? null;
  return { events, approval };
}

export function approvalView(event: RecordedApproval): ApprovalView {
  const { data, metadata } = event;
  return {
    streamId: event.streamId,
    revision: event.revision,
    decisionRef: data.decisionRef,
    meetingDate: data.meetingDate ?? null,
    note: data.note ?? null,
    approvedAt: metadata.recordedAt,
    approvedBy: { id: metadata.actor.id, unitId: metadata.actor.unitId ?? null },
    position: data.position,
    contentHash: data.contentHash,
    auditDigest: data.auditDigest,
    digestAlgorithm: data.digestAlgorithm,
    eventHash: metadata.hash,
  };
}
