import { createHash } from 'node:crypto';
import { docName, formatDocNumber, nextMeetingStatus } from '@tongxin/shared';
import * as Y from 'yjs';
import { AppError } from '../errors.js';
import { MINUTES_FIELD } from '../minutes/minutesDocument.js';
import { chinaYear } from '../minutes/minutesFrame.js';
import { currentLetterhead } from '../queries/minutesFrame.js';
import { minutesPolicy } from '../policies/minutes.js';
import { fragmentToProsemirror, prosemirrorToText } from '../yjs/prosemirror.js';
import type { DocRegistry } from '../yjs/registry.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { nextDocNumber } from './docNumber.js';
import { forbidden } from './errors.js';
import { readableMinutes } from './minutesLoader.js';

const alreadyPublished = () => new AppError('CONFLICT', 'the minutes are already published');

/**
 * Publishes (签发) the minutes: stores the final text, its ProseMirror JSON, the SHA-256 of the
 * text and the Yjs state; locks the document, so every client — including those connected right
 * now — becomes read-only; and moves the meeting to `minutes_published`. Units that have not
 * answered do not block it: the record shows who confirmed, who commented and who did not answer.
 */
export async function minutesPublisher(ctx: CommandContext & { yjs: DocRegistry }, meetingId: string) {
  const { meeting, alliance, minutes } = await readableMinutes(ctx, meetingId);
  if (minutes.status === 'published') throw alreadyPublished();
  if (!minutesPolicy.canPublish(ctx.actor, alliance, meeting, minutes)) {
    throw forbidden('only a secretary or the convener unit publishes the minutes');
  }
  const to = nextMeetingStatus(meeting.status, 'publishMinutes');
  if (!to) throw new AppError('INVALID_STATE', `cannot publish the minutes of a meeting that is ${meeting.status}`);
  if (!minutes.seeded) throw new AppError('INVALID_STATE', 'the minutes are still being generated; try again shortly');

  // Lock and read in one synchronous step: no edit can land between the snapshot and the lock.
  let unlock: () => void = () => {};
  const name = docName({ kind: 'minutes', meetingId: String(meeting._id) });
  const { doc, state } = await ctx.yjs.with(name, (shared) => {
    unlock = ctx.yjs.lock(shared);
    return {
      doc: fragmentToProsemirror(shared.ydoc.getXmlFragment(MINUTES_FIELD)),
      state: Y.encodeStateAsUpdate(shared.ydoc),
    };
  });
  try {
    const text = prosemirrorToText(doc);
    if (text.trim() === '') throw new AppError('VALIDATION', 'the minutes are empty');
    const sha256 = createHash('sha256').update(text, 'utf8').digest('hex');
    // The 版头 and 分送 are fixed as they are now; the 文号 is taken in the transaction.
    const letterhead = await currentLetterhead(ctx.models, alliance._id);
    const publishedAt = new Date();
    const year = chinaYear(publishedAt);
    const result = await inTransaction(ctx, async (session) => {
      const seq = await nextDocNumber(ctx.models, alliance._id, year, session);
      const published = await ctx.models.Minutes.findOneAndUpdate(
        { _id: minutes._id, status: 'draft' },
        {
          $set: {
            status: 'published',
            publishedAt,
            docNumber: { year, seq },
            letterhead: { issuer: letterhead.issuer, red: letterhead.red },
            distribution: letterhead.distribution,
            publishedBy: ctx.actor.id,
            text,
            docJson: JSON.stringify(doc),
            sha256,
            ydocState: Buffer.from(state),
          },
        },
        { session, returnDocument: 'after' },
      );
      if (!published) throw alreadyPublished();
      const moved = await ctx.models.Meeting.findOneAndUpdate(
        { _id: meeting._id, status: meeting.status },
        { $set: { status: to } },
        { session, returnDocument: 'after' },
      );
      if (!moved) throw new AppError('INVALID_STATE', 'the meeting changed meanwhile; reload and try again');
      const answered = published.confirmations.length;
      const asked = minutesPolicy.askedUnits(alliance).length;
      await recordAudit(ctx, session, {
        action: 'minutes.publish',
        targetType: 'meeting',
        targetId: meeting._id,
        alliance: alliance._id,
        event: { type: 'minutes.published', meetingId: String(meeting._id), allianceId: String(alliance._id) },
        before: { status: meeting.status },
        after: { status: to, sha256, docNumber: formatDocNumber(year, seq), answered, asked },
      });
      return { minutes: published, meeting: moved, alliance };
    });
    ctx.yjs.announceLocked(name);
    return result;
  } catch (err) {
    // Not published after all (a race lost to another publisher keeps the lock: it is published).
    const now = await ctx.models.Minutes.findById(minutes._id).select('status').lean();
    if (now?.status !== 'published') unlock();
    throw err;
  }
}
