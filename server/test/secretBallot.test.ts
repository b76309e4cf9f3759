import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHOICES, type BallotReceipt, type Choice, type VoteView } from '@tongxin/shared';
import { foldLegacySecretBallots } from '../src/db/legacySecretBallots.js';
import { connect, ok, send, setUpAlliance, type RoomClient, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';

/** A raw document, read as an attacker with the database would. */
type Document = Record<string, any>;

/**
 * 无记名投票 (issue #10, item 5): seven units vote by secret ballot, then an attacker with the
 * whole database — every collection, in storage order — tries to link each unit to its choice.
 */
describe('a secret ballot leaves nothing that links a voter to a choice', () => {
  let server: TestServer;
  let f: RoomFixture;
  let chair: RoomClient;
  const reps: RoomClient[] = [];
  let vote: VoteView;
  const receipts: BallotReceipt[] = [];
  // Mixed on purpose, so that no pairing of voters and choices comes out right by chance.
  const choices: Choice[] = ['for', 'against', 'for', 'abstain', 'against', 'for', 'abstain'];
  const truth = new Map<string, Choice>();

  beforeAll(async () => {
    server = await startTestServer({}, { room: { presenceGraceMs: 0 } });
    f = await setUpAlliance(server, 7);
    chair = await connect(server, f.secretary.token);
    for (const r of f.reps) reps.push(await connect(server, r.api.token));
    for (const s of [chair, ...reps]) ok(await send(s, 'meeting:join', { meetingId: f.meetingId }));
    for (const s of reps) ok(await send(s, 'meeting:checkIn', { meetingId: f.meetingId }));
    ok(await send(chair, 'meeting:start', { meetingId: f.meetingId }));
    vote = ok(
      await send(chair, 'vote:open', {
        meetingId: f.meetingId,
        title: '关于推选年度先进成员单位的决定',
        text: '推选青年湖社区党委为年度先进成员单位。',
        secret: true,
      }),
    );
    // One after the other, the easiest case for an attacker who goes by storage order.
    for (const [i, s] of reps.entries()) {
      receipts.push(ok(await send(s, 'vote:cast', { voteId: vote.id, choice: choices[i]! })));
      truth.set(f.reps[i]!.unit, choices[i]!);
    }
  });
  afterAll(async () => {
    for (const s of [chair, ...reps]) s?.disconnect();
    await server?.dispose();
  });

  /** Every document of every collection, in natural (storage) order. */
  async function dump(): Promise<Map<string, Document[]>> {
    const db = server.ctx.db.connection.db!;
    const out = new Map<string, Document[]>();
    for (const { name } of await db.listCollections().toArray()) {
      out.set(name, await db.collection(name).find({}).toArray());
    }
    return out;
  }

  /** Where in `doc` a choice is stored as a value, or written out in a summary. */
  function choicesIn(doc: unknown, path = ''): { path: string; choice: Choice }[] {
    if (typeof doc === 'string') {
      const exact = CHOICES.find((c) => c === doc);
      if (exact) return [{ path, choice: exact }];
      const written = /choice:\s*(for|against|abstain)/.exec(doc);
      return written ? [{ path, choice: written[1] as Choice }] : [];
    }
    if (doc === null || typeof doc !== 'object' || doc instanceof Types.ObjectId || doc instanceof Date) return [];
    if (Buffer.isBuffer(doc) || ArrayBuffer.isView(doc) || (doc as { _bsontype?: string })._bsontype) return [];
    return Object.entries(doc).flatMap(([k, v]) => choicesIn(v, path ? `${path}.${k}` : k));
  }

  it('counts right, shows only turnout while open, and the receipts are the voters’ own', async () => {
    expect(receipts).toHaveLength(7);
    expect(new Set(receipts.map((r) => r.receipt)).size).toBe(7);
    receipts.forEach((r, i) => expect(r).toMatchObject({ voter: f.reps[i]!.unit, choice: choices[i] }));
    const live = ok(await send(reps[2]!, 'meeting:join', { meetingId: f.meetingId })).votes.find(
      (v) => v.id === vote.id,
    )!;
    expect(live.tally).toEqual({ voteId: vote.id, turnout: 7, eligible: 7, voted: expect.any(Array) });
    expect(live.castByMe).toEqual([f.reps[2]!.unit]);
    const again = await send(reps[2]!, 'vote:cast', { voteId: vote.id, choice: 'for' });
    expect(again.ok ? 'ok' : again.error.code).toBe('ALREADY_VOTED');
  });

  it('the storage-order attack: participation records by ObjectId paired with ballots in natural order recover nothing', async () => {
    const all = await dump();
    const voteId = new Types.ObjectId(vote.id);
    const participations = (all.get('voteparticipations') ?? [])
      .filter((p) => String(p.vote) === vote.id)
      .sort((a, b) => String(a._id).localeCompare(String(b._id)));
    expect(participations.map((p) => String(p.voter)).sort()).toEqual([...truth.keys()].sort());

    // Anything anywhere that holds a choice, except the vote's own counters, in storage order.
    const ballotLike: { collection: string; path: string; choice: Choice }[] = [];
    for (const [collection, docs] of all) {
      for (const doc of docs) {
        if (collection === 'votes' && voteId.equals(doc._id as Types.ObjectId)) continue;
        for (const hit of choicesIn(doc)) ballotLike.push({ collection, ...hit });
      }
    }
    const recovered = participations.filter(
      (p, i) => ballotLike[i] && truth.get(String(p.voter)) === ballotLike[i]!.choice,
    );

    expect(recovered.map((p) => String(p.voter))).toEqual([]);
    expect(ballotLike).toEqual([]);
  });

  it('the vote itself holds only totals per choice, and no voter', async () => {
    const stored = (await dump()).get('votes')!.find((d) => String(d._id) === vote.id)!;
    const hits = choicesIn(stored);
    expect(hits).toEqual([]);
    const text = JSON.stringify(stored);
    for (const unit of truth.keys()) expect(text).not.toContain(unit);
    // Its updatedAt did not move with each ballot, so it marks no ballot's time either.
    expect(stored.updatedAt).toEqual(stored.createdAt);
  });

  it('closing counts the totals: 3 for, 2 against, 2 abstain', async () => {
    const closed = ok(await send(chair, 'vote:close', { voteId: vote.id }));
    expect(closed.result).toMatchObject({ outcome: 'adopted', counts: { for: 3, against: 2, abstain: 2 } });
    expect(closed.tally.counts).toEqual({ for: 3, against: 2, abstain: 2 });
    expect(closed.ballots).toBeUndefined();
    // After the close the attack still finds nothing to pair.
    const all = await dump();
    for (const [collection, docs] of all) {
      if (collection === 'votes') continue;
      for (const doc of docs) expect(choicesIn(doc)).toEqual([]);
    }
  });

  it('ballots a secret vote stored before are folded into its totals and deleted, once', async () => {
    const earlier = ok(
      await send(chair, 'vote:open', {
        meetingId: f.meetingId,
        title: '旧版本的无记名表决',
        text: '旧版本。',
        secret: true,
      }),
    );
    const ballots = server.ctx.db.connection.db!.collection<{ _id: string; vote: Types.ObjectId; choice: Choice }>(
      'ballots',
    );
    const voteId = new Types.ObjectId(earlier.id);
    // What the earlier version wrote: the vote, the choice and a random id, nothing else.
    await ballots.insertMany(
      (['for', 'for', 'against'] as Choice[]).map((choice) => ({
        _id: randomBytes(16).toString('hex'),
        vote: voteId,
        choice,
      })),
    );
    const { models, connection } = server.ctx.db;
    expect(await foldLegacySecretBallots(models, connection)).toBe(3);
    expect(await foldLegacySecretBallots(models, connection)).toBe(0);
    expect(await ballots.countDocuments({ vote: voteId })).toBe(0);
    const closed = ok(await send(chair, 'vote:close', { voteId: earlier.id }));
    expect(closed.result?.counts).toEqual({ for: 2, against: 1, abstain: 0 });
  });
});

/**
 * The same, one level down: ballots that arrive together are stored together — one transaction,
 * shuffled, one aggregated count — so that not even that transaction's entry in the database's
 * own log (the oplog, and a backup made from it) pairs a voter with a choice.
 */
describe('secret ballots arriving together are stored as one shuffled batch', () => {
  let server: TestServer;
  let f: RoomFixture;
  beforeAll(async () => {
    server = await startTestServer();
    f = await setUpAlliance(server, 5);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('five ballots at once: all acknowledged, one time on every audit line, totals right; a second ballot of the same unit refused', async () => {
    const chair = await connect(server, f.secretary.token);
    const reps = await Promise.all(f.reps.map((r) => connect(server, r.api.token)));
    try {
      for (const s of reps) ok(await send(s, 'meeting:checkIn', { meetingId: f.meetingId }));
      ok(await send(chair, 'meeting:start', { meetingId: f.meetingId }));
      const vote = ok(await send(chair, 'vote:open', { meetingId: f.meetingId, title: '无记名表决', text: '同意。', secret: true }));
      const choices: Choice[] = ['for', 'against', 'for', 'abstain', 'for'];
      const acks = await Promise.all([
        ...reps.map((s, i) => send(s, 'vote:cast', { voteId: vote.id, choice: choices[i]! })),
        // The first unit's second tab, in the same moment.
        send(reps[0]!, 'vote:cast', { voteId: vote.id, choice: 'against' }),
      ]);
      expect(acks.filter((a) => a.ok)).toHaveLength(5);
      expect(acks.filter((a) => !a.ok).map((a) => (a.ok ? null : a.error.code))).toEqual(['ALREADY_VOTED']);

      const audit = await server.ctx.db.models.AuditEvent.find({ action: 'vote.cast', targetId: new Types.ObjectId(vote.id) }).lean();
      expect(audit).toHaveLength(5);
      // Stored in batches, each line of a batch with the batch's instant, so that times do not order
      // the voters either. (Five ballots within a moment make one batch, two if they straddle one.)
      expect(new Set(audit.map((a) => a.at.getTime())).size).toBeLessThanOrEqual(2);
      for (const line of audit) expect(JSON.stringify([line.after, line.changes])).not.toMatch(/for|against|abstain/);
      const stored = await server.ctx.db.models.Vote.findById(vote.id).lean();
      expect(stored?.secretCounts).toMatchObject({ for: 3, against: 1, abstain: 1 });
    } finally {
      for (const s of [chair, ...reps]) s.disconnect();
    }
  });
});
