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
 * after it. Concurrent writers stop queueing behind each other's fsync.
 *
 * That wait is not free for a writer that is alone (one command after another: measured 10–20%
 * fewer commands per second), and nothing tells a write whether others are about to come. So the
 * batcher watches what waiting brings: after SOLO_GROUPS_TO_COMMIT_AT_ONCE groups in a row held a
 * single write, writes are committed at once, as a plain transaction each; every PROBE_EVERY-th
 * write still waits one turn, and as soon as such a group gathers more than one write, writes wait
 * again. Which way a write goes changes when it is committed, never what it comes to.
 */

/** What one write came to: its value, or the error it alone is rejected with. */
export type Settled<Value> = { ok: true; value: Value } | { ok: false; error: unknown };

/** Writes beyond this many wait for the next group, so one commit never blocks the loop for long. */
export const MAX_GROUP_SIZE = 256;
/** Groups in a row of a single write after which writes stop waiting for company. */
export const SOLO_GROUPS_TO_COMMIT_AT_ONCE = 8;
/** While committing at once, one write in this many waits a turn anyway, to notice writers overlapping again. */
export const PROBE_EVERY = 32;

interface Waiting<Write, Value> {
  write: Write;
  resolve(value: Value): void;
  reject(error: unknown): void;
}

export class GroupCommit<Write, Value> {
  private waiting: Array<Waiting<Write, Value>> = [];
  private scheduled: NodeJS.Immediate | null = null;
  private soloGroupsInARow = 0;
  private committedAtOnceSinceProbe = 0;

  /**
   * `commit` runs synchronously, writes the group in one transaction and answers one outcome per
   * write, in order. If it throws (the transaction itself failed: BEGIN or COMMIT), every write of
   * the group is rejected with that error.
   */
  constructor(private readonly commit: (group: readonly Write[]) => Array<Settled<Value>>) {}

  submit(write: Write): Promise<Value> {
    // At once only when nothing waits: a write never overtakes one submitted before it.
    if (this.committingAtOnce() && this.waiting.length === 0 && ++this.committedAtOnceSinceProbe < PROBE_EVERY) return this.commitAtOnce(write);
    this.committedAtOnceSinceProbe = 0;
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

  /** True once waiting has brought no company for a while (see the file comment). */
  committingAtOnce(): boolean {
    return this.soloGroupsInARow >= SOLO_GROUPS_TO_COMMIT_AT_ONCE;
  }

  private commitAtOnce(write: Write): Promise<Value> {
    let outcome: Settled<Value>;
    try {
      [outcome] = this.commit([write]);
    } catch (error) {
      return Promise.reject(error);
    }
    return outcome.ok ? Promise.resolve(outcome.value) : Promise.reject(outcome.error);
  }

  private commitGroup(group: Array<Waiting<Write, Value>>): void {
    this.soloGroupsInARow = group.length === 1 ? this.soloGroupsInARow + 1 : 0;
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
