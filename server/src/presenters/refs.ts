import type { Types } from 'mongoose';

// Presenters shape what a client sees, in one place per model, so internal fields (password
// hashes, counters, __v) never leak and the API stays stable while models change. They read
// nothing: what they shape is handed to them. These are the references they all draw.

export type Id = Types.ObjectId;
export interface Named {
  _id: Id;
  name: string;
}

export const ref = (n: Named) => ({ id: String(n._id), name: n.name });
/** A populated reference, or a placeholder when the referenced document was removed. */
export const refOrGone = (n: Named | Id | null | undefined) =>
  n && typeof n === 'object' && 'name' in n ? ref(n) : { id: String(n ?? ''), name: '—' };
export const refOrNull = (n: Named | Id | null | undefined) => (n ? refOrGone(n) : null);
