// MongoDB's BSON comparison order:
// https://www.mongodb.com/docs/manual/reference/bson-type-comparison-order/
import { Binary, BSONRegExp, BSONSymbol, Decimal128, Double, Int32, Long, MaxKey, MinKey, ObjectId, Timestamp } from 'bson';
import { isPlainObject } from './types.js';

/** Rank of a value's type in the comparison order; null and missing share a rank. */
export function typeRank(v: unknown): number {
  if (v === undefined || v === null) return 2;
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return 3;
    case 'string':
      return 4;
    case 'boolean':
      return 9;
    default:
  }
  if (v instanceof MinKey) return 1;
  if (v instanceof MaxKey) return 14;
  if (v instanceof Long || v instanceof Int32 || v instanceof Double || v instanceof Decimal128) return 3;
  if (v instanceof BSONSymbol) return 4;
  if (Array.isArray(v)) return 6;
  if (v instanceof Binary || ArrayBuffer.isView(v)) return 7;
  if (v instanceof ObjectId) return 8;
  if (v instanceof Date) return 10;
  if (v instanceof Timestamp) return 11;
  if (v instanceof RegExp || v instanceof BSONRegExp) return 12;
  return 5;
}

export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Long) return v.toNumber();
  if (v instanceof Int32 || v instanceof Double) return v.valueOf();
  if (v instanceof Decimal128) return Number(v.toString());
  return Number.NaN;
}

const cmpPrim = (a: number | string, b: number | string): number => (a < b ? -1 : a > b ? 1 : 0);

function cmpNumbers(a: unknown, b: unknown): number {
  if (a instanceof Long && b instanceof Long) return a.compare(b);
  const x = toNumber(a);
  const y = toNumber(b);
  // NaN sorts below every other number in MongoDB.
  if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : -1;
  if (Number.isNaN(y)) return 1;
  return cmpPrim(x, y);
}

function bytesOf(v: unknown): Uint8Array {
  if (v instanceof Binary) return v.value();
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  return new Uint8Array();
}

function cmpBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return cmpPrim(a.length, b.length);
}

/** Total order over BSON values, as used by sort and by range comparisons within a type. */
export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 1:
    case 2:
    case 14:
      return 0;
    case 3:
      return cmpNumbers(a, b);
    case 4:
      return cmpPrim(String(a), String(b));
    case 5: {
      const ea = Object.entries(a as object);
      const eb = Object.entries(b as object);
      const n = Math.min(ea.length, eb.length);
      for (let i = 0; i < n; i++) {
        const [ka, va] = ea[i] as [string, unknown];
        const [kb, vb] = eb[i] as [string, unknown];
        const rt = cmpPrim(typeRank(va), typeRank(vb));
        if (rt !== 0) return rt;
        const kc = cmpPrim(ka, kb);
        if (kc !== 0) return kc;
        const vc = compareValues(va, vb);
        if (vc !== 0) return vc;
      }
      return cmpPrim(ea.length, eb.length);
    }
    case 6: {
      const xa = a as unknown[];
      const xb = b as unknown[];
      const n = Math.min(xa.length, xb.length);
      for (let i = 0; i < n; i++) {
        const c = compareValues(xa[i], xb[i]);
        if (c !== 0) return c;
      }
      return cmpPrim(xa.length, xb.length);
    }
    case 7: {
      const ba = bytesOf(a);
      const bb = bytesOf(b);
      if (ba.length !== bb.length) return cmpPrim(ba.length, bb.length);
      const sa = a instanceof Binary ? a.sub_type : 0;
      const sb = b instanceof Binary ? b.sub_type : 0;
      if (sa !== sb) return cmpPrim(sa, sb);
      return cmpBytes(ba, bb);
    }
    case 8:
      return cmpBytes((a as ObjectId).id, (b as ObjectId).id);
    case 9:
      return cmpPrim(Number(a), Number(b));
    case 10:
      return cmpPrim((a as Date).getTime(), (b as Date).getTime());
    case 11:
      return (a as Timestamp).compare(b as Timestamp);
    case 12:
      return cmpPrim(String(a), String(b));
    default:
      return 0;
  }
}

export const valuesEqual = (a: unknown, b: unknown): boolean => compareValues(a, b) === 0;

/**
 * Canonical string for a value such that two values get the same string exactly when MongoDB
 * treats them as equal (1, 1.0 and NumberLong(1) collide). Used as the key of unique indexes.
 */
export function keyString(v: unknown): string {
  if (v === undefined || v === null) return 'n';
  switch (typeof v) {
    case 'number':
      return `d${Object.is(v, -0) ? 0 : v}`;
    case 'bigint':
      return `d${v}`;
    case 'string':
      return `s${JSON.stringify(v)}`;
    case 'boolean':
      return v ? 'bt' : 'bf';
    default:
  }
  const rank = typeRank(v);
  if (rank === 3) {
    if (v instanceof Long) return `d${v.toString()}`;
    return `d${toNumber(v)}`;
  }
  if (v instanceof ObjectId) return `o${v.toHexString()}`;
  if (v instanceof Date) return `t${v.getTime()}`;
  if (Array.isArray(v)) return `a[${v.map(keyString).join(',')}]`;
  if (v instanceof Binary) return `x${v.sub_type}:${Buffer.from(v.value()).toString('base64')}`;
  if (isPlainObject(v)) return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${keyString(x)}`).join(',')}}`;
  return `${rank}:${String(v)}`;
}

/** Renders a key value the way the server prints it in E11000 messages. */
export function formatValue(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof ObjectId) return `ObjectId('${v.toHexString()}')`;
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (Array.isArray(v)) return `[ ${v.map(formatValue).join(', ')} ]`;
  if (isPlainObject(v)) return `{ ${Object.entries(v).map(([k, x]) => `${k}: ${formatValue(x)}`).join(', ')} }`;
  return String(v);
}
