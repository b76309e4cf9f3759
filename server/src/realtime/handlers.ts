import type { ClientToServerEvents } from '@tongxin/shared';
import {
  AllianceRefSchema,
  RoomActionItemCreateSchema,
  RoomActionItemTransitionSchema,
  RoomProgressSchema,
  CheckInSchema,
  CheckInUndoSchema,
  LeaveSchema,
  HeartbeatSchema,
  MeetingRefSchema,
  MeetingStartSchema,
  ProxyGiveSchema,
  SetAgendaItemSchema,
  SpeakerNextSchema,
  VoteCancelSchema,
  VoteCastSchema,
  VoteEnterForUnitSchema,
  VoteOpenSchema,
  VoteRefSchema,
} from '@tongxin/shared';
import type { z } from 'zod';
import { actionItemCreator } from '../commands/actionItemCreator.js';
import { actionItemProgressReporter } from '../commands/actionItemProgressReporter.js';
import { actionItemTransitioner } from '../commands/actionItemTransitioner.js';
import { agendaItemSetter } from '../commands/agendaItemSetter.js';
import { attendanceRecorder } from '../commands/attendanceRecorder.js';
import { checkInUndoer } from '../commands/checkInUndoer.js';
import { leaveRecorder } from '../commands/leaveRecorder.js';
import { ballotCaster, chairBallotEnterer } from '../commands/ballotCaster.js';
import { ballotChanger } from '../commands/ballotChanger.js';
import type { CommandContext } from '../commands/context.js';
import { readableAlliance } from '../commands/loaders.js';
import { meetingAdjourner } from '../commands/meetingAdjourner.js';
import { meetingStarter } from '../commands/meetingStarter.js';
import { proxyGiver } from '../commands/proxyGiver.js';
import { speakerCaller, speakerRequester, speakerWithdrawer } from '../commands/speakerQueue.js';
import { voteCanceller } from '../commands/voteCanceller.js';
import { voteCloser } from '../commands/voteCloser.js';
import { voteOpener } from '../commands/voteOpener.js';
import type { AppContext } from '../context.js';
import { toApiError } from '../http/errors.js';
import type { VoteLean } from '../presenters/vote.js';
import { actionItemView } from '../views/actionItem.js';
import { attendanceView } from '../views/attendance.js';
import { flowView, speakersView } from '../views/meetingFlow.js';
import { voteView } from '../views/vote.js';
import { agendaOf } from '../yjs/agenda.js';
import { roomSnapshot } from './roomSnapshot.js';
import { SocketLimiter, type RateLimitOptions } from './rateLimit.js';
import type { RoomPresence } from './roomPresence.js';
import { allianceRoom, meetingRoom, type RoomSocket } from './types.js';

type Event = keyof ClientToServerEvents;
type AckData<E extends Event> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0] extends infer A
  ? A extends { ok: true; data: infer D }
    ? D
    : never
  : never;

/**
 * Wires one socket's events. Each handler is the same steps: parse the payload with its shared
 * schema, run the command REST would run, publish what it emitted (the event bus broadcasts to
 * the rooms), and acknowledge the sender with the view as it is now.
 */
