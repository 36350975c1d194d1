/**
 * Wraps a read-model store and records every read model a query asked it for: each query
 * implementation starts by looking up its serving generation, so a test can prove that hostile
 * input never reached one.
 */
import type { ReadModelStore } from '../../src/read-models/read-model-store.port';

export interface QuerySpy<S extends ReadModelStore> {
  store: S;
  /** The read models looked up by queries, in order. */
  queried: string[];
}

export function spyOnQueries<S extends ReadModelStore>(store: S): QuerySpy<S> {
  const queried: string[] = [];
  const spied = new Proxy(store, {
    get(target, property) {
      const value = Reflect.get(target, property) as unknown;
      if (property === 'servingGeneration' && typeof value === 'function') {
        return (readModel: string) => {
          queried.push(readModel);
          return (value as (name: string) => unknown).call(target, readModel);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: spied, queried };
}
