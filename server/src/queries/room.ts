import type { ClientSession, Types } from 'mongoose';
import {
  CHOICES,
  computeQuorum,
  emptyCounts,
  type AgendaEntry,
  type Attendance,
  type Choice,
  type Quorum,
  type QuorumBasis,
  type Tally,
  type VoteView,
} from '@tongxin/shared';
import type { Models } from '../db/models/index.js';
import type { AllianceFacts } from '../policies/alliance.js';
import { votingMembers, votingUnits } from '../policies/room.js';
import {
  presentActionItem,
  presentFlow,
  presentSpeakers,
  type ActionItemLean,
  type ProgressLean,
  type StepLean,
  type RoomStateLean,
  type VoteLean,
} from '../presenters/room.js';
import { presentVote } from '../presenters/room.js';

type Id = Types.ObjectId;
type QuorumFacts = AllianceFacts & { votingDefaults?: { quorum?: number | null; basis?: string | null } | null };

/** The alliance's default basis for counting quorum and votes. */
export function defaultBasis(a: QuorumFacts): QuorumBasis {
  return a.votingDefaults?.basis === 'member' ? 'member' : 'unit';
}

/**
 * Quorum as it stands now. Unit basis: voting units checked in, plus units represented by a
 * proxy (a unit that gave its vote is represented). Member basis: representatives of voting units
 * who checked in themselves.
 */
export async function currentQuorum(
  models: Models,
  meetingId: Id,
  a: QuorumFacts,
  basis = defaultBasis(a),
): Promise<Quorum> {
  const fraction = a.votingDefaults?.quorum ?? 0.5;
  if (basis === 'member') {
    const eligible = new Set(votingMembers(a));
    const users = (await models.Attendance.distinct('user', { meeting: meetingId })) as (Id | null)[];
    const present = users.filter((u) => u !== null && eligible.has(String(u))).length;
    return computeQuorum({ basis, fraction, eligible: eligible.size, present });
  }
  const eligible = new Set(votingUnits(a));
  const [checkedIn, proxied] = await Promise.all([
    models.Attendance.distinct('unit', { meeting: meetingId }) as Promise<Id[]>,
    models.Proxy.distinct('fromUnit', { meeting: meetingId }) as Promise<Id[]>,
  ]);
  const present = new Set([...checkedIn, ...proxied].map(String).filter((u) => eligible.has(u)));
  return computeQuorum({ basis, fraction, eligible: eligible.size, present: present.size });
}

export async function attendanceView(models: Models, meetingId: Id, a: QuorumFacts): Promise<Attendance> {
  const [present, proxies, quorum] = await Promise.all([
    models.Attendance.find({ meeting: meetingId })
      .sort({ at: 1 })
      .populate('unit', 'name')
      .populate('user', 'name')
      .populate('recordedBy', 'name')
      .lean(),
    models.Proxy.find({ meeting: meetingId })
      .sort({ at: 1 })
      .populate('fromUnit', 'name')
      .populate('to', 'name')
      .populate('givenBy', 'name')
      .lean(),
    currentQuorum(models, meetingId, a),
  ]);
  const ref = (n: unknown) => {
    const o = n as { _id?: Id; name?: string } | Id | null;
    return o && typeof o === 'object' && 'name' in o
      ? { id: String(o._id), name: String(o.name) }
      : { id: String(o ?? ''), name: '—' };
  };
  return {
    meetingId: String(meetingId),
    present: present.map((p) => ({
      unit: ref(p.unit),
      user: p.user ? ref(p.user) : null,
      recordedBy: ref(p.recordedBy),
      onBehalf: p.onBehalf,
      at: p.at.toISOString(),
    })),
    proxies: proxies.map((p) => ({
      fromUnit: ref(p.fromUnit),
      to: ref(p.to),
      givenBy: ref(p.givenBy),
      at: p.at.toISOString(),
    })),
    quorum,
  };
}

export async function roomStateLean(models: Models, meetingId: Id): Promise<RoomStateLean | null> {
  return models.RoomState.findOne({ meeting: meetingId })
    .populate('speakers.user', 'name')
    .populate('speakers.unit', 'name')
    .populate('currentSpeaker.user', 'name')
    .populate('currentSpeaker.unit', 'name')
    .populate('startedWithoutQuorum.by', 'name')
    .lean<RoomStateLean>();
}

/** The flow; give the agenda (read from its document) so the current item shows as it is now. */
export async function flowView(
  models: Models,
  meeting: { _id: Id; status: string },
  agenda: AgendaEntry[] | null = null,
) {
  return presentFlow(meeting, await roomStateLean(models, meeting._id), agenda);
}

