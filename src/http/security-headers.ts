/**
 * helmet's security headers, computed once. helmet sets the same headers on every response when no
 * directive depends on the request (no CSP nonces here), so running its dozen middlewares per
 * request only recomputes constants: we run it once per policy against a recording response and
 * replay what it did. helmet stays the source of truth for which headers and values are right.
 *
 * Two content-security policies, chosen by path:
 * - the web apps this service serves — Swagger UI at /docs, the console at /console/ (a
 *   single-page app built into its own JS and CSS files) — may load their own scripts, styles,
 *   fonts and images and call the API, all from this origin only. No inline script, no
 *   `unsafe-eval`, no script attribute: an injected `<script>` or `onclick=` does not run. Inline
 *   styles stay allowed (Swagger UI and most component libraries set them; they cannot run code).
 * - a review's printable page (`/reviews/{period}/print`) is a document of its own, not an app:
 *   its one inline stylesheet, allowed by its hash, and nothing else — no script at all, no image,
 *   font or connection, no form, no framing;
 * - everything else is the API, whose answers are data and never a page to render: nothing may
 *   load in them, nothing may frame them (`default-src 'none'; frame-ancestors 'none'`).
 */
import type { IncomingMessage } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import { DOCS_PATH } from './openapi';
import type { RequestStep } from './request-steps';
import { PRINT_STYLE_SOURCE } from '../reviews/export/print-style';

/** Where the web console is served; its pages and assets live under it. */
export const CONSOLE_PATH = 'console';

const WEB_APP_PATHS = [`/${DOCS_PATH}`, `/${CONSOLE_PATH}`];

// The service speaks plain HTTP behind a TLS-terminating proxy or on localhost: asking browsers to
// upgrade subresources to HTTPS would break the web apps there.
const WEB_APP_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      baseUri: ["'self'"],
      connectSrc: ["'self'"],
      fontSrc: ["'self'", 'data:'],
      formAction: ["'self'"],
      frameAncestors: ["'self'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      manifestSrc: ["'self'"],
      objectSrc: ["'none'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      workerSrc: ["'self'"],
    },
  },
};

const API_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"], frameAncestors: ["'none'"] },
  },
};

const PRINT_PAGE_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      styleSrc: [PRINT_STYLE_SOURCE],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
  },
};

const PRINT_PAGE_PATH = /^\/reviews\/[^/]+\/print$/;

export interface SecurityHeaders {
  set: ReadonlyArray<readonly [string, string]>;
  removed: readonly string[];
}

/** The headers of each kind of route. */
export interface SecurityHeadersByRoute {
  webApp: SecurityHeaders;
  printPage: SecurityHeaders;
  api: SecurityHeaders;
}

export function computeSecurityHeaders(options: HelmetOptions = API_OPTIONS): SecurityHeaders {
  const set: Array<[string, string]> = [];
  const removed: string[] = [];
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => void set.push([name, String(value)]),
    removeHeader: (name: string) => void removed.push(name),
    getHeader: () => undefined,
  };
  let outcome: { error?: unknown } | undefined;
  helmet(options)({ headers: {} } as IncomingMessage, recorder as never, (error?: unknown) => {
    outcome = { error };
  });
  // helmet answers synchronously; if a later version did not, what was recorded would be incomplete.
  if (!outcome) throw new Error('helmet did not finish synchronously; its headers cannot be precomputed');
  if (outcome.error) throw outcome.error;
  return { set, removed };
}

export function computeSecurityHeadersByRoute(): SecurityHeadersByRoute {
  return { webApp: computeSecurityHeaders(WEB_APP_OPTIONS), printPage: computeSecurityHeaders(PRINT_PAGE_OPTIONS), api: computeSecurityHeaders(API_OPTIONS) };
}

/** The helmet options of each kind of route, for the tests to compare with what helmet itself sets. */
export const SECURITY_HEADER_OPTIONS = { webApp: WEB_APP_OPTIONS, printPage: PRINT_PAGE_OPTIONS, api: API_OPTIONS } as const;

export function isPrintPagePath(url: string | undefined): boolean {
  return PRINT_PAGE_PATH.test((url ?? '').split('?')[0]);
}

export function isWebAppPath(url: string | undefined): boolean {
  const path = (url ?? '').split('?')[0];
  return WEB_APP_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

export function securityHeaders(headers: SecurityHeadersByRoute = computeSecurityHeadersByRoute()): RequestStep {
  return (req, res) => {
    const chosen = isWebAppPath(req.url) ? headers.webApp : isPrintPagePath(req.url) ? headers.printPage : headers.api;
    for (const [name, value] of chosen.set) res.setHeader(name, value);
    for (const name of chosen.removed) res.removeHeader(name);
    return null;
  };
}
