/** The console's query client runs no read without a credential, whatever the page mounts; the sign-in options opt in. */
import { QueryClientProvider, useQuery } from '@tanstack/react-query';
import { cleanup, render, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from './query-client';

const requested: string[] = [];

beforeAll(() => {
  vi.stubGlobal('fetch', async (input: Request | string) => {
    requested.push(typeof input === 'string' ? input : input.url);
    return Response.json({});
  });
});

afterEach(() => {
  cleanup();
  requested.length = 0;
  window.sessionStorage.clear();
});

function Reads() {
  useQuery({ queryKey: ['reviews'], queryFn: () => fetch('/reviews').then((r) => r.json()) });
  useQuery({ queryKey: ['options'], queryFn: () => fetch('/session/sign-in-options').then((r) => r.json()), enabled: true });
  return null;
}

describe('the query client', () => {
  it('runs only the reads that opt in while no credential is held', async () => {
    render(
      <QueryClientProvider client={createQueryClient()}>
        <Reads />
      </QueryClientProvider>,
    );
    await waitFor(() => expect(requested).toEqual(['/session/sign-in-options']));
  });

  it('runs every read once a credential is held', async () => {
    window.sessionStorage.setItem('resolution-ledger.credential', 'demo-key');
    render(
      <QueryClientProvider client={createQueryClient()}>
        <Reads />
      </QueryClientProvider>,
    );
    await waitFor(() => expect([...requested].sort()).toEqual(['/reviews', '/session/sign-in-options']));
  });
});
