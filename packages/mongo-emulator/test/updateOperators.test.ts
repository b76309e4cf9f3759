// One describe per update operator, each through the official driver, checking the resulting
// document and matchedCount/modifiedCount (or the server's error code and message).
// Semantics: https://www.mongodb.com/docs/manual/reference/operator/update/
import {
  Decimal128,
  Long,
  ObjectId,
  Timestamp,
  type Db,
  type Document,
  type UpdateFilter,
  type UpdateOptions,
} from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshDb, startHarness, type Harness } from './helpers.js';

let h: Harness;
let db: Db;
let n = 0;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  db = h.client.db(freshDb('ops'));
});

/** Inserts `doc` (with an ObjectId _id), runs updateOne on it and reads it back. */
async function apply(doc: Document, update: Document, options?: UpdateOptions) {
  const c = db.collection(`c${++n}`);
  const _id = new ObjectId();
  await c.insertOne({ _id, ...doc });
  const r = await c.updateOne({ _id }, update as UpdateFilter<Document>, options);
  const after = await c.findOne({ _id });
  const { _id: _drop, ...rest }: Document = after ?? {};
  return { counts: { matched: r.matchedCount, modified: r.modifiedCount }, doc: rest, _id, after };
}

/** Runs the update and returns the server error it fails with. */
async function failure(doc: Document, update: Document, options?: UpdateOptions) {
  const c = db.collection(`c${++n}`);
  const _id = new ObjectId();
  await c.insertOne({ _id, ...doc });
  const err = (await c.updateOne({ _id }, update as UpdateFilter<Document>, options).then(
    () => undefined,
    (e: unknown) => e,
  )) as { code?: number; message?: string } | undefined;
  expect(err, 'the update should fail').toBeDefined();
  // A failed update leaves the document as it was.
  expect(await c.findOne({ _id })).toEqual({ _id, ...doc });
  return { code: err?.code, message: err?.message ?? '', id: `{_id: ObjectId('${_id.toHexString()}')}` };
}

const changed = { matched: 1, modified: 1 };
const unchanged = { matched: 1, modified: 0 };

describe('update documents', () => {
  it('rejects an unknown operator instead of ignoring it, even when nothing matches', async () => {
    const c = db.collection('unknown');
    await expect(c.updateOne({ nothing: 1 }, { $foo: { a: 1 } })).rejects.toMatchObject({
      code: 9,
      message:
        'Unknown modifier: $foo. Expected a valid update modifier or pipeline-style update specified as an array',
    });
    const f = await failure({ a: 1 }, { $set: { b: 1 }, $inc2: { a: 1 } });
    expect(f.code).toBe(9);
  });

  it('requires each operator to take a document of fields', async () => {
    const f = await failure({ a: 1 }, { $set: 'x' });
    expect(f).toMatchObject({
      code: 9,
      message: expect.stringContaining('Modifiers operate on fields but we found type string instead'),
    });
  });

  it('rejects two operators on the same or overlapping paths', async () => {
    const f = await failure({ a: { b: 1 } }, { $set: { a: 1 }, $inc: { 'a.b': 1 } });
    expect(f).toMatchObject({ code: 40, message: "Updating the path 'a.b' would create a conflict at 'a'" });
    const g = await failure({ a: 1 }, { $set: { a: 1 }, $unset: { a: '' } });
    expect(g).toMatchObject({ code: 40, message: "Updating the path 'a' would create a conflict at 'a'" });
  });

  it('rejects empty path components', async () => {
    expect(await failure({}, { $set: { 'a..b': 1 } })).toMatchObject({
      code: 56,
      message: "The update path 'a..b' contains an empty field name, which is not allowed.",
    });
  });

  it('applies an empty operator as a no-op', async () => {
    const r = await apply({ a: 1 }, { $set: {} });
    expect(r.counts).toEqual(unchanged);
    expect(r.doc).toEqual({ a: 1 });
  });

  it('rejects a top-level field name starting with $', async () => {
    expect(await failure({}, { $set: { $x: 1 } })).toMatchObject({ code: 52 });
    const c = db.collection('repl');
    const { insertedId: _id } = await c.insertOne({ a: 1 });
    await expect(c.replaceOne({ _id }, { a: 2, $x: 1 })).rejects.toMatchObject({ code: 52 });
  });

  it('fails loudly on arithmetic the emulator does not implement', async () => {
    const f = await failure({ d: Decimal128.fromString('1.5') }, { $inc: { d: 1 } });
    expect(f).toMatchObject({ code: 238, message: expect.stringContaining('does not support Decimal128') });
  });

  it('creates new fields in lexicographic (numeric for indexes) order, not in request order', async () => {
    // https://www.mongodb.com/docs/manual/reference/operator/update/#behavior
    const r = await apply({ m: 1 }, { $set: { z: 1, b: 1 }, $inc: { a: 1 } });
    expect(Object.keys(r.after ?? {})).toEqual(['_id', 'm', 'a', 'b', 'z']);
  });
});

