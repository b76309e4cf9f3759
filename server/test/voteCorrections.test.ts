import { VoteCancelSchema, VoteOpenSchema, VotingDefaultsSchema } from '@tongxin/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allianceUpdater } from '../src/commands/allianceUpdater.js';
import { ballotCaster } from '../src/commands/ballotCaster.js';
import { ballotChanger } from '../src/commands/ballotChanger.js';
import { meetingAdjourner } from '../src/commands/meetingAdjourner.js';
import { voteCanceller } from '../src/commands/voteCanceller.js';
import { voteCloser } from '../src/commands/voteCloser.js';
import { voteOpener } from '../src/commands/voteOpener.js';
import { buildMinutesDocument } from '../src/minutes/minutesDocument.js';
import { minutesContent } from '../src/queries/minutesContent.js';
import { prosemirrorToText } from '../src/yjs/prosemirror.js';
import { docAccess } from '../src/yjs/access.js';
import { voteView } from '../src/views/vote.js';
import type { VoteLean } from '../src/presenters/vote.js';
import { codeOf } from './support/commandContext.js';
import {
  anotherAlliance,
  castAll,
  foundAlliance,
  frozenDecision,
  meetingInSession,
  openTestDatabase,
  openVote,
  type AllianceFixture,
  type TestDatabase,
} from './support/commandFixtures.js';
import { connect, nextEvent, ok, send, setUpAlliance, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { fragmentText, openDoc, until, writeParagraphs } from './support/yjsClient.js';

/**
 * Correcting a vote (表决): a voter changes their named ballot while the vote allows it (改投, the
 * last one counts, the audit keeps both); the chair cancels a vote opened by mistake (取消表决),
 * which counts nothing and says so in the minutes.
 */
describe('changing a ballot and cancelling a vote', () => {
  let db: TestDatabase;
  let f: AllianceFixture;

  beforeAll(async () => {
    db = await openTestDatabase();
    f = await foundAlliance(db);
  });
  afterAll(async () => {
    await db?.dispose();
  });

  const open = (meetingId: string, extra: Record<string, unknown>) =>
    voteOpener(f.as(f.secretary), VoteOpenSchema.parse({ meetingId, title: '关于增设便民服务点的决定', text: '同意增设。', ...extra }));
  const close = async (voteId: string) => (await voteCloser(f.as(f.secretary), { voteId })).vote;
  const cancel = (voteId: string, reason: string, by = f.secretary) =>
    voteCanceller(f.as(by), VoteCancelSchema.parse({ voteId, reason }));

  it('a voter changes their ballot while the vote is open; the last ballot counts and the audit keeps both', async () => {
    const meetingId = await meetingInSession(f);
    const { vote } = await open(meetingId, { allowBallotChange: true });
    const voteId = String(vote._id);
    expect(vote).toMatchObject({ secret: false, allowBallotChange: true, tallyVisibility: 'live' });
    await castAll(f, voteId, ['for', 'against', 'for']);
    const ctx = f.as(f.reps[1]!);
    const receipt = await ballotChanger(ctx, { voteId, choice: 'for' });
    expect(receipt).toMatchObject({ voter: f.units[1], choice: 'for' });
    expect(ctx.events.map((e) => e.type)).toEqual(['ballot.changed']);
    // One ballot per unit still: changed in place, with the time it changed.
    const ballots = await db.models.Ballot.find({ vote: voteId }).lean();
    expect(ballots).toHaveLength(3);
    expect(ballots.find((b) => String(b.voter) === f.units[1])).toMatchObject({ choice: 'for', changedAt: expect.any(Date) });
    expect(receipt.receipt).toBe(ballots.find((b) => String(b.voter) === f.units[1])!._id);
    const audit = await db.models.AuditEvent.findOne({ targetId: vote._id, action: 'vote.changeBallot' }).lean();
    // A named vote: both choices are the record.
    expect(audit?.changes?.map((c) => ({ ...c, after: String(c.after) }))).toEqual([
      { field: 'voter', after: f.units[1] },
      { field: 'choice', before: 'against', after: 'for' },
    ]);
    // Changing back and forth: each change is one more audit line; the same choice again is none.
    await ballotChanger(f.as(f.reps[1]!), { voteId, choice: 'abstain' });
    await ballotChanger(f.as(f.reps[1]!), { voteId, choice: 'abstain' });
    expect(await db.models.AuditEvent.countDocuments({ targetId: vote._id, action: 'vote.changeBallot' })).toBe(2);
    expect((await close(voteId)).result).toMatchObject({ counts: { for: 2, against: 0, abstain: 1 } });
    // Closed: nothing changes any more.
    expect(await codeOf(ballotChanger(f.as(f.reps[0]!), { voteId, choice: 'against' }))).toBe('INVALID_STATE');
  });

  it('no change unless the vote allows it, never in a secret vote, never for someone who has not voted', async () => {
    const meetingId = await meetingInSession(f);
    const strict = String((await open(meetingId, {})).vote._id);
    await castAll(f, strict, ['for']);
    expect(await codeOf(ballotChanger(f.as(f.reps[0]!), { voteId: strict, choice: 'against' }))).toBe('INVALID_STATE');

    // Asking for both at the edge is a field error; so is asking for it when the vote is secret by default.
    const both = VoteOpenSchema.safeParse({ meetingId, title: 'x', text: 'y', secret: true, allowBallotChange: true });
    expect(both.success).toBe(false);
    expect(both.error?.issues[0]?.path).toEqual(['allowBallotChange']);
    const secretAlliance = await anotherAlliance(f, '和平街道平安建设联盟');
    await allianceUpdater(f.as(f.secretary), secretAlliance.allianceId, {
      votingDefaults: VotingDefaultsSchema.parse({ secret: true, allowBallotChange: false }),
    });
    const secretMeeting = await meetingInSession(secretAlliance);
    const refused = f.as(f.secretary);
    expect(
      await codeOf(voteOpener(refused, VoteOpenSchema.parse({ meetingId: secretMeeting, title: 'x', text: 'y', allowBallotChange: true }))),
    ).toBe('VALIDATION');
    expect(refused.events).toEqual([]);
    const secret = String(
      (await voteOpener(f.as(f.secretary), VoteOpenSchema.parse({ meetingId: secretMeeting, title: 'x', text: 'y' }))).vote._id,
    );
    expect((await db.models.Vote.findById(secret).lean())?.secret).toBe(true);
    await castAll(secretAlliance, secret, ['for']);
    expect(await codeOf(ballotChanger(f.as(f.reps[0]!), { voteId: secret, choice: 'against' }))).toBe('INVALID_STATE');

    const allowed = String((await open(meetingId, { allowBallotChange: true })).vote._id);
    expect(await codeOf(ballotChanger(f.as(f.reps[2]!), { voteId: allowed, choice: 'for' }))).toBe('INVALID_STATE');
    // An observer unit has no vote to change (the same answer as casting one).
    expect(await codeOf(ballotChanger(f.as(f.observer), { voteId: allowed, choice: 'for' }))).toBe('VALIDATION');
    expect(await db.models.AuditEvent.countDocuments({ targetId: allowed, action: 'vote.changeBallot' })).toBe(0);
  });

  it('a vote counted at close shows the turnout only while open, like a secret one', async () => {
    const meetingId = await meetingInSession(f);
    const { vote } = await open(meetingId, { tallyVisibility: 'at_close' });
    const voteId = String(vote._id);
    await castAll(f, voteId, ['for', 'against']);
    const lean = async () => (await db.models.Vote.findById(voteId).lean()) as unknown as VoteLean;
    const whileOpen = await voteView(db.models, await lean(), f.reps[0]!.id);
    expect(whileOpen.tally).toEqual({ voteId, turnout: 2, eligible: 5, voted: expect.any(Array) });
    expect(whileOpen.ballots).toBeUndefined();
    await close(voteId);
    const afterClose = await voteView(db.models, await lean(), null);
    expect(afterClose.tally.counts).toEqual({ for: 1, against: 1, abstain: 0 });
    expect(afterClose.ballots).toHaveLength(2);
  });

  it('the chair cancels a vote before any ballot: nothing counted, audited with the reason', async () => {
    const meetingId = await meetingInSession(f);
    const voteId = await openVote(f, meetingId, { durationSeconds: 600 });
    // Only the chair, and never without a reason.
    expect(await codeOf(cancel(voteId, '误开', f.reps[2]!))).toBe('FORBIDDEN');
    expect(VoteCancelSchema.safeParse({ voteId, reason: '' }).success).toBe(false);
    const ctx = f.as(f.secretary);
    const { vote } = await voteCanceller(ctx, { voteId, reason: '表决事项名称有误' });
    expect(vote).toMatchObject({ status: 'cancelled', result: null, cancellation: { reason: '表决事项名称有误' } });
    expect(ctx.events).toEqual([expect.objectContaining({ type: 'vote.cancelled', voteId, decisionId: null })]);
    const audit = await db.models.AuditEvent.findOne({ targetId: voteId, action: 'vote.cancel' }).lean();
    expect(audit?.changes).toEqual([
      { field: 'status', before: 'open', after: 'cancelled' },
      { field: 'reason', after: '表决事项名称有误' },
    ]);
    expect(await codeOf(ballotCaster(f.as(f.reps[0]!), { voteId, choice: 'for' }))).toBe('INVALID_STATE');
    expect(await codeOf(close(voteId))).toBe('INVALID_STATE');
    expect(await codeOf(cancel(voteId, '再次取消'))).toBe('INVALID_STATE');
  });

  it('cancelled after ballots on a decision: ballots kept, nothing counted, the draft writable again, the minutes say so', async () => {
    const meetingId = await meetingInSession(f);
    const decisionId = await frozenDecision(f, meetingId, '同意将和平里西街改为单行道。');
    const voteId = await openVote(f, meetingId, { title: '关于和平里西街单行的决定', decisionId, version: 1 });
    const ref = { kind: 'decision' as const, decisionId };
    expect(await docAccess(db.models, f.reps[1]!, ref)).toMatchObject({ mode: { mode: 'read', reason: 'decision_closed' } });
    await castAll(f, voteId, ['for', 'for', 'against']);

    const { vote } = await cancel(voteId, '表决文本版本选错。');
    expect(vote.status).toBe('cancelled');
    expect(await db.models.Ballot.countDocuments({ vote: voteId })).toBe(3);
    const view = await voteView(db.models, (await db.models.Vote.findById(voteId).lean()) as unknown as VoteLean, null);
    expect(view).toMatchObject({ status: 'cancelled', result: null, cancellation: { reason: '表决文本版本选错。', by: { name: '孙丽' } } });
    expect(view.tally.counts).toBeUndefined();
    expect(view.ballots).toBeUndefined();
    // Back to drafting: the version stays frozen, the draft is writable again, to be put once more.
    expect((await db.models.Decision.findById(decisionId).lean())?.status).toBe('drafting');
    expect(await db.models.DecisionVersion.countDocuments({ decision: decisionId })).toBe(1);
    expect(await docAccess(db.models, f.reps[1]!, ref)).toMatchObject({ mode: { mode: 'write' } });
    const again = await openVote(f, meetingId, { title: '关于和平里西街单行的决定', decisionId, version: 1 });
    await castAll(f, again, ['for', 'for', 'for', 'against']);
    expect((await close(again)).result).toMatchObject({ outcome: 'adopted', counts: { for: 3, against: 1, abstain: 0 } });

    // A cancelled secret vote counts nothing either.
    const secret = await openVote(f, meetingId, { title: '无记名试表决', secret: true });
    await castAll(f, secret, ['for']);
    await cancel(secret, '误开');

    await meetingAdjourner({ ...f.as(f.secretary), yjs: db.yjs }, { meetingId });
    const meeting = (await db.models.Meeting.findById(meetingId).lean())!;
    const alliance = (await db.models.Alliance.findById(meeting.alliance).lean())!;
    const text = prosemirrorToText(buildMinutesDocument(await minutesContent(db.models, db.yjs, meeting, alliance)));
    expect(text).toContain('表决《关于和平里西街单行的决定》（第1版）因表决文本版本选错已取消，不计票。');
    expect(text).toContain('表决《无记名试表决》因误开已取消，不计票。');
    expect(text).toContain('同意3票，反对1票，弃权0票');
    expect(text).not.toContain('同意2票');
  });
});

/** Over real sockets: the room hears a changed ballot and a cancelled vote; the draft opens again. */
describe('changing a ballot and cancelling a vote in the live room', () => {
  let server: TestServer;
  let f: RoomFixture;
  beforeAll(async () => {
    server = await startTestServer();
    f = await setUpAlliance(server, 3, { allowBallotChange: true });
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('a changed ballot reaches the room’s tally; a cancelled vote reaches every screen and reopens the draft', async () => {
    const decision = (await f.secretary.post(`/meetings/${f.meetingId}/decisions`, { title: '关于共建口袋公园的决定' })).body as {
      id: string;
      docName: string;
    };
    const editor = await openDoc(server, decision.docName, f.reps[1]!.api.token);
    const chair = await connect(server, f.secretary.token);
    const reps = await Promise.all(f.reps.map((r) => connect(server, r.api.token)));
    try {
      writeParagraphs(editor.doc, ['在和平里西街建设口袋公园。']);
      await until(() => fragmentText(editor.doc).includes('口袋公园'), 'the text to be written');
      await server.ctx.yjs.flushAll();
      const frozen = await f.secretary.post(`/decisions/${decision.id}/versions`);
      expect(frozen.status).toBe(201);
      ok(await send(chair, 'meeting:join', { meetingId: f.meetingId }));
      for (const s of reps) {
        ok(await send(s, 'meeting:join', { meetingId: f.meetingId }));
        ok(await send(s, 'meeting:checkIn', { meetingId: f.meetingId }));
      }
      ok(await send(chair, 'meeting:start', { meetingId: f.meetingId }));
      // Refused at the edge with the field named: a secret vote cannot allow changes.
      const refused = await send(chair, 'vote:open', {
        meetingId: f.meetingId, title: 'x', decisionId: decision.id, version: 1, secret: true, allowBallotChange: true,
      });
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error.code).toBe('VALIDATION');

      const vote = ok(await send(chair, 'vote:open', { meetingId: f.meetingId, title: '关于共建口袋公园的决定', decisionId: decision.id, version: 1 }));
      // The alliance's defaults apply: named, counted live, ballots may change.
      expect(vote).toMatchObject({ secret: false, tallyVisibility: 'live', allowBallotChange: true, cancellation: null });
      await until(() => editor.access()?.mode === 'read', 'the draft to lock');
      ok(await send(reps[0]!, 'vote:cast', { voteId: vote.id, choice: 'against' }));
      const tally = nextEvent(chair, 'vote:tally', (t) => t.voteId === vote.id && t.counts?.for === 1 && t.counts.against === 0, 5_000);
      const changed = ok(await send(reps[0]!, 'vote:changeBallot', { voteId: vote.id, choice: 'for' }));
      expect(changed).toMatchObject({ voteId: vote.id, voter: f.reps[0]!.unit, choice: 'for' });
      await tally;

      const heard = nextEvent(reps[2]!, 'vote:cancelled', (v) => v.id === vote.id, 5_000);
      expect((await send(reps[1]!, 'vote:cancel', { voteId: vote.id, reason: '误开' })).ok).toBe(false);
      const cancelled = ok(await send(chair, 'vote:cancel', { voteId: vote.id, reason: '未宣读表决文本即开始表决' }));
      expect(cancelled).toMatchObject({ status: 'cancelled', result: null, cancellation: { reason: '未宣读表决文本即开始表决' } });
      expect(cancelled.tally.counts).toBeUndefined();
      expect(await heard).toMatchObject({ status: 'cancelled', cancellation: { reason: '未宣读表决文本即开始表决' } });
      await until(() => editor.access()?.mode === 'write', 'the draft to be writable again');
      expect((await f.secretary.get(`/decisions/${decision.id}`)).body.status).toBe('drafting');
      const late = await send(reps[1]!, 'vote:cast', { voteId: vote.id, choice: 'for' });
      expect(late.ok).toBe(false);
    } finally {
      editor.close();
      chair.disconnect();
      for (const s of reps) s.disconnect();
    }
  });
});
