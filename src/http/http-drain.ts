/**
 * Graceful shutdown, in the order that loses nothing: stop accepting connections, answer new
 * requests on open keep-alive connections (idle ones included, for at least
 * IDLE_CONNECTION_GRACE_MS) with 503 SHUTTING_DOWN and `Connection: close`, let the requests in flight
 * finish (a command that was accepted gets its answer) until SHUTDOWN_TIMEOUT_MS, then close the
 * connections of any still running, let the projections reach the last write, and only then let
 * Nest stop the projection runner (which stores its checkpoint) and close the stores.
 *
 * Nest calls `onModuleDestroy` on every provider before any `beforeApplicationShutdown`, so this
 * runs before ProjectionService stops the runner and before StoreLifecycle closes the stores.
 */
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import { Server as NetServer } from 'node:net';
import type { AppConfig } from '../config/config';
import { ProjectionService } from '../infrastructure/projection.service';
import { APP_CONFIG } from '../infrastructure/tokens';
import type { RequestStep } from './request-steps';

/** How long open connections are kept after the signal even when no request is in flight (bounded by SHUTDOWN_TIMEOUT_MS). */
export const IDLE_CONNECTION_GRACE_MS = 1000;

function openConnections(server: Server): Promise<number> {
  return new Promise((resolve) => server.getConnections((error, count) => resolve(error ? 1 : count)));
}

function sleep(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}

@Injectable()
export class HttpDrain implements OnModuleDestroy {
  private readonly logger = new Logger('Shutdown');
  private inFlight = 0;
  private draining = false;
  private readonly idleWaiters = new Set<() => void>();

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly projections: ProjectionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts requests from arrival until their response is finished or the connection drops. */
  readonly step: RequestStep = (_req, res) => {
    if (this.draining) {
      res.setHeader('Connection', 'close');
      return { statusCode: 503, code: 'SHUTTING_DOWN', message: 'The service is shutting down; retry on another instance' };
    }
    this.inFlight += 1;
    let counted = true;
    const done = () => {
      if (!counted) return;
      counted = false;
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const wake of [...this.idleWaiters]) wake();
    };
    res.on('finish', done);
    res.on('close', done);
    return null;
  };

  async onModuleDestroy(): Promise<void> {
    this.draining = true;
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    // Stop accepting connections, and only that: http.Server#close also closes the idle keep-alive
    // connections at once, and a client sending on one of them just then met a connection reset
    // instead of 503 SHUTTING_DOWN. They stay open while the drain lasts (each request on them is
    // answered 503 with `Connection: close`) and are closed below. The callback only reports "was
    // not listening", which is fine.
    const connections = server?.listening ? await openConnections(server) : 0;
    if (server?.listening) NetServer.prototype.close.call(server, () => undefined);
    const deadline = Date.now() + this.config.shutdownTimeoutMs;
    this.logger.log(`Shutting down: ${this.inFlight} request(s) in flight, new ones answered 503 SHUTTING_DOWN`);
    // A request already on its way on an idle connection when the signal came gets its 503, not a
    // reset. Without open connections there is nobody to wait for.
    const lingerUntil = connections > 0 ? Math.min(deadline, Date.now() + IDLE_CONNECTION_GRACE_MS) : 0;
    if (await this.untilIdle(deadline)) {
      await sleep(lingerUntil - Date.now());
      server?.closeIdleConnections?.();
    } else {
      this.logger.warn(`${this.inFlight} request(s) still in flight after ${this.config.shutdownTimeoutMs} ms; closing their connections`);
      // Their handlers may wait much longer (a read-your-writes wait, a slow store): the server's own
      // close would wait for them, and the process with it. The deadline is the deadline.
      server?.closeAllConnections?.();
    }
    await this.projectionsCaughtUp(deadline);
  }

  private untilIdle(deadline: number): Promise<boolean> {
    if (this.inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = (idle: boolean) => {
        clearTimeout(timer);
        this.idleWaiters.delete(wake);
        resolve(idle);
      };
      const wake = () => finish(true);
      const timer = setTimeout(() => finish(false), Math.max(0, deadline - Date.now()));
      this.idleWaiters.add(wake);
    });
  }

  /** So the checkpoint the runner stores on stop covers every command that was answered. */
  private async projectionsCaughtUp(deadline: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now()));
    });
    try {
      const outcome = await Promise.race([this.projections.catchUp(), timeout]);
      if (outcome === 'timeout') this.logger.warn('Read models did not reach the head before the shutdown deadline; the rest is replayed on the next start');
    } catch (error) {
      this.logger.warn(`Read models could not catch up before shutdown: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      clearTimeout(timer);
    }
  }
}
