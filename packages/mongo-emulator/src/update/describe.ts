// Type names and value rendering as the server prints them in update error messages, so that
// applications matching on messages see the same text as with MongoDB.
import {
  Binary,
  BSONRegExp,
  BSONSymbol,
  Code,
  Decimal128,
  Double,
  Int32,
  Long,
  MaxKey,
  MinKey,
  ObjectId,
  Timestamp,
} from 'bson';
import { isPlainObject, type Doc } from '../types.js';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * BSON type name ($type alias) of a decoded value. Decoding promotes int32 and double to JS
 * numbers, so an integral number is reported as 'int' (a known gap for doubles like 2.0).
 */
export function typeName(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX ? 'int' : 'double';
    case 'bigint':
      return 'long';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    default:
  }
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (v instanceof ObjectId) return 'objectId';
  if (v instanceof Long) return 'long';
  if (v instanceof Int32) return 'int';
  if (v instanceof Double) return 'double';
  if (v instanceof Decimal128) return 'decimal';
  if (v instanceof Timestamp) return 'timestamp';
  if (v instanceof RegExp || v instanceof BSONRegExp) return 'regex';
  if (v instanceof Binary || ArrayBuffer.isView(v)) return 'binData';
  if (v instanceof MinKey) return 'minKey';
  if (v instanceof MaxKey) return 'maxKey';
  if (v instanceof Code) return 'javascript';
  if (v instanceof BSONSymbol) return 'symbol';
  return 'object';
}

/** A value as the server renders it: `"s"`, `ObjectId('…')`, `[ 1, 2 ]`, `{ a: 1 }`. */
export function render(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof ObjectId) return `ObjectId('${v.toHexString()}')`;
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (v instanceof Timestamp) return `Timestamp(${v.t}, ${v.i})`;
  if (v instanceof RegExp) return `/${v.source}/${v.flags}`;
  if (Array.isArray(v)) return v.length === 0 ? '[]' : `[ ${v.map(render).join(', ')} ]`;
  if (isPlainObject(v)) {
    const entries = Object.entries(v);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, x]) => `${k}: ${render(x)}`).join(', ')} }`;
  }
  return String(v);
}

/** A field as `name: value`, the form the server prints for one element. */
export const renderField = (name: string, v: unknown): string => `${name}: ${render(v)}`;

/** `{_id: ObjectId('…')}` for the messages that name the document. */
export const renderId = (doc: Doc): string => ('_id' in doc ? `{${renderField('_id', doc['_id'])}}` : '{no id}');
