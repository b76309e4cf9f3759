import type { Db } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshDb, startHarness, type Harness } from './helpers.js';

// The three lists search Chinese by bigram keys stored in an array with a compound multikey index
// ({ alliance, searchKeys }) and matched with $all: the emulator must answer as MongoDB does,
// whether or not the planner uses the index.

let h: Harness;
let db: Db;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  db = h.client.db(freshDb('all'));
});

describe('$all on an indexed array field', () => {
  it('matches documents holding every key, with and without the multikey index', async () => {
    const c = db.collection('lists');
    await c.insertMany([
      { alliance: 1, title: '老人助餐', searchKeys: ['老', '人', '助', '餐', '老人', '人助', '助餐'] },
      { alliance: 1, title: '助学', searchKeys: ['助', '学', '助学'] },
      { alliance: 2, title: '老人助餐（另一联合体）', searchKeys: ['老人', '人助', '助餐'] },
      { alliance: 1, title: '无关键词' },
    ]);
    const query = async () => ({
      one: (await c.find({ alliance: 1, searchKeys: { $all: ['助餐'] } }).toArray()).map((d) => d.title),
      two: (await c.find({ alliance: 1, searchKeys: { $all: ['老人', '助餐'] } }).toArray()).map((d) => d.title),
      none: await c.countDocuments({ alliance: 1, searchKeys: { $all: ['老人', '助学'] } }),
      inAnd: await c.countDocuments({ alliance: 1, $and: [{ searchKeys: { $all: ['助'] } }] }),
      empty: await c.countDocuments({ searchKeys: { $in: [] } }),
    });
    const before = await query();
    await c.createIndex({ alliance: 1, searchKeys: 1 });
    const after = await query();
    expect(before).toEqual({ one: ['老人助餐'], two: ['老人助餐'], none: 0, inAnd: 2, empty: 0 });
    expect(after).toEqual(before);
  });
});
