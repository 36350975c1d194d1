/**
 * Sending a command from a form: the refusals placed next to their fields, an idempotency key kept
 * for the form's retries (a double click or a retry after a timeout appends once), and the pages'
 * data read again once the read models have reached the write.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { ApiRefusal } from '../api/client';
import { refusalsOf } from '../components/Refusal';
import type { ShownRefusal } from '../i18n/refusals';
import { recordWrite } from '../positions';
import { useFocusOnRefusal } from './focus';

export interface CommandResult {
  revision: number;
  position: number;
}

export function newIdempotencyKey(): string {
  return `console-${crypto.randomUUID()}`;
}

export function useCommand<R extends CommandResult>(send: (idempotencyKey: string) => Promise<R>, onDone?: (result: R) => void) {
  const queryClient = useQueryClient();
  const [key, setKey] = useState(newIdempotencyKey);
  const [refusals, setRefusals] = useState<ShownRefusal[]>([]);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<R | null>(null);
  const formRef = useFocusOnRefusal(refusals);

  const submit = useCallback(
    async (localRefusals: ShownRefusal[] = []) => {
      setDone(null);
      if (localRefusals.length > 0) {
        setRefusals(localRefusals);
        return;
      }
      setBusy(true);
      setRefusals([]);
      try {
        const result = await send(key);
        recordWrite(result.position);
        setKey(newIdempotencyKey());
        setDone(result);
        await queryClient.invalidateQueries();
        onDone?.(result);
      } catch (error) {
        setRefusals(refusalsOf(error));
        // A refusal decided nothing: the same key may be sent again with a changed body only after a new key.
        if (error instanceof ApiRefusal && error.status >= 400 && error.status < 500) setKey(newIdempotencyKey());
      } finally {
        setBusy(false);
      }
    },
    [key, send, queryClient, onDone],
  );
  return { submit, refusals, busy, done, idempotencyKey: key, formRef };
}
