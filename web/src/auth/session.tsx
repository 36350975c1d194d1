/**
 * Who is signed in: the credential in sessionStorage, checked with `GET /session`. Signing out (or
 * a credential the API refuses) forgets it and shows the sign-in page again.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, data, UNAUTHENTICATED_EVENT } from '../api/client';
import type { Session } from '../api/types';
import { forgetCredential, readCredential, storeCredential } from './credential';

interface SessionState {
  session: Session | null;
  /** The credential is being checked. */
  checking: boolean;
  signIn(credential: string): Promise<Session>;
  signOut(): void;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [credential, setCredential] = useState<string | null>(() => readCredential());
  const sessionQuery = useQuery({
    queryKey: ['session', credential],
    queryFn: () => data(api.GET('/session')),
    enabled: credential !== null,
    retry: false,
    staleTime: Infinity,
  });

  const signOut = useCallback(() => {
    forgetCredential();
    setCredential(null);
    queryClient.clear();
  }, [queryClient]);

  useEffect(() => {
    const onUnauthenticated = () => signOut();
    window.addEventListener(UNAUTHENTICATED_EVENT, onUnauthenticated);
    return () => window.removeEventListener(UNAUTHENTICATED_EVENT, onUnauthenticated);
  }, [signOut]);

  const signIn = useCallback(
    async (candidate: string) => {
      storeCredential(candidate);
      try {
        const session = await data(api.GET('/session'));
        queryClient.setQueryData(['session', candidate], session);
        setCredential(candidate);
        return session;
      } catch (error) {
        forgetCredential();
        throw error;
      }
    },
    [queryClient],
  );

  const value = useMemo<SessionState>(
    () => ({ session: credential ? (sessionQuery.data ?? null) : null, checking: credential !== null && sessionQuery.isPending, signIn, signOut }),
    [credential, sessionQuery.data, sessionQuery.isPending, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
