/**
 * What `npm run verify` does, apart from opening the store: scan the ledger, optionally check a
 * digest taken earlier, print a readable report, and answer the process exit code.
 */
import type { EventStore } from '../event-store/event-store.port';
import { CHAIN_BREAK_EXPLANATIONS } from './chain-verification';
import { scanLedger } from './ledger-scan';

export interface VerifyOptions {
  /** A digest taken earlier, and the position it was taken at. */
  digest?: { value: string; position: number };
  /** List every stream, not only the broken ones. */
  verbose?: boolean;
}

export const EXIT_OK = 0;
export const EXIT_BROKEN = 1;
export const EXIT_USAGE = 2;

export const VERIFY_USAGE = 'usage: npm run verify -- [--digest <64 hex digits> --position <global position>] [--verbose]';

export class VerifyUsageError extends Error {}

export function parseVerifyArgs(args: readonly string[]): VerifyOptions {
  const options: VerifyOptions = {};
  let digest: string | undefined;
  let position: number | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--verbose' || arg === '-v') options.verbose = true;
    else if (arg === '--digest') digest = args[++i];
    else if (arg === '--position') position = Number(args[++i]);
    else throw new VerifyUsageError(`unknown argument ${arg}`);
  }
  if ((digest === undefined) !== (position === undefined)) throw new VerifyUsageError('--digest and --position go together');
  if (digest !== undefined && position !== undefined) {
    if (!/^[0-9a-fA-F]{64}$/.test(digest)) throw new VerifyUsageError('--digest must be 64 hexadecimal digits');
    if (!Number.isSafeInteger(position) || position < 0) throw new VerifyUsageError('--position must be a whole number >= 0');
    options.digest = { value: digest.toLowerCase(), position };
  }
  return options;
}

/** Writes the report line by line through `print`; returns the exit code. */
export async function verifyLedger(store: EventStore, options: VerifyOptions, print: (line: string) => void): Promise<number> {
  let failed = false;
  const current = await scanLedger(store);
  print(`Hash chains as of position ${current.position}: ${current.streams.length} streams, ${current.events} events`);
  for (const stream of current.streams) {
    const brk = stream.firstBreak;
    if (brk) {
      failed = true;
      print(`  BROKEN ${stream.streamId} at revision ${brk.revision}: ${brk.reason} (${CHAIN_BREAK_EXPLANATIONS[brk.reason]}); expected ${brk.expected}, found ${brk.found}`);
    } else if (options.verbose) {
      print(`  ok     ${stream.streamId}: ${stream.events} events, head revision ${stream.headRevision}, ${stream.headHash}`);
    }
  }
  const broken = current.streams.filter((s) => !s.valid).length;
  print(broken === 0 ? `  every chain is intact` : `  ${broken} of ${current.streams.length} streams broken`);
  print(`Audit digest at position ${current.position}: ${current.digest}`);

  if (options.digest) {
    const { value, position } = options.digest;
    const then = await scanLedger(store, position);
    if (then.digest === value) {
      print(`Digest ${value} at position ${position}: matches`);
    } else {
      failed = true;
      print(`Digest ${value} at position ${position}: DOES NOT MATCH (recomputed ${then.digest})`);
      print('  a stream was cut short, removed or rewritten with fresh hashes at or before that position; compare the heads below with those saved with the digest');
      if (then.storeHeadPosition < position) print(`  the store now ends at position ${then.storeHeadPosition}: events at the end of the log are gone`);
      for (const head of then.heads) print(`    ${head.streamId}:${head.revision}:${head.hash}`);
    }
  }
  print(failed ? 'RESULT: the ledger has been tampered with or damaged' : 'RESULT: ok');
  return failed ? EXIT_BROKEN : EXIT_OK;
}
