/**
 * Group commit: writes requested during one turn of the event loop are committed together, so
 * they share one transaction and one fsync instead of paying for one each.
 *
 * Nothing is acknowledged early: every caller's promise settles only after the commit that holds
 * its write (or after that write failed). Each write still succeeds or fails on its own (the
 * `commit` callback isolates them, for SQLite with a savepoint each), in the order they were
 * submitted, so a group gives every write the outcome it would have had in a transaction of its
 * own run at the same point. A single waiting write is committed alone, exactly as before.
 *
 * Why one turn of the event loop: requests that arrive together (the HTTP server reads every ready
 * socket in one poll phase) reach their append within that phase, and `setImmediate` runs right
 * after it. A lone writer pays one loop turn (microseconds); concurrent writers stop queueing
 * behind each other's fsync.
 */

/** What one write came to: its value, or the error it alone is rejected with. */
export type Settled<Value> = { ok: true; value: Value } | { ok: false; error: unknown };

/** Writes beyond this many wait for the next group, so one commit never blocks the loop for long. */
export const MAX_GROUP_SIZE = 256;

interface Waiting<Write, Value> {
  write: Write;
  resolve(value: Value): void;
  reject(error: unknown): void;
}

export class GroupCommit<Write, Value> {
  private waiting: Array<Waiting<Write, Value>> = [];
  private scheduled: NodeJS.Immediate | null = null;

  /**
   * `commit` runs synchronously, writes the group in one transaction and answers one outcome per
   * write, in order. If it throws (the transaction itself failed: BEGIN or COMMIT), every write of
   * the group is rejected with that error.
   */
  constructor(private readonly commit: (group: readonly Write[]) => Array<Settled<Value>>) {}

  submit(write: Write): Promise<Value> {
    return new Promise<Value>((resolve, reject) => {
      this.waiting.push({ write, resolve, reject });
      this.scheduled ??= setImmediate(() => {
        this.scheduled = null;
        this.flush();
      });
    });
  }

  /** Commits everything waiting now, in groups of at most MAX_GROUP_SIZE (also called on close, so no accepted write is dropped). */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    while (this.waiting.length > 0) this.commitGroup(this.waiting.splice(0, MAX_GROUP_SIZE));
  }

  private commitGroup(group: Array<Waiting<Write, Value>>): void {
    let outcomes: Array<Settled<Value>>;
    try {
      outcomes = this.commit(group.map((waiting) => waiting.write));
    } catch (error) {
      for (const waiting of group) waiting.reject(error);
      return;
    }
    group.forEach((waiting, index) => {
      const outcome = outcomes[index];
      if (outcome.ok) waiting.resolve(outcome.value);
      else waiting.reject(outcome.error);
    });
  }
}
