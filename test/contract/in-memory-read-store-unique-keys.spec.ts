/**
 * Unique keys are kept as nested maps of typed values (unique-keys.ts), no longer as one string per
 * key. Generated writes and deletes, batches of one and of several documents, must be refused
 * exactly when a model that encodes every key as a typed string (what MongoDB's rules say, and what
 * the store did before) finds two documents sharing a key; and what a refusal names must be a real
 * clash. Values include every kind a key can hold: 1 and '1', 0 and -0, NaN, null, missing, 'null',
 * booleans, equal dates as different objects, embedded documents and arrays (multikey).
 */
import fc from 'fast-check';
import { InMemoryReadStore } from '../../src/read-store/in-memory-read-store';
import { encodeKey, valuesAt } from '../../src/read-store/index-values';
import type { IndexDefinition, ReadDocument } from '../../src/read-store/read-store.port';
import { DuplicateKeyError } from '../../src/read-store/read-store.errors';

const INDEXES: IndexDefinition[] = [
  { key: { a: 1 }, name: 'a_1', unique: true },
  { key: { b: 1, 'c.d': 1 }, name: 'b_1_c.d_1', unique: true },
];

const value = fc.constantFrom<() => unknown>(
  () => 1,
  () => '1',
  () => 0,
  () => -0,
  () => Number.NaN,
  () => null,
  () => undefined,
  () => 'null',
  () => true,
  () => 'true',
  () => new Date(5),
  () => ({ x: 1 }),
  () => ['p', 'q'],
  () => ['q', 'q'],
  () => [],
);

interface Doc extends ReadDocument {
  a?: unknown;
  b?: unknown;
  c?: unknown;
}

const write = fc.record({
  id: fc.constantFrom('d1', 'd2', 'd3', 'd4'),
  a: value,
  b: value,
  d: value,
  cIsArray: fc.boolean(),
  omitA: fc.boolean(),
});
const operation = fc.oneof(
  { weight: 5, arbitrary: fc.array(write, { minLength: 1, maxLength: 3 }).map((writes) => ({ kind: 'write' as const, writes })) },
  { weight: 1, arbitrary: fc.constantFrom('d1', 'd2', 'd3', 'd4').map((id) => ({ kind: 'delete' as const, id })) },
);

/** Each document's keys as typed strings, per index: the model. */
function modelKeys(index: IndexDefinition, document: Doc): Set<string> {
  let tuples: string[][] = [[]];
  for (const field of Object.keys(index.key)) {
    const parts = valuesAt(document, field.split('.')).map(encodeKey);
    tuples = tuples.flatMap((tuple) => parts.map((part) => [...tuple, part]));
  }
  return new Set(tuples.map((tuple) => tuple.join('\u0000')));
}

/** Ids that share a key of the index among the documents (the stored ones, then the batch's, a later same id winning). */
function modelClashes(index: IndexDefinition, documents: ReadonlyMap<string, Doc>): boolean {
  const owners = new Map<string, string>();
  for (const [id, document] of documents) {
    for (const key of modelKeys(index, document)) {
      const owner = owners.get(key);
      if (owner !== undefined && owner !== id) return true;
      owners.set(key, id);
    }
  }
  return false;
}

function documentOf(spec: { id: string; a: () => unknown; b: () => unknown; d: () => unknown; cIsArray: boolean; omitA: boolean }): Doc {
  const document: Doc = { _id: spec.id, b: spec.b(), c: spec.cIsArray ? [{ d: spec.d() }, { d: spec.d() }] : { d: spec.d() } };
  if (!spec.omitA) document.a = spec.a();
  return document;
}

describe('InMemoryReadStore unique keys against a typed-string model', () => {
  it('refuses a write exactly when two documents would share a key, and names a real clash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { maxLength: 25 }), async (operations) => {
        const store = new InMemoryReadStore();
        const collection = store.collection<Doc>('docs');
        await collection.createIndexes(INDEXES);
        // What the model holds: the documents as stored (undefined as null, as the store keeps them).
        let stored = new Map<string, Doc>();
        for (const step of operations) {
          if (step.kind === 'delete') {
            await collection.deleteMany({ _id: step.id });
            stored.delete(step.id);
            continue;
          }
          const batch = step.writes.map(documentOf);
          const after = new Map(stored);
          for (const document of batch) after.set(document._id, document);
          const clashes = INDEXES.filter((index) => modelClashes(index, after));
          const written = collection.replaceMany(batch);
          if (clashes.length === 0) {
            await written;
            stored = after;
          } else {
            const error = await written.then(
              () => null,
              (refused: unknown) => refused,
            );
            expect(error).toBeInstanceOf(DuplicateKeyError);
            const { indexName, documentIds } = error as DuplicateKeyError;
            const index = clashes.find((clash) => clash.name === indexName);
            expect(index).toBeDefined();
            // The two documents named do share a key of that index.
            const [first, second] = documentIds.map((id) => modelKeys(index!, after.get(id)!));
            expect([...first].some((key) => second.has(key))).toBe(true);
          }
          expect(await collection.countDocuments({})).toBe(stored.size);
        }
        await store.close();
      }),
      { seed: 20261129, numRuns: 300 },
    );
  });
});
