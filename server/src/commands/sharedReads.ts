import type { Models } from '../db/models/index.js';

const inFlight = new WeakMap<Models, Map<string, Promise<unknown>>>();

/**
 * Identical reads made at the same moment share one round trip: a caller that asks for `key`
 * while an earlier caller's read of it is still on its way gets that read's answer. When 500
 * members vote within a second, every ballot reads the same vote, meeting and alliance (an
 * alliance of 500 representatives is a large document); shared, a burst costs a few reads of
 * each instead of one per ballot. Nothing is kept once the read settles, so an answer is never
 * older than a read the caller could have made itself a moment earlier; decisions that must not
 * rest on it are checked again inside the transaction. The result is shared and frozen (plain
 * objects and arrays, deeply), so that no caller can change it under another — and so that what
 * is derived from it may be kept with it (see `votingMemberSet`).
 */
export function sharedRead<T>(models: Models, key: string, read: () => Promise<T>): Promise<T> {
  let reads = inFlight.get(models);
  if (!reads) inFlight.set(models, (reads = new Map()));
  const pending = reads.get(key) as Promise<T> | undefined;
  if (pending) return pending;
  const fresh = read().then(freezeDeep);
  reads.set(key, fresh);
  const forget = () => {
    if (reads.get(key) === fresh) reads.delete(key);
  };
  fresh.then(forget, forget);
  return fresh;
}

/** Freezes plain objects and arrays all the way down; ids, dates and buffers are left as they are. */
export function freezeDeep<T>(value: T): T {
  if (Array.isArray(value)) {
    for (const v of value) freezeDeep(v);
    Object.freeze(value);
  } else if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const v of Object.values(value)) freezeDeep(v);
    Object.freeze(value);
  }
  return value;
}
