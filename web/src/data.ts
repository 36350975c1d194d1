/** The reads most pages share, cached by TanStack Query. */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, data } from './api/client';
import { hasCredential } from './auth/credential';
import type { Unit } from './api/types';

export function useUnits() {
  const query = useQuery({ queryKey: ['units'], queryFn: () => data(api.GET('/units')), staleTime: 60_000, enabled: hasCredential() });
  const byId = useMemo(() => new Map<string, Unit>((query.data?.items ?? []).map((unit) => [unit.id, unit])), [query.data]);
  return { ...query, byId, unitName: (id: string | null | undefined) => (id ? (byId.get(id)?.name ?? id) : '—') };
}

/** Every indicator and task (the API's page holds up to 500; a resolution has about 200). */
export function useIndicators() {
  return useQuery({ queryKey: ['indicators'], queryFn: () => data(api.GET('/indicators', { params: { query: { limit: 500 } } })), enabled: hasCredential() });
}

export function useIndicator(id: string) {
  return useQuery({ queryKey: ['indicator', id], queryFn: () => data(api.GET('/indicators/{id}', { params: { path: { id } } })), enabled: hasCredential() });
}
