/**
 * The values a document holds at a declared field's path, as both stores need them: SQLite keeps
 * them in columns beside the JSON document, and the contract tests compare the two stores.
 */
import type { QueryField } from '../../projections/projection';

export type FieldValue = string | number | boolean | null;

/**
 * Every scalar at `path`, arrays crossed on the way (as MongoDB reads `targets.status`): none when
 * the path leads nowhere; null is a value (a field stored as null is matched by null).
 */
export function valuesAt(document: unknown, path: string): FieldValue[] {
  const values: FieldValue[] = [];
  collect(document, path.split('.'), 0, values);
  return values;
}

/** The one value of a field that does not cross an array: null when absent. */
export function valueAt(document: unknown, field: QueryField): FieldValue {
  const [first] = valuesAt(document, field.path);
  return first ?? null;
}

function collect(value: unknown, parts: readonly string[], at: number, into: FieldValue[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, parts, at, into);
    return;
  }
  if (at === parts.length) {
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') into.push(value);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  collect((value as Record<string, unknown>)[parts[at]], parts, at + 1, into);
}
