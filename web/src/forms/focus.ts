/**
 * After a refusal, the focus goes where the user has to act: the first field marked invalid, or,
 * when the refusal concerns the action as a whole, the form's error message (announced as it is
 * focused). Without this the focus stays on the button and a keyboard user must hunt for the cause.
 */
import { useEffect, useRef } from 'react';
import type { ShownRefusal } from '../i18n/refusals';

export function useFocusOnRefusal<E extends HTMLElement = HTMLFormElement>(refusals: readonly ShownRefusal[]) {
  const ref = useRef<E>(null);
  useEffect(() => {
    const root = ref.current;
    if (!root || refusals.length === 0) return;
    const target = root.querySelector<HTMLElement>('[aria-invalid="true"]') ?? root.querySelector<HTMLElement>('.form-error');
    target?.focus();
  }, [refusals]);
  return ref;
}
