/**
 * What the service says when it cannot start, and the exit code it says it with: one line an
 * operator can act on (which file, what is wrong, what to run), never a raw stack on the console.
 * The codes are documented in docs/operations.md#exit-codes; supervisors and scripts branch on them.
 */
import * as path from 'node:path';
import { ConfigError } from '../config/config';
import { LedgerError } from '../shared/errors';
import { StorageUnavailableError, StoreDamagedError } from '../shared/storage-fault';

export const EXIT_CODES = {
  /** The configuration is refused, or the data directory is in use by another process. */
  refused: 1,
  /** A store's file is damaged: verify, then restore from a backup (or, for the read models, delete them). */
  storeDamaged: 3,
  /** A store cannot write (disk full, read-only, I/O errors): fix the storage and start again. */
  storageUnavailable: 4,
  /** Anything else: a defect of ours. Its cause is logged as one JSON line with its stack. */
  unexpected: 70,
} as const;

export interface StartFailure {
  exitCode: number;
  line: string;
}

export function startFailure(error: unknown): StartFailure {
  if (error instanceof StoreDamagedError) return { exitCode: EXIT_CODES.storeDamaged, line: damagedLine(error) };
  if (error instanceof StorageUnavailableError) {
    return { exitCode: EXIT_CODES.storageUnavailable, line: `${error.message.replace(/; retry later$/, '')}. The service did not start: free space (or make the storage writable) and start it again; an unfinished seed is completed then.` };
  }
  if (error instanceof ConfigError || error instanceof LedgerError) return { exitCode: EXIT_CODES.refused, line: error.message };
  const listenRefusal = listenRefusalLine(error);
  if (listenRefusal) return { exitCode: EXIT_CODES.refused, line: listenRefusal };
  const err = error instanceof Error ? { type: error.name, message: error.message, stack: error.stack } : { message: String(error) };
  return { exitCode: EXIT_CODES.unexpected, line: JSON.stringify({ level: 60, time: Date.now(), msg: 'The service could not start', err }) };
}

/** The port is taken or not ours to bind: the operator picks another (`PORT`, `HOST`); nothing is wrong with the data. */
function listenRefusalLine(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (!(error instanceof Error) || (code !== 'EADDRINUSE' && code !== 'EACCES' && code !== 'EADDRNOTAVAIL')) return null;
  const where = (error as { address?: string; port?: number }).port !== undefined ? ` (${(error as { address?: string }).address ?? ''}:${(error as { port?: number }).port})` : '';
  const why = code === 'EADDRINUSE' ? 'is already in use by another process' : code === 'EACCES' ? 'may not be opened by this user' : 'is not an address of this machine';
  return `The address to listen on${where} ${why}: choose another with PORT (and HOST), then start again. The data directory is intact.`;
}

function damagedLine(error: StoreDamagedError): string {
  const file = error.file;
  if (error.store === 'readStore') {
    return (
      `${file} is damaged: ${error.problem}. The service did not start. The read models hold nothing the ledger does not: ` +
      `delete ${path.basename(file)} and start again, and they are rebuilt from the events.`
    );
  }
  return (
    `${file} is damaged: ${error.problem}. The service did not start. Run \`npm run verify\` to see what the ledger still holds, ` +
    `then restore the data directory from a backup (\`npm run restore -- <backup directory>\`; docs/operations.md#restoring-a-backup).`
  );
}
