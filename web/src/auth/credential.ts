/**
 * The signed-in user's API key or JWT, kept in sessionStorage only: it lives as long as the
 * browser tab, is never written to localStorage or a cookie, and is sent only in the
 * Authorization header of the console's own API calls.
 */
const KEY = 'resolution-ledger.credential';

export function readCredential(): string | null {
  try {
    return window.sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function storeCredential(credential: string): void {
  window.sessionStorage.setItem(KEY, credential);
}

export function forgetCredential(): void {
  window.sessionStorage.removeItem(KEY);
}

/**
 * Whether a credential is held: every API query but the sign-in options is `enabled` only then,
 * so the sign-in page sends nothing the API would refuse with a 401.
 */
export function hasCredential(): boolean {
  return readCredential() !== null;
}
