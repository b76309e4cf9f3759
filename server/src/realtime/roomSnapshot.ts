import { Types } from 'mongoose';
import type { RoomSnapshot } from '@tongxin/shared';
import type { CommandContext } from '../commands/context.js';
import { readableMeetingFacts } from '../commands/loaders.js';
import { meetingAbilities } from '../policies/abilities.js';
import { representedUnits } from '../policies/alliance.js';
import { votingUnits } from '../policies/room.js';
import { presentMeeting } from '../presenters/meeting.js';
import type { VoteLean } from '../presenters/vote.js';
import { actionItemViews } from '../views/actionItem.js';
import { attendanceView } from '../views/attendance.js';
import { flowView, speakersView } from '../views/meetingFlow.js';
import { voteView } from '../views/vote.js';
import type { DocRegistry } from '../yjs/registry.js';
import { agendaOf } from '../yjs/agenda.js';
import type { RoomPresence } from './roomPresence.js';

/**
 * Everything a participant needs to draw the room from nothing: sent on every join, so a client
 * that reconnects (or whose server restarted) simply joins again and is consistent.
 */
export async function roomSnapshot(
  ctx: Pick<CommandContext, 'models' | 'actor' | 'clock'>,
  yjs: DocRegistry,
  presence: RoomPresence,
  meetingId: string,
): Promise<RoomSnapshot> {
  const { models, actor } = ctx;
  const { meeting, alliance } = await readableMeetingFacts(ctx, meetingId);
  const populated = await models.Meeting.findById(meeting._id).populate('convenerUnit', 'name').lean();
  const [attendance, flow, speakers, votes, actionItems, proxies] = await Promise.all([
    attendanceView(models, meeting._id, alliance),
    agendaOf(yjs, String(meeting._id)).then((agenda) => flowView(models, meeting, agenda)),
    speakersView(models, meeting._id),
    models.Vote.find({ meeting: meeting._id }).sort({ openedAt: 1 }).lean<VoteLean[]>(),
    actionItemViews(models, { meeting: meeting._id }, ctx.clock.now()),
    models.Proxy.find({ meeting: meeting._id, to: new Types.ObjectId(actor.id) }, { fromUnit: 1 }).lean(),
  ]);
  const voting = votingUnits(alliance);
  return {
    meeting: presentMeeting(populated!),
    flow,
    presence: await presence.view(String(meeting._id)),
    attendance,
    speakers,
    votes: await Promise.all(votes.map((v) => voteView(models, v, actor.id))),
    actionItems,
    can: meetingAbilities(actor, alliance, meeting),
    myVoterUnits: [...new Set([...representedUnits(actor, alliance).filter((u) => voting.includes(u)), ...proxies.map((p) => String(p.fromUnit))])],
  };
}
