/** Where an app's log lines go in a test: kept, to be read back parsed. */
import { Writable } from 'node:stream';

export function logCapture(): { destination: Writable; logged: () => Array<Record<string, unknown>> } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { destination, logged: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}
