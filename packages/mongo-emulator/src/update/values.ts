// Value helpers for update operators: the server's "identical value" test that decides whether
// an operator was a no-op, and numeric arithmetic that keeps 64-bit integers exact.
import { Decimal128, Double, Int32, Long } from 'bson';
import { compareValues, toNumber } from '../bson-order.js';
import { CommandError } from '../errors.js';
import { isPlainObject } from '../types.js';

export const isNumeric = (v: unknown): boolean =>
  typeof v === 'number' || v instanceof Long || v instanceof Int32 || v instanceof Double || v instanceof Decimal128;

/** Integral numbers as the server's parseIntegerElementToLong accepts them (2.0 included). */
export const isIntegral = (v: unknown): boolean =>
  v instanceof Long ||
  v instanceof Int32 ||
  ((typeof v === 'number' || v instanceof Double) && Number.isInteger(toNumber(v)));

const numericClass = (v: unknown): string =>
  typeof v === 'number' ? 'number' : ((v as object).constructor?.name ?? '');

/**
 * Same type and same value, field order included: the test the server uses to report a no-op
 * (so `{a: 1, b: 2}` and `{b: 2, a: 1}` differ, and so do 1 and NumberLong(1)).
 */
export function identical(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => identical(x, b[i]));
  }
  if (isPlainObject(a) || isPlainObject(b)) {
    if (!isPlainObject(a) || !isPlainObject(b)) return false;
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k, i) => kb[i] === k && identical(a[k], b[k]));
  }
  if (isNumeric(a) && isNumeric(b)) {
    if (numericClass(a) !== numericClass(b)) return false;
    if (Number.isNaN(toNumber(a))) return Number.isNaN(toNumber(b));
  }
  return compareValues(a, b) === 0 && (a === null) === (b === null);
}

const notImplemented = (what: string): CommandError =>
  new CommandError(238, 'NotImplemented', `The MongoDB emulator does not support ${what}`);

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const toBigInt = (v: unknown): bigint => (v instanceof Long ? v.toBigInt() : BigInt(toNumber(v)));

/** `a + b` or `a * b` with the server's promotion: integers stay exact up to 64 bits. */
export function arithmetic(op: 'add' | 'mul', a: unknown, b: unknown): unknown {
  if (a instanceof Decimal128 || b instanceof Decimal128) throw notImplemented('Decimal128 arithmetic in updates');
  if (isIntegral(a) && isIntegral(b)) {
    const big = op === 'add' ? toBigInt(a) + toBigInt(b) : toBigInt(a) * toBigInt(b);
    const isLong = a instanceof Long || b instanceof Long;
    if (!isLong && big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(big);
    // An int64 overflow turns into a double on the server as well.
    if (big >= INT64_MIN && big <= INT64_MAX) return Long.fromBigInt(big);
    return Number(big);
  }
  const x = toNumber(a);
  const y = toNumber(b);
  return op === 'add' ? x + y : x * y;
}

/** Zero of the same numeric type as `v` ($mul on a missing field). */
export const zeroLike = (v: unknown): unknown => (v instanceof Long ? Long.fromInt(0) : 0);

/** Bitwise and/or/xor on 32- or 64-bit integers. */
export function bitwise(op: 'and' | 'or' | 'xor', a: unknown, b: unknown): unknown {
  const x = toBigInt(a);
  const y = toBigInt(b);
  const r = op === 'and' ? x & y : op === 'or' ? x | y : x ^ y;
  if (a instanceof Long || b instanceof Long) return Long.fromBigInt(BigInt.asIntN(64, r));
  const i32 = BigInt.asIntN(32, r);
  // int32 operands give an int32 result; larger JS integers stand for int64 values.
  return i32 === r ? Number(r) : Long.fromBigInt(BigInt.asIntN(64, r));
}
