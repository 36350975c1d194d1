/** One request at a time over a kept-alive connection: per-request latency without queueing. */
import * as http from 'node:http';
import { percentile } from './stats';

export interface LatencyResult {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  requests: number;
  bytes: number;
}

export async function sequentialLatency(port: number, paths: readonly string[], count: number, apiKey: string, warmup = 10): Promise<LatencyResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const samples: number[] = [];
  let bytes = 0;
  try {
    for (let i = 0; i < warmup + count; i++) {
      const start = process.hrtime.bigint();
      const size = await get(agent, port, paths[i % paths.length], apiKey);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (i >= warmup) {
        samples.push(ms);
        bytes = size;
      }
    }
  } finally {
    agent.destroy();
  }
  return { p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99), maxMs: Math.max(...samples), requests: samples.length, bytes };
}

function get(agent: http.Agent, port: number, path: string, apiKey: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path, agent, headers: { authorization: `Bearer ${apiKey}` } }, (response) => {
      let size = 0;
      response.on('data', (chunk: Buffer) => (size += chunk.length));
      response.on('end', () => {
        if (response.statusCode !== 200) reject(new Error(`GET ${path} answered ${response.statusCode}`));
        else resolve(size);
      });
    });
    request.on('error', reject);
  });
}

/** The body of one GET, for a baseline that answers the same bytes. */
export function fetchBody(port: number, path: string, apiKey: string): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${apiKey}` } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => (response.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`GET ${path} answered ${response.statusCode}`))));
      })
      .on('error', reject);
  });
}
