import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyVoteRecord, type BallotReceipt, type Choice, type VoteRecord } from '@tongxin/shared';
import { connect, ok, send, setUpAlliance, type RoomClient, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const VERIFY_BIN = path.join(ROOT, 'node_modules/.bin/tongxin-verify');

/** The offline command, as a unit would run it: `npx tongxin-verify <file> [--receipt code]`. */
function runVerifier(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(VERIFY_BIN, args, { cwd: ROOT, env: { ...process.env, LANG: 'en_US.UTF-8' } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

/**
 * 表决记录 (issue #17): every ballot goes into a hash chain whose head is fixed when the vote ends;
 * the exported record checks out offline, with each voter's receipt, and a secret vote's record
 * links no unit to a ballot.
 */
describe('a vote any unit can verify', () => {
  let server: TestServer;
  let f: RoomFixture;
  let chair: RoomClient;
  const reps: RoomClient[] = [];
  let dir: string;

  beforeAll(async () => {
    server = await startTestServer({}, { room: { presenceGraceMs: 0 } });
    f = await setUpAlliance(server, 4);
    chair = await connect(server, f.secretary.token);
    for (const r of f.reps) reps.push(await connect(server, r.api.token));
    for (const s of [chair, ...reps]) ok(await send(s, 'meeting:join', { meetingId: f.meetingId }));
    for (const s of reps) ok(await send(s, 'meeting:checkIn', { meetingId: f.meetingId }));
    ok(await send(chair, 'meeting:start', { meetingId: f.meetingId }));
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tongxin-record-'));
  });
  afterAll(async () => {
    for (const s of [chair, ...reps]) s?.disconnect();
    await server?.dispose();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  const recordOf = (voteId: string, who = f.reps[3]!.api) => who.get(`/votes/${voteId}/record.json`);

  it('a named vote with a changed ballot: the record verifies with the command, and so does a unit’s receipt', async () => {
    const vote = ok(
      await send(chair, 'vote:open', {
        meetingId: f.meetingId,
        title: '关于共建青年湖社区服务站的决定',
        text: '同意共建青年湖社区服务站，由召集单位牵头。',
        secret: false,
        allowBallotChange: true,
      }),
    );
    const choices: Choice[] = ['for', 'against', 'for', 'abstain'];
    const receipts: BallotReceipt[] = [];
    for (const [i, s] of reps.entries()) receipts.push(ok(await send(s, 'vote:cast', { voteId: vote.id, choice: choices[i]! })));
    expect(receipts.map((r) => r.record?.seq)).toEqual([1, 2, 3, 4]);
    // 改投: the second unit changes its mind; the chain keeps both, the last one counts.
    const changed = ok(await send(reps[1]!, 'vote:changeBallot', { voteId: vote.id, choice: 'for' }));
    expect(changed.record?.seq).toBe(5);

    expect((await recordOf(vote.id)).status).toBe(409);
    const closed = ok(await send(chair, 'vote:close', { voteId: vote.id }));
    expect(closed.result?.counts).toEqual({ for: 3, against: 0, abstain: 1 });

    const res = await recordOf(vote.id);
    expect(res.status).toBe(200);
    const record = res.body as VoteRecord;
    expect(record.head).toBe(changed.record?.hash);
    expect(closed.record).toEqual({ head: record.head, length: 5 });
    expect(record.entries[0]).toMatchObject({ seq: 1, voter: f.reps[0]!.unit, choice: 'for', enteredByChair: false });
    // Who may not read the meeting may not read its record.
    expect((await recordOf(vote.id, f.outsider.api)).status).toBe(403);

    const file = path.join(dir, 'named.json');
    await fs.writeFile(file, JSON.stringify(record, null, 2));
    const verified = await runVerifier([file, '--receipt', receipts[0]!.record!.code]);
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('Your ballot is entry 1');
    expect(verified.stdout).toContain('Verified');
    // The receipt of the ballot that was changed says so: counted is the later one.
    const first = verifyVoteRecord(record, { receipt: receipts[1]!.record!.code });
    expect(first.checks.at(-1)).toMatchObject({ pass: 'receiptSuperseded', params: { seq: 2, laterSeq: 5 } });

    // The same file with one choice changed fails, naming the entry.
    const tampered = structuredClone(record);
    (tampered.entries[2] as { choice: Choice }).choice = 'against';
    await fs.writeFile(file, JSON.stringify(tampered));
    const refused = await runVerifier([file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Entry 3 does not match its hash');
  });

  it('a secret vote: the record verifies and every receipt opens; nothing in it or in the database pairs a unit with a ballot', async () => {
    const vote = ok(
      await send(chair, 'vote:open', {
        meetingId: f.meetingId,
        title: '关于推选年度先进成员单位的决定',
        text: '推选青年湖社区党委为年度先进成员单位。',
        secret: true,
      }),
    );
    const choices: Choice[] = ['against', 'for', 'abstain', 'for'];
    const receipts: BallotReceipt[] = [];
    // One after the other: the easiest case for anyone who goes by order.
    for (const [i, s] of reps.entries()) receipts.push(ok(await send(s, 'vote:cast', { voteId: vote.id, choice: choices[i]! })));
    const units = f.reps.map((r) => r.unit);
    const db = server.ctx.db.connection.db!;
    const voteId = new Types.ObjectId(vote.id);

    // While open: sealed ballots only — no choice, no ballot id, no commitment, no unit.
    const sealed = await db.collection('sealedballots').find({ vote: voteId }).toArray();
    expect(sealed).toHaveLength(4);
    const sealedText = JSON.stringify(sealed);
    for (const r of receipts) {
      expect(sealedText).not.toContain(r.record!.ballotId!);
      expect(sealedText).not.toContain(r.record!.commitment!);
    }
    for (const u of units) expect(sealedText).not.toContain(u);
    expect(new Set(sealed.map((s) => (s.sealed as { length(): number }).length())).size).toBe(1);
    expect(await db.collection('votechainentries').countDocuments({ vote: voteId })).toBe(0);

    const closed = ok(await send(chair, 'vote:close', { voteId: vote.id }));
    expect(closed.result?.counts).toEqual({ for: 2, against: 1, abstain: 1 });
    const res = await recordOf(vote.id);
    expect(res.status).toBe(200);
    const raw = JSON.stringify(res.body);
    const record = res.body as VoteRecord;

    const report = verifyVoteRecord(raw, { receipt: receipts[2]!.record!.code });
    expect(report.firstProblem).toBeNull();
    expect(report.checks.at(-1)).toMatchObject({ pass: 'receiptSecret', params: { choice: 'abstain' } });
    for (const r of receipts) expect(verifyVoteRecord(record, { receipt: r.record!.code }).ok).toBe(true);
    const file = path.join(dir, 'secret.json');
    await fs.writeFile(file, raw);
    expect((await runVerifier([file, '--receipt', receipts[0]!.record!.code])).code).toBe(0);

    // The raw record: no unit, no participation receipt, no voter field anywhere in it.
    for (const u of units) expect(raw).not.toContain(u);
    for (const r of receipts) expect(raw).not.toContain(r.receipt);
    expect(raw).not.toMatch(/"voter"/);
    // The chain runs in the ballots' random-id order, not the order they were cast in.
    const ids = record.entries.map((e) => ('ballotId' in e ? e.ballotId : ''));
    expect(ids).toEqual([...ids].sort());
    // The openings are sorted by choice, not chain-ordered.
    expect(record.openings!.map((o) => o.choice)).toEqual(['for', 'for', 'against', 'abstain']);

    // The raw collections: whatever holds a ballot id or a commitment holds no unit and no participation receipt.
    const ballotKeys = receipts.flatMap((r) => [r.record!.ballotId!, r.record!.commitment!]);
    for (const { name } of await db.listCollections().toArray()) {
      for (const doc of await db.collection(name).find({}).toArray()) {
        const text = JSON.stringify(doc);
        if (!ballotKeys.some((k) => text.includes(k))) continue;
        expect({ name, unit: units.find((u) => text.includes(u)) ?? null }).toEqual({ name, unit: null });
        for (const r of receipts) expect(text).not.toContain(r.receipt);
      }
    }
    const participations = await db.collection('voteparticipations').find({ vote: voteId }).toArray();
    expect(participations.map((p) => String(p.voter)).sort()).toEqual([...units].sort());
    expect(await db.collection('sealedballots').countDocuments({ vote: voteId })).toBe(0);
  });

  it('a cancelled vote’s record says cancelled, counts nothing, and still verifies', async () => {
    const vote = ok(await send(chair, 'vote:open', { meetingId: f.meetingId, title: '误开的表决', text: '误开。', secret: false }));
    ok(await send(reps[0]!, 'vote:cast', { voteId: vote.id, choice: 'for' }));
    ok(await send(chair, 'vote:cancel', { voteId: vote.id, reason: '议题尚未讨论完毕' }));
    const record = (await recordOf(vote.id)).body as VoteRecord;
    expect(record.vote.status).toBe('cancelled');
    expect(record.result).toBeNull();
    expect(record.cancellation?.reason).toBe('议题尚未讨论完毕');
    const report = verifyVoteRecord(record);
    expect(report.firstProblem).toBeNull();
    expect(report.checks.map((c) => (c.ok ? c.pass : c.problem))).toContain('tallyCancelled');
  });
});
