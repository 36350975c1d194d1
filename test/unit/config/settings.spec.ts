/** Settings read in config.ts: a value the service cannot use is refused at start. */
import { loadConfig } from '../../../src/config/config';

describe('settings', () => {
  // Read here, before the HTTP server is built: a limit it cannot use stops the start, not a request.
  it.each(['0', 'abc', '-1kb', '2gb', '10tb'])('refuses BODY_LIMIT=%s at start', (limit) => {
    expect(() => loadConfig({ BODY_LIMIT: limit })).toThrow(/BODY_LIMIT/);
  });

  it('takes BODY_LIMIT as a size in b, kb, mb or gb, and 100kb when unset', () => {
    expect(loadConfig({}).bodyLimit).toBe('100kb');
    expect(loadConfig({ BODY_LIMIT: '1.5mb' }).bodyLimit).toBe('1.5mb');
    expect(loadConfig({ BODY_LIMIT: '2048' }).bodyLimit).toBe('2048');
  });

  it('reads SEED_ON_START as true or false only', () => {
    expect(loadConfig({}).seedOnStart).toBe(true);
    expect(loadConfig({ SEED_ON_START: 'false' }).seedOnStart).toBe(false);
    expect(loadConfig({ SEED_ON_START: 'true' }).seedOnStart).toBe(true);
    for (const value of ['no', '0', 'False', 'off']) expect(() => loadConfig({ SEED_ON_START: value })).toThrow(/SEED_ON_START must be one of true, false/);
  });

  it('ignores a leftover HTTP_ADAPTER, as any variable it does not read: the service runs on Fastify only', () => {
    const env = { DATA_DIR: '/srv/ledger' };
    for (const value of ['express', 'fastify', 'koa']) expect(loadConfig({ ...env, HTTP_ADAPTER: value })).toEqual(loadConfig(env));
  });

  it('waits 60 s for an EventStoreDB leader at start by default, 0 to 600 s when EVENTSTORE_STARTUP_TIMEOUT_MS says so', () => {
    expect(loadConfig({}).eventStoreStartupTimeoutMs).toBe(60_000);
    expect(loadConfig({ EVENTSTORE_STARTUP_TIMEOUT_MS: '0' }).eventStoreStartupTimeoutMs).toBe(0);
    expect(loadConfig({ EVENTSTORE_STARTUP_TIMEOUT_MS: '120000' }).eventStoreStartupTimeoutMs).toBe(120_000);
    for (const value of ['-1', '600001', '1.5', 'soon']) expect(() => loadConfig({ EVENTSTORE_STARTUP_TIMEOUT_MS: value })).toThrow(/EVENTSTORE_STARTUP_TIMEOUT_MS/);
  });

  it('listens on 127.0.0.1 outside production mode and on every interface in it, unless HOST says otherwise', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'production' }).host).toBe('every-interface');
    expect(loadConfig({ MONGODB_URI: 'mongodb://db:27017/?replicaSet=rs0' }).host).toBe('every-interface');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '::' }).host).toBe('::');
    expect(loadConfig({ NODE_ENV: 'production', HOST: '10.1.2.3' }).host).toBe('10.1.2.3');
    expect(loadConfig({ HOST: 'ledger.internal' }).host).toBe('ledger.internal');
    for (const host of ['http://0.0.0.0', '0.0.0.0:3000', 'a b']) expect(() => loadConfig({ HOST: host })).toThrow(/HOST must be/);
  });

  it('believes X-Forwarded-For only as TRUST_PROXY says', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1']);
    for (const value of ['yes', 'proxy.internal', '0']) expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
  });

  it('counts 20 failed authentications per address per minute by default', () => {
    expect(loadConfig({}).authFailureLimit).toEqual({ limit: 20, windowMs: 60_000 });
    expect(loadConfig({ AUTH_FAILURE_LIMIT: '5', AUTH_FAILURE_WINDOW_MS: '300000' }).authFailureLimit).toEqual({ limit: 5, windowMs: 300_000 });
    for (const value of ['0', 'many']) expect(() => loadConfig({ AUTH_FAILURE_LIMIT: value })).toThrow(/AUTH_FAILURE_LIMIT/);
  });
});
