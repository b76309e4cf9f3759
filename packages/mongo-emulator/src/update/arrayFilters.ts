// arrayFilters: one filter per identifier used as `$[<identifier>]` in update paths.
// https://www.mongodb.com/docs/manual/reference/operator/update/positional-filtered/
import { CommandError, badValue, failedToParse } from '../errors.js';
import { compileFilter } from '../query.js';
import { isPlainObject, type Doc } from '../types.js';

/** arrayFilters by identifier: does an array element match? */
export type ArrayFilters = Map<string, (element: unknown) => boolean>;

/** The identifier an array filter is about: its one top-level field name (also inside $and/$or/$nor). */
function filterIdentifier(filter: Doc): string {
  const ids = new Set<string>();
  const visit = (f: Doc): void => {
    for (const [k, v] of Object.entries(f)) {
      if ((k === '$and' || k === '$or' || k === '$nor') && Array.isArray(v)) {
        for (const x of v) if (isPlainObject(x)) visit(x);
      } else if (!k.startsWith('$')) {
        ids.add(k.split('.')[0] as string);
      }
    }
  };
  visit(filter);
  const [id, other] = [...ids];
  if (id === undefined) throw badValue('Cannot use an expression without a top-level field name in arrayFilters');
  if (other !== undefined) {
    throw failedToParse(
      `Error parsing array filter :: caused by :: Expected a single top-level field name, found '${id}' and '${other}'`,
    );
  }
  if (!/^[a-z][a-zA-Z0-9]*$/.test(id)) {
    throw badValue(
      `Error parsing array filter :: caused by :: The top-level field name must be an alphanumeric string beginning with a lowercase letter, found '${id}'`,
    );
  }
  return id;
}

export function parseArrayFilters(arrayFilters: unknown): ArrayFilters {
  const filters: ArrayFilters = new Map();
  if (arrayFilters === undefined || arrayFilters === null) return filters;
  if (!Array.isArray(arrayFilters)) throw new CommandError(14, 'TypeMismatch', "'arrayFilters' must be an array");
  for (const filter of arrayFilters) {
    if (!isPlainObject(filter)) throw new CommandError(14, 'TypeMismatch', "'arrayFilters' entries must be objects");
    const id = filterIdentifier(filter);
    if (filters.has(id)) throw failedToParse(`Found multiple array filters with the same top-level field name ${id}`);
    // An element matches when the filter, about field `id`, matches {id: element}.
    const query = compileFilter(filter);
    filters.set(id, (element) => query({ [id]: element }));
  }
  return filters;
}
