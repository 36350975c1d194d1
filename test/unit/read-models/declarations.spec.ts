/** What every read model declares must be something both stores can lay out. */
import { ALL_PROJECTIONS } from '../../../projections';
import { AUDIT_LOG_EVENT_TYPES } from '../../../projections/audit-log';

describe.each(ALL_PROJECTIONS.map((projection) => [projection.name, projection] as const))('the %s read model', (_name, projection) => {
  it('has a name and field names that can be SQL identifiers, and a positive whole version', () => {
    expect(projection.name).toMatch(/^[a-z][a-z0-9_]*$/);
    for (const field of Object.keys(projection.fields)) expect(field).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
    expect(Number.isInteger(projection.version) && projection.version > 0).toBe(true);
  });

  it('indexes declared fields only, a field across an array alone and never as unique', () => {
    for (const index of projection.indexes) {
      for (const field of index.fields) expect(field === '_id' || field in projection.fields).toBe(true);
      const many = index.fields.filter((field) => projection.fields[field]?.many);
      if (many.length > 0) expect({ index: index.name, fields: index.fields, unique: !!index.unique }).toEqual({ index: index.name, fields: many, unique: false });
    }
    expect(new Set(projection.indexes.map((index) => index.name)).size).toBe(projection.indexes.length);
  });

  it('decides on every event type of the ledger', () => {
    expect(Object.keys(projection.events).sort()).toEqual([...AUDIT_LOG_EVENT_TYPES].sort());
  });
});
