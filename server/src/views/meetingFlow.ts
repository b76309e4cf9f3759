import type { Types } from 'mongoose';
import type { AgendaEntry } from '@tongxin/shared';
import type { Models } from '../db/models/index.js';
import { presentFlow, type RoomStateLean } from '../presenters/meetingFlow.js';
import { presentSpeakers } from '../presenters/speakerQueue.js';

type Id = Types.ObjectId;

async function roomStateLean(models: Models, meetingId: Id): Promise<RoomStateLean | null> {
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