describe('$set', () => {
  it('sets fields, creating embedded documents on the way', async () => {
    const r = await apply({ a: 1, s: { x: 1 } }, { $set: { a: 2, 's.y': 2, 'n.e.w': 3 } });
    expect(r.counts).toEqual(changed);
    expect(r.doc).toEqual({ a: 2, s: { x: 1, y: 2 }, n: { e: { w: 3 } } });
  });

  it('does not count setting the current value as a modification', async () => {
    const r = await apply({ a: 1, s: { x: 1, y: [1, 2] } }, { $set: { a: 1, s: { x: 1, y: [1, 2] } } });
    expect(r.counts).toEqual(unchanged);
    // The same fields in another order are a different value.
    const o = await apply({ s: { x: 1, y: 2 } }, { $set: { s: { y: 2, x: 1 } } });
    expect(o.counts).toEqual(changed);
    expect(Object.keys(o.doc['s'] as object)).toEqual(['y', 'x']);
  });

  it('sets array elements by index, padding with null', async () => {
    const r = await apply({ a: [1] }, { $set: { 'a.0': 9, 'a.3': 4 } });
    expect(r.counts).toEqual(changed);
    expect(r.doc).toEqual({ a: [9, null, null, 4] });
  });

  it('fails to create a field inside a scalar or through an array', async () => {
    const f = await failure({ a: 1 }, { $set: { 'a.b': 2 } });
    expect(f).toMatchObject({ code: 28, message: "Cannot create field 'b' in element {a: 1}" });
    const g = await failure({ a: null }, { $set: { 'a.b': 2 } });
    expect(g).toMatchObject({ code: 28, message: "Cannot create field 'b' in element {a: null}" });
    const k = await failure({ a: [{ b: 1 }] }, { $set: { 'a.b': 2 } });
    expect(k).toMatchObject({ code: 28, message: "Cannot create field 'b' in element {a: [ { b: 1 } ]}" });
  });

  it('refuses to change _id', async () => {
    const f = await failure({ a: 1 }, { $set: { _id: new ObjectId() } });
    expect(f.code).toBe(66);
    const r = await apply({ a: 1 }, { $set: { a: 1 } });
    const same = await db.collection(`c${n}`).updateOne({ _id: r._id }, { $set: { _id: r._id } });
    expect(same.modifiedCount).toBe(0);
  });
});

describe('$unset', () => {
  it('removes fields and counts only real removals', async () => {
    const r = await apply({ a: 1, b: { c: 1, d: 2 } }, { $unset: { a: '', 'b.c': 1 } });
    expect(r.counts).toEqual(changed);
    expect(r.doc).toEqual({ b: { d: 2 } });
    const missing = await apply({ a: 1 }, { $unset: { zz: '', 'a.b': '' } });
    expect(missing.counts).toEqual(unchanged);
    expect(missing.doc).toEqual({ a: 1 });
  });

  it('sets an array element to null instead of removing it', async () => {
    const r = await apply({ a: [1, 2, 3] }, { $unset: { 'a.1': '' } });
    expect(r.counts).toEqual(changed);
    expect(r.doc).toEqual({ a: [1, null, 3] });
  });
});

