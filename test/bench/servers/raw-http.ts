/**
 * The HTTP baseline: a bare node:http server that parses the JSON body and does the raw append
 * (support/raw-append.ts) of the event the service would store, then answers 201 like the service.
 * No framework, no validation, no authentication, no read-before-write: the floor of the cost.
 * With `groupCommit`, appends that arrive in the same turn of the event loop share one transaction,
 * as the service's SQLite adapter does (src/event-store/group-commit.ts): the floor for that design.
 */
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { GroupCommit } from '../../../src/event-store/group-commit';
import { announceServer } from '../support/processes';
import { RawAppender, type RawEvent } from '../support/raw-append';
import { rawReportEvent } from './raw-report';

const ROUTE = /^\/indicators\/([A-Za-z0-9._-]+)\/progress-reports$/;

async function main(): Promise<void> {
  const { dir, groupCommit } = JSON.parse(process.argv[2]) as { dir: string; groupCommit?: boolean };
  const appender = new RawAppender(path.join(dir, 'events.db'));
  const grouped = new GroupCommit((group: ReadonlyArray<{ streamId: string; event: RawEvent }>) =>
    appender.appendGroup(group).map((value) => ({ ok: true as const, value })),
  );
  const server = http.createServer((req, res) => {
    const match = req.method === 'POST' && req.url ? ROUTE.exec(req.url) : null;
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body: { metric: string; period: string; value: number; note?: string };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' }).end('{"code":"MALFORMED_JSON"}');
        return;
      }
      const event = rawReportEvent(match[1], body, randomUUID());
      const streamId = `indicator-${match[1]}`;
      const answer = ({ revision, position }: { revision: number; position: number }) => {
        const text = JSON.stringify({ reportId: (event.data as { reportId: string }).reportId, revision, position });
        res.writeHead(201, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
      };
      if (!groupCommit) {
        answer(appender.appendOne(streamId, event));
        return;
      }
      grouped.submit({ streamId, event }).then(answer, () => res.writeHead(500).end());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  announceServer((server.address() as AddressInfo).port, async () => {
    server.close();
    appender.close();
  });
}

main().catch((error: unknown) => {
  process.send?.({ kind: 'error', message: error instanceof Error ? error.stack : String(error) });
  process.exitCode = 1;
});
