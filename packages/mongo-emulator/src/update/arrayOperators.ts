// Array update operators: $push (with $each/$position/$sort/$slice), $addToSet, $pop, $pull,
// $pullAll. https://www.mongodb.com/docs/manual/reference/operator/update-array/
import { compareValues, toNumber } from '../bson-order.js';
import { badValue, failedToParse, typeMismatch } from '../errors.js';
import { deepClone, isPlainObject } from '../types.js';
import { render, renderField, renderId, typeName } from './describe.js';
import { NOOP, setTo, type OperatorParser } from './operator.js';
import { pullMatcher } from './pullMatcher.js';
import { pushModifiers, type PushSpec } from './push.js';
import { isIntegral } from './values.js';

/** Equality as the server compares array elements: by value, document field order included. */
const same = (a: unknown, b: unknown): boolean => compareValues(a, b) === 0;

const $push: OperatorParser = (arg) => {
  const spec: PushSpec = pushModifiers(arg);
  return {
    create: () => spec.apply([]).array,
    update: (current, t) => {
      if (!Array.isArray(current)) {
        throw badValue(
          `The field '${t.path}' must be an array but is of type ${typeName(current)} in document ${renderId(t.doc)}`,
        );
      }
      const { array, changed } = spec.apply(current);
      return changed ? setTo(array) : NOOP;
    },
  };
};

const $addToSet: OperatorParser = (arg) => {
  let values: unknown[] = [arg];
  // Only a document whose first field is $each lists several values.
  if (isPlainObject(arg) && Object.keys(arg)[0] === '$each') {
    const each = arg['$each'];
    if (!Array.isArray(each)) {
      throw typeMismatch(`The argument to $each in $addToSet must be an array but it was of type ${typeName(each)}`);
    }
    if (Object.keys(arg).length > 1) throw badValue(`Found unexpected fields after $each in $addToSet: ${render(arg)}`);
    values = each;
  }
  // The values to add are deduplicated among themselves, keeping the first of each.
  const unique = values.filter((v, i) => values.findIndex((w) => same(v, w)) === i);
  return {
    create: () => deepClone(unique),
    update: (current, t) => {
      if (!Array.isArray(current)) {
        throw badValue(
          `Cannot apply $addToSet to non-array field. Field named '${t.field}' has non-array type ${typeName(current)}`,
        );
      }
      const missing = unique.filter((v) => !current.some((e) => same(e, v)));
      return missing.length === 0 ? NOOP : setTo([...current, ...deepClone(missing)]);
    },
  };
};

const $pop: OperatorParser = (arg, field) => {
  if (typeof arg !== 'number' && !isIntegral(arg))
    throw failedToParse(`Expected a number in: ${renderField(field, arg)}`);
  if (!isIntegral(arg)) throw failedToParse(`Expected an integer: ${renderField(field, arg)}`);
  const n = toNumber(arg);
  if (n !== 1 && n !== -1) throw failedToParse(`$pop expects 1 or -1, found: ${n}`);
  return {
    update: (current, t) => {
      if (!Array.isArray(current))
        throw typeMismatch(`Path '${t.path}' contains an element of non-array type '${typeName(current)}'`);
      if (current.length === 0) return NOOP;
      return setTo(n === -1 ? current.slice(1) : current.slice(0, -1));
    },
  };
};

/** Removes the elements `matches` selects; shared by $pull and $pullAll. */
function culling(matches: (element: unknown) => boolean): ReturnType<OperatorParser> {
  return {
    update: (current) => {
      if (!Array.isArray(current)) throw badValue('Cannot apply $pull to a non-array value');
      const kept = current.filter((e) => !matches(e));
      return kept.length === current.length ? NOOP : setTo(kept);
    },
  };
}

const $pull: OperatorParser = (arg) => culling(pullMatcher(arg));

const $pullAll: OperatorParser = (arg) => {
  if (!Array.isArray(arg)) throw badValue(`$pullAll requires an array argument but was given a ${typeName(arg)}`);
  // Exact equality, unlike $pull: a document only removes equal documents.
  return culling((e) => arg.some((v) => same(e, v)));
};

export const arrayOperators: Record<string, OperatorParser> = { $push, $addToSet, $pop, $pull, $pullAll };
