/**
 * A real socket for tests that fire many requests at once: the app listens once on 127.0.0.1 and
 * every request goes to that address (supertest would otherwise start a listener per request).
 */
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { TestApp } from './test-app';

export interface HttpClient {
  baseUrl: string;
  get(url: string, apiKey: string): request.Test;
  post(url: string, body: unknown, apiKey: string): request.Test;
}

export async function listenOnLoopback(t: TestApp): Promise<HttpClient> {
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    get: (url, apiKey) => request(baseUrl).get(url).set('Authorization', `Bearer ${apiKey}`),
    post: (url, body, apiKey) => request(baseUrl).post(url).set('Authorization', `Bearer ${apiKey}`).send(body as object),
  };
}
