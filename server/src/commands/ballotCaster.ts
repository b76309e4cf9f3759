import { randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import type { BallotReceipt, VoteCast, VoteEnterForUnit } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { representedUnits } from '../policies/alliance.js';
import { roomPolicy, votingUnits } from '../policies/room.js';
import { newSecretBallot } from './ballotChain.js';
import { emit, type CommandContext } from './context.js';
import { forbidden, isDuplicateKey, notFound, objectId } from './errors.js';
import { readableMeetingFacts, readableMeetingFactsShared } from './loaders.js';
import { namedBallotBoxFor } from './namedBallotBox.js';
import { secretBallotBoxFor } from './secretBallotBox.js';
import { sharedRead } from './sharedReads.js';
import { voteGateFor } from './voteGate.js';
import { COUNTING } from '../db/models/attendance.js';

/**
 * 投票. The ballot is in MongoDB when this returns: the caller acknowledges only then. A second
 * ballot for the same voter — another tab, another device, the proxy holder — is refused by the
 * transaction that stores it (the participation records it reads, and behind them their unique
 * index), never by a check made outside it.
 *
 * In a secret vote the participation record says who voted, and the choice only adds to its
 * total on the vote: there is no ballot document at all, so nothing — its fields, its place in
 * storage, an index over it, a backup of it — can be paired with the participation record; and
 * ballots arriving together are stored as one shuffled batch with one aggregated count, so not
 * even the transaction's entry in the oplog pairs them (see SecretBallotBox). The receipt proves
 * participation only; the choice in the ack goes back to the voter and is kept nowhere.
 */
export async function ballotCaster(
  ctx: CommandContext,
  props: VoteCast,
  /** `chair`: the chair records a present unit's ballot (举手/代投; see `chairBallotEnterer`). */
  by: 'voter' | 'chair' = 'voter',
): Promise<BallotReceipt & { meetingId: string }> {
  // A vote's meeting, basis and secrecy never change; read once for the ballots arriving together.
  const voteId = objectId(props.voteId, 'vote');
  const vote = await sharedRead(ctx.models, `voteFacts:${String(voteId)}`, () =>
    ctx.models.Vote.findById(voteId, { meeting: 1, basis: 1, secret: 1 }).lean().exec(),
  );
  if (!vote) throw notFound('vote');
  const { meeting, alliance } = await readableMeetingFactsShared(ctx, String(vote.meeting));
  const enteredByChair = by === 'chair';
  const { voter, viaProxy } = enteredByChair
    ? await chairEntersFor(ctx, vote, alliance, meeting, props.unitId)
    : await whoVotes(ctx, vote, alliance, props.unitId);

  const receipt = randomBytes(16).toString('hex');
  const answer = { voteId: String(vote._id), receipt, voter: String(voter), choice: props.choice, meetingId: String(meeting._id) };
  const alreadyVoted = () =>
    new AppError('ALREADY_VOTED', vote.basis === 'unit' ? 'this unit has already voted' : 'you have already voted');
  const castEvent = { type: 'ballot.cast', meetingId: String(vote.meeting), allianceId: String(alliance._id), voteId: String(vote._id) } as const;

  if (vote.secret) {
    // Into the ballot box: stored with the ballots that arrive with it (see SecretBallotBox).
    const box = secretBallotBoxFor(ctx);
    // The voter's way to check the record after the close; the nonce goes back to them and, sealed, into the box.
    const chain = newSecretBallot(props.choice);
    const ballot = {
      vote: vote._id,
      alliance: alliance._id,
      voter,
      viaProxy,
      receipt,
      choice: props.choice,
      actor: ctx.actor,
      ip: ctx.ip,
      ballotId: chain.ballotId,
      nonce: chain.nonce,
    };
    try {
      await voteGateFor(ctx.models).cast(String(vote._id), () => box.cast(ballot));
    } catch (err) {
      if (err instanceof AppError && err.code === 'ALREADY_VOTED') throw alreadyVoted();
      throw err;
    }
    emit(ctx, castEvent);
    return { ...answer, record: chain.receipt };
  }

  // Into the vote's named ballot box: stored with the ballots that arrive with it, in one
  // transaction (see NamedBallotBox); answered once that has committed.
  const ballot = {
    ctx,
    vote: vote._id,
    alliance: alliance._id,
    voter,
    viaProxy,
    enteredByChair,
    receipt,
    choice: props.choice,
    event: castEvent,
  };
  try {
    const record = await voteGateFor(ctx.models).cast(String(vote._id), () => namedBallotBoxFor(ctx).cast(ballot));
    return { ...answer, record };
  } catch (err) {
    if ((err instanceof AppError && err.code === 'ALREADY_VOTED') || isDuplicateKey(err)) throw alreadyVoted();
    throw err;
  }
}

/**
 * 举手/代投: the chair enters the ballot of a unit present without a device of its own (a show of
 * hands; a unit checked in on its behalf). It goes through the same transaction, participation
 * index and vote gate as any ballot, so a unit that voted itself cannot be entered again, nor the
 * other way round.
 */
export function chairBallotEnterer(ctx: CommandContext, props: VoteEnterForUnit): Promise<BallotReceipt & { meetingId: string }> {
  return ballotCaster(ctx, props, 'chair');
}

type VoteFacts = { meeting: Types.ObjectId; basis: string };
type MeetingArg = Awaited<ReturnType<typeof readableMeetingFacts>>['meeting'];

/** The unit whose ballot the chair enters: a present voting unit, in a named vote by unit. */
async function chairEntersFor(
  ctx: CommandContext,
  vote: VoteFacts & { secret: boolean },
  alliance: AllianceArg,
  meeting: MeetingArg,
  unitId: string | undefined,
) {
  if (!roomPolicy.canChair(ctx.actor, alliance, meeting)) throw forbidden('only the chair may enter a unit’s ballot');
  // A secret ballot is secret from the chair too; by member, each person votes for themselves.
  if (vote.secret) throw new AppError('INVALID_STATE', 'a secret vote cannot take ballots entered by the chair');
  if (vote.basis !== 'unit') throw new AppError('INVALID_STATE', 'only a vote by member unit can take ballots entered by the chair');
  if (!unitId) throw new AppError('VALIDATION', 'say which unit this ballot is for', { field: 'unitId' });
  if (!roomPolicy.canEnterBallotFor(ctx.actor, alliance, meeting, unitId)) throw forbidden('this unit has no vote in this alliance');
  const { Attendance, Proxy } = ctx.models;
  const [checkedIn, proxied] = await Promise.all([
    Attendance.exists({ meeting: vote.meeting, unit: unitId, ...COUNTING }),
    Proxy.exists({ meeting: vote.meeting, fromUnit: unitId }),
  ]);
  if (!checkedIn && !proxied) throw new AppError('INVALID_STATE', 'this unit is not present: only a unit checked in or represented by proxy votes');
  return { voter: objectId(unitId, 'unit'), viaProxy: false };
}
type AllianceArg = Awaited<ReturnType<typeof readableMeetingFacts>>['alliance'];

/** The voter this ballot counts for (a unit or a person), and whether a proxy casts it. */
export async function whoVotes(ctx: CommandContext, vote: VoteFacts, alliance: AllianceArg, unitId: string | undefined) {
  const { Attendance, Proxy } = ctx.models;
  if (vote.basis === 'member') {
    if (!roomPolicy.canCastAsMember(ctx.actor, alliance)) throw forbidden('you have no vote in this alliance');
    if (!(await Attendance.exists({ meeting: vote.meeting, user: ctx.actor.id, ...COUNTING }))) {
      throw new AppError('INVALID_STATE', 'check in before voting');
    }
    return { voter: objectId(ctx.actor.id, 'user'), viaProxy: false };
  }
  const held = await Proxy.find({ meeting: vote.meeting, to: ctx.actor.id }, { fromUnit: 1 }).lean();
  const own = representedUnits(ctx.actor, alliance).filter((u) => votingUnits(alliance).includes(u));
  const choices = [...own, ...held.map((p) => String(p.fromUnit))];
  const unit = unitId ?? (choices.length === 1 ? choices[0] : undefined);
  if (!unit) {
    throw new AppError('VALIDATION', choices.length ? 'say which unit this ballot is for' : 'you have no vote in this meeting', {
      field: 'unitId',
      units: choices,
    });
  }
  const proxy = await Proxy.findOne({ meeting: vote.meeting, fromUnit: unit }, { to: 1 }).lean();
  const proxyHolder = proxy ? String(proxy.to) : null;
  if (!roomPolicy.canCastForUnit(ctx.actor, alliance, unit, proxyHolder)) throw forbidden('you cannot vote for this unit');
  const viaProxy = proxyHolder === ctx.actor.id && !own.includes(unit);
  // A unit votes when it is present: checked in (not left, not undone), or represented by the
  // proxy it gave.
  if (!proxy && !(await Attendance.exists({ meeting: vote.meeting, unit, ...COUNTING }))) {
    throw new AppError('INVALID_STATE', 'check in before voting');
  }
  return { voter: objectId(unit, 'unit'), viaProxy };
}
