/**
 * JSON answers built from bytes kept per shared item, instead of serialising every item again on
 * every request.
 *
 * A page of history is ≈ 100 kB of JSON with Vietnamese text: `JSON.stringify` of the page, then
 * encoding that string to UTF-8 on the socket, was most of what such a request cost. Items that are
 * deep-frozen (shared read-model views, shared-views.ts) cannot change, so their UTF-8 JSON is kept
 * by identity (WeakMap: it goes when the item goes) and a page is the concatenation of its items'
 * bytes. The bytes are exactly what `JSON.stringify(page)` encodes to (tested); anything else in
 * the page is serialised as usual.
 */
import { isDeepFrozen } from '../read-store/deep-freeze';
import type { HttpResponse } from './http-exchange';

const bytesOfItem = new WeakMap<object, Buffer>();
const ITEMS_OPEN = '{"items":[';
const OPEN = Buffer.from(ITEMS_OPEN);
const COMMA = Buffer.from(',');
const NULL = Buffer.from('null');

/** A page object whose first property is `items`, as every list and timeline answer is shaped. */
export interface ItemsPage {
  items: readonly unknown[];
}

/** The UTF-8 bytes of `JSON.stringify(page)`. */
export function pageJsonBytes(page: ItemsPage): Buffer {
  // `{ ...page, items: [] }` keeps the key order: the rest of the page follows an empty list.
  const empty = JSON.stringify({ ...page, items: [] });
  if (!empty.startsWith(`${ITEMS_OPEN}]`)) return Buffer.from(JSON.stringify(page));
  const parts: Buffer[] = [OPEN];
  page.items.forEach((item, index) => {
    if (index > 0) parts.push(COMMA);
    parts.push(itemJsonBytes(item));
  });
  parts.push(Buffer.from(empty.slice(ITEMS_OPEN.length)));
  return Buffer.concat(parts);
}

/** What the item is inside a JSON array: kept for a deep-frozen item, serialised afresh otherwise. */
function itemJsonBytes(item: unknown): Buffer {
  if (!isDeepFrozen(item)) return serialisedInArray(item);
  const key = item as object;
  let bytes = bytesOfItem.get(key);
  if (!bytes) {
    bytes = serialisedInArray(item);
    bytesOfItem.set(key, bytes);
  }
  return bytes;
}

function serialisedInArray(item: unknown): Buffer {
  // Inside an array, what JSON.stringify leaves out on its own (undefined, functions) becomes null.
  const json = JSON.stringify(item) as string | undefined;
  return json === undefined ? NULL : Buffer.from(json);
}

/** Sends ready JSON bytes as a 200 (Fastify's `send` takes a Buffer as the body, as is). */
export function sendJsonBytes(response: HttpResponse, body: Buffer): void {
  response.header('content-type', 'application/json; charset=utf-8');
  response.send(body);
}
