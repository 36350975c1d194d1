/** The health indicators: each store answers a cheap read, and the projection runner reports its lag. */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { EventStore } from '../event-store/event-store.port';
import { ProjectionService } from '../infrastructure/projection.service';
import { EVENT_STORE, READ_MODEL_STORE } from '../infrastructure/tokens';
import { ReadModelAvailability } from '../read-models/read-model-availability';
import { servedPosition, type ReadModelStore } from '../read-models/read-model-store.port';
import { Clock } from '../shared/clock';
import { StoreDamagedError, type StorageFault, type StorageName } from '../shared/storage-fault';

const STORE_TIMEOUT_MS = 2000;
/** Events behind are counted up to this many: enough to tell a blip from a backlog, cheap on either store. */
export const LAG_COUNT_LIMIT = 10_000;

export interface ProjectionHealth extends Record<string, unknown> {
  /** 'holder': this instance runs the projections (it holds the lease); 'standby': another instance does. */
  role: string;
  state: string;
  position: number;
  headPosition: number;
  /** Events not yet in the read models, counted (positions are not counts on EventStoreDB), up to LAG_COUNT_LIMIT. */
  lagEvents: number;
  /** True when there are more than `lagEvents`: the count stopped at LAG_COUNT_LIMIT. */
  lagEventsCapped: boolean;
  /** How long ago the oldest event not yet in the read models was recorded; 0 when none is waiting. */
  lagSeconds: number;
  lastFailureAt: string | null;
  /** The subscription's failures since start, the retries of the current failure streak, and resubscriptions. */
  drops: number;
  retries: number;
  resubscriptions: number;
  /** A read model is being rebuilt beside the generation that answers for it. */
  rebuilding: boolean;
}

@Injectable()
export class StoreHealth {
  private readonly logger = new Logger('Health');
  private readonly faults = new Map<StorageName, StorageFault>();

  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_MODEL_STORE) private readonly reads: ReadModelStore,
    private readonly projectionService: ProjectionService,
    private readonly availability: ReadModelAvailability,
    private readonly clock: Clock,
  ) {}

  /** The code of a fault that makes the service unhealthy although its stores answer, if any. */
  faultCode(): string | null {
    return this.availability.fault?.code ?? null;
  }

  /** The storage faults the last check found, event store first: what a 503 names. */
  storageFaults(): StorageFault[] {
    return [...this.faults.values()];
  }

  async eventStore(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('eventStore');
    try {
      const headPosition = await withTimeout(this.events.headPosition());
      const fault = this.storageFault('eventStore', this.events.storageFault?.() ?? null);
      return fault ? check.down({ reachable: true, headPosition, ...faultFields(fault) }) : check.up({ headPosition });
    } catch (error) {
      this.logger.error(`Event store unreachable: ${messageOf(error)}`);
      return check.down({ reachable: false });
    }
  }

  async readStore(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('readStore');
    try {
      const checkpoint = servedPosition(await withTimeout(this.reads.generations()));
      const fault = this.storageFault('readStore', this.reads.storageFault?.() ?? null);
      return fault ? check.down({ reachable: true, checkpoint, ...faultFields(fault) }) : check.up({ checkpoint });
    } catch (error) {
      this.logger.error(`Read store unreachable: ${messageOf(error)}`);
      return check.down({ reachable: false });
    }
  }

  /** Remembers the fault for the 503's body, and logs when one starts and when it ends (not at every check). */
  private storageFault(store: StorageName, fault: StorageFault | null): StorageFault | null {
    const known = this.faults.get(store);
    if (fault && !known) this.logger.error(`${fault.message} (${fault instanceof StoreDamagedError ? `${fault.file}: ${fault.problem}; run npm run verify, and restore from a backup` : messageOf((fault as { cause?: unknown }).cause ?? fault)})`);
    if (!fault && known) this.logger.log(`The ${store === 'eventStore' ? 'event store' : 'read-model store'} can write again`);
    if (fault) this.faults.set(store, fault);
    else this.faults.delete(store);
    return fault;
  }

  async projections(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('projections');
    const fault = this.availability.fault;
    // Read models that reflect events the ledger no longer holds: nothing is served until an operator acts.
    if (fault) return check.down({ code: fault.code, position: fault.readModelPosition, headPosition: fault.ledgerHeadPosition });
    // Up even while the runner fails and retries: commands still work and queries answer (possibly
    // stale); taking every instance out of a load balancer would not help. `state` tells.
    return check.up(await this.projectionHealth());
  }

  async projectionHealth(): Promise<ProjectionHealth> {
    const { daemon } = this.projectionService;
    const runner = daemon.live;
    const role = this.projectionService.role;
    let position = daemon.position;
    let headPosition = position;
    let lagSeconds = 0;
    let lagEvents = 0;
    try {
      // A standby runs no runner: the read models are where the holder's stored checkpoint says.
      if (role !== 'holder') headPosition = position = servedPosition(await withTimeout(this.reads.generations()));
      headPosition = await withTimeout(this.events.headPosition());
      if (headPosition > position) {
        lagEvents = await withTimeout(this.events.countAfter(position, LAG_COUNT_LIMIT + 1));
        const [oldestWaiting] = await withTimeout(this.events.readAll({ fromPosition: position, limit: 1 }));
        const recordedAt = Date.parse(oldestWaiting?.metadata.recordedAt ?? '');
        if (Number.isFinite(recordedAt)) lagSeconds = Math.max(0, (this.clock.now().getTime() - recordedAt) / 1000);
      }
    } catch {
      // The event store indicator reports the failure; the lag is unknown, shown as none measured.
    }
    return {
      role,
      state: runner.state,
      position,
      headPosition,
      lagEvents: Math.min(lagEvents, LAG_COUNT_LIMIT),
      lagEventsCapped: lagEvents > LAG_COUNT_LIMIT,
      lagSeconds: Math.round(lagSeconds * 1000) / 1000,
      lastFailureAt: runner.lastError?.at.toISOString() ?? null,
      drops: runner.drops,
      retries: runner.retries,
      resubscriptions: runner.resubscriptions,
      rebuilding: daemon.isRebuilding,
    };
  }
}

/** What /health shows of a fault: never the file's path or the driver's words (they are logged). */
function faultFields(fault: StorageFault): Record<string, unknown> {
  return fault instanceof StoreDamagedError ? { writable: false, cause: 'damaged' } : { writable: false, cause: fault.storageCause };
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${STORE_TIMEOUT_MS} ms`)), STORE_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The failure's message without the password of a connection string it may quote (`esdb://user:password@host`). */
function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\/\/[^/@\s]*@/g, '//[redacted]@');
}
