/**
 * The fields a body actually carried: a DTO instance leaves absent optional fields undefined, and
 * commands (and the events decided from them) carry no undefined keys, so the stored JSON is what
 * was said.
 */
export function definedOnly<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}
