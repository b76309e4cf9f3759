// $push and its modifiers. With $each the values are inserted at $position, then the whole
// array is sorted by $sort, then cut by $slice.
// https://www.mongodb.com/docs/manual/reference/operator/update/push/
import { compareValues, toNumber } from '../bson-order.js';
import { badValue } from '../errors.js';
import { deepClone, isPlainObject } from '../types.js';
import { typeName } from './describe.js';
import { resolve } from './paths.js';
import { isIntegral, isNumeric } from './values.js';

export interface PushSpec {
  apply(array: unknown[]): { array: unknown[]; changed: boolean };
}

const CLAUSES = new Set(['$each', '$slice', '$sort', '$position']);

type SortSpec = { whole: number } | { fields: Array<[string[], number]> };

function parseSort(v: unknown): SortSpec {
  const direction = (d: unknown): number => {
    const n = isNumeric(d) ? toNumber(d) : 0;
    if (n !== 1 && n !== -1) throw badValue('The $sort element value must be either 1 or -1');
    return n;
  };
  if (isPlainObject(v)) {
    const entries = Object.entries(v);
    if (entries.length === 0) throw badValue('The $sort pattern is empty when it should be a set of fields.');
    return {
      fields: entries.map(([path, d]) => {
        const dir = direction(d);
        if (path.split('.').some((p) => p === '')) {
          throw badValue(`The $sort field is a dotted field but has an empty part: ${path}`);
        }
        return [path.split('.'), dir];
      }),
    };
  }
  if (isNumeric(v)) return { whole: direction(v) };
  throw badValue('The $sort is invalid: use 1/-1 to sort the whole element, or {field:1/-1} to sort embedded fields');
}

/** Sort key of one element: missing fields (and non-documents) sort as null. */
function sortKey(element: unknown, path: string[]): unknown {
  if (!isPlainObject(element)) return null;
  const r = resolve(element, path);
  return r.found ? r.value : null;
}

function sorter(spec: SortSpec): (a: unknown, b: unknown) => number {
  if ('whole' in spec) return (a, b) => compareValues(a, b) * spec.whole;
  return (a, b) => {
    for (const [path, dir] of spec.fields) {
      const c = compareValues(sortKey(a, path), sortKey(b, path)) * dir;
      if (c !== 0) return c;
    }
    return 0;
  };
}

function integerClause(v: unknown, message: string): number {
  if (!isIntegral(v)) throw badValue(`${message}${typeName(v)}`);
  return toNumber(v);
}

/** Parses the argument of $push for one field. Modifiers only apply when $each is present. */
export function pushModifiers(arg: unknown): PushSpec {
  if (!isPlainObject(arg) || !('$each' in arg)) {
    return { apply: (array) => ({ array: [...array, deepClone(arg)], changed: true }) };
  }
  for (const clause of Object.keys(arg)) {
    if (!CLAUSES.has(clause)) throw badValue(`Unrecognized clause in $push: ${clause}`);
  }
  const each = arg['$each'];
  if (!Array.isArray(each))
    throw badValue(`The argument to $each in $push must be an array but it was of type: ${typeName(each)}`);
  const slice =
    '$slice' in arg
      ? integerClause(arg['$slice'], 'The value for $slice must be an integer value but was given type: ')
      : undefined;
  const position =
    '$position' in arg
      ? integerClause(arg['$position'], 'The value for $position must be an integer value, not of type: ')
      : undefined;
  const sort = '$sort' in arg ? sorter(parseSort(arg['$sort'])) : undefined;

  return {
    apply(array) {
      const out = [...array];
      const size = out.length;
      const pos = position ?? size;
      // A negative position counts from the end; out of range means the front or the back.
      const at = pos >= 0 ? Math.min(pos, size) : Math.max(size + pos, 0);
      out.splice(at, 0, ...deepClone(each));
      let changed = each.length > 0;
      if (sort) {
        // A $sort always counts as a modification on the server, even if the order is kept.
        out.sort(sort);
        changed = true;
      }
      if (slice !== undefined && out.length > Math.abs(slice)) {
        changed = true;
        if (slice >= 0) out.splice(slice);
        else out.splice(0, out.length + slice);
      }
      return { array: out, changed };
    },
  };
}
