/**
 * A real application over HTTP on the embedded stores, in a temporary data directory, with a
 * manual clock and the resolution seeded, as `npm start` would run it.
 */
import type { INestApplication } from '@nestjs/common';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { loadConfig, type AppConfig } from '../../src/config/config';
import { createApp } from '../../src/create-app';
import type { AppModuleOptions } from '../../src/app.module';
import type { EventStore } from '../../src/event-store/event-store.port';
import { createReadModelStore } from '../../src/infrastructure/stores';
import { EVENT_STORE } from '../../src/infrastructure/tokens';
import type { ReadModelStore } from '../../src/read-models/read-model-store.port';
import { completeSeed } from '../../src/seeding/seed-if-empty';
import { ManualClock } from '../../src/shared/clock';
import { OpenApiContract, watchAnswers } from './openapi-contract';

export const KEYS = {
  analyst: 'demo-analyst',
  coordinator: 'demo-coordinator',
  standingCommittee: 'demo-standing-committee',
  inspector: 'demo-inspector',
  reporter: (unitId: string) => `demo-reporter-${unitId}`,
};

let contract: OpenApiContract | null = null;
const undescribedAnswers: string[] = [];

/**
 * Checks every answer the app gives against openapi.json (openapi-contract.ts); what the document
 * does not describe fails the test that was running when it was answered.
 */
export function checkAnswersAgainstOpenApi(app: INestApplication): void {
  contract ??= OpenApiContract.fromFile();
  const checked = contract;
  watchAnswers(
    app.getHttpServer(),
    (answer) => undescribedAnswers.push(...checked.problemsOf(answer)),
    (answer, error) => undescribedAnswers.push(`${answer.method} ${answer.url}: the check failed: ${error instanceof Error ? error.message : String(error)}`),
  );
}

/** The answers checked so far that the document does not describe, emptied. */
export function takeUndescribedAnswers(): string[] {
  return undescribedAnswers.splice(0);
}

// Jest's hooks exist only under Jest: child processes load this file too (ts-require.js).
if (typeof afterEach === 'function') {
  afterEach(() => {
    const found = takeUndescribedAnswers();
    if (found.length > 0) throw new Error(`Answers openapi.json does not describe:\n${found.join('\n')}`);
  });
}

export interface TestApp {
  app: INestApplication;
  clock: ManualClock;
  config: AppConfig;
  eventStore: EventStore;
  get(url: string, apiKey?: string): request.Test;
  post(url: string, body: unknown, apiKey: string): request.Test;
  close(): Promise<void>;
}

export interface TestAppOptions extends Pick<AppModuleOptions, 'eventStore' | 'readModelStore' | 'projectionLease' | 'logDestination'> {
  now?: string;
  seed?: boolean;
  dataDir?: string;
  /** Environment variables as `loadConfig` reads them (DATA_DIR is set for you). */
  env?: NodeJS.ProcessEnv;
  /** Wraps the read-model store the app gets (the one given, or the one its configuration makes), e.g. to spy on it. */
  wrapReadModelStore?: (store: ReadModelStore) => ReadModelStore;
  /** Where the built console is served from (default: dist/web). */
  consoleDir?: string;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-e2e-'));
  const config = { ...loadConfig({ ...options.env, DATA_DIR: dataDir }), readYourWritesTimeoutMs: 3000 };
  const clock = new ManualClock(new Date(options.now ?? '2021-07-20T03:00:00.000Z'));
  const { eventStore, projectionLease, logDestination, wrapReadModelStore } = options;
  const readModelStore = wrapReadModelStore ? wrapReadModelStore(options.readModelStore ?? createReadModelStore(config)) : options.readModelStore;
  // With a log destination the app logs through pino as the service does; without one it is silent.
  const app = await createApp({ config, clock, eventStore, readModelStore, projectionLease, logDestination, consoleDir: options.consoleDir, ...(logDestination ? {} : { logger: false as const }) });
  checkAnswersAgainstOpenApi(app);
  if (options.seed !== false) await completeSeed(app, config);
  const server = app.getHttpServer();
  return {
    app,
    clock,
    config,
    eventStore: app.get<EventStore>(EVENT_STORE),
    get: (url, apiKey = KEYS.analyst) => request(server).get(url).set('Authorization', `Bearer ${apiKey}`),
    post: (url, body, apiKey) => request(server).post(url).set('Authorization', `Bearer ${apiKey}`).send(body as object),
    close: async () => {
      await app.close();
      if (!options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
