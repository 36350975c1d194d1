/**
 * A server store's (EventStoreDB's, MongoDB's) storage fault as /health reports it: the fault of
 * the last failed write, until a write succeeds or FAULT_MEMORY_MS has passed. Unlike an embedded
 * store's file, a server's disk cannot be probed from here, and an instance that /health keeps
 * at 503 gets no traffic from its load balancer, so no write would ever clear it: after a while it
 * reports healthy again, and the next write that fails says so again.
 */
import { StorageUnavailableError } from './storage-fault';

export const FAULT_MEMORY_MS = 30_000;

export class RecentWriteFault {
  private fault: { error: StorageUnavailableError; at: number } | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  /** Passes the error on, remembering it when it is a storage fault. */
  failed(error: unknown): unknown {
    if (error instanceof StorageUnavailableError) this.fault = { error, at: this.now() };
    return error;
  }

  succeeded(): void {
    this.fault = null;
  }

  current(): StorageUnavailableError | null {
    if (this.fault && this.now() - this.fault.at > FAULT_MEMORY_MS) this.fault = null;
    return this.fault?.error ?? null;
  }
}
