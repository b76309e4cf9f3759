// Field update operators: $set, $setOnInsert, $unset, $inc, $mul, $min, $max, $currentDate, $bit.
// https://www.mongodb.com/docs/manual/reference/operator/update-field/
import { Long, Timestamp } from 'bson';
import { compareValues } from '../bson-order.js';
import { badValue, typeMismatch } from '../errors.js';
import { deepClone, isPlainObject } from '../types.js';
import { renderField, renderId, typeName } from './describe.js';
import { NOOP, setTo, type OperatorParser } from './operator.js';
import { arithmetic, bitwise, identical, isIntegral, isNumeric, zeroLike } from './values.js';

const $set: OperatorParser = (arg) => ({
  create: () => deepClone(arg),
  update: (current) => (identical(current, arg) ? NOOP : setTo(deepClone(arg))),
});

const $setOnInsert: OperatorParser = (arg, field) => ({ ...$set(arg, field), insertOnly: true });

const $unset: OperatorParser = () => ({
  ignoresBlockedPaths: true,
  update: () => ({ kind: 'remove' }),
});

function arithmeticOperator(name: '$inc' | '$mul'): OperatorParser {
  const verb = name === '$inc' ? 'increment' : 'multiply';
  const op = name === '$inc' ? 'add' : 'mul';
  return (arg, field) => {
    if (!isNumeric(arg)) throw typeMismatch(`Cannot ${verb} with non-numeric argument: {${renderField(field, arg)}}`);
    return {
      // A missing field is set to the argument ($inc) or to zero ($mul).
      create: () => (name === '$inc' ? arg : zeroLike(arg)),
      update: (current, t) => {
        if (!isNumeric(current)) {
          throw typeMismatch(
            `Cannot apply ${name} to a value of non-numeric type. ${renderId(t.doc)} has the field '${t.field}' of non-numeric type ${typeName(current)}`,
          );
        }
        const next = arithmetic(op, current, arg);
        return identical(next, current) ? NOOP : setTo(next);
      },
    };
  };
}

function compareOperator(keepIf: (cmp: number) => boolean): OperatorParser {
  // Comparison follows the BSON order, so values of different types compare by type.
  return (arg) => ({
    create: () => deepClone(arg),
    update: (current) => (keepIf(compareValues(current, arg)) ? NOOP : setTo(deepClone(arg))),
  });
}

const $currentDate: OperatorParser = (arg) => {
  let asDate = true;
  if (isPlainObject(arg)) {
    let valid = false;
    for (const [k, v] of Object.entries(arg)) {
      if (k !== '$type') throw badValue(`Unrecognized $currentDate option: ${k}`);
      if (v === 'date' || v === 'timestamp') {
        asDate = v === 'date';
        valid = true;
      }
    }
    if (!valid) {
      throw badValue(
        "The '$type' string field is required to be 'date' or 'timestamp': {$currentDate: {field : {$type: 'date'}}}",
      );
    }
  } else if (typeof arg !== 'boolean') {
    // Any boolean, even false, means "a date" on the server.
    throw badValue(
      `${typeName(arg)} is not valid type for $currentDate. Please use a boolean ('true') or a $type expression ({$type: 'timestamp/date'}).`,
    );
  }
  const now = (): unknown => (asDate ? new Date() : nextTimestamp());
  return { create: now, update: () => setTo(now()) };
};

let lastTimestamp = { t: 0, i: 0 };
/** Timestamps are unique and increasing, like the cluster time the server hands out. */
function nextTimestamp(): Timestamp {
  const t = Math.floor(Date.now() / 1000);
  lastTimestamp = t > lastTimestamp.t ? { t, i: 1 } : { t: lastTimestamp.t, i: lastTimestamp.i + 1 };
  return new Timestamp(lastTimestamp);
}

const BIT_FORMAT = '{$bit: {field: {and/or/xor: #}}';
const $bit: OperatorParser = (arg) => {
  if (!isPlainObject(arg)) {
    throw badValue(
      `The $bit modifier is not compatible with a ${typeName(arg)}. You must pass in an embedded document: ${BIT_FORMAT}`,
    );
  }
  const ops: Array<['and' | 'or' | 'xor', unknown]> = [];
  for (const [k, v] of Object.entries(arg)) {
    if (k !== 'and' && k !== 'or' && k !== 'xor') {
      throw badValue(
        `The $bit modifier only supports 'and', 'or', and 'xor', not '${k}' which is an unknown operator: {${renderField(k, v)}}`,
      );
    }
    // Decoding turns int64 values below 2^53 into numbers, so any safe integer is accepted.
    if (!(v instanceof Long || (typeof v === 'number' && Number.isSafeInteger(v)))) {
      throw badValue(
        `The $bit modifier field must be an Integer(32/64 bit); a '${typeName(v)}' is not supported here: {${renderField(k, v)}}`,
      );
    }
    ops.push([k, v]);
  }
  if (ops.length === 0) throw badValue(`You must pass in at least one bitwise operation. The format is: ${BIT_FORMAT}`);
  const applyAll = (start: unknown): unknown => ops.reduce((acc, [op, v]) => bitwise(op, acc, v), start);
  return {
    create: () => applyAll(0),
    update: (current, t) => {
      if (!isIntegral(current)) {
        throw badValue(
          `Cannot apply $bit to a value of non-integral type.${renderId(t.doc).slice(1, -1)} has the field ${t.field} of non-integer type ${typeName(current)}`,
        );
      }
      const next = applyAll(current);
      return identical(next, current) ? NOOP : setTo(next);
    },
  };
};

export const fieldOperators: Record<string, OperatorParser> = {
  $set,
  $setOnInsert,
  $unset,
  $inc: arithmeticOperator('$inc'),
  $mul: arithmeticOperator('$mul'),
  // $min keeps the current value when it is already lower or equal; $max when higher or equal.
  $min: compareOperator((c) => c <= 0),
  $max: compareOperator((c) => c >= 0),
  $currentDate,
  $bit,
};
