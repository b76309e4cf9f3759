import type { Types } from 'mongoose';
import type { Actor } from '../auth/actor.js';
import type { CommandContext } from '../commands/context.js';
import { voteCloser } from '../commands/voteCloser.js';
import type { AppContext } from '../context.js';
import { AppError } from '../http/errors.js';
import { actionItemView, attendanceView, flowView, speakersView, tallyOf, voteView } from '../queries/room.js';
import type { VoteLean } from '../presenters/room.js';
import { agendaOf } from '../yjs/agenda.js';
import { Coalescer } from './coalesce.js';
import { PresenceTracker } from './presence.js';
import { SharedPresence } from './sharedPresence.js';
import { allianceRoom, meetingRoom, type RoomServer } from './types.js';

export interface RoomOptions {
  /** How long a person stays listed after their last socket disconnects. */
  presenceGraceMs: number;
  /** The longest a tally may lag behind the ballots: at most one broadcast per vote per interval. */
  tallyIntervalMs: number;
  /** Likewise for presence and attendance (check-ins), which go to every socket in the room. */
  roomIntervalMs: number;
}
export const DEFAULT_ROOM_OPTIONS: RoomOptions = { presenceGraceMs: 10_000, tallyIntervalMs: 100, roomIntervalMs: 200 };

type Id = Types.ObjectId;
type AllianceFacts = Parameters<typeof attendanceView>[2];

/**
 * Where domain events become broadcasts. Socket handlers and REST routes both publish here after
 * their command succeeded, so a change looks the same to the room whichever way it came in.
 */
export class RoomHub {
  readonly presence: PresenceTracker;
  private readonly tallies: Coalescer;
  private readonly roomViews: Coalescer;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;
  private readonly shared: SharedPresence | null;

  constructor(
    private readonly io: RoomServer,
    private readonly app: AppContext,
    readonly options: RoomOptions,
  ) {
    const onError = (err: unknown, key: string) => app.log.warn({ err, key }, 'room broadcast failed');
    this.tallies = new Coalescer(options.tallyIntervalMs, onError);
    this.roomViews = new Coalescer(options.roomIntervalMs, onError);
    this.presence = new PresenceTracker(options.presenceGraceMs, (meetingId) => this.presenceChanged(meetingId));
    this.shared = app.redis
      ? new SharedPresence(app.redis, `tongxin:${app.config.MONGODB_DB}:presence:`, (meetingIds) => {
          // Back from a Redis outage: rooms hear the whole list again, not only this process's people.
          for (const id of meetingIds) this.presenceChanged(id);
        })
      : null;
  }

  /** Someone came or went: the room hears about it shortly, once per burst. */
  presenceChanged(meetingId: string) {
    this.roomViews.touch(`presence:${meetingId}`, async () => {
      this.io.to(meetingRoom(meetingId)).emit('meeting:presence', await this.presenceView(meetingId));
    });
  }

  /**
   * Who is in the room: this process's sockets, and with Redis every other process's too (only
   * this process's while Redis is away).
   */
  async presenceView(meetingId: string) {
    const local = this.presence.view(meetingId);
    return this.shared ? this.shared.view(meetingId, local) : local;
  }

  private get models() {
    return this.app.db.models;
  }

  /** Acknowledges the caller with attendance as it is now; the room gets it coalesced. */
  async attendance(meetingId: Id, alliance: AllianceFacts) {
    this.roomViews.touch(`attendance:${String(meetingId)}`, async () => {
      const latest = await attendanceView(this.models, meetingId, alliance);
      this.io.to(meetingRoom(String(meetingId))).emit('meeting:attendance', latest);
    });
    return attendanceView(this.models, meetingId, alliance);
  }

  /** The flow with the current item as the agenda document has it now. */
  async flowView(meeting: { _id: Id; status: string }) {
    return flowView(this.models, meeting, await agendaOf(this.app.yjs, String(meeting._id)));
  }

  async flow(meeting: { _id: Id; status: string }) {
    const view = await this.flowView(meeting);
    this.io.to(meetingRoom(String(meeting._id))).emit('meeting:flow', view);
    return view;
  }

  async speakers(meetingId: Id) {
    const view = await speakersView(this.models, meetingId);
    this.io.to(meetingRoom(String(meetingId))).emit('speaker:queue', view);
    return view;
  }

  async voteOpened(vote: VoteLean & { closesAt?: Date | null }) {
    this.io.to(meetingRoom(String(vote.meeting))).emit('vote:opened', await voteView(this.models, vote, null));
    if (vote.closesAt) this.scheduleClose(String(vote._id), vote.closesAt);
    await this.decisionOfVoteChanged(vote);
  }

