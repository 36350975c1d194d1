/** The read models' indexes as MongoDB index specifications, and per collection as the projections declare them. */
import type { IndexDescription } from 'mongodb';
import type { ProjectedDocument, ProjectionDefinition } from '../../../projections/projection';
import type { IndexDefinition } from '../read-store.port';

/**
 * `unique` is only written when true: MongoDB compares an existing index's options with the new
 * request, and leaving the default out keeps repeated starts from ever asking for "another" index.
 */
export function toMongoIndexSpec(index: IndexDefinition): IndexDescription {
  return { key: { ...index.key }, name: index.name, ...(index.unique ? { unique: true } : {}) };
}

/**
 * Every collection the projections write, with the indexes they declare: what is created at
 * start and what README documents. Two projections sharing a collection must agree on an index
 * name's definition; a disagreement is a programming error caught by the unit test.
 */
export function indexPlan(projections: readonly ProjectionDefinition<ProjectedDocument>[]): Map<string, IndexDefinition[]> {
  const plan = new Map<string, IndexDefinition[]>();
  for (const projection of projections) {
    const indexes = plan.get(projection.collection) ?? [];
    for (const index of projection.indexes) {
      const existing = indexes.find((known) => known.name === index.name);
      if (existing && JSON.stringify(toMongoIndexSpec(existing)) !== JSON.stringify(toMongoIndexSpec(index))) {
        throw new Error(`Index ${projection.collection}.${index.name} is declared twice with different definitions`);
      }
      if (!existing) indexes.push(index);
    }
    plan.set(projection.collection, indexes);
  }
  return plan;
}
