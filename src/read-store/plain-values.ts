/**
 * Type tests that hold across JavaScript realms. `instanceof` and `=== Object.prototype` fail for
 * values made in another realm (structuredClone under Jest's VM sandbox, a worker), so these look
 * at the shape of the prototype chain and the built-in tag instead.
 */

/**
 * How deep the read store walks a document (copying, adopting, freezing) before it stops: read
 * models are plain JSON-like data far shallower than this, so deeper means a cycle or data that is
 * not ours. One limit, shared by the three walks so they give up at the same depth.
 */
export const MAX_PLAIN_DEPTH = 100;

/** An object literal or `Object.create(null)`: no prototype, or one that is a realm's Object.prototype. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === null) return true;
  return Object.getPrototypeOf(prototype) === null && Object.prototype.hasOwnProperty.call(prototype, 'hasOwnProperty');
}

export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

export function isRegExp(value: unknown): value is RegExp {
  return Object.prototype.toString.call(value) === '[object RegExp]';
}
