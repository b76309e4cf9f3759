import type { Types } from 'mongoose';
import {
  isOverdue,
  type AgendaEntry,
  type ActionItem,
  type ActionItemStatus,
  type ActionItemTransition,
  type Choice,
  type MeetingFlow,
  type QuorumView,
  type SpeakerQueue,
  type Tally,
  type VoteView,
} from '@tongxin/shared';

type Id = Types.ObjectId;
interface Named {
  _id: Id;
  name: string;
}
const ref = (n: Named | Id | null | undefined) =>
  n && typeof n === 'object' && 'name' in n ? { id: String(n._id), name: n.name } : { id: String(n ?? ''), name: '—' };
const refOrNull = (n: Named | Id | null | undefined) => (n ? ref(n) : null);

export interface RoomStateLean {
  currentItem?: { id?: string | null; title?: string | null; since?: Date | null } | null;
  speakers: { user: Named | Id; unit?: Named | Id | null; requestedAt: Date }[];
  currentSpeaker?: { user: Named | Id; unit?: Named | Id | null; startedAt: Date; timeBoxSeconds: number } | null;
  startedWithoutQuorum?: { reason?: string | null; by?: Named | Id | null } | null;
}

/**
 * The meeting's flow. The current item's title and time box come from the agenda document when it
 * is given (the one source of truth); the room state only remembers which item and since when.
 */
export function presentFlow(
  meeting: { _id: Id; status: string },
  state: RoomStateLean | null,
  agenda: AgendaEntry[] | null = null,
): MeetingFlow {
  const item = state?.currentItem;
  const entry = item?.id ? agenda?.find((e) => e.id === item.id) : undefined;
  const override = state?.startedWithoutQuorum;
  return {
    meetingId: String(meeting._id),
    status: meeting.status as MeetingFlow['status'],
    currentItem: item?.id
      ? {
          id: item.id,
          title: entry?.title ?? item.title ?? '',
          minutes: entry?.minutes ?? 0,
          since: item.since ? item.since.toISOString() : null,
        }
      : null,
    startedWithoutQuorum: override?.reason ? { reason: override.reason, by: ref(override.by) } : null,
  };
}

export function presentSpeakers(meetingId: Id | string, state: RoomStateLean | null): SpeakerQueue {
  const cur = state?.currentSpeaker;
  return {
    meetingId: String(meetingId),
    queue: (state?.speakers ?? []).map((s) => ({
      user: ref(s.user),
      unit: refOrNull(s.unit),
      requestedAt: s.requestedAt.toISOString(),
    })),
    current: cur
      ? {
          user: ref(cur.user),
          unit: refOrNull(cur.unit),
          startedAt: cur.startedAt.toISOString(),
          timeBoxSeconds: cur.timeBoxSeconds,
        }
      : null,
  };
}

export interface VoteLean {
  _id: Id;
  meeting: Id;
  decision?: Id | null;
  decisionVersion?: number | null;
  title: string;
  text: string;
  textSha256: string;
  basis: string;
  threshold: string;
  secret: boolean;
  status: string;
  eligible: number;
  openedAt: Date;
  closesAt?: Date | null;
  closedAt?: Date | null;
  quorumAtOpen: QuorumView;
  result?: { outcome: string; counts: Record<Choice, number>; quorum: QuorumView; closedBy: string } | null;
}

/**
 * What a participant sees of a vote. While a secret vote is open only the turnout shows; an open
 * vote shows counts and, name by name, who chose what (记名表决).
 */
export function presentVote(
  v: VoteLean,
  live: { turnout: number; counts: Record<Choice, number> },
  ballots: { voter: string; voterName: string; choice: Choice }[] | null,
  castByMe: string[],
): VoteView {
  const countsVisible = !v.secret || v.status === 'closed';
  const tally: Tally = {
    voteId: String(v._id),
    turnout: live.turnout,
    eligible: v.eligible,
    ...(countsVisible ? { counts: live.counts } : {}),
  };
  return {
    id: String(v._id),
    meeting: String(v.meeting),
    title: v.title,
    text: v.text,
    textSha256: v.textSha256,
    decision: v.decision ? String(v.decision) : null,
    decisionVersion: v.decisionVersion ?? null,
    basis: v.basis as VoteView['basis'],
    threshold: v.threshold as VoteView['threshold'],
    secret: v.secret,
    status: v.status as VoteView['status'],
    openedAt: v.openedAt.toISOString(),
    closesAt: v.closesAt ? v.closesAt.toISOString() : null,
    closedAt: v.closedAt ? v.closedAt.toISOString() : null,
    quorumAtOpen: stripQuorum(v.quorumAtOpen),
    tally,
    result: v.result
      ? {
          outcome: v.result.outcome as NonNullable<VoteView['result']>['outcome'],
          counts: { for: v.result.counts.for, against: v.result.counts.against, abstain: v.result.counts.abstain },
          quorum: stripQuorum(v.result.quorum),
          closedBy: v.result.closedBy as 'chair' | 'timer',
        }
      : null,
    ...(!v.secret && ballots ? { ballots } : {}),
    castByMe,
  };
}

function stripQuorum(q: QuorumView): QuorumView {
  return {
    basis: q.basis,
    fraction: q.fraction,
    eligible: q.eligible,
    present: q.present,
    required: q.required,
    reached: q.reached,
  };
}

export interface ActionItemLean {
  _id: Id;
  alliance: Id;
  meeting?: Id | null;
  decision?: Id | null;
  title: string;
  description?: string | null;
  leadUnit: Named | Id;
  cooperatingUnits: (Named | Id)[];
  responsiblePerson: string;
  measures?: string | null;
  dueDate: string;
  status: string;
  percent: number;
  createdAt: Date;
  updatedAt: Date;
}
export interface ProgressLean {
  text: string;
  percent: number;
  author: Named | Id;
  unit?: Named | Id | null;
  at: Date;
}

export interface StepLean {
  transition: string;
  from: string;
  to: string;
  note?: string | null;
  by: Named | Id;
  unit?: Named | Id | null;
  at: Date;
}

export function presentActionItem(
  i: ActionItemLean,
  progress: ProgressLean[],
  steps: StepLean[] = [],
  now = new Date(),
): ActionItem {
  const status = i.status as ActionItemStatus;
  return {
    id: String(i._id),
    alliance: String(i.alliance),
    meeting: i.meeting ? String(i.meeting) : null,
    decision: i.decision ? String(i.decision) : null,
    title: i.title,
    description: i.description ?? '',
    leadUnit: ref(i.leadUnit),
    cooperatingUnits: i.cooperatingUnits.map(ref),
    responsiblePerson: i.responsiblePerson,
    measures: i.measures ?? '',
    dueDate: i.dueDate,
    status,
    overdue: isOverdue({ dueDate: i.dueDate, status }, now),
    percent: i.percent,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
    progress: progress.map((p) => ({
      text: p.text,
      percent: p.percent,
      author: ref(p.author),
      unit: refOrNull(p.unit),
      at: p.at.toISOString(),
    })),
    steps: steps.map((s) => ({
      transition: s.transition as ActionItemTransition,
      to: s.to as ActionItemStatus,
      note: s.note ?? null,
      by: ref(s.by),
      unit: refOrNull(s.unit),
      at: s.at.toISOString(),
    })),
  };
}