export function registerHandlers(socket: RoomSocket, app: AppContext, presence: RoomPresence, limits: RateLimitOptions): void {
  const limiter = new SocketLimiter(limits);
  const models = app.db.models;

  function on<E extends Event, S extends z.ZodType>(
    event: E,
    schema: S,
    run: (p: z.output<S>, ctx: CommandContext) => Promise<AckData<E>>,
  ) {
    // Typed loosely at the boundary: a client may send anything, or nothing, or no ack at all.
    (socket as unknown as { on(e: string, fn: (...args: unknown[]) => void): void }).on(event, (...args: unknown[]) => {
      const ack = typeof args.at(-1) === 'function' ? (args.pop() as (res: unknown) => void) : () => undefined;
      const release = limiter.acquire();
      if (!release) {
        ack({ ok: false, error: { code: 'RATE_LIMITED', message: 'too many requests; slow down' } });
        return;
      }
      const parsed = schema.safeParse(args[0]);
      if (!parsed.success) {
        release();
        ack({ ok: false, error: { code: 'VALIDATION', message: 'invalid payload', details: parsed.error.issues } });
        return;
      }
      const ctx: CommandContext = {
        models,
        connection: app.db.connection,
        actor: socket.data.actor,
        ip: socket.handshake.address,
        events: [],
        clock: app.clock,
      };
      run(parsed.data, ctx)
        .then(async (data) => {
          await app.events.publish(ctx.events);
          ack({ ok: true, data });
        })
        .catch((err: unknown) => {
          const { status, body } = toApiError(err);
          if (status >= 500) app.log.error({ err, event }, 'socket event failed');
          ack({ ok: false, error: body.error });
        })
        .finally(release);
    });
  }

  const flowNow = async (meeting: { _id: import('mongoose').Types.ObjectId; status: string }) =>
    flowView(models, meeting, await agendaOf(app.yjs, String(meeting._id)));

  on('meeting:join', MeetingRefSchema, async ({ meetingId }, ctx) => {
    const snapshot = await roomSnapshot(ctx, app.yjs, presence, meetingId);
    await socket.join(meetingRoom(meetingId));
    socket.data.meetings.add(meetingId);
    const { actor, unitName } = socket.data;
    const unit = actor.unit ? { id: actor.unit, name: unitName ?? '—' } : null;
    if (presence.tracker.add(meetingId, { id: actor.id, name: actor.name }, unit, socket.id)) presence.changed(meetingId);
    return { ...snapshot, presence: await presence.view(meetingId) };
  });

  // Answered before any rate limit or command: it only proves that the connection carries
  // messages both ways, and must not take a token a ballot needs (see HeartbeatSchema).
  (socket as unknown as { on(e: string, fn: (...args: unknown[]) => void): void }).on('connection:heartbeat', (...args: unknown[]) => {
    const ack = args.at(-1);
    if (typeof ack !== 'function') return;
    if (!HeartbeatSchema.safeParse(args[0]).success) {
      ack({ ok: false, error: { code: 'VALIDATION', message: 'a heartbeat carries an empty object' } });
      return;
    }
    ack({ ok: true, data: null });
  });

  on('meeting:leave', MeetingRefSchema, async ({ meetingId }) => {
    await socket.leave(meetingRoom(meetingId));
    if (socket.data.meetings.delete(meetingId)) presence.tracker.remove(meetingId, socket.data.actor.id, socket.id, false);
    return null;
  });

  on('alliance:subscribe', AllianceRefSchema, async ({ allianceId }, ctx) => {
    await readableAlliance(ctx, allianceId);
    await socket.join(allianceRoom(allianceId));
    return null;
  });
  on('alliance:unsubscribe', AllianceRefSchema, async ({ allianceId }) => {
    await socket.leave(allianceRoom(allianceId));
    return null;
  });

  on('meeting:checkIn', CheckInSchema, async (p, ctx) => {
    const { meeting, alliance } = await attendanceRecorder(ctx, p);
    return attendanceView(models, meeting._id, alliance);
  });

  on('meeting:undoCheckIn', CheckInUndoSchema, async (p, ctx) => {
    const { meeting, alliance } = await checkInUndoer(ctx, p);
    return attendanceView(models, meeting._id, alliance);
  });

  on('meeting:recordLeave', LeaveSchema, async (p, ctx) => {
    const { meeting, alliance } = await leaveRecorder(ctx, p);
    return attendanceView(models, meeting._id, alliance);
  });

  on('meeting:proxy', ProxyGiveSchema, async (p, ctx) => {
    const { meeting, alliance } = await proxyGiver(ctx, p);
    return attendanceView(models, meeting._id, alliance);
  });

  on('meeting:start', MeetingStartSchema, async (p, ctx) => flowNow((await meetingStarter(ctx, p)).meeting));
  on('meeting:setAgendaItem', SetAgendaItemSchema, async (p, ctx) => flowNow((await agendaItemSetter(ctx, app.yjs, p)).meeting));
  on('meeting:adjourn', MeetingRefSchema, async (p, ctx) =>
    flowNow((await meetingAdjourner({ ...ctx, yjs: app.yjs, log: app.log }, p)).meeting),
  );

  on('speaker:request', MeetingRefSchema, async (p, ctx) => speakersView(models, (await speakerRequester(ctx, p)).meeting._id));
  on('speaker:withdraw', MeetingRefSchema, async (p, ctx) => speakersView(models, (await speakerWithdrawer(ctx, p)).meeting._id));
  on('speaker:next', SpeakerNextSchema, async (p, ctx) => speakersView(models, (await speakerCaller(ctx, p)).meeting._id));

  on('vote:open', VoteOpenSchema, async (p, ctx) => {
    const { vote } = await voteOpener(ctx, p);
    return voteView(models, vote.toObject() as unknown as VoteLean, socket.data.actor.id);
  });

  on('vote:cast', VoteCastSchema, async (p, ctx) => {
    const { meetingId: _meeting, ...receipt } = await ballotCaster(ctx, p);
    return receipt;
  });

  on('vote:enterBallot', VoteEnterForUnitSchema, async (p, ctx) => {
    const { meetingId: _meeting, ...receipt } = await chairBallotEnterer(ctx, p);
    return receipt;
  });

  on('vote:close', VoteRefSchema, async (p, ctx) => {
    const { vote } = await voteCloser(ctx, { voteId: p.voteId, by: 'chair' });
    return voteView(models, vote.toObject() as unknown as VoteLean, socket.data.actor.id);
  });

  on('vote:changeBallot', VoteCastSchema, async (p, ctx) => {
    const { meetingId: _meeting, ...receipt } = await ballotChanger(ctx, p);
    return receipt;
  });

  on('vote:cancel', VoteCancelSchema, async (p, ctx) => {
    const { vote } = await voteCanceller(ctx, p);
    return voteView(models, vote.toObject() as unknown as VoteLean, socket.data.actor.id);
  });

  on('actionItem:create', RoomActionItemCreateSchema, async (p, ctx) => actionItemView(models, (await actionItemCreator(ctx, { ...p, inRoom: true }))._id, ctx.clock.now()));
  on('actionItem:progress', RoomProgressSchema, async ({ itemId, ...report }, ctx) =>
    actionItemView(models, (await actionItemProgressReporter(ctx, itemId, report))._id, ctx.clock.now()),
  );
  on('actionItem:transition', RoomActionItemTransitionSchema, async ({ itemId, ...t }, ctx) =>
    actionItemView(models, (await actionItemTransitioner(ctx, itemId, t))._id, ctx.clock.now()),
  );

  socket.on('disconnect', () => {
    for (const meetingId of socket.data.meetings) presence.tracker.remove(meetingId, socket.data.actor.id, socket.id, true);
    socket.data.meetings.clear();
  });
}