describe('$inc', () => {
  it('adds to numbers and creates missing fields', async () => {
    const r = await apply({ a: 1, f: 1.5, s: { n: 2 } }, { $inc: { a: 2, f: -0.5, 's.n': -2, m: 5 } });
    expect(r.counts).toEqual(changed);
    expect(r.doc).toEqual({ a: 3, f: 1, s: { n: 0 }, m: 5 });
  });

  it('does not count adding zero as a modification', async () => {
    const r = await apply({ a: 1 }, { $inc: { a: 0 } });
    expect(r.counts).toEqual(unchanged);
  });

  it('adds to 64-bit integers exactly', async () => {
    const r = await apply({ big: Long.fromString('9007199254740993') }, { $inc: { big: 1 } });
    expect(String(r.doc['big'])).toBe('9007199254740994');
  });

  it('fails on a non-numeric field with TypeMismatch', async () => {
    const f = await failure({ x: 'a' }, { $inc: { x: 1 } });
    expect(f).toMatchObject({
      code: 14,
      message: `Cannot apply $inc to a value of non-numeric type. ${f.id} has the field 'x' of non-numeric type string`,
    });
    const g = await failure({ x: null }, { $inc: { x: 1 } });
    expect(g).toMatchObject({
      code: 14,
      message: expect.stringContaining("has the field 'x' of non-numeric type null"),
    });
  });

  it('fails on a non-numeric argument', async () => {
    const f = await failure({ x: 1 }, { $inc: { x: '1' } });
    expect(f).toMatchObject({ code: 14, message: 'Cannot increment with non-numeric argument: {x: "1"}' });
  });
});

describe('$mul', () => {
  it('multiplies numbers and sets missing fields to 0', async () => {
    const r = await apply({ a: 3 }, { $mul: { a: 2, m: 7 } });
    expect(r.counts).toEqual(changed);
    expect(r.doc).toEqual({ a: 6, m: 0 });
    expect((await apply({ a: 3 }, { $mul: { a: 1 } })).counts).toEqual(unchanged);
  });

  it('fails on non-numeric fields and arguments', async () => {
    const f = await failure({ x: 'a' }, { $mul: { x: 2 } });
    expect(f).toMatchObject({
      code: 14,
      message: `Cannot apply $mul to a value of non-numeric type. ${f.id} has the field 'x' of non-numeric type string`,
    });
    const g = await failure({ x: 1 }, { $mul: { x: 'a' } });
    expect(g).toMatchObject({ code: 14, message: 'Cannot multiply with non-numeric argument: {x: "a"}' });
  });
});

describe('$min and $max', () => {
  it('replace only when the new value is lower / higher in BSON order', async () => {
    const r = await apply(
      { lo: 5, hi: 5, d: new Date(1000) },
      { $min: { lo: 3, d: new Date(500) }, $max: { hi: 9, m: 1 } },
    );
    expect(r.counts).toEqual(changed);
    expect(r.doc).toEqual({ lo: 3, hi: 9, d: new Date(500), m: 1 });
    const same = await apply({ lo: 5, hi: 5 }, { $min: { lo: 5 }, $max: { hi: 2 } });
    expect(same.counts).toEqual(unchanged);
    // Different types compare by the BSON type order: strings sort after numbers.
    const typed = await apply({ a: 5, b: 5 }, { $max: { a: 'x' }, $min: { b: 'x' } });
    expect(typed.doc).toEqual({ a: 'x', b: 5 });
  });
});

