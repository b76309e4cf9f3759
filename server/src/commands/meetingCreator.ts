import type { MeetingCreate } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { meetingPolicy } from '../policies/meeting.js';
import { nextConvenerId } from '../queries/rotation.js';
import { recordAudit, summarize } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden } from './errors.js';
import { assertUnitsExist, readableAlliance } from './loaders.js';

/** Drafts a joint meeting; it gets the alliance's next 第 N 次 number. */
export async function meetingCreator(ctx: CommandContext, allianceId: string, input: MeetingCreate) {
  const alliance = await readableAlliance(ctx, allianceId);
  const convener = input.convenerUnit ?? (await nextConvenerId(ctx.models, alliance))?.toString();
  if (!convener) throw new AppError('VALIDATION', 'choose a convener unit: the alliance has no rotation', { field: 'convenerUnit' });
  const member = alliance.memberships.find((m) => String(m.unit) === convener);
  if (!member || member.role === 'observer') {
    throw new AppError('VALIDATION', 'the convener must be a member unit of the alliance', { field: 'convenerUnit' });
  }
  if (!meetingPolicy.canSchedule(ctx.actor, alliance, convener)) {
    throw forbidden('only secretaries and the convener unit’s representatives schedule meetings');
  }
  await assertUnitsExist(ctx, input.observers);

  return inTransaction(ctx, async (session) => {
    // The counter is taken atomically; the unique (alliance, seq) index backs it up.
    const counter = await ctx.models.Alliance.findOneAndUpdate(
      { _id: alliance._id },
      { $inc: { nextMeetingSeq: 1 } },
      { session, returnDocument: 'before', projection: { nextMeetingSeq: 1 } },
    );
    const seq = counter?.nextMeetingSeq ?? 1;
    const [meeting] = await ctx.models.Meeting.create(
      [{ ...input, alliance: alliance._id, seq, convenerUnit: convener, status: 'draft' }],
      { session },
    );
    await recordAudit(ctx, session, {
      action: 'meeting.create',
      targetType: 'meeting',
      targetId: meeting!._id,
      event: { type: 'meeting.created', meetingId: String(meeting!._id), allianceId: String(alliance._id) },
      alliance: alliance._id,
      after: summarize({ seq, title: input.title, scheduledAt: input.scheduledAt, convenerUnit: convener }),
    });
    return meeting!;
  });
}
