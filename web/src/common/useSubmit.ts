import { type FormEvent, useCallback, useRef, useState } from 'react';

/** What a form or an action button needs while it talks to the server. */
export interface Submit<P> {
  /** A submission is in flight (a second one is ignored until it ends). */
  busy: boolean;
  /** The argument of the submission in flight (which row's button is working), else undefined. */
  pending: P | undefined;
  /**
   * The last submission's failure, else undefined. Kept as thrown, not as text: an ApiError carries the
   * catalogue message in both languages, so the message shown follows a switch of the UI language.
   */
  error: unknown;
  /** Runs the action (one at a time); resolves true when it succeeded. */
  run: (arg: P) => Promise<boolean>;
  /** For `<form onSubmit>`: no page load, and the form element is the action's argument (FormData, reset). */
  // biome-ignore lint/suspicious/noConfusingVoidType: void is the argument of an action that takes none
  onSubmit: [P] extends [void] | [HTMLFormElement] ? (e: FormEvent<HTMLFormElement>) => void : never;
  /** Forgets the last failure. */
  clear: () => void;
}

export interface SubmitOptions {
  /** Sees a failure first; returning true means it was handled (shown another way) and is not kept as `error`. */
  onError?: (err: unknown) => boolean | undefined;
}

/**
 * One form shell for every form and action button: busy, the failure and the submit, instead of each screen
 * writing its own busy flag and try/catch/finally. The action may close its form: nothing is set after success
 * except `busy`, which React ignores once the form is gone.
 */
export function useSubmit<P = void>(action: (arg: P) => Promise<unknown>, options: SubmitOptions = {}): Submit<P> {
  const [pending, setPending] = useState<{ arg: P } | null>(null);
  const [error, setError] = useState<unknown>();
  // the latest action and options, so that `run` stays the same function from render to render
  const latest = useRef({ action, options });
  latest.current = { action, options };
  // a ref, not the state: two clicks in one frame both see the state from before the first
  const inFlight = useRef(false);

  const run = useCallback(async (arg: P): Promise<boolean> => {
    if (inFlight.current) return false;
    inFlight.current = true;
    setPending({ arg });
    setError(undefined);
    try {
      await latest.current.action(arg);
      return true;
    } catch (err) {
      if (!latest.current.options.onError?.(err)) setError(err);
      return false;
    } finally {
      inFlight.current = false;
      setPending(null);
    }
  }, []);

  const onSubmit = useCallback(
    (e: FormEvent<HTMLFormElement>) => {
      e.preventDefault();
      void run(e.currentTarget as P);
    },
    [run],
  );
  const clear = useCallback(() => setError(undefined), []);

  return {
    busy: pending !== null,
    pending: pending?.arg,
    error,
    run,
    onSubmit: onSubmit as Submit<P>['onSubmit'],
    clear,
  };
}
