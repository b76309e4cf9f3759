import type { Types } from 'mongoose';
import type { Choice, Tally, VoteView } from '@tongxin/shared';
import type { Models } from '../db/models/index.js';
import { countsVisible, presentVote, type VoteLean } from '../presenters/vote.js';
import { countBallots } from '../queries/ballots.js';

type Id = Types.ObjectId;

export async function tallyOf(
  models: Models,
  vote: { _id: Id; secret: boolean; status: string; eligible: number; tallyVisibility?: string | null },
): Promise<Tally> {
  const [live, voted] = await Promise.all([countBallots(models, vote), votedOf(models, vote._id)]);
  const visible = countsVisible(vote);
  return {
    voteId: String(vote._id),
    turnout: live.turnout,
    eligible: vote.eligible,
    ...(visible ? { counts: live.counts } : {}),
    voted,
  };
}

/**
 * Who has taken part (unit or user ids), never how: the participation records, which a secret vote
 * keeps too. The room subtracts them from those present to name who has not voted yet.
 */
async function votedOf(models: Models, voteId: Id): Promise<string[]> {
  const rows = await models.VoteParticipation.find({ vote: voteId }, { voter: 1 }).lean();
  return rows.map((r) => String(r.voter));
}

/** A vote as `viewerId` may see it; `viewerId` null for a broadcast to the whole room. */
export async function voteView(models: Models, vote: VoteLean, viewerId: string | null): Promise<VoteView> {
  const [live, voted, mine, ballots] = await Promise.all([
    countBallots(models, vote),
    votedOf(models, vote._id),
    viewerId ? models.VoteParticipation.find({ vote: vote._id, castBy: viewerId }, { voter: 1 }).lean() : [],
    vote.secret || !countsVisible(vote) ? null : openBallots(models, vote),
  ]);
  const by = vote.cancellation?.by;
  const canceller = by && !(typeof by === 'object' && 'name' in by) ? await models.User.findById(by, { name: 1 }).lean() : null;
  return presentVote(
    canceller ? { ...vote, cancellation: { ...vote.cancellation!, by: canceller } } : vote,
    { ...live, voted },
    ballots,
    mine.map((p) => String(p.voter)),
  );
}

async function openBallots(models: Models, vote: VoteLean) {
  const [rows, entered] = await Promise.all([
    models.Ballot.find({ vote: vote._id }, { voter: 1, choice: 1 }).lean(),
    models.VoteParticipation.find({ vote: vote._id, enteredByChair: true }, { voter: 1 }).lean(),
  ]);
  const voterIds = rows.map((r) => r.voter).filter((v): v is Id => v != null);
  const names =
    vote.basis === 'unit'
      ? await models.Unit.find({ _id: { $in: voterIds } }, { name: 1 }).lean()
      : await models.User.find({ _id: { $in: voterIds } }, { name: 1 }).lean();
  const nameOf = new Map(names.map((n) => [String(n._id), n.name]));
  const byChair = new Set(entered.map((p) => String(p.voter)));
  return rows
    .filter((r) => r.voter != null)
    .map((r) => ({
      voter: String(r.voter),
      voterName: nameOf.get(String(r.voter)) ?? '—',
      choice: r.choice as Choice,
      ...(byChair.has(String(r.voter)) ? { enteredByChair: true } : {}),
    }))
    .sort((x, y) => x.voterName.localeCompare(y.voterName, 'zh-CN'));
}
