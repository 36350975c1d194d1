/**
 * The console's only way to the API: openapi-fetch over the types generated from the service's
 * openapi.json (schema.ts, `npm run openapi`), so a changed route or shape fails the console's
 * type check. Every call carries the signed-in user's credential; a refusal becomes an ApiRefusal.
 */
import createClient from 'openapi-fetch';
import type { RefusalBody } from '../i18n/refusals';
import { readCredential } from '../auth/credential';
import type { paths } from './schema';

export const api = createClient<paths>({ baseUrl: window.location.origin });

api.use({
  onRequest: ({ request }) => {
    const credential = readCredential();
    if (credential) request.headers.set('Authorization', `Bearer ${credential}`);
    return request;
  },
});

/** A refusal of the API (any answer but 2xx), with its body when it had our error shape. */
export class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    readonly body: RefusalBody | null,
  ) {
    super(body?.code ?? `HTTP ${status}`);
  }
}

/** Someone else's tab signed out, or the key was refused: the app listens and shows the sign-in page. */
export const UNAUTHENTICATED_EVENT = 'ledger:unauthenticated';

/** The data of an answer, or an ApiRefusal thrown (TanStack Query shows it as the query's error). */
export async function data<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data: body, error, response } = await call;
  if (!response.ok || body === undefined) {
    const refusal = isRefusalBody(error) ? error : null;
    if (response.status === 401) window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
    throw new ApiRefusal(response.status, refusal);
  }
  return body;
}

function isRefusalBody(value: unknown): value is RefusalBody {
  return typeof value === 'object' && value !== null && typeof (value as RefusalBody).code === 'string';
}
