/**
 * A progress report event as the write path stores it (data plus the full metadata, hash chain
 * fields included), for the workloads that append without going through the decider.
 */
import { createHash } from 'node:crypto';
import type { NewEvent } from '../../../src/shared/messages';
import { uuidFromName } from '../../../src/shared/deterministic-id';
import { BENCH_ACTOR } from '../dataset/synthetic-indicators';

const hex = (text: string) => createHash('sha256').update(text).digest('hex');

export function sampleReportEvent(n: number, indicatorId: string, body?: { metric: string; period: string; value: number }): NewEvent {
  const commandId = uuidFromName(`bench-sample:${n}:${process.pid}`);
  return {
    type: 'ProgressReported',
    data: {
      indicatorId,
      reportId: uuidFromName(`${commandId}:report`),
      metric: body?.metric ?? 'completion',
      period: body?.period ?? '2021-Q3',
      value: body?.value ?? n % 100,
      note: 'Số liệu báo cáo định kỳ',
      unitId: 'phong-kinh-te',
    },
    metadata: {
      eventId: uuidFromName(`${commandId}:0`),
      commandId,
      commandHash: hex(`command:${n}`),
      correlationId: commandId,
      causationId: commandId,
      actor: BENCH_ACTOR,
      recordedAt: new Date().toISOString(),
      schemaVersion: 1,
      prevHash: hex(`prev:${n}`),
      hash: hex(`hash:${n}`),
    },
  };
}
