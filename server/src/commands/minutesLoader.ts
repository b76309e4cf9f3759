import { AppError } from '../errors.js';
import type { CommandContext } from './context.js';
import { readableMeeting } from './loaders.js';

type Reader = Pick<CommandContext, 'models' | 'actor'>;

/**
 * The minutes of a meeting the actor may read: 403 for an outsider, 404 while there are none
 * (before the meeting is adjourned).
 */
export async function readableMinutes(ctx: Reader, meetingId: string) {
  const { meeting, alliance } = await readableMeeting(ctx, meetingId);
  const minutes = await ctx.models.Minutes.findOne({ meeting: meeting._id });
  if (!minutes) throw new AppError('NOT_FOUND', 'the minutes are written once the meeting is adjourned');
  return { meeting, alliance, minutes };
}