export async function speakersView(models: Models, meetingId: Id) {
  return presentSpeakers(meetingId, await roomStateLean(models, meetingId));
}

/**
 * The tally is whatever MongoDB holds: an open vote's named ballots counted from their collection,
 * a secret vote's totals as its document keeps them (it has no ballots to count).
 */
export async function countBallots(
  models: Models,
  vote: { _id: Id; secret: boolean },
  session: ClientSession | null = null,
): Promise<{ turnout: number; counts: Record<Choice, number> }> {
  const counts = emptyCounts();
  if (vote.secret) {
    const stored = await models.Vote.findById(vote._id, { secretCounts: 1 }, { session }).lean();
    for (const c of CHOICES) counts[c] = stored?.secretCounts?.[c] ?? 0;
  } else {
    const rows = await models.Ballot.aggregate<{ _id: Choice; n: number }>([
      { $match: { vote: vote._id } },
      { $group: { _id: '$choice', n: { $sum: 1 } } },
    ]).session(session);
    for (const r of rows) counts[r._id] = r.n;
  }
  return { turnout: counts.for + counts.against + counts.abstain, counts };
}

export async function tallyOf(
  models: Models,
  vote: { _id: Id; secret: boolean; status: string; eligible: number },
): Promise<Tally> {
  const live = await countBallots(models, vote);
  const visible = !vote.secret || vote.status === 'closed';
  return {
    voteId: String(vote._id),
    turnout: live.turnout,
    eligible: vote.eligible,
    ...(visible ? { counts: live.counts } : {}),
  };
}

/** A vote as `viewerId` may see it; `viewerId` null for a broadcast to the whole room. */
export async function voteView(models: Models, vote: VoteLean, viewerId: string | null): Promise<VoteView> {
  const [live, mine, ballots] = await Promise.all([
    countBallots(models, vote),
    viewerId ? models.VoteParticipation.find({ vote: vote._id, castBy: viewerId }, { voter: 1 }).lean() : [],
    vote.secret ? null : openBallots(models, vote),
  ]);
  return presentVote(
    vote,
    live,
    ballots,
    mine.map((p) => String(p.voter)),
  );
}

async function openBallots(models: Models, vote: VoteLean) {
  const rows = await models.Ballot.find({ vote: vote._id }, { voter: 1, choice: 1 }).lean();
  const voterIds = rows.map((r) => r.voter).filter((v): v is Id => v != null);
  const names =
    vote.basis === 'unit'
      ? await models.Unit.find({ _id: { $in: voterIds } }, { name: 1 }).lean()
      : await models.User.find({ _id: { $in: voterIds } }, { name: 1 }).lean();
  const nameOf = new Map(names.map((n) => [String(n._id), n.name]));
  return rows
    .filter((r) => r.voter != null)
    .map((r) => ({ voter: String(r.voter), voterName: nameOf.get(String(r.voter)) ?? '—', choice: r.choice as Choice }))
    .sort((x, y) => x.voterName.localeCompare(y.voterName, 'zh-CN'));
}

export async function actionItemViews(models: Models, filter: Record<string, unknown>, now = new Date()) {
  const items = await models.ActionItem.find(filter)
    .sort({ dueDate: 1, createdAt: 1 })
    .populate('leadUnit', 'name')
    .populate('cooperatingUnits', 'name')
    .lean<ActionItemLean[]>();
  return withProgress(models, items, now);
}

export async function withProgress(models: Models, items: ActionItemLean[], now = new Date()) {
  const progress = await models.ActionItemProgress.find({ item: { $in: items.map((i) => i._id) } })
    .sort({ at: 1 })
    .populate('author', 'name')
    .populate('unit', 'name')
    .lean<(ProgressLean & { item: Id })[]>();
  const steps = await models.ActionItemStep.find({ item: { $in: items.map((i) => i._id) } })
    .sort({ at: 1 })
    .populate('by', 'name')
    .populate('unit', 'name')
    .lean<(StepLean & { item: Id })[]>();
  const group = <T extends { item: Id }>(rows: T[]) => {
    const by = new Map<string, T[]>();
    for (const r of rows) by.set(String(r.item), [...(by.get(String(r.item)) ?? []), r]);
    return by;
  };
  const progressOf = group(progress);
  const stepsOf = group(steps);
  return items.map((i) =>
    presentActionItem(i, progressOf.get(String(i._id)) ?? [], stepsOf.get(String(i._id)) ?? [], now),
  );
}

export async function actionItemView(models: Models, id: Id) {
  const [view] = await actionItemViews(models, { _id: id });
  return view!;
}