describe('$rename', () => {
  it('moves the value, creating the target path and dropping the source', async () => {
    const r = await apply({ a: 1, b: 2, s: { x: 1 } }, { $rename: { a: 'z', 's.x': 'n.y' } });
    expect(r.counts).toEqual(changed);
    expect(r.doc).toEqual({ b: 2, s: {}, z: 1, n: { y: 1 } });
    // The renamed fields are created in path order: n before z.
    expect(Object.keys(r.doc)).toEqual(['b', 's', 'n', 'z']);
  });

  it('overwrites an existing target in place and ignores a missing source', async () => {
    const r = await apply({ a: 1, b: 2 }, { $rename: { b: 'a' } });
    expect(r.doc).toEqual({ a: 2 });
    expect((await apply({ a: 1 }, { $rename: { zz: 'y' } })).counts).toEqual(unchanged);
  });

  it('rejects invalid renames', async () => {
    expect(await failure({ a: 1 }, { $rename: { a: 'a' } })).toMatchObject({
      code: 2,
      message: expect.stringContaining('The source and target field for $rename must differ'),
    });
    expect(await failure({ a: { b: 1 } }, { $rename: { a: 'a.b' } })).toMatchObject({
      code: 2,
      message: expect.stringContaining('must not be on the same path'),
    });
    expect(await failure({ a: 1 }, { $rename: { a: 1 } })).toMatchObject({
      code: 2,
      message: "The 'to' field for $rename must be a string: a: 1",
    });
    const f = await failure({ a: [{ b: 1 }] }, { $rename: { 'a.0.b': 'c' } });
    expect(f).toMatchObject({
      code: 2,
      message: expect.stringContaining('The source field cannot be an array element'),
    });
  });
});

describe('$setOnInsert', () => {
  it('only applies when an upsert inserts', async () => {
    const r = await apply({ a: 1 }, { $setOnInsert: { b: 1 } }, { upsert: true });
    expect(r.counts).toEqual(unchanged);
    expect(r.doc).toEqual({ a: 1 });
    const c = db.collection('soi');
    await c.updateOne({ k: 1 }, { $setOnInsert: { b: 1 } }, { upsert: true });
    expect(await c.findOne({ k: 1 }, { projection: { _id: 0 } })).toEqual({ k: 1, b: 1 });
  });
});

