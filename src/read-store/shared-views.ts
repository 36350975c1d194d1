/**
 * Views of shared read-model documents, computed once per document and shared in turn.
 *
 * A query handler that reads shared, deep-frozen documents (read-only-find.ts) shapes each into a
 * view for the API. Made afresh on every request, that view is a new object each time, so nothing
 * derived from it can be kept; made once per stored document and deep-frozen like it, the same
 * document always gives the same view object, and its serialised JSON can be kept by identity
 * (src/http/json-bytes.ts). A stored document is never changed in place (a write replaces it), so
 * a view stays right for as long as its document is referenced; both are then collected together
 * (WeakMap). Documents that are not shared (MongoDB's, fresh from the wire) get a fresh view each time.
 */
import { deepFrozen, isDeepFrozen } from './deep-freeze';

export function sharedViews<D extends object, V extends object>(toView: (document: D) => V): (document: D) => V {
  const views = new WeakMap<D, V>();
  return (document) => {
    if (!isDeepFrozen(document)) return toView(document);
    let view = views.get(document);
    if (!view) {
      view = deepFrozen(toView(document));
      views.set(document, view);
    }
    return view;
  };
}
