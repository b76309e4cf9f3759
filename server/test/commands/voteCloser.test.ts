import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnitInputSchema, type Choice, type VoteThreshold } from '@tongxin/shared';
import { memberAdder } from '../../src/commands/allianceUpdater.js';
import { ballotCaster } from '../../src/commands/ballotCaster.js';
import { proxyGiver } from '../../src/commands/proxyGiver.js';
import { unitCreator } from '../../src/commands/unitCreator.js';
import { voteCloser } from '../../src/commands/voteCloser.js';
import { codeOf } from '../support/commandContext.js';
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
} from '../support/commandFixtures.js';

/**
 * 计票: closing a vote counts what is stored, checks quorum again and records the result by the
 * vote's rule; a decision put to the vote takes the result. Every test holds its own meeting.
 */
describe('closing a vote (voteCloser)', () => {
  let db: TestDatabase;
  let f: AllianceFixture;

  beforeAll(async () => {
    db = await openTestDatabase();
    f = await foundAlliance(db);
  });
  afterAll(async () => {
    await db?.dispose();
  });

  const decisionStatus = async (id: string) => (await db.models.Decision.findById(id, { status: 1 }).lean())?.status;

  it('only the chair closes a vote: a secretary or the convener unit’s representative', async () => {
    const meetingId = await meetingInSession(f);
    const first = await openVote(f, meetingId);
    // rep2 speaks for a member unit that is not convening; the observer and outsider even less.
    for (const someone of [f.reps[2]!, f.observer, f.outsider]) {
      expect(await codeOf(voteCloser(f.as(someone), { voteId: first }))).toBe('FORBIDDEN');
    }
    expect((await db.models.Vote.findById(first, { status: 1 }).lean())?.status).toBe('open');
    // The street convenes this meeting: its representative chairs alongside the secretary.
    const { vote } = await voteCloser(f.as(f.reps[0]!), { voteId: first });
    expect(vote).toMatchObject({ status: 'closed', result: { closedBy: 'chair' } });
    const second = await openVote(f, meetingId);
    expect((await voteCloser(f.as(f.secretary), { voteId: second })).vote.status).toBe('closed');
  });

  it('closing a vote twice is INVALID_STATE, and the first result stands', async () => {
    const voteId = await openVote(f, await meetingInSession(f));
    await castAll(f, voteId, ['for', 'for', 'against']);
    const { vote } = await voteCloser(f.as(f.secretary), { voteId });
    const again = f.as(f.secretary);
    expect(await codeOf(voteCloser(again, { voteId }))).toBe('INVALID_STATE');
    expect(again.events).toEqual([]);
    const stored = await db.models.Vote.findById(voteId).lean();
    expect(stored?.result).toMatchObject({ outcome: 'adopted', counts: { for: 2, against: 1, abstain: 0 } });
    expect(stored?.closedAt?.getTime()).toBe(vote.closedAt?.getTime());
  });

  it('the chair closing while the timer closes it: one result, the other INVALID_STATE', async () => {
    const voteId = await openVote(f, await meetingInSession(f), { durationSeconds: 60 });
    await castAll(f, voteId, ['for', 'against']);
    // The minute is up (time is moved in the record, not waited for).
    await db.models.Vote.updateOne({ _id: voteId }, { $set: { closesAt: new Date(Date.now() - 1_000) } });
    const codes = await Promise.all([
      codeOf(voteCloser(f.as(f.secretary), { voteId })),
      codeOf(voteCloser(f.as(f.secretary), { voteId, by: 'timer' })),
    ]);
    expect(codes.sort()).toEqual(['INVALID_STATE', 'ok']);
    expect(await db.models.AuditEvent.countDocuments({ targetId: voteId, action: 'vote.close' })).toBe(1);
  });

  it('“the timer” cannot close a vote before its time is up, nor one without a time limit', async () => {
    const timed = await openVote(f, await meetingInSession(f), { durationSeconds: 60 });
    expect(await codeOf(voteCloser(f.as(f.reps[1]!), { voteId: timed, by: 'timer' }))).toBe('FORBIDDEN');
    const untimed = await openVote(f, await meetingInSession(f));
    expect(await codeOf(voteCloser(f.as(f.reps[1]!), { voteId: untimed, by: 'timer' }))).toBe('FORBIDDEN');
  });

  it('the room hears that the vote closed, and which decision it settled', async () => {
    const meetingId = await meetingInSession(f);
    const voteId = await openVote(f, meetingId);
    const ctx = f.as(f.secretary);
    await voteCloser(ctx, { voteId });
    expect(ctx.events).toEqual([
      { type: 'vote.closed', meetingId, allianceId: f.allianceId, voteId, decisionId: null },
    ]);
  });

  describe('the result follows the vote’s rule', () => {
    // Five voting units, all present; each row is a vote of its own in this one meeting, with the
    // choices of units 1–5 (_: does not vote).
    let meetingId: string;
    beforeAll(async () => {
      meetingId = await meetingInSession(f);
    });

    const _ = undefined;
    const RULES: [string, VoteThreshold, (Choice | undefined)[], 'adopted' | 'rejected'][] = [
      [
        'simple majority: abstentions neither help nor hinder',
        'simple_majority',
        ['for', 'for', 'against', 'abstain', 'abstain'],
        'adopted',
      ],
      [
        'simple majority: a tie is not a majority',
        'simple_majority',
        ['for', 'for', 'against', 'against', 'abstain'],
        'rejected',
      ],
      [
        'majority of those present: two of five present is too few, however few vote against',
        'majority_of_present',
        ['for', 'for', _, _, _],
        'rejected',
      ],
      [
        'majority of those present: three of five present adopts',
        'majority_of_present',
        ['for', 'for', 'for', 'against', 'against'],
        'adopted',
      ],
      [
        'two thirds: exactly two thirds of the ballots cast adopts',
        'two_thirds',
        ['for', 'for', 'against', _, _],
        'adopted',
      ],
      [
        'two thirds: an abstention is a ballot cast and weighs against',
        'two_thirds',
        ['for', 'for', 'for', 'against', 'abstain'],
        'rejected',
      ],
      ['unanimous: one abstention breaks unanimity', 'unanimous', ['for', 'for', 'for', 'for', 'abstain'], 'rejected'],
      [
        'unanimous: every ballot cast is for, though not every unit voted',
        'unanimous',
        ['for', 'for', 'for', _, _],
        'adopted',
      ],
      ['unanimous: no ballot at all adopts nothing', 'unanimous', [_, _, _, _, _], 'rejected'],
    ];

    it.each(RULES)('%s', async (_name, threshold, choices, outcome) => {
      const voteId = await openVote(f, meetingId, { threshold });
      await castAll(f, voteId, choices);
      const { vote } = await voteCloser(f.as(f.secretary), { voteId });
      const count = (c: Choice) => choices.filter((x) => x === c).length;
      expect(vote.result).toMatchObject({
        outcome,
        counts: { for: count('for'), against: count('against'), abstain: count('abstain') },
        quorum: { basis: 'unit', eligible: 5, present: 5, reached: true },
        closedBy: 'chair',
      });
    });
  });

  describe('a frozen decision put to the vote', () => {
    it('is adopted when the vote adopts it', async () => {
      const meetingId = await meetingInSession(f);
      const decisionId = await frozenDecision(f, meetingId, '一、成员单位共建共治，每月通报进展。');
      const voteId = await openVote(f, meetingId, { decisionId, version: 1 });
      expect(await decisionStatus(decisionId)).toBe('voting');
      await castAll(f, voteId, ['for', 'for', 'for', 'against']);
      const ctx = f.as(f.secretary);
      expect((await voteCloser(ctx, { voteId })).vote.result?.outcome).toBe('adopted');
      expect(await decisionStatus(decisionId)).toBe('adopted');
      expect(ctx.events).toEqual([expect.objectContaining({ type: 'vote.closed', voteId, decisionId })]);
    });

    it('is rejected when the vote rejects it', async () => {
      const meetingId = await meetingInSession(f);
      const decisionId = await frozenDecision(f, meetingId, '二、成立背街小巷整治专班。');
      const voteId = await openVote(f, meetingId, { decisionId, version: 1 });
      await castAll(f, voteId, ['for', 'against', 'against']);
      expect((await voteCloser(f.as(f.secretary), { voteId })).vote.result?.outcome).toBe('rejected');
      expect(await decisionStatus(decisionId)).toBe('rejected');
    });

    it('without quorum at the close nothing is decided: the decision goes back to drafting', async () => {
      // Three of five present opens the vote; two units join the alliance before it closes, so
      // three of seven no longer make quorum when it is counted.
      // An alliance of its own: the others' meetings keep their five units.
      const a = await anotherAlliance(f, '和平街道背街小巷整治联盟');
      const meetingId = await meetingInSession(a, [0, 1, 2]);
      const decisionId = await frozenDecision(a, meetingId, '三、吸纳新成员单位。');
      const voteId = await openVote(a, meetingId, { decisionId, version: 1 });
      await castAll(a, voteId, ['for', 'for', 'for']);
      for (const name of ['和平里社区卫生服务中心', '区园林绿化局']) {
        const unit = await unitCreator(
          a.as(a.admin),
          UnitInputSchema.parse({ name, kind: 'agency', level: 'district' }),
        );
        await memberAdder(a.as(a.secretary), a.allianceId, {
          unit: String(unit._id),
          role: 'member',
          representatives: [],
        });
      }
      const { vote } = await voteCloser(a.as(a.secretary), { voteId });
      expect(vote.result).toMatchObject({
        outcome: 'no_quorum',
        counts: { for: 3, against: 0, abstain: 0 },
        quorum: { eligible: 7, present: 3, required: 4, reached: false },
      });
      expect(await decisionStatus(decisionId)).toBe('drafting');
    });
  });

  it('counts a unit that gave its vote (委托) as present, and the ballot its holder cast for it', async () => {
    const meetingId = await meetingInSession(f, [0, 1, 2]);
    await proxyGiver(f.as(f.reps[3]!), { meetingId, fromUnitId: f.units[3]!, toUserId: f.reps[1]!.id });
    const voteId = await openVote(f, meetingId, { secret: true });
    await ballotCaster(f.as(f.reps[0]!), { voteId, choice: 'for' });
    await ballotCaster(f.as(f.reps[1]!), { voteId, choice: 'against', unitId: f.units[1] });
    await ballotCaster(f.as(f.reps[1]!), { voteId, choice: 'for', unitId: f.units[3] });
    await ballotCaster(f.as(f.reps[2]!), { voteId, choice: 'abstain' });
    const { vote } = await voteCloser(f.as(f.secretary), { voteId });
    expect(vote.result).toMatchObject({
      outcome: 'adopted',
      counts: { for: 2, against: 1, abstain: 1 },
      quorum: { present: 4, eligible: 5, reached: true },
    });
  });
});
