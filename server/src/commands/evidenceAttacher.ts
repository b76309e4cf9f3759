import type { ClientSession, Types } from 'mongoose';
import { Types as MongooseTypes } from 'mongoose';
import { AppError } from '../errors.js';
import { evidenceFiles } from '../db/evidence.js';
import { emit, type CommandContext } from './context.js';

export interface Attachment {
  item: { _id: Types.ObjectId; alliance: Types.ObjectId; meeting?: Types.ObjectId | null };
  /** The progress report that carries the files. */
  entry: Types.ObjectId;
  ids: string[];
}

/**
 * Ties uploaded 佐证材料 to the report that carries them, in the report's transaction: only the
 * reporter's own uploads for this item, each once. Anything else refuses the whole report.
 */
export async function attachEvidence(ctx: CommandContext, session: ClientSession, a: Attachment): Promise<void> {
  if (a.ids.length === 0) return;
  const result = await evidenceFiles(ctx.connection).updateMany(
    {
      _id: { $in: a.ids.map((id) => new MongooseTypes.ObjectId(id)) },
      'metadata.item': a.item._id,
      'metadata.uploader': new MongooseTypes.ObjectId(ctx.actor.id),
      'metadata.attachedTo': null,
    },
    { $set: { 'metadata.attachedTo': a.entry } },
    { session },
  );
  if (result.matchedCount !== a.ids.length) {
    throw new AppError('VALIDATION', 'an attachment is not a file you uploaded for this item, or it is attached already', [
      { path: ['attachments'], message: 'unknown or already attached file' },
    ]);
  }
  emit(ctx, {
    type: 'actionItem.evidenceAttached',
    allianceId: String(a.item.alliance),
    meetingId: a.item.meeting ? String(a.item.meeting) : null,
    itemId: String(a.item._id),
  });
}
