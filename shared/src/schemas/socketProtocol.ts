import { z } from 'zod';
import type { ErrorCode } from './error.js';
import {
  ActionItemSchema,
  RoomActionItemCreateSchema,
  RoomActionItemTransitionSchema,
  RoomProgressSchema,
  type ActionItem,
} from './actionItem.js';
import { IdSchema, multilineSchema, nameSchema, RefSchema } from './common.js';
import { MeetingAbilitiesSchema, MeetingSchema, type MeetingRescheduled } from './meeting.js';
import {
  QuorumSchema,
  VoteCancelSchema,
  VoteCastSchema,
  VoteEnterForUnitSchema,
  VoteOpenSchema,
  VoteRefSchema,
  VoteViewSchema,
  type BallotReceipt,
  type Tally,
  type VoteView,
} from './vote.js';

// The Socket.IO protocol: payloads of the live meeting room and the alliance channel, the views
// they carry, acks, and the event maps that type both ends. Every client→server event is parsed
// with its schema here.

export const MeetingRefSchema = z.object({ meetingId: IdSchema });

/** The alliance channel: action items and other updates that outlive a meeting. */
export const AllianceRefSchema = z.object({ allianceId: IdSchema });

/**
 * `connection:heartbeat` carries nothing: the ack coming back in time is the whole message. A
 * screen that must say within seconds that its connection died (the live room) sends one every
 * second; Socket.IO's own ping would notice a connection lost without a close only after ~45 s.
 */
export const HeartbeatSchema = z.object({}).strict();

export const CheckInSchema = z.object({
  meetingId: IdSchema,
  /** A secretary recording a unit present on its behalf names it; a representative may omit it. */
  unitId: IdSchema.optional(),
});

export const ProxyGiveSchema = z.object({
  meetingId: IdSchema,
  /** The unit giving its vote (委托方). */
  fromUnitId: IdSchema,
  /** Another member unit's representative who will cast it (受托人). */
  toUserId: IdSchema,
});

/** 撤销签到: a check-in (or 代签) recorded by mistake no longer counts; the reason is on the record. */
export const CheckInUndoSchema = z.object({
  meetingId: IdSchema,
  /** The check-in to undo: `id` of an entry of the attendance's `present`. */
  attendanceId: IdSchema,
  reason: multilineSchema(500).min(2),
});

/**
 * 离会 (早退/中途离会): a unit present leaves; from then on it no longer counts toward quorum, and
 * its representatives cannot vote until it checks in again (a return, recorded as an arrival).
 */
export const LeaveSchema = z.object({
  meetingId: IdSchema,
  unitId: IdSchema,
  /** When they left; now when omitted. Not before they arrived, not in the future. */
  at: z.coerce.date().optional(),
  note: multilineSchema(500).optional(),
});

export const MeetingStartSchema = z.object({
  meetingId: IdSchema,
  /** Starting without quorum needs a stated reason; it is recorded. */
  override: z.object({ reason: multilineSchema(500).min(2) }).optional(),
});

export const AgendaItemStatusSchema = z.enum(['pending', 'current', 'done', 'deferred']);

/** One item of the agenda document (`meeting:<id>:agenda`) as the server reads it. */
export const AgendaEntrySchema = z.object({
  id: z.string(),
  title: z.string(),
  /** The presenting unit's id, or '' when none is set. */
  presenterUnit: z.string(),
  /** The time box in minutes; 0 when none is set. */
  minutes: z.number(),
  status: AgendaItemStatusSchema,
  notes: z.string(),
});
export type AgendaEntry = z.infer<typeof AgendaEntrySchema>;

export const AgendaItemRefSchema = z.object({
  /** The item's id in the agenda document. */
  id: z.string().min(1).max(100),
  /** Ignored: the title is read from the agenda document, the one source of truth. */
  title: nameSchema(200).optional(),
});
export const SetAgendaItemSchema = z.object({ meetingId: IdSchema, item: AgendaItemRefSchema.nullable() });

/** The item under discussion, as the agenda document has it now. */
export const CurrentItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** Its time box in minutes (0: none). */
  minutes: z.number(),
  /** When the chair moved to it: the room's timer counts from here. */
  since: z.string().nullable(),
});
export type CurrentItem = z.infer<typeof CurrentItemSchema>;

export const SpeakerNextSchema = z.object({
  meetingId: IdSchema,
  /** The time box for the speaker now called (发言时限). */
  timeBoxSeconds: z.number().int().min(30).max(3600).default(180),
});


export const PresenceSchema = z.object({
  meetingId: IdSchema,
  online: z.array(z.object({ user: RefSchema, unit: RefSchema.nullable() })),
});
export type Presence = z.infer<typeof PresenceSchema>;

