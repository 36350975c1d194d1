/**
 * Memoises class-validator's metadata lookups, which it otherwise recomputes on every validate():
 * `getTargetValidationMetadatas` walks every decorated class of the process (an `instanceof` test
 * per class, for inherited rules) and filters the target's rules by groups, then
 * `groupByPropertyName` regroups the result by property. In the command route's validation that is
 * about a fifth of the pipe's CPU (see test/bench/workloads/validation.ts), for an answer that only
 * changes when a rule is registered.
 *
 * Correctness rests on two facts of class-validator 0.15: the answer depends only on the stored
 * rules and the arguments (class, schema name, `always`, `strictGroups`, groups), and every rule
 * enters the store through `addValidationMetadata` (decorators, `registerSchema` and
 * @nestjs/mapped-types all call it). So every registration empties the cache, and a class whose
 * decorators run after a validation is never served an empty answer from before it.
 *
 * The cached arrays and groupings are shared by all callers, which only read them
 * (class-validator's executor filters them, Nest's ValidationPipe and @nestjs/mapped-types map
 * them). They are not frozen: V8 filters frozen arrays on a slow path, and freezing made the pipe
 * slower than no cache at all.
 *
 * Installed once, from the composition root (src/create-app.ts), on the process-wide store;
 * installing again is a no-op. The store's own methods are shadowed on the instance, not patched.
 */
import { getMetadataStorage, type MetadataStorage } from 'class-validator';

type ValidationMetadataList = ReturnType<MetadataStorage['getTargetValidationMetadatas']>;
type GroupedMetadata = ReturnType<MetadataStorage['groupByPropertyName']>;

const INSTALLED = Symbol.for('resolution-ledger.validation-metadata-cache');

export function installValidationMetadataCache(storage: MetadataStorage = getMetadataStorage()): void {
  const marked = storage as MetadataStorage & { [INSTALLED]?: true };
  if (marked[INSTALLED]) return;
  marked[INSTALLED] = true;

  const lookupUncached = storage.getTargetValidationMetadatas.bind(storage);
  const groupUncached = storage.groupByPropertyName.bind(storage);
  const addUncached = storage.addValidationMetadata.bind(storage);
  // Per class, per options key; the groupings are keyed by the cached arrays they were made from.
  let lookups = new WeakMap<Function, Map<string, ValidationMetadataList>>();
  let groupings = new WeakMap<ValidationMetadataList, GroupedMetadata>();

  storage.addValidationMetadata = (metadata) => {
    addUncached(metadata);
    lookups = new WeakMap();
    groupings = new WeakMap();
  };

  storage.getTargetValidationMetadatas = (targetConstructor, targetSchema, always, strictGroups, groups) => {
    // A schema name (validate('schema', object)) or a constructor-less object: not worth a cache, answered as before.
    if (targetSchema != null || typeof targetConstructor !== 'function') return lookupUncached(targetConstructor, targetSchema, always, strictGroups, groups);
    const key = optionsKey(always, strictGroups, groups);
    let byOptions = lookups.get(targetConstructor);
    const cached = byOptions?.get(key);
    if (cached) return cached;
    const metadatas = lookupUncached(targetConstructor, targetSchema, always, strictGroups, groups);
    groupings.set(metadatas, groupUncached(metadatas));
    if (!byOptions) lookups.set(targetConstructor, (byOptions = new Map()));
    byOptions.set(key, metadatas);
    return metadatas;
  };

  storage.groupByPropertyName = (metadatas) => groupings.get(metadatas) ?? groupUncached(metadatas);
}

/**
 * The lookup's options as an exact key: class-validator reads `always` and `strictGroups` by
 * truthiness, and groups (unused by this service) are kept as given, order and all, so a key can
 * be finer than the answer needs (a miss) but never coarser (a wrong hit).
 */
function optionsKey(always: boolean, strictGroups: boolean, groups: readonly string[] | undefined): string {
  const flags = `${always ? 'a' : '-'}${strictGroups ? 's' : '-'}`;
  return groups === undefined ? flags : `${flags}${JSON.stringify(groups)}`;
}
