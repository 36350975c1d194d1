/**
 * helmet's security headers, computed once. helmet sets the same headers on every response when no
 * directive depends on the request (no CSP nonces here), so running its dozen middlewares per
 * request only recomputes constants: we run it once against a recording response and replay what
 * it did. helmet stays the source of truth for which headers and values are right.
 */
import type { IncomingMessage } from 'node:http';
import helmet from 'helmet';
import type { RequestStep } from './request-steps';

// The service speaks plain HTTP behind a TLS-terminating proxy or on localhost: asking browsers to
// upgrade subresources to HTTPS would break the API docs there.
const HELMET_OPTIONS = { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } } as const;

export interface SecurityHeaders {
  set: ReadonlyArray<readonly [string, string]>;
  removed: readonly string[];
}

export function computeSecurityHeaders(): SecurityHeaders {
  const set: Array<[string, string]> = [];
  const removed: string[] = [];
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => void set.push([name, String(value)]),
    removeHeader: (name: string) => void removed.push(name),
    getHeader: () => undefined,
  };
  let outcome: { error?: unknown } | undefined;
  helmet(HELMET_OPTIONS)({ headers: {} } as IncomingMessage, recorder as never, (error?: unknown) => {
    outcome = { error };
  });
  // helmet answers synchronously; if a later version did not, what was recorded would be incomplete.
  if (!outcome) throw new Error('helmet did not finish synchronously; its headers cannot be precomputed');
  if (outcome.error) throw outcome.error;
  return { set, removed };
}

export function securityHeaders(headers: SecurityHeaders = computeSecurityHeaders()): RequestStep {
  return (_req, res) => {
    for (const [name, value] of headers.set) res.setHeader(name, value);
    for (const name of headers.removed) res.removeHeader(name);
    return null;
  };
}