/** One check-in (签到) and what became of it: a late arrival, a leave, a return, an undo. */
export const CheckInEntrySchema = z.object({
  /** What `meeting:undoCheckIn` names. */
  id: IdSchema,
  unit: RefSchema,
  /** The representative who checked in, or null when the unit was recorded present for them. */
  user: RefSchema.nullable(),
  recordedBy: RefSchema,
  /** Recorded by a secretary on the unit's behalf (代签). */
  onBehalf: z.boolean(),
  /** The latest arrival. */
  at: z.string(),
  /** Arrived after the meeting had started (迟到). */
  late: z.boolean(),
  /** Left (离会) at this time and not back since; null while present. */
  leftAt: z.string().nullable(),
  /** Earlier stays of the same check-in that ended with a leave, oldest first. */
  earlier: z.array(z.object({ at: z.string(), late: z.boolean(), leftAt: z.string() })),
  /** Undone as a mistake (撤销签到): it counts for nothing. */
  undone: z.object({ at: z.string(), by: RefSchema, reason: z.string() }).nullable(),
});
export type CheckInEntry = z.infer<typeof CheckInEntrySchema>;

export const AttendanceSchema = z.object({
  meetingId: IdSchema,
  /** Check-ins that count now: arrived and not left, not undone. */
  present: z.array(CheckInEntrySchema),
  /** Check-ins whose unit or representative left and has not come back. */
  left: z.array(CheckInEntrySchema),
  /** Check-ins undone as mistakes, kept on view with who undid them and why. */
  undone: z.array(CheckInEntrySchema),
  proxies: z.array(z.object({ fromUnit: RefSchema, to: RefSchema, givenBy: RefSchema, at: z.string() })),
  quorum: QuorumSchema,
});
export type Attendance = z.infer<typeof AttendanceSchema>;

export const SpeakerQueueSchema = z.object({
  meetingId: IdSchema,
  queue: z.array(z.object({ user: RefSchema, unit: RefSchema.nullable(), requestedAt: z.string() })),
  current: z
    .object({
      user: RefSchema,
      unit: RefSchema.nullable(),
      startedAt: z.string(),
      timeBoxSeconds: z.number().int(),
    })
    .nullable(),
});
export type SpeakerQueue = z.infer<typeof SpeakerQueueSchema>;

export const MeetingFlowSchema = z.object({
  meetingId: IdSchema,
  status: MeetingSchema.shape.status,
  currentItem: CurrentItemSchema.nullable(),
  /** Set when the meeting was started without quorum. */
  startedWithoutQuorum: z.object({ reason: z.string(), by: RefSchema }).nullable(),
});
export type MeetingFlow = z.infer<typeof MeetingFlowSchema>;

/** What `meeting:join` acknowledges with: everything needed to draw the room from scratch. */
export const RoomSnapshotSchema = z.object({
  meeting: MeetingSchema,
  flow: MeetingFlowSchema,
  presence: PresenceSchema,
  attendance: AttendanceSchema,
  speakers: SpeakerQueueSchema,
  votes: z.array(VoteViewSchema),
  actionItems: z.array(ActionItemSchema),
  /** Units the viewer may cast a unit-basis ballot for (own units and proxies held). */
  myVoterUnits: z.array(IdSchema),
  /** What the viewer may do in this meeting, as the server's policies decide. */
  can: MeetingAbilitiesSchema,
});
export type RoomSnapshot = z.infer<typeof RoomSnapshotSchema>;

export type AckError = { code: ErrorCode; message: string; details?: unknown };
export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };
export type AckFn<T> = (res: Ack<T>) => void;

type In<S extends z.ZodType> = z.input<S>;