describe('$currentDate', () => {
  it('sets a date or a timestamp', async () => {
    const before = Date.now();
    const r = await apply({ a: 1 }, { $currentDate: { d: true, t: { $type: 'timestamp' }, e: { $type: 'date' } } });
    expect(r.counts).toEqual(changed);
    expect(r.doc['d']).toBeInstanceOf(Date);
    expect((r.doc['d'] as Date).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(r.doc['e']).toBeInstanceOf(Date);
    expect(r.doc['t']).toBeInstanceOf(Timestamp);
  });

  it('rejects other specifications', async () => {
    const f = await failure({}, { $currentDate: { d: { $type: 'string' } } });
    expect(f.code).toBe(2);
    const g = await failure({}, { $currentDate: { d: 1 } });
    expect(g.code).toBe(2);
  });
});

describe('$addToSet', () => {
  it('adds a value that is not there yet', async () => {
    const r = await apply({ a: [1, 2] }, { $addToSet: { a: 3, m: 'x' } });
    expect(r.counts).toEqual(changed);
    expect(r.doc).toEqual({ a: [1, 2, 3], m: ['x'] });
  });

  it('reports no modification when every value is already there', async () => {
    const r = await apply(
      { a: [1, 2], d: [{ x: 1, y: 2 }] },
      { $addToSet: { a: { $each: [2, 1] }, d: { x: 1, y: 2 } } },
    );
    expect(r.counts).toEqual(unchanged);
    expect(r.doc).toEqual({ a: [1, 2], d: [{ x: 1, y: 2 }] });
  });

  it('compares documents field by field in order and keeps existing duplicates', async () => {
    const r = await apply(
      { d: [{ x: 1, y: 2 }], a: [1, 1] },
      { $addToSet: { d: { y: 2, x: 1 }, a: { $each: [2, 2] } } },
    );
    expect(r.doc).toEqual({
      d: [
        { x: 1, y: 2 },
        { y: 2, x: 1 },
      ],
      a: [1, 1, 2],
    });
  });

  it('fails on a non-array field and on a non-array $each', async () => {
    expect(await failure({ a: 'x' }, { $addToSet: { a: 1 } })).toMatchObject({
      code: 2,
      message: "Cannot apply $addToSet to non-array field. Field named 'a' has non-array type string",
    });
    expect(await failure({ a: [] }, { $addToSet: { a: { $each: 1 } } })).toMatchObject({
      code: 14,
      message: 'The argument to $each in $addToSet must be an array but it was of type int',
    });
  });
});

describe('$push', () => {
  it('appends a value (an array value stays one element) and creates the array', async () => {
    const r = await apply({ a: [1] }, { $push: { a: [2, 3], m: 1 } });
    expect(r.counts).toEqual(changed);
    expect(r.doc).toEqual({ a: [1, [2, 3]], m: [1] });
  });

  it('applies $each, $position, $sort and $slice in that order', async () => {
    const pos = await apply({ a: [1, 2, 3] }, { $push: { a: { $each: [8, 9], $position: 1 } } });
    expect(pos.doc['a']).toEqual([1, 8, 9, 2, 3]);
    const neg = await apply({ a: [1, 2, 3] }, { $push: { a: { $each: [9], $position: -1 } } });
    expect(neg.doc['a']).toEqual([1, 2, 9, 3]);
    const sorted = await apply(
      { a: [{ s: 3 }, { s: 1 }] },
      { $push: { a: { $each: [{ s: 2 }], $sort: { s: -1 }, $slice: 2 } } },
    );
    expect(sorted.doc['a']).toEqual([{ s: 3 }, { s: 2 }]);
    const last = await apply({ a: [5, 1, 4] }, { $push: { a: { $each: [3], $sort: 1, $slice: -2 } } });
    expect(last.doc['a']).toEqual([4, 5]);
    const empty = await apply({ a: [1] }, { $push: { a: { $each: [2], $slice: 0 } } });
    expect(empty.doc['a']).toEqual([]);
  });

  it('reports no modification when nothing is pushed and nothing is cut', async () => {
    const r = await apply({ a: [1, 2] }, { $push: { a: { $each: [], $slice: 5 } } });
    expect(r.counts).toEqual(unchanged);
  });

  it('fails on a non-array field and on bad modifiers', async () => {
    const f = await failure({ x: 'a' }, { $push: { x: 1 } });
    expect(f).toMatchObject({
      code: 2,
      message: `The field 'x' must be an array but is of type string in document ${f.id}`,
    });
    expect(await failure({ a: [] }, { $push: { a: { $each: 1 } } })).toMatchObject({
      code: 2,
      message: 'The argument to $each in $push must be an array but it was of type: int',
    });
    expect(await failure({ a: [] }, { $push: { a: { $each: [1], $foo: 1 } } })).toMatchObject({
      code: 2,
      message: 'Unrecognized clause in $push: $foo',
    });
    expect(await failure({ a: [] }, { $push: { a: { $each: [1], $slice: 'x' } } })).toMatchObject({ code: 2 });
  });
});

describe('$pop', () => {
  it('removes the last (1) or first (-1) element', async () => {
    const r = await apply({ a: [1, 2, 3], b: [1, 2, 3] }, { $pop: { a: 1, b: -1 } });
    expect(r.counts).toEqual(changed);
    expect(r.doc).toEqual({ a: [1, 2], b: [2, 3] });
  });

  it('does nothing on an empty array or a missing field', async () => {
    expect((await apply({ a: [] }, { $pop: { a: 1, zz: 1 } })).counts).toEqual(unchanged);
  });

  it('fails on a non-array field and on an argument other than 1 or -1', async () => {
    expect(await failure({ a: 'x' }, { $pop: { a: 1 } })).toMatchObject({
      code: 14,
      message: "Path 'a' contains an element of non-array type 'string'",
    });
    expect(await failure({ a: [1] }, { $pop: { a: 2 } })).toMatchObject({
      code: 9,
      message: '$pop expects 1 or -1, found: 2',
    });
  });
});

describe('$pull', () => {
  it('removes scalars equal to a value', async () => {
    const r = await apply({ a: [1, 2, 1, 3] }, { $pull: { a: 1 } });
    expect(r.counts).toEqual(changed);
    expect(r.doc).toEqual({ a: [2, 3] });
  });

  it('applies a condition to each scalar ($gte, $in, $nin, regex)', async () => {
    const r = await apply(
      { a: [1, 5, 9], b: ['x', 'y', 'z'], c: [1, 2, 3], d: ['apple', 'berry'] },
      { $pull: { a: { $gte: 5 }, b: { $in: ['x', 'z'] }, c: { $nin: [2] }, d: /^a/ } },
    );
    expect(r.doc).toEqual({ a: [1], b: ['y'], c: [2], d: ['berry'] });
  });

  it('treats a document as a query on each element document (containing those fields)', async () => {
    const r = await apply({ m: [{ u: 1, r: 'a' }, { u: 2, r: 'b' }, 7] }, { $pull: { m: { u: 1 } } });
    expect(r.counts).toEqual(changed);
    expect(r.doc).toEqual({ m: [{ u: 2, r: 'b' }, 7] });
    // Mongoose removes sub-documents that have an _id with {_id: {$in: [...]}}.
    const a = new ObjectId();
    const b = new ObjectId();
    const byId = await apply(
      {
        m: [
          { _id: a, x: 1 },
          { _id: b, x: 2 },
        ],
      },
      { $pull: { m: { _id: { $in: [a] } } } },
    );
    expect(byId.doc).toEqual({ m: [{ _id: b, x: 2 }] });
  });

  it('removes element documents matching $or / $and (mongoose removes sub-documents without _id this way)', async () => {
    const u1 = new ObjectId();
    const u2 = new ObjectId();
    const joinedAt = new Date(1000);
    const memberships = [
      { unit: u1, role: 'member', representatives: [], joinedAt },
      { unit: u2, role: 'observer', representatives: [], joinedAt },
    ];
    const or = await apply(
      { memberships },
      { $pull: { memberships: { $or: [{ unit: u1, role: 'member', representatives: [], joinedAt }] } } },
    );
    expect(or.counts).toEqual(changed);
    expect(or.doc).toEqual({ memberships: [memberships[1]] });
    const and = await apply(
      { memberships },
      { $pull: { memberships: { $and: [{ role: 'observer' }, { unit: u2 }] } } },
    );
    expect(and.counts).toEqual(changed);
    expect(and.doc).toEqual({ memberships: [memberships[0]] });
  });

  it('matches nested arrays of element documents with $elemMatch', async () => {
    const r = await apply(
      {
        results: [
          {
            item: 'A',
            answers: [
              { q: 1, a: 4 },
              { q: 2, a: 6 },
            ],
          },
          { item: 'B', answers: [{ q: 2, a: 9 }] },
        ],
      },
      { $pull: { results: { answers: { $elemMatch: { q: 2, a: { $gte: 8 } } } } } },
    );
    expect(r.doc).toEqual({
      results: [
        {
          item: 'A',
          answers: [
            { q: 1, a: 4 },
            { q: 2, a: 6 },
          ],
        },
      ],
    });
  });

  it('reports no modification when nothing matches', async () => {
    const r = await apply({ a: [1, 2], m: [{ u: 1 }] }, { $pull: { a: 5, m: { $or: [{ u: 2 }] }, zz: 1 } });
    expect(r.counts).toEqual(unchanged);
    // A query on element documents never matches scalars.
    const s = await apply({ a: [1, 2] }, { $pull: { a: { $or: [{ x: 1 }] } } });
    expect(s.counts).toEqual(unchanged);
  });

  it('removes array elements equal to an array value, order included', async () => {
    const r = await apply(
      {
        a: [
          [1, 2],
          [2, 1],
        ],
      },
      { $pull: { a: [1, 2] } },
    );
    expect(r.doc).toEqual({ a: [[2, 1]] });
  });

  it('fails on a non-array field or a path through a scalar', async () => {
    expect(await failure({ a: 'x' }, { $pull: { a: 'x' } })).toMatchObject({
      code: 2,
      message: 'Cannot apply $pull to a non-array value',
    });
    expect(await failure({ a: 1 }, { $pull: { 'a.b': 1 } })).toMatchObject({ code: 28 });
  });
});

describe('$pullAll', () => {
  it('removes exactly equal values', async () => {
    const r = await apply(
      { a: [1, 2, 3, 1], d: [{ x: 1, y: 2 }, { x: 1 }] },
      { $pullAll: { a: [1, 3], d: [{ x: 1 }] } },
    );
    expect(r.counts).toEqual(changed);
    expect(r.doc).toEqual({ a: [2], d: [{ x: 1, y: 2 }] });
    // Unlike $pull, a document only removes equal documents, not those containing its fields.
    expect((await apply({ d: [{ x: 1, y: 2 }] }, { $pullAll: { d: [{ x: 1 }] } })).counts).toEqual(unchanged);
  });

  it('requires an array argument', async () => {
    expect(await failure({ a: [1] }, { $pullAll: { a: 1 } })).toMatchObject({
      code: 2,
      message: '$pullAll requires an array argument but was given a int',
    });
  });
});

describe('$bit', () => {
  it('applies and / or / xor to integers', async () => {
    const r = await apply(
      { a: 13, b: 3, c: 5 },
      { $bit: { a: { and: 10 }, b: { or: 5 }, c: { xor: 1 }, m: { or: 2 } } },
    );
    expect(r.counts).toEqual(changed);
    expect(r.doc).toEqual({ a: 8, b: 7, c: 4, m: 2 });
    expect((await apply({ a: 12 }, { $bit: { a: { or: 4 } } })).counts).toEqual(unchanged);
  });

  it('fails on non-integer fields and bad specifications', async () => {
    expect((await failure({ a: 'x' }, { $bit: { a: { and: 1 } } })).code).toBe(2);
    expect((await failure({ a: 1 }, { $bit: { a: { not: 1 } } })).code).toBe(2);
  });
});

describe('positional operators', () => {
  it('$ updates the first element the query matched', async () => {
    const c = db.collection('pos');
    const { insertedId: _id } = await c.insertOne({
      items: [
        { k: 1, q: 0 },
        { k: 2, q: 0 },
        { k: 2, q: 0 },
      ],
    });
    const r = await c.updateOne({ _id, 'items.k': 2 }, { $set: { 'items.$.q': 5 } });
    expect(r.modifiedCount).toBe(1);
    expect((await c.findOne({ _id }))?.['items']).toEqual([
      { k: 1, q: 0 },
      { k: 2, q: 5 },
      { k: 2, q: 0 },
    ]);
  });

  it('$ without the array in the query fails', async () => {
    const f = await failure({ items: [1, 2] }, { $set: { 'items.$': 5 } });
    expect(f).toMatchObject({
      code: 2,
      message: 'The positional operator did not find the match needed from the query.',
    });
  });

  it('$[] updates every element', async () => {
    const r = await apply({ a: [{ q: 1 }, { q: 2 }] }, { $inc: { 'a.$[].q': 10 } });
    expect(r.counts).toEqual(changed);
    expect(r.doc).toEqual({ a: [{ q: 11 }, { q: 12 }] });
  });

  it('$ and $[] fail when an upsert inserts or when two forms reach the same element', async () => {
    const c = db.collection('posups');
    await expect(c.updateOne({ 'items.k': 1 }, { $set: { 'items.$.q': 1 } }, { upsert: true })).rejects.toMatchObject({
      code: 2,
      message: 'The positional operator did not find the match needed from the query.',
    });
    expect(await failure({ a: [1, 2] }, { $set: { 'a.$[]': 0 }, $inc: { 'a.0': 1 } })).toMatchObject({
      code: 40,
      message: "Updating the path 'a.0' would create a conflict at 'a'",
    });
    const f = await failure(
      { a: [1, 2] },
      { $set: { 'a.$[]': 0 }, $inc: { 'a.$[i]': 1 } },
      { arrayFilters: [{ i: 2 }] },
    );
    expect(f).toMatchObject({ code: 40, message: "Update created a conflict at 'a.1'" });
  });

  it('$[] needs an existing array', async () => {
    expect(await failure({ b: 1 }, { $set: { 'a.$[].q': 1 } })).toMatchObject({
      code: 2,
      message: "The path 'a' must exist in the document in order to apply array updates.",
    });
    expect(await failure({ a: 1 }, { $set: { 'a.$[]': 1 } })).toMatchObject({
      code: 2,
      message: 'Cannot apply array updates to non-array element a: 1',
    });
  });

  it('$[<id>] updates the elements matching arrayFilters, also nested', async () => {
    const r = await apply(
      {
        a: [
          { k: 1, c: [{ d: 0 }, { d: 1 }] },
          { k: 2, c: [{ d: 0 }] },
        ],
      },
      { $set: { 'a.$[i].c.$[j].d': 9 } },
      { arrayFilters: [{ 'i.k': 1 }, { 'j.d': 0 }] },
    );
    expect(r.counts).toEqual(changed);
    expect(r.doc).toEqual({
      a: [
        { k: 1, c: [{ d: 9 }, { d: 1 }] },
        { k: 2, c: [{ d: 0 }] },
      ],
    });
    const scalars = await apply(
      { a: [0, 1, 3] },
      { $set: { 'a.$[x]': 2 } },
      { arrayFilters: [{ $or: [{ x: 0 }, { x: 3 }] }] },
    );
    expect(scalars.doc).toEqual({ a: [2, 1, 2] });
    const none = await apply({ a: [1, 2] }, { $set: { 'a.$[x]': 0 } }, { arrayFilters: [{ x: { $gt: 5 } }] });
    expect(none.counts).toEqual(unchanged);
  });

  it('$[<id>] needs a filter, and every filter must be used', async () => {
    expect(await failure({ a: [1] }, { $set: { 'a.$[x]': 1 } })).toMatchObject({
      code: 2,
      message: "No array filter found for identifier 'x' in path 'a.$[x]'",
    });
    const f = await failure({ a: [1] }, { $set: { 'a.$[x]': 1 } }, { arrayFilters: [{ x: 1 }, { y: 1 }] });
    expect(f).toMatchObject({
      code: 9,
      message: expect.stringContaining("The array filter for identifier 'y' was not used in the update"),
    });
  });
});

describe('findOneAndUpdate and updateMany', () => {
  it('findOneAndUpdate reports operator errors too', async () => {
    const c = db.collection('fam');
    await c.insertOne({ k: 1, x: 'a' });
    await expect(c.findOneAndUpdate({ k: 1 }, { $inc: { x: 1 } })).rejects.toMatchObject({ code: 14 });
  });

  it('updateMany counts only the documents a $pull changed', async () => {
    const c = db.collection<{ g: number; t: string[] }>('many');
    await c.insertMany([
      { g: 1, t: ['a', 'b'] },
      { g: 1, t: ['b'] },
      { g: 1, t: ['a'] },
    ]);
    const r = await c.updateMany({ g: 1 }, { $pull: { t: 'a' } });
    expect(r.matchedCount).toBe(3);
    expect(r.modifiedCount).toBe(2);
  });
});
