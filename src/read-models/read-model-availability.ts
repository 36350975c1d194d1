/**
 * Whether the read models may be served and the ledger written: not when a read model reflects
 * events the event store no longer holds (ReadModelsAheadOfLedgerError). Then a new event would
 * take a position the read models believe they have applied, and every answer would rest on events
 * nobody can verify. The projection daemon sets it at start; the queries' lookup of their table,
 * the command path and /health read it.
 */
import type { ReadModelsAheadOfLedgerError } from './read-model.errors';

export class ReadModelAvailability {
  private current: ReadModelsAheadOfLedgerError | null = null;

  get fault(): ReadModelsAheadOfLedgerError | null {
    return this.current;
  }

  halt(fault: ReadModelsAheadOfLedgerError): void {
    this.current = fault;
  }

  resume(): void {
    this.current = null;
  }

  /** Throws the fault, if any: for the paths that must not go on. */
  assertAvailable(): void {
    if (this.current) throw this.current;
  }
}
