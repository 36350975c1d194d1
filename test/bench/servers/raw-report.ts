/** The event a progress report becomes, built without the decider, for the HTTP baselines. */
import { createHash } from 'node:crypto';
import type { RawEvent } from '../support/raw-append';
import { BENCH_ACTOR } from '../dataset/synthetic-indicators';

const hex = (text: string) => createHash('sha256').update(text).digest('hex');

export function rawReportEvent(indicatorId: string, body: { metric: string; period: string; value: number; note?: string }, commandId: string): RawEvent {
  return {
    eventId: commandId,
    type: 'ProgressReported',
    data: { indicatorId, reportId: commandId, metric: body.metric, period: body.period, value: body.value, ...(body.note ? { note: body.note } : {}), unitId: 'phong-kinh-te' },
    metadata: {
      eventId: commandId,
      commandId,
      commandHash: hex(commandId),
      correlationId: commandId,
      causationId: commandId,
      actor: BENCH_ACTOR,
      recordedAt: new Date().toISOString(),
      schemaVersion: 1,
      prevHash: hex(`${commandId}:prev`),
      hash: hex(`${commandId}:hash`),
    },
  };
}
