/**
 * Resolves on the event loop's next turn, after the I/O and timers waiting now. Long work that is
 * synchronous underneath (better-sqlite3 reads, hashing) awaits it between slices: awaiting a
 * resolved promise alone never lets a request in, so without it a scan of the whole ledger would
 * hold every other request until it ends.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Counts units of synchronous work (events hashed, events folded) and says when the event loop is
 * due a turn: after every `size` of them. `if (turns.spend()) await nextTurn();`
 */
export class TurnBudget {
  private used = 0;

  constructor(private readonly size: number) {}

  spend(units = 1): boolean {
    this.used += units;
    if (this.used < this.size) return false;
    this.used = 0;
    return true;
  }
}
