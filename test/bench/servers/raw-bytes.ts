/**
 * The floor for a read: a bare node:http server answering every GET with the same ready bytes (a
 * page the service answered, read from a file), as JSON, over the same keep-alive connection and
 * client as the service. What its latency shows beyond zero is the machine: loopback TCP, the
 * client, and scheduling on a shared 2-core VM.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { announceServer } from '../support/processes';

async function main(): Promise<void> {
  const { file } = JSON.parse(process.argv[2]) as { file: string };
  const body = fs.readFileSync(file);
  const server = http.createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  announceServer((server.address() as AddressInfo).port, async () => {
    server.close();
  });
}

main().catch((error: unknown) => {
  process.send?.({ kind: 'error', message: error instanceof Error ? error.stack : String(error) });
  process.exitCode = 1;
});