  /** A ballot landed: the tally goes out coalesced (see Coalescer). */
  ballotCast(meetingId: string, voteId: string) {
    this.tallies.touch(voteId, () => this.broadcastTally(voteId, meetingId));
  }

  private async broadcastTally(voteId: string, meetingId: string) {
    const vote = await this.models.Vote.findById(voteId, { secret: 1, status: 1, eligible: 1 }).lean();
    if (!vote || vote.status !== 'open') return;
    this.io.to(meetingRoom(meetingId)).emit('vote:tally', await tallyOf(this.models, vote));
  }

  async voteClosed(vote: VoteLean) {
    const timer = this.timers.get(String(vote._id));
    if (timer) clearTimeout(timer);
    this.timers.delete(String(vote._id));
    this.io.to(meetingRoom(String(vote.meeting))).emit('vote:closed', await voteView(this.models, vote, null));
    await this.decisionOfVoteChanged(vote);
  }

  /**
   * A decision was created, frozen, or put to / settled by a vote: its meeting room and its
   * alliance's channel (the meeting screen) re-read the decisions (REST is the source).
   */
  async decisionChanged(decision: { meeting: Id | string; alliance: Id | string; _id: Id | string }) {
    const rooms = [meetingRoom(String(decision.meeting)), allianceRoom(String(decision.alliance))];
    this.io
      .to(rooms)
      .emit('decision:changed', { meetingId: String(decision.meeting), decisionId: String(decision._id) });
    // Put to the vote, adopted or rejected: open drafts of it become read-only.
    await this.app.access.changed({ kind: 'meeting', meetingId: String(decision.meeting) });
  }

  /** The minutes of a meeting changed (an answer, publication): its room and alliance re-read them. */
  minutesChanged(meetingId: Id | string, allianceId: Id | string) {
    const rooms = [meetingRoom(String(meetingId)), allianceRoom(String(allianceId))];
    this.io.to(rooms).emit('minutes:changed', { meetingId: String(meetingId) });
  }

  /** A vote on a decision moves the decision (voting → adopted / rejected). */
  private async decisionOfVoteChanged(vote: { decision?: Id | null }) {
    if (!vote.decision) return;
    const d = await this.models.Decision.findById(vote.decision, { meeting: 1, alliance: 1 }).lean();
    if (d) await this.decisionChanged(d);
  }

  async actionItem(itemId: Id) {
    const item = await actionItemView(this.models, itemId);
    const payload = { ...item, meetingId: item.meeting };
    const rooms = [allianceRoom(item.alliance), ...(item.meeting ? [meetingRoom(item.meeting)] : [])];
    this.io.to(rooms).emit('actionItem:updated', payload);
    return item;
  }

  /** Re-arms the timers of votes left open by a previous run (a restart must not leave a vote open forever). */
  async resumeTimers() {
    const open = await this.models.Vote.find({ status: 'open', closesAt: { $ne: null } }, { closesAt: 1 }).lean();
    for (const v of open) this.scheduleClose(String(v._id), v.closesAt!);
  }

  private scheduleClose(voteId: string, at: Date) {
    if (this.stopped) return;
    const existing = this.timers.get(voteId);
    if (existing) clearTimeout(existing);
    const timer = setTimeout(() => void this.closeByTimer(voteId), Math.max(0, at.getTime() - Date.now()));
    timer.unref();
    this.timers.set(voteId, timer);
  }

  private async closeByTimer(voteId: string) {
    this.timers.delete(voteId);
    try {
      const vote = await this.models.Vote.findById(voteId, { openedBy: 1 }).lean();
      if (!vote) return;
      const opener = await this.models.User.findById(vote.openedBy).lean();
      if (!opener) return;
      // The timer acts for the chair who set it; the audit event says it was the timer.
      const actor: Actor = {
        id: String(opener._id),
        name: opener.name,
        unit: opener.unit ? String(opener.unit) : null,
        isAdmin: opener.isAdmin,
      };
      const ctx: CommandContext = { models: this.models, connection: this.app.db.connection, actor };
      const { vote: closed } = await voteCloser(ctx, { voteId, by: 'timer' });
      await this.voteClosed(closed as unknown as VoteLean);
    } catch (err) {
      if (err instanceof AppError && err.code === 'INVALID_STATE') return; // closed by the chair meanwhile
      this.app.log.error({ err, voteId }, 'closing a vote on its timer failed');
    }
  }

  stop() {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.tallies.stop();
    this.roomViews.stop();
    this.presence.clear();
    void this.shared?.stop();
  }
}

const hubs = new WeakMap<AppContext, RoomHub>();

export function registerHub(app: AppContext, hub: RoomHub) {
  hubs.set(app, hub);
}

/** The hub of this server, for REST routes that change what a room shows. */
export function hubOf(app: AppContext): RoomHub | undefined {
  return hubs.get(app);
}
