// Turning update paths with positional parts into the concrete paths of one document:
// `$` is the element the query matched, `$[]` every element, `$[<id>]` the elements matching
// that identifier's array filter.
// https://www.mongodb.com/docs/manual/reference/operator/update/positional/
// https://www.mongodb.com/docs/manual/reference/operator/update/positional-filtered/
import { badValue, type CommandError } from '../errors.js';
import { compileFilter } from '../query.js';
import { isPlainObject, type Doc } from '../types.js';
import { renderField } from './describe.js';
import type { ArrayFilters } from './arrayFilters.js';
import { isArrayUpdatePart, resolve } from './paths.js';

export const noPositionalMatch = (): CommandError =>
  badValue('The positional operator did not find the match needed from the query.');

/** Query conditions (top level and inside $and) in their written order. */
function conditions(query: Doc): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const [k, v] of Object.entries(query)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const c of v) if (isPlainObject(c)) out.push(...conditions(c));
    } else if (!k.startsWith('$')) {
      out.push([k, v]);
    }
  }
  return out;
}

/**
 * Index of the first element of the array at `prefix` that satisfies the query's conditions on
 * that array. The server takes it from the query match itself; conditions on another array
 * than the updated one are not supported here and fail instead.
 */
export function matchedIndex(doc: Doc, query: Doc | undefined, prefix: string[]): string {
  const path = prefix.join('.');
  const relevant = query ? conditions(query).filter(([k]) => k === path || k.startsWith(`${path}.`)) : [];
  const r = resolve(doc, prefix);
  if (relevant.length === 0 || !r.found || !Array.isArray(r.value)) throw noPositionalMatch();
  const tests = relevant.map(([k, v]) => compileFilter({ [k]: v }));
  const index = r.value.findIndex((element) => {
    // A document holding just this element at `prefix` is matched against the conditions.
    const probe = prefix.reduceRight<unknown>((inner, part) => ({ [part]: inner }), [element]) as Doc;
    return tests.every((t) => t(probe));
  });
  if (index < 0) throw noPositionalMatch();
  return String(index);
}

/** All concrete paths `parts` stands for in `doc` (`$` already replaced). */
export function expand(doc: Doc, parts: string[], filters: ArrayFilters): string[][] {
  const i = parts.findIndex(isArrayUpdatePart);
  if (i < 0) return [parts];
  const prefix = parts.slice(0, i);
  const r = resolve(doc, prefix);
  if (!r.found)
    throw badValue(`The path '${prefix.join('.')}' must exist in the document in order to apply array updates.`);
  if (!Array.isArray(r.value)) {
    throw badValue(`Cannot apply array updates to non-array element ${renderField(r.key, r.value)}`);
  }
  const id = (parts[i] as string).slice(2, -1);
  const matches = id === '' ? () => true : (filters.get(id) as (e: unknown) => boolean);
  const out: string[][] = [];
  r.value.forEach((element, index) => {
    if (!matches(element)) return;
    out.push(...expand(doc, [...prefix, String(index), ...parts.slice(i + 1)], filters));
  });
  return out;
}
