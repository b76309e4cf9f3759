// Walking and creating update paths the way the server's update tree does: a path component
// selects a field of a document or, when numeric, an element of an array; nothing else can be
// traversed. https://www.mongodb.com/docs/manual/core/document/#dot-notation
import { CommandError } from '../errors.js';
import { isPlainObject, type Doc } from '../types.js';
import { renderField } from './describe.js';

export const pathNotViable = (msg: string): CommandError => new CommandError(28, 'PathNotViable', msg);

export const isIndex = (part: string): boolean => /^\d+$/.test(part);

/** `$[]` or `$[<identifier>]`. */
export const isArrayUpdatePart = (part: string): boolean =>
  part.length >= 3 && part.startsWith('$[') && part.endsWith(']');

/** Field order in which update operators process paths: numeric names numerically (5.0+). */
export function comparePaths(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x === y) continue;
    if (isIndex(x) && isIndex(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

export const isPrefix = (short: readonly string[], long: readonly string[]): boolean =>
  short.length <= long.length && short.every((p, i) => long[i] === p);

export type Container = Doc | unknown[];

/** Where a path ends up in a document. */
export type Resolution =
  | { found: true; parent: Container; key: string; value: unknown; ancestors: Array<{ name: string; value: unknown }> }
  | {
      found: false;
      /** Index of the first component that does not exist (or cannot be traversed). */
      at: number;
      /** The deepest existing element and its field name (the document itself is ''). */
      container: unknown;
      name: string;
      ancestors: Array<{ name: string; value: unknown }>;
    };

function child(container: unknown, part: string): { ok: true; value: unknown } | { ok: false } {
  if (isPlainObject(container)) {
    return Object.prototype.hasOwnProperty.call(container, part) ? { ok: true, value: container[part] } : { ok: false };
  }
  if (Array.isArray(container) && isIndex(part) && Number(part) < container.length) {
    return { ok: true, value: container[Number(part)] };
  }
  return { ok: false };
}

/** Follows `parts` from the document root without creating anything. */
export function resolve(doc: Doc, parts: readonly string[]): Resolution {
  let cur: unknown = doc;
  let name = '';
  const ancestors: Array<{ name: string; value: unknown }> = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const next = child(cur, part);
    if (!next.ok) return { found: false, at: i, container: cur, name, ancestors };
    if (i === parts.length - 1)
      return { found: true, parent: cur as Container, key: part, value: next.value, ancestors };
    ancestors.push({ name: part, value: next.value });
    cur = next.value;
    name = part;
  }
  throw new Error('resolve: empty path');
}

/** True when the missing rest of the path could be created below the deepest existing element. */
export function viable(r: Extract<Resolution, { found: false }>, parts: readonly string[]): boolean {
  if (isPlainObject(r.container)) return true;
  return Array.isArray(r.container) && isIndex(parts[r.at] as string);
}

/** PathNotViable for operators that never create but still refuse to look through a scalar. */
export function assertViable(r: Extract<Resolution, { found: false }>, parts: readonly string[]): void {
  if (viable(r, parts)) return;
  throw pathNotViable(
    `Cannot use the part (${parts[r.at]}) of (${parts.join('.')}) to traverse the element ({${renderField(r.name, r.container)}})`,
  );
}

/** Creates the missing rest of the path below the deepest existing element and stores `value`. */
export function create(r: Extract<Resolution, { found: false }>, parts: readonly string[], value: unknown): void {
  const first = parts[r.at] as string;
  if (!viable(r, parts)) {
    throw pathNotViable(`Cannot create field '${first}' in element {${renderField(r.name, r.container)}}`);
  }
  // Everything below the first created component is a new embedded document.
  let built = value;
  for (let i = parts.length - 1; i > r.at; i--) built = { [parts[i] as string]: built };
  if (Array.isArray(r.container)) {
    // Setting past the end pads the array with nulls.
    const index = Number(first);
    while (r.container.length < index) r.container.push(null);
    r.container[index] = built;
  } else {
    (r.container as Doc)[first] = built;
  }
}

/** Stores `value` where a resolved path points (replacing in place keeps the field's position). */
export function replace(r: Extract<Resolution, { found: true }>, value: unknown): void {
  if (Array.isArray(r.parent)) r.parent[Number(r.key)] = value;
  else r.parent[r.key] = value;
}

/** Removes a resolved field; an array element becomes null so the other indexes stay put. */
export function remove(r: Extract<Resolution, { found: true }>): void {
  if (Array.isArray(r.parent)) r.parent[Number(r.key)] = null;
  else delete r.parent[r.key];
}
