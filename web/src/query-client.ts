/** The console's TanStack Query client and the defaults every read shares. */
import { QueryClient } from '@tanstack/react-query';
import { ApiRefusal } from './api/client';
import { hasCredential } from './auth/credential';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        // No query without a credential (the API would answer 401); the sign-in options opt in explicitly.
        enabled: () => hasCredential(),
        // A refusal is an answer, not a glitch: retry only what may pass on a second try.
        retry: (failures, error) => failures < 2 && !(error instanceof ApiRefusal && error.status < 500),
      },
    },
  });
}
