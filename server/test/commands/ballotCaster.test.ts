import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendanceRecorder } from '../../src/commands/attendanceRecorder.js';
import { ballotCaster } from '../../src/commands/ballotCaster.js';
import { proxyGiver } from '../../src/commands/proxyGiver.js';
import { voteCloser } from '../../src/commands/voteCloser.js';
import { tallyOf } from '../../src/views/vote.js';
import { codeOf } from '../support/commandContext.js';
import {
  foundAlliance,
  meetingInSession,
  openTestDatabase,
  openVote,
  type AllianceFixture,
  type TestDatabase,
} from '../support/commandFixtures.js';

/**
 * 投票, called as a plain function: one ballot per unit (or per person), cast only by those
 * entitled to it, only while the vote is open, and stored before the voter gets a receipt.
 * Every test holds its own meeting, so any one of them runs alone.
 */
describe('casting a ballot (ballotCaster)', () => {
  let db: TestDatabase;
  let f: AllianceFixture;
  /**
   * A meeting in session with all five voting units checked in. Tests open votes of their own in
   * it; a test that needs other attendance or a proxy holds its own meeting.
   */
  let meetingId: string;

  beforeAll(async () => {
    db = await openTestDatabase();
    f = await foundAlliance(db);
    meetingId = await meetingInSession(f);
  });
  afterAll(async () => {
    await db?.dispose();
  });

  /** The live count as the room shows it. */
  const tally = async (voteId: string) => {
    const vote = await db.models.Vote.findById(voteId).lean();
    return tallyOf(db.models, vote!);
  };
  const rep = (n: number) => f.reps[n]!;

  it('a representative votes for their unit and gets a receipt for the stored ballot', async () => {
    const voteId = await openVote(f, meetingId);
    const ctx = f.as(rep(1));
    const receipt = await ballotCaster(ctx, { voteId, choice: 'against' });
    expect(receipt).toEqual({
      voteId,
      meetingId,
      voter: f.units[1],
      choice: 'against',
      receipt: expect.stringMatching(/^[0-9a-f]{32}$/),
      // Its place in the vote's hash chain (issue #17): the first entry, and the hash to check it by.
      record: { seq: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/), code: receipt.record?.hash },
    });
    expect(await tally(voteId)).toEqual({
      voteId,
      turnout: 1,
      eligible: 5,
      counts: { for: 0, against: 1, abstain: 0 },
      voted: [f.units[1]],
    });
    // The room hears that a ballot landed; which way it went is not part of the news.
    expect(ctx.events).toEqual([{ type: 'ballot.cast', meetingId, allianceId: f.allianceId, voteId }]);
  });

  it('a unit that already voted cannot vote again, not even to change its choice', async () => {
    const voteId = await openVote(f, meetingId);
    await ballotCaster(f.as(rep(2)), { voteId, choice: 'for' });
    const again = f.as(rep(2));
    expect(await codeOf(ballotCaster(again, { voteId, choice: 'against' }))).toBe('ALREADY_VOTED');
    expect(again.events).toEqual([]);
    expect((await tally(voteId)).counts).toEqual({ for: 1, against: 0, abstain: 0 });
  });

  it('two ballots for one unit at the same moment (two tabs): one is counted, the other is ALREADY_VOTED', async () => {
    const voteId = await openVote(f, meetingId);
    const codes = await Promise.all([
      codeOf(ballotCaster(f.as(rep(3)), { voteId, choice: 'for' })),
      codeOf(ballotCaster(f.as(rep(3)), { voteId, choice: 'against' })),
    ]);
    expect(codes.sort()).toEqual(['ALREADY_VOTED', 'ok']);
    expect((await tally(voteId)).turnout).toBe(1);
  });

  it('an observer unit (列席) attends but has no vote', async () => {
    const attended = await meetingInSession(f);
    // Checked in, and present in the room: still no vote.
    await attendanceRecorder(f.as(f.observer), { meetingId: attended, unitId: f.observerUnit });
    const voteId = await openVote(f, attended);
    expect(await codeOf(ballotCaster(f.as(f.observer), { voteId, choice: 'for' }))).toBe('VALIDATION'); // no unit to vote for
    expect(await codeOf(ballotCaster(f.as(f.observer), { voteId, choice: 'for', unitId: f.observerUnit }))).toBe(
      'FORBIDDEN',
    );
    expect(await codeOf(ballotCaster(f.as(f.observer), { voteId, choice: 'for', unitId: f.units[4] }))).toBe(
      'FORBIDDEN',
    );
    expect(await tally(voteId)).toMatchObject({ turnout: 0, eligible: 5 });
  });

  it('a representative cannot vote for another unit without its proxy', async () => {
    const voteId = await openVote(f, meetingId);
    expect(await codeOf(ballotCaster(f.as(rep(0)), { voteId, choice: 'for', unitId: f.units[2] }))).toBe('FORBIDDEN');
    // The secretary runs the meeting and speaks for no unit.
    expect(await codeOf(ballotCaster(f.as(f.secretary), { voteId, choice: 'for', unitId: f.units[0] }))).toBe(
      'FORBIDDEN',
    );
    expect(await codeOf(ballotCaster(f.as(f.outsider), { voteId, choice: 'for', unitId: f.units[0] }))).toBe(
      'FORBIDDEN',
    );
    expect((await tally(voteId)).turnout).toBe(0);
  });

  it('a unit that gave its vote (委托) is voted for by the holder, and only once', async () => {
    const withProxy = await meetingInSession(f, [0, 1, 2]);
    await proxyGiver(f.as(rep(4)), { meetingId: withProxy, fromUnitId: f.units[4]!, toUserId: rep(0).id });
    const voteId = await openVote(f, withProxy);
    // Holding two votes, the holder says which one a ballot is for.
    expect(await codeOf(ballotCaster(f.as(rep(0)), { voteId, choice: 'for' }))).toBe('VALIDATION');
    const forUnit4 = await ballotCaster(f.as(rep(0)), { voteId, choice: 'against', unitId: f.units[4] });
    expect(forUnit4).toMatchObject({ voter: f.units[4], choice: 'against' });
    expect((await ballotCaster(f.as(rep(0)), { voteId, choice: 'for', unitId: f.units[0] })).voter).toBe(f.units[0]);
    // The unit's own representative comes back: its vote was already cast by the proxy.
    expect(await codeOf(ballotCaster(f.as(rep(4)), { voteId, choice: 'for' }))).toBe('ALREADY_VOTED');
    expect((await tally(voteId)).counts).toEqual({ for: 1, against: 1, abstain: 0 });
  });

  it('a unit that has not checked in cannot vote', async () => {
    const voteId = await openVote(f, await meetingInSession(f, [0, 1, 2]));
    expect(await codeOf(ballotCaster(f.as(rep(3)), { voteId, choice: 'for' }))).toBe('INVALID_STATE');
    expect((await tally(voteId)).turnout).toBe(0);
  });

  it('a closed vote refuses ballots', async () => {
    const voteId = await openVote(f, meetingId);
    await ballotCaster(f.as(rep(0)), { voteId, choice: 'for' });
    await voteCloser(f.as(f.secretary), { voteId });
    expect(await codeOf(ballotCaster(f.as(rep(1)), { voteId, choice: 'for' }))).toBe('INVALID_STATE');
    expect((await tally(voteId)).turnout).toBe(1);
  });

  it('a vote whose time is up refuses ballots, even before its timer has closed it', async () => {
    const voteId = await openVote(f, meetingId, { durationSeconds: 1 });
    await ballotCaster(f.as(rep(0)), { voteId, choice: 'for' });
    const { closesAt } = (await db.models.Vote.findById(voteId, { closesAt: 1 }).lean())!;
    await new Promise((r) => setTimeout(r, Math.max(0, closesAt!.getTime() - Date.now()) + 20));
    expect(await codeOf(ballotCaster(f.as(rep(1)), { voteId, choice: 'for' }))).toBe('INVALID_STATE');
    expect((await tally(voteId)).turnout).toBe(1);
  });

  it('an outsider cannot vote, not even for a member unit', async () => {
    const voteId = await openVote(f, meetingId);
    expect(await codeOf(ballotCaster(f.as(f.outsider), { voteId, choice: 'for' }))).toBe('FORBIDDEN');
  });

  describe('a secret ballot (无记名投票)', () => {
    it('the voter gets a receipt; while open the tally shows turnout only, and counts once closed', async () => {
      const voteId = await openVote(f, meetingId, { secret: true, threshold: 'two_thirds' });
      const ctx = f.as(rep(0));
      const receipt = await ballotCaster(ctx, { voteId, choice: 'for' });
      // The receipt goes to the voter alone; the event the room hears carries no choice.
      expect(receipt).toMatchObject({ voteId, voter: f.units[0], choice: 'for' });
      expect(ctx.events).toEqual([
        { type: 'ballot.cast', meetingId: receipt.meetingId, allianceId: f.allianceId, voteId },
      ]);
      await ballotCaster(f.as(rep(1)), { voteId, choice: 'for' });
      await ballotCaster(f.as(rep(2)), { voteId, choice: 'against' });
      expect(await tally(voteId)).toEqual({ voteId, turnout: 3, eligible: 5, voted: expect.any(Array) });
      expect(await codeOf(ballotCaster(f.as(rep(2)), { voteId, choice: 'for' }))).toBe('ALREADY_VOTED');

      const { vote } = await voteCloser(f.as(f.secretary), { voteId });
      expect(vote.result).toMatchObject({ outcome: 'adopted', counts: { for: 2, against: 1, abstain: 0 } });
      expect((await tally(voteId)).counts).toEqual({ for: 2, against: 1, abstain: 0 });
    });

    it('the record says that a unit voted, never how', async () => {
      const voteId = await openVote(f, meetingId, { secret: true });
      await ballotCaster(f.as(rep(0)), { voteId, choice: 'against' });
      await ballotCaster(f.as(rep(1)), { voteId, choice: 'abstain' });
      const audit = await db.models.AuditEvent.find({ targetId: voteId, action: 'vote.cast' }).lean();
      expect(audit).toHaveLength(2);
      for (const a of audit) expect(JSON.stringify([a.after, a.changes])).not.toMatch(/for|against|abstain/);
    });
  });

  describe('a vote per member (按人表决)', () => {
    it('each representative of a voting unit has one vote of their own, once checked in', async () => {
      const voteId = await openVote(f, await meetingInSession(f, [0, 1, 2]), { basis: 'member' });
      expect((await ballotCaster(f.as(rep(0)), { voteId, choice: 'for' })).voter).toBe(rep(0).id);
      expect(await codeOf(ballotCaster(f.as(rep(0)), { voteId, choice: 'against' }))).toBe('ALREADY_VOTED');
      expect(await codeOf(ballotCaster(f.as(rep(3)), { voteId, choice: 'for' }))).toBe('INVALID_STATE'); // not checked in
      expect(await codeOf(ballotCaster(f.as(f.observer), { voteId, choice: 'for' }))).toBe('FORBIDDEN');
      expect(await codeOf(ballotCaster(f.as(f.secretary), { voteId, choice: 'for' }))).toBe('FORBIDDEN');
      expect(await tally(voteId)).toMatchObject({ turnout: 1, eligible: 5 });
    });
  });
});
