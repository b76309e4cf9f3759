// Which array elements a $pull condition selects. As on the server (PullNode):
// - a document whose first field is not an element keyword ({u: 1}, {$or: [...]}, {}) is a query
//   run on each element document as if it were a top-level document; scalars never match it;
// - a document of element keywords ({$gte: 5}, {$in: [...]}) or a regex is a condition on the
//   element value itself;
// - anything else (scalars, arrays) removes elements equal to it.
// https://www.mongodb.com/docs/manual/reference/operator/update/pull/
import { BSONRegExp } from 'bson';
import { compareValues } from '../bson-order.js';
import { compileFilter } from '../query.js';
import { isPlainObject } from '../types.js';

/** Query operators that apply to a value rather than to a document (path-accepting keywords). */
const ELEMENT_KEYWORDS = new Set(
  [
    '$eq $ne $gt $gte $lt $lte $in $nin $exists $type $size $all $elemMatch $not $regex $options $mod',
    '$bitsAllSet $bitsAllClear $bitsAnySet $bitsAnyClear $geoWithin $geoIntersects $near $nearSphere $within',
  ]
    .join(' ')
    .split(' '),
);

export function pullMatcher(condition: unknown): (element: unknown) => boolean {
  if (isPlainObject(condition) && !ELEMENT_KEYWORDS.has(Object.keys(condition)[0] ?? '')) {
    const query = compileFilter(condition);
    return (element) => isPlainObject(element) && query(element);
  }
  if (isPlainObject(condition) || condition instanceof RegExp || condition instanceof BSONRegExp) {
    // Element and condition are wrapped in the same field so query semantics (array elements
    // included) apply to the element value.
    const query = compileFilter({ v: condition });
    return (element) => query({ v: element });
  }
  return (element) => compareValues(element, condition) === 0;
}
