import { ConfigError, DEFAULT_HTTP_ADAPTER, loadConfig } from '../../../src/config/config';

describe('HTTP_ADAPTER', () => {
  it('defaults to Fastify and accepts express', () => {
    expect(DEFAULT_HTTP_ADAPTER).toBe('fastify');
    expect(loadConfig({}).httpAdapter).toBe('fastify');
    expect(loadConfig({ HTTP_ADAPTER: 'express' }).httpAdapter).toBe('express');
  });

  it('refuses anything else at start', () => {
    expect(() => loadConfig({ HTTP_ADAPTER: 'koa' })).toThrow(ConfigError);
  });
});
