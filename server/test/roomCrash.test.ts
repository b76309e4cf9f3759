import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BallotReceipt, Choice } from '@tongxin/shared';
import { startServerProcess, type ServerProcess } from './support/process.js';
import { connect, ok, send, sendOrLost, setUpAlliance, type RoomClient } from './support/room.js';

/**
 * "Nothing acknowledged is lost": the server process is killed with SIGKILL while ballots are
 * arriving. After a restart on the same data, every ballot that was acknowledged is there, and
 * clients find their place again from a fresh snapshot.
 */
describe('a server killed in the middle of a vote', () => {
  let dataDir: string;
  let proc: ServerProcess | null = null;
  const sockets: RoomClient[] = [];

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    if (proc) {
      proc.child.kill('SIGTERM');
      await proc.exit;
    }
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged ballot, and clients resynchronise', async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tongxin-crash-'));
    proc = await startServerProcess({ DATA_DIR: dataDir });
    // Mutable, so the REST clients follow the server to its new port after the restart.
    const target = { url: proc.url };
    const f = await setUpAlliance(target, 8);
    const join = async (token: string) => {
      const s = await connect(target, token);
      sockets.push(s);
      ok(await send(s, 'meeting:join', { meetingId: f.meetingId }));
      return s;
    };
    const chair = await join(f.secretary.token);
    const reps = await Promise.all(f.reps.map((r) => join(r.api.token)));
    for (const s of reps) ok(await send(s, 'meeting:checkIn', { meetingId: f.meetingId }));
    ok(await send(chair, 'meeting:start', { meetingId: f.meetingId }));
    const vote = ok(
      await send(chair, 'vote:open', {
        meetingId: f.meetingId,
        title: '关于年度计划的决定',
        text: '通过 2027 年度联建计划。',
      }),
    );

    const choiceOf = (i: number): Choice => (i % 3 === 0 ? 'against' : 'for');
    // First wave: four ballots, all acknowledged before anything happens.
    const firstWave = await Promise.all(
      [0, 1, 2, 3].map((i) => send(reps[i]!, 'vote:cast', { voteId: vote.id, choice: choiceOf(i) })),
    );
    const acked: BallotReceipt[] = firstWave.map(ok);
    // Second wave: the process dies as soon as the first of these is acknowledged.
    const killed = new Promise<void>((resolve) => {
      const second = [4, 5, 6, 7].map((i) =>
        sendOrLost(reps[i]!, 'vote:cast', { voteId: vote.id, choice: choiceOf(i) }).then((res) => {
          if (res !== 'lost' && res.ok) {
            acked.push(res.data);
            proc!.child.kill('SIGKILL');
            resolve();
          }
          return res;
        }),
      );
      void Promise.all(second).then(() => resolve());
    });
    await killed;
    await proc.exit;
    const ackedAtKill = acked.length;
    expect(ackedAtKill).toBeGreaterThanOrEqual(5);

    proc = await startServerProcess({ DATA_DIR: dataDir });
    target.url = proc.url;

    // Clients reconnect and rebuild the room from a fresh snapshot.
    const chair2 = await connect(target, f.secretary.token);
    sockets.push(chair2);
    const snap = ok(await send(chair2, 'meeting:join', { meetingId: f.meetingId }));
    expect(snap.flow.status).toBe('in_session');
    const stored = snap.votes.find((v) => v.id === vote.id)!;
    expect(stored.status).toBe('open');
    const ballots = stored.ballots!;
    for (const a of acked.slice(0, ackedAtKill)) {
      expect(ballots).toContainEqual(expect.objectContaining({ voter: a.voter, choice: a.choice }));
    }
    expect(new Set(ballots.map((b) => b.voter)).size).toBe(ballots.length);
    expect(stored.tally.turnout).toBe(ballots.length);

    // Those whose ballot was lost with the process vote again; a stored one is never doubled.
    const reps2 = await Promise.all(f.reps.map((r) => connect(target, r.api.token)));
    sockets.push(...reps2);
    const retry = await Promise.all(
      reps2.map(async (s, i) => {
        const mine = ok(await send(s, 'meeting:join', { meetingId: f.meetingId })).votes.find((v) => v.id === vote.id)!;
        const res = await send(s, 'vote:cast', { voteId: vote.id, choice: choiceOf(i) });
        return { already: mine.castByMe.length > 0, code: res.ok ? 'ok' : res.error.code };
      }),
    );
    for (const r of retry) expect(r.code).toBe(r.already ? 'ALREADY_VOTED' : 'ok');

    const closed = ok(await send(chair2, 'vote:close', { voteId: vote.id }));
    // Reps 0, 3 and 6 against; the other five for.
    expect(closed.result).toMatchObject({ outcome: 'adopted', counts: { for: 5, against: 3, abstain: 0 } });
  });
});
