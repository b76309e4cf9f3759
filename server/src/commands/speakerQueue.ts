import { AppError } from '../errors.js';
import { roomPolicy } from '../policies/room.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden } from './errors.js';
import { readableMeeting } from './loaders.js';

// The speaker queue (发言): ask to speak, withdraw, and the chair calls the next with a time box.
// Three small commands over one queue, kept together because they share its invariants: a person
// is in the queue at most once, and only while the meeting is in session.

async function inSession(ctx: CommandContext, meetingId: string) {
  const loaded = await readableMeeting(ctx, meetingId);
  if (loaded.meeting.status !== 'in_session') {
    throw new AppError('INVALID_STATE', `the meeting is ${loaded.meeting.status}, not in session`);
  }
  return loaded;
}

const speakersChanged = (meeting: { _id: unknown }, alliance: { _id: unknown }) =>
  ({ type: 'speakers.changed', meetingId: String(meeting._id), allianceId: String(alliance._id) }) as const;

/** Asks to speak. Asking again while already waiting changes nothing. */
export async function speakerRequester(ctx: CommandContext, props: { meetingId: string }) {
  const { meeting, alliance } = await inSession(ctx, props.meetingId);
  if (!roomPolicy.canSpeak(ctx.actor, alliance)) throw forbidden('observers attend but do not take the floor');
  await inTransaction(ctx, async (session) => {
    const res = await ctx.models.RoomState.updateOne(
      { meeting: meeting._id, 'speakers.user': { $ne: ctx.actor.id } },
      { $push: { speakers: { user: ctx.actor.id, unit: ctx.actor.unit, requestedAt: new Date() } } },
      { session },
    );
    if (res.modifiedCount === 0) return;
    await recordAudit(ctx, session, { action: 'speaker.request', targetType: 'meeting', targetId: meeting._id, alliance: alliance._id, event: speakersChanged(meeting, alliance) });
  });
  return { meeting, alliance };
}

/** Withdraws one's own request. */
export async function speakerWithdrawer(ctx: CommandContext, props: { meetingId: string }) {
  const { meeting, alliance } = await inSession(ctx, props.meetingId);
  await inTransaction(ctx, async (session) => {
    const res = await ctx.models.RoomState.updateOne(
      { meeting: meeting._id },
      { $pull: { speakers: { user: ctx.actor.id } } },
      { session },
    );
    if (res.modifiedCount === 0) return;
    await recordAudit(ctx, session, { action: 'speaker.withdraw', targetType: 'meeting', targetId: meeting._id, alliance: alliance._id, event: speakersChanged(meeting, alliance) });
  });
  return { meeting, alliance };
}

/** The chair gives the floor to the first in line (or ends the current turn when nobody waits). */
export async function speakerCaller(ctx: CommandContext, props: { meetingId: string; timeBoxSeconds: number }) {
  const { meeting, alliance } = await inSession(ctx, props.meetingId);
  if (!roomPolicy.canChair(ctx.actor, alliance, meeting)) throw forbidden('only the chair calls the next speaker');
  await inTransaction(ctx, async (session) => {
    const state = await ctx.models.RoomState.findOne({ meeting: meeting._id }, null, { session });
    const next = state?.speakers[0];
    // Conditional on the head of the queue we read, so two "next" clicks cannot skip a speaker.
    const res = await ctx.models.RoomState.updateOne(
      next ? { meeting: meeting._id, 'speakers.0.user': next.user } : { meeting: meeting._id },
      next
        ? {
            $pop: { speakers: -1 },
            $set: { currentSpeaker: { user: next.user, unit: next.unit, startedAt: new Date(), timeBoxSeconds: props.timeBoxSeconds } },
          }
        : { $set: { currentSpeaker: null } },
      { session },
    );
    if (res.matchedCount === 0) throw new AppError('INVALID_STATE', 'the queue changed meanwhile; try again');
    await recordAudit(ctx, session, {
      action: 'speaker.next',
      targetType: 'meeting',
      targetId: meeting._id,
      alliance: alliance._id,
      event: speakersChanged(meeting, alliance),
      after: { speaker: next?.user ?? null, timeBox: next ? props.timeBoxSeconds : undefined },
    });
  });
  return { meeting, alliance };
}
