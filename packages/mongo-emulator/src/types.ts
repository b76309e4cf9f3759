/** A decoded BSON document. Values are whatever `bson` deserialises to. */
export type Doc = Record<string, unknown>;

export const isPlainObject = (v: unknown): v is Doc => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * Copies plain objects and arrays; BSON value classes (ObjectId, Binary, ...) are treated as
 * immutable and shared. Stored documents are never mutated in place, so a copy is taken before
 * every update.
 */
export function deepClone<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x: unknown) => deepClone(x)) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (isPlainObject(v)) {
    const out: Doc = {};
    for (const k of Object.keys(v)) out[k] = deepClone(v[k]);
    return out as T;
  }
  return v;
}
