import { useCallback, useRef, useState } from 'react';

/** Tells a button that its action waits for the connection (待发送: true) or is on its way (false). */
export type QueuedListener = (queued: boolean) => void;

let starting: QueuedListener | null = null;

/**
 * The button whose action is being started right now, for the room's `emit` to tell it that the
 * action was put aside until the connection is back. Read synchronously at the start of `emit`:
 * `run` calls the action's function synchronously, and `emit` reads it before its first await.
 */
export function startingAction(): QueuedListener | null {
  return starting;
}

/**
 * One button's round trip to the server: `pending` while the ack is awaited (the button is
 * disabled meanwhile, so a double click cannot send twice), `queued` while it waits for the
 * connection to come back (待发送; it is sent then, once), `error` when it was refused, could not
 * be sent, or its outcome could not be confirmed.
 */
export function useAction<A extends unknown[], R>(fn: (...args: A) => Promise<R>) {
  const [pending, setPending] = useState(false);
  const [queued, setQueued] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const inFlight = useRef(false);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const run = useCallback(async (...args: A): Promise<R | undefined> => {
    if (inFlight.current) return undefined;
    inFlight.current = true;
    setPending(true);
    setError(null);
    try {
      let result: Promise<R>;
      starting = setQueued;
      try {
        result = fnRef.current(...args);
      } finally {
        starting = null;
      }
      return await result;
    } catch (err) {
      setError(err);
      return undefined;
    } finally {
      inFlight.current = false;
      setPending(false);
      setQueued(false);
    }
  }, []);
  const reset = useCallback(() => setError(null), []);
  return { run, pending, queued, error, reset };
}
