/**
 * A recording stand-in for the MongoDB driver's client, for the MongoDB read-model store's unit
 * tests (no server runs here): every call with its arguments and session, each transaction's
 * options and outcome. Answers are what a test sets (`found`, `answers`) or harmless defaults;
 * `failures` makes a call reject as the server or the network would.
 */

export interface DriverCall {
  /** The collection, or `db` for database-level commands. */
  target: string;
  method: string;
  args: unknown[];
  /** The session the call was made in (the last argument's `session`), if any. */
  session: unknown;
}

export interface RecordedTransaction {
  options: unknown;
  outcome: 'committed' | 'aborted';
}

export function recordingMongoDriver() {
  const calls: DriverCall[] = [];
  /** `target.method` → the error that call rejects with. */
  const failures = new Map<string, unknown>();
  /** `target.method` → the value the call resolves to (find's documents: `found`). */
  const answers = new Map<string, unknown>();
  /** Collection → the documents `find` and `findOne` answer. */
  const found: Record<string, unknown[]> = {};
  const transactions: RecordedTransaction[] = [];
  let sessionsOpen = 0;
  let closed = 0;

  const record = (target: string, method: string, args: unknown[], fallback: unknown): Promise<unknown> => {
    const last = args[args.length - 1] as { session?: unknown } | undefined;
    calls.push({ target, method, args, session: last && typeof last === 'object' ? last.session : undefined });
    const key = `${target}.${method}`;
    if (failures.has(key)) return Promise.reject(failures.get(key));
    return Promise.resolve(answers.has(key) ? answers.get(key) : fallback);
  };

  const collection = (name: string) => ({
    find: (...args: unknown[]) => ({ toArray: () => record(name, 'find', args, found[name] ?? []) }),
    findOne: (...args: unknown[]) => record(name, 'findOne', args, (found[name] ?? [])[0] ?? null),
    countDocuments: (...args: unknown[]) => record(name, 'countDocuments', args, (found[name] ?? []).length),
    insertOne: (...args: unknown[]) => record(name, 'insertOne', args, { acknowledged: true }),
    updateOne: (...args: unknown[]) => record(name, 'updateOne', args, { matchedCount: 1, modifiedCount: 1 }),
    updateMany: (...args: unknown[]) => record(name, 'updateMany', args, { matchedCount: 1, modifiedCount: 1 }),
    bulkWrite: (...args: unknown[]) => record(name, 'bulkWrite', args, { ok: 1 }),
    createIndexes: (...args: unknown[]) => record(name, 'createIndexes', args, []),
  });

  const session = {
    withTransaction: async (work: (s: unknown) => Promise<void>, options: unknown) => {
      const key = 'session.withTransaction';
      if (failures.has(key)) throw failures.get(key);
      try {
        await work(session);
        transactions.push({ options, outcome: 'committed' });
      } catch (error) {
        transactions.push({ options, outcome: 'aborted' });
        throw error;
      }
    },
    endSession: async () => {
      sessionsOpen -= 1;
    },
  };

  const client = {
    db: () => ({
      collection,
      dropCollection: (...args: unknown[]) => record('db', 'dropCollection', args, true),
      command: (...args: unknown[]) => record('db', 'command', args, { ok: 1 }),
    }),
    startSession: () => {
      sessionsOpen += 1;
      return session;
    },
    close: async () => {
      closed += 1;
    },
  };

  return {
    client,
    session,
    calls,
    failures,
    answers,
    found,
    transactions,
    sessionsOpen: () => sessionsOpen,
    closeCount: () => closed,
    /** The calls made to one collection (or `db`), as [method, args]. */
    callsTo: (target: string) => calls.filter((call) => call.target === target).map((call) => [call.method, call.args] as const),
  };
}

export type RecordingMongoDriver = ReturnType<typeof recordingMongoDriver>;
