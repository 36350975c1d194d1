/**
 * Failed authentications, counted per client address. Past AUTH_FAILURE_LIMIT failures in a window
 * of AUTH_FAILURE_WINDOW_MS, the address is refused (429 AUTHENTICATION_THROTTLED, Retry-After)
 * until the window ends, whatever it presents: were a correct key let through, the difference
 * between 200 and 429 would tell a guesser it had found one. The check runs before any credential
 * is looked at, so a refused attempt costs no hashing and no signature check either.
 *
 * They are logged in aggregate: the request lines of 401s and of these 429s are not written (the
 * logging module drops them), and once per window one line sums up the failures per address.
 *
 * Addresses are counted as they are; IPv6 ones by their /64 prefix, which is what one client
 * usually holds whole. At most MAX_TRACKED_ADDRESSES are remembered: past that, the oldest windows
 * are forgotten first, so a flood from many addresses cannot exhaust memory.
 */
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import * as net from 'node:net';
import type { Logger } from 'pino';
import type { HttpLogger } from 'pino-http';
import type { AppConfig } from '../config/config';
import { HTTP_LOGGER } from '../logging/logging.module';
import { APP_CONFIG } from '../infrastructure/tokens';
import { Clock } from '../shared/clock';
import { AuthenticationThrottledError } from '../shared/errors';

const MAX_TRACKED_ADDRESSES = 10_000;
/** Addresses named one by one in a summary line; the rest are only counted. */
const ADDRESSES_IN_SUMMARY = 20;

interface AddressWindow {
  startedAt: number;
  failures: number;
}

export interface FailureSummary {
  /** Failed authentications since the last summary, over every address. */
  failures: number;
  /** Requests refused with 429 because their address had failed too often. */
  throttled: number;
  addresses: number;
  /** The addresses with the most failures, most first. */
  top: Array<{ address: string; failures: number; throttled: number }>;
}

@Injectable()
export class FailedAuthentications implements OnModuleInit, OnModuleDestroy {
  private readonly windows = new Map<string, AddressWindow>();
  /** What the next summary reports, per address. */
  private readonly unreported = new Map<string, { failures: number; throttled: number }>();
  /** The application's logger itself, not the request-bound one: a summary may be written while a request is served. */
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | null = null;
  private readonly limit: number;
  private readonly windowMs: number;

  constructor(
    @Inject(APP_CONFIG) config: Pick<AppConfig, 'authFailureLimit'>,
    private readonly clock: Clock,
    @Inject(HTTP_LOGGER) httpLogger: HttpLogger,
  ) {
    ({ limit: this.limit, windowMs: this.windowMs } = config.authFailureLimit);
    this.logger = httpLogger.logger.child({ context: 'Auth' });
  }

  onModuleInit(): void {
    this.timer = setInterval(() => this.logSummary(), this.windowMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.logSummary();
  }

  /** Refuses an address that failed too often in its current window. */
  assertAllowed(address: string): void {
    const key = addressKey(address);
    const window = this.currentWindow(key);
    if (!window || window.failures < this.limit) return;
    this.tally(key).throttled += 1;
    const retryAfterMs = window.startedAt + this.windowMs - this.clock.now().getTime();
    throw new AuthenticationThrottledError(Math.max(1, Math.ceil(retryAfterMs / 1000)), this.limit, Math.ceil(this.windowMs / 1000));
  }

  recordFailure(address: string): void {
    const key = addressKey(address);
    let window = this.currentWindow(key);
    if (!window) {
      this.makeRoom();
      window = { startedAt: this.clock.now().getTime(), failures: 0 };
      this.windows.set(key, window);
    }
    window.failures += 1;
    this.tally(key).failures += 1;
  }

  /** The failures and refusals since the last summary, and forgets them; null when there were none. */
  takeSummary(): FailureSummary | null {
    if (this.unreported.size === 0) return null;
    const entries = [...this.unreported.entries()].map(([address, counts]) => ({ address, ...counts }));
    this.unreported.clear();
    entries.sort((a, b) => b.failures + b.throttled - (a.failures + a.throttled));
    return {
      failures: entries.reduce((sum, entry) => sum + entry.failures, 0),
      throttled: entries.reduce((sum, entry) => sum + entry.throttled, 0),
      addresses: entries.length,
      top: entries.slice(0, ADDRESSES_IN_SUMMARY),
    };
  }

  /** One log line for every failure since the last one (the request lines of those requests are not written). */
  logSummary(): void {
    const summary = this.takeSummary();
    if (!summary) return;
    this.logger.warn(
      { failedAuthentications: summary },
      `Failed authentications: ${summary.failures} from ${summary.addresses} address(es), ${summary.throttled} request(s) refused with 429`,
    );
  }

  private currentWindow(key: string): AddressWindow | undefined {
    const window = this.windows.get(key);
    if (window && this.clock.now().getTime() - window.startedAt >= this.windowMs) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  private tally(key: string): { failures: number; throttled: number } {
    let counts = this.unreported.get(key);
    if (!counts) {
      counts = { failures: 0, throttled: 0 };
      this.unreported.set(key, counts);
    }
    return counts;
  }

  private makeRoom(): void {
    if (this.windows.size < MAX_TRACKED_ADDRESSES) return;
    const now = this.clock.now().getTime();
    for (const [key, window] of this.windows) if (now - window.startedAt >= this.windowMs) this.windows.delete(key);
    // Still full: the oldest windows go (a Map iterates in insertion order).
    for (const key of this.windows.keys()) {
      if (this.windows.size < MAX_TRACKED_ADDRESSES) break;
      this.windows.delete(key);
    }
    if (this.unreported.size >= MAX_TRACKED_ADDRESSES) this.logSummary();
  }
}

/** An IPv4 address as it is (also when written IPv4-mapped, `::ffff:a.b.c.d`), an IPv6 one as its /64 prefix. */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1];
  if (net.isIPv6(address)) return `${expandIpv6(address).slice(0, 4).join(':')}::/64`;
  return address;
}

function expandIpv6(address: string): string[] {
  const [head, tail] = address.split('%')[0].split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''));
}
