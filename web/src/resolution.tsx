/**
 * The resolution the console shows, chosen in the header. The ledger can hold several years'
 * resolutions: the most recent is chosen first, and the choice is kept for the tab.
 */
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { api, data } from './api/client';
import { hasCredential } from './auth/credential';
import type { Resolution } from './api/types';

const KEY = 'resolution-ledger.resolution';

interface ResolutionState {
  resolutions: Resolution[];
  resolution: Resolution | null;
  choose(id: string): void;
  /** The chosen resolution's store holds demo data (`demoData` of GET /resolutions). */
  demo: boolean;
}

const ResolutionContext = createContext<ResolutionState | null>(null);

export function ResolutionProvider({ children }: { children: ReactNode }) {
  const query = useQuery({ queryKey: ['resolutions'], queryFn: () => data(api.GET('/resolutions')), enabled: hasCredential() });
  const [chosenId, setChosenId] = useState<string | null>(() => window.sessionStorage.getItem(KEY));
  const value = useMemo<ResolutionState>(() => {
    const resolutions = [...(query.data?.items ?? [])].sort((a, b) => (b.year ?? 0) - (a.year ?? 0));
    const resolution = resolutions.find((r) => r.id === chosenId) ?? resolutions[0] ?? null;
    return {
      resolutions,
      resolution,
      demo: resolution?.demoData === true,
      choose: (id: string) => {
        window.sessionStorage.setItem(KEY, id);
        setChosenId(id);
      },
    };
  }, [query.data, chosenId]);
  return <ResolutionContext.Provider value={value}>{children}</ResolutionContext.Provider>;
}

export function useResolution(): ResolutionState {
  const state = useContext(ResolutionContext);
  if (!state) throw new Error('useResolution outside ResolutionProvider');
  return state;
}
