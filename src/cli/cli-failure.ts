/** How a command-line tool ends on failure: one line saying what went wrong, exit status 1. */
import { LedgerError } from '../shared/errors';

export function reportCliFailure(error: unknown): never {
  // Our typed errors are written for an operator; anything else is unexpected and keeps its stack.
  const line = error instanceof LedgerError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  console.error(line);
  process.exit(1);
}
