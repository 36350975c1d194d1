/**
 * The projection lag on GET /health counts events. On EventStoreDB a position is a byte offset in
 * the server's log, so the gap between the read models' position and the head is no count of
 * anything: this store's positions are as sparse as that.
 */
import { HealthIndicatorService } from '@nestjs/terminus';
import type { EventStore, ReadAllOptions, Subscription } from '../../src/event-store/event-store.port';
import { LAG_COUNT_LIMIT, StoreHealth } from '../../src/health/store-health';
import type { ProjectionService } from '../../src/infrastructure/projection.service';
import type { ProjectionRole } from '../../src/projection-runner/projection-leadership';
import { ProjectionDaemon } from '../../src/projection-runner/projection-daemon';
import { ReadModelAvailability } from '../../src/read-models/read-model-availability';
import { SqliteReadModelStore } from '../../src/read-models/sqlite/sqlite-read-model-store';
import { unitsProjection } from '../../projections/units';
import { ManualClock } from '../../src/shared/clock';
import type { RecordedEvent } from '../../src/shared/messages';

/** A read-only log whose positions are 1,000 apart, as byte offsets of records would be. */
class SparseLog implements EventStore {
  readonly events: RecordedEvent[];

  constructor(count: number) {
    this.events = Array.from({ length: count }, (_, i) => ({
      streamId: 'unit-u',
      revision: i,
      position: (i + 1) * 1000,
      type: 'UnitRenamed',
      data: {},
      metadata: { recordedAt: '2021-06-30T03:00:00.000Z' } as RecordedEvent['metadata'],
    }));
  }

  async readStream(): Promise<RecordedEvent[]> {
    return [];
  }
  async appendToStream(): Promise<never> {
    throw new Error('read-only');
  }
  async readAll({ fromPosition, limit = 1000 }: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.after(fromPosition).slice(0, limit);
  }
  subscribeToAll(): Subscription {
    throw new Error('no subscriptions');
  }
  async headPosition(): Promise<number> {
    return this.events.at(-1)?.position ?? 0;
  }
  async countAfter(position: number, atMost: number): Promise<number> {
    return Math.min(atMost, this.after(position).length);
  }
  async close(): Promise<void> {}

  private after(position: number): RecordedEvent[] {
    return this.events.filter((event) => event.position > position);
  }
}

async function projectionHealth(log: SparseLog, options: { role: ProjectionRole; checkpoint?: number }) {
  const readStore = new SqliteReadModelStore({ filename: ':memory:' });
  const generation = await readStore.createGeneration(unitsProjection, 'serving');
  if (options.checkpoint !== undefined) await readStore.commit([{ projection: unitsProjection, generation, documents: [], position: options.checkpoint }]);
  // Never started: the daemon's own position is 0.
  const availability = new ReadModelAvailability();
  const daemon = new ProjectionDaemon(log, readStore, [unitsProjection], availability, { logger: { log: () => undefined, error: () => undefined } });
  const projections = { daemon, role: options.role } as unknown as ProjectionService;
  const clock = new ManualClock(new Date('2021-06-30T03:01:30.000Z'));
  return new StoreHealth(new HealthIndicatorService(), log, readStore, projections, availability, clock).projectionHealth();
}

describe('StoreHealth: the projection lag', () => {
  it('counts the events behind, not the distance between positions', async () => {
    const health = await projectionHealth(new SparseLog(3), { role: 'holder' });
    expect(health).toMatchObject({ position: 0, headPosition: 3000, lagEvents: 3, lagEventsCapped: false, lagSeconds: 90 });
  });

  it('on a standby, counts from the stored checkpoint', async () => {
    const health = await projectionHealth(new SparseLog(3), { role: 'standby', checkpoint: 1000 });
    expect(health).toMatchObject({ position: 1000, headPosition: 3000, lagEvents: 2, lagEventsCapped: false });
  });

  it('shows no lag once the read models are at the head', async () => {
    const health = await projectionHealth(new SparseLog(3), { role: 'standby', checkpoint: 3000 });
    expect(health).toMatchObject({ lagEvents: 0, lagEventsCapped: false, lagSeconds: 0 });
  });

  it(`stops counting at ${LAG_COUNT_LIMIT} and says there are more`, async () => {
    const atTheLimit = await projectionHealth(new SparseLog(LAG_COUNT_LIMIT), { role: 'holder' });
    expect(atTheLimit).toMatchObject({ lagEvents: LAG_COUNT_LIMIT, lagEventsCapped: false });
    const beyond = await projectionHealth(new SparseLog(LAG_COUNT_LIMIT + 5), { role: 'holder' });
    expect(beyond).toMatchObject({ lagEvents: LAG_COUNT_LIMIT, lagEventsCapped: true });
  });
});