/** Client → server. Each takes its payload and an ack callback. */
export interface ClientToServerEvents {
  'meeting:join': (p: In<typeof MeetingRefSchema>, ack: AckFn<RoomSnapshot>) => void;
  'meeting:leave': (p: In<typeof MeetingRefSchema>, ack: AckFn<null>) => void;
  /** Answered at once with `null`: the client's proof that the connection still carries messages. */
  'connection:heartbeat': (p: In<typeof HeartbeatSchema>, ack: AckFn<null>) => void;
  'alliance:subscribe': (p: In<typeof AllianceRefSchema>, ack: AckFn<null>) => void;
  'alliance:unsubscribe': (p: In<typeof AllianceRefSchema>, ack: AckFn<null>) => void;
  'meeting:checkIn': (p: In<typeof CheckInSchema>, ack: AckFn<Attendance>) => void;
  'meeting:proxy': (p: In<typeof ProxyGiveSchema>, ack: AckFn<Attendance>) => void;
  'meeting:undoCheckIn': (p: In<typeof CheckInUndoSchema>, ack: AckFn<Attendance>) => void;
  'meeting:recordLeave': (p: In<typeof LeaveSchema>, ack: AckFn<Attendance>) => void;
  'meeting:start': (p: In<typeof MeetingStartSchema>, ack: AckFn<MeetingFlow>) => void;
  'meeting:setAgendaItem': (p: In<typeof SetAgendaItemSchema>, ack: AckFn<MeetingFlow>) => void;
  'meeting:adjourn': (p: In<typeof MeetingRefSchema>, ack: AckFn<MeetingFlow>) => void;
  'speaker:request': (p: In<typeof MeetingRefSchema>, ack: AckFn<SpeakerQueue>) => void;
  'speaker:withdraw': (p: In<typeof MeetingRefSchema>, ack: AckFn<SpeakerQueue>) => void;
  'speaker:next': (p: In<typeof SpeakerNextSchema>, ack: AckFn<SpeakerQueue>) => void;
  'vote:open': (p: In<typeof VoteOpenSchema>, ack: AckFn<VoteView>) => void;
  'vote:cast': (p: In<typeof VoteCastSchema>, ack: AckFn<BallotReceipt>) => void;
  'vote:close': (p: In<typeof VoteRefSchema>, ack: AckFn<VoteView>) => void;
  /** 改投: replaces the caller's named ballot while the vote is open, when the vote allows it. */
  'vote:changeBallot': (p: In<typeof VoteCastSchema>, ack: AckFn<BallotReceipt>) => void;
  'vote:cancel': (p: In<typeof VoteCancelSchema>, ack: AckFn<VoteView>) => void;
  /** 举手/代投: the chair records a present unit's ballot in a named, unit-basis vote. */
  'vote:enterBallot': (p: In<typeof VoteEnterForUnitSchema>, ack: AckFn<BallotReceipt>) => void;
  'actionItem:create': (p: In<typeof RoomActionItemCreateSchema>, ack: AckFn<ActionItem>) => void;
  'actionItem:progress': (p: In<typeof RoomProgressSchema>, ack: AckFn<ActionItem>) => void;
  'actionItem:transition': (p: In<typeof RoomActionItemTransitionSchema>, ack: AckFn<ActionItem>) => void;
}

/** Server → client broadcasts. Meeting events go to the meeting's room; action items also to the alliance channel. */
export interface ServerToClientEvents {
  'meeting:presence': (p: Presence) => void;
  'meeting:attendance': (p: Attendance) => void;
  'meeting:flow': (p: MeetingFlow) => void;
  'speaker:queue': (p: SpeakerQueue) => void;
  /** A vote opened; `castByMe` is empty in a broadcast. */
  'vote:opened': (p: VoteView) => void;
  /** Coalesced: at most a few per second per vote, however many ballots arrive. */
  'vote:tally': (p: Tally) => void;
  'vote:closed': (p: VoteView) => void;
  /** The chair cancelled a vote: it counts nothing. */
  'vote:cancelled': (p: VoteView) => void;
  'actionItem:updated': (p: ActionItem & { meetingId: string | null }) => void;
  /** An item was deleted (assigned by mistake, nothing reported yet): screens drop it. */
  'actionItem:deleted': (p: { id: string; allianceId: string; meetingId: string | null }) => void;
  /** A decision of the meeting was drafted, frozen, withdrawn or revised: read the list again. */
  'decision:changed': (p: { meetingId: string; decisionId: string }) => void;
  /** A unit confirmed or commented on a meeting's minutes, or they were published: read them again. */
  'minutes:changed': (p: { meetingId: string }) => void;
  /** The alliance itself changed (members, representatives, secretaries, rotation, rules, charter): read it again. */
  'alliance:changed': (p: { allianceId: string }) => void;
  /** 积分: lines of the alliance's points ledger changed (a record earned or lost points, a manual entry): read the totals again. */
  'points:changed': (p: { allianceId: string }) => void;
  /** 述职评议: a session of the alliance was created, edited, opened, scored (by a unit or a link), closed, or its links changed: read it and the list again. */
  'appraisal:changed': (p: { allianceId: string; appraisalId: string }) => void;
  /** 星级评定: a period's rating was adjusted, published or reopened, or the rules changed (`period` is then the current one): read the ratings again. */
  'ratings:changed': (p: { allianceId: string; period: string }) => void;
  /** 需求、资源、项目 or 吹哨报到: a record of that kind in the alliance was raised, changed or moved on: read the lists and the record again. */
  'lists:changed': (p: { allianceId: string; kind: 'demand' | 'resource' | 'project' | 'whistle' }) => void;
  /** A meeting of the alliance was created, scheduled, changed or cancelled: read it again. */
  'meeting:changed': (p: { meetingId: string }) => void;
  /** 改期: a scheduled meeting moved; screens show a notice with the new time. */
  'meeting:rescheduled': (p: MeetingRescheduled) => void;
  /** 消息中心: this person's notifications changed (a new one, or read elsewhere): read the count and list again. */
  'notifications:changed': (p: Record<string, never>) => void;
  /** This session ended (logout, password change or reset); the server disconnects right after. */
  'session:ended': (p: Record<string, never>) => void;
  /** The viewer may no longer read this meeting or alliance (their unit was removed …); the
   * socket has left its room. */
  'access:revoked': (p: { meetingId?: string; allianceId?: string }) => void;
}
