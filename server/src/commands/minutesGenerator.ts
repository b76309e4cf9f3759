import { docName } from '@tongxin/shared';
import type { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';
import { buildMinutesDocument, MINUTES_FIELD } from '../minutes/minutesDocument.js';
import { minutesContent, type AllianceFields, type MeetingFields } from '../queries/minutesContent.js';
import type { DocRegistry } from '../yjs/registry.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { isDuplicateKey } from './errors.js';

/** How long one attempt may take to seed the document before another may try. */
const SEED_LEASE_MS = 30_000;

/** Meetings whose minutes exist (or are due): adjourned, or already published. */
export const HAS_MINUTES = ['adjourned', 'minutes_published'];

export interface MeetingRecord extends MeetingFields {
  alliance: Types.ObjectId;
  status: string;
}
export interface AllianceRecord extends AllianceFields {
  _id: Types.ObjectId;
}

/**
 * Generates the minutes of an adjourned meeting (会议纪要): a Minutes record and the Yjs
 * document `meeting:<id>:minutes` filled from attendance, agenda, decisions with their votes and
 * action items. Idempotent: the unique index on the record lets one caller claim the generation,
 * and the document is only filled while it is empty, so a retried adjournment, a second process
 * or a reader arriving first never produce a second copy. A crashed attempt is retried once its
 * lease runs out.
 */
export async function minutesGenerator(
  ctx: CommandContext & { yjs: DocRegistry },
  meeting: MeetingRecord,
  alliance: AllianceRecord,
) {
  const { Minutes } = ctx.models;
  if (!HAS_MINUTES.includes(meeting.status)) return null;
  const existing = await Minutes.findOne({ meeting: meeting._id });
  if (existing?.seeded) return existing;

  const claimed = existing ? await reclaim(ctx.models, existing._id) : await claim(ctx, meeting, alliance);
  if (!claimed) return Minutes.findOne({ meeting: meeting._id });

  const content = await minutesContent(ctx.models, ctx.yjs, meeting, alliance);
  const doc = buildMinutesDocument(content);
  // The editor schema (Tiptap) is loaded when first needed rather than at start.
  const { writeProsemirror } = await import('../yjs/richText.js');
  const name = docName({ kind: 'minutes', meetingId: String(meeting._id) });
  await ctx.yjs.with(name, async (shared) => {
    const fragment = shared.ydoc.getXmlFragment(MINUTES_FIELD);
    // Synchronous from the check to the write: nothing else in this process can fill it between.
    if (fragment.length === 0) shared.ydoc.transact(() => writeProsemirror(fragment, doc));
    await shared.flush();
  });
  return Minutes.findOneAndUpdate(
    { _id: claimed._id },
    { $set: { seeded: true, seedLease: null } },
    { returnDocument: 'after' },
  );
}

/** Creates the record (with its audit event); null when someone else created it first. */
async function claim(ctx: CommandContext, meeting: MeetingRecord, alliance: AllianceRecord) {
  try {
    return await inTransaction(ctx, async (session) => {
      const now = new Date();
      const [minutes] = await ctx.models.Minutes.create(
        [
          {
            meeting: meeting._id,
            alliance: alliance._id,
            status: 'draft',
            generatedAt: now,
            seeded: false,
            seedLease: new Date(now.getTime() + SEED_LEASE_MS),
          },
        ],
        { session },
      );
      await recordAudit(ctx, session, {
        action: 'minutes.generate',
        targetType: 'meeting',
        targetId: meeting._id,
        alliance: alliance._id,
        event: { type: 'minutes.generated', meetingId: String(meeting._id), allianceId: String(alliance._id) },
        after: { minutes: 'draft' },
      });
      return minutes!;
    });
  } catch (err) {
    if (isDuplicateKey(err)) return null;
    throw err;
  }
}

/** Takes over an attempt whose lease ran out (its process died before the document was filled). */
function reclaim(models: Models, id: Types.ObjectId) {
  const now = new Date();
  return models.Minutes.findOneAndUpdate(
    { _id: id, seeded: false, $or: [{ seedLease: null }, { seedLease: { $lt: now } }] },
    { $set: { seedLease: new Date(now.getTime() + SEED_LEASE_MS) } },
    { returnDocument: 'after' },
  );
}
