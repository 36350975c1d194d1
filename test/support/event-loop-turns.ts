/**
 * Counting the event loop's turns: a ticker re-arms itself with `setImmediate`, so it counts one
 * per turn. Work that only awaits resolved promises lets it count none, which is how the tests show
 * that long work lets other requests in.
 */
export interface TurnCounter {
  /** Turns counted so far. */
  readonly turns: number;
  stop(): void;
}

export function countTurns(): TurnCounter {
  let turns = 0;
  let ticking = setImmediate(function tick() {
    turns += 1;
    ticking = setImmediate(tick);
  });
  return {
    get turns() {
      return turns;
    },
    stop: () => clearImmediate(ticking),
  };
}

/** How many turns the event loop takes while `work` runs, and what it gave. */
export async function turnsWhile<T>(work: () => Promise<T>): Promise<{ turns: number; result: T }> {
  const counter = countTurns();
  try {
    const result = await work();
    return { turns: counter.turns, result };
  } finally {
    counter.stop();
  }
}
