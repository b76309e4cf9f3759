import { docName, type DecisionRevise } from '@tongxin/shared';
import { Types } from 'mongoose';
import { AppError } from '../errors.js';
import { decisionPolicy } from '../policies/decision.js';
import type { DocRegistry } from '../yjs/registry.js';
import { fragmentToProsemirror, type PmNode } from '../yjs/prosemirror.js';
import { recordAudit, summarize } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, notFound, objectId } from './errors.js';
import { readableMeeting } from './loaders.js';
import { DECISION_FIELD } from './versionFreezer.js';

/**
 * 修改后重新表决: a rejected or withdrawn decision becomes a new draft in the same meeting that
 * starts from its text — the last frozen version of a rejected one (the text the meeting turned
 * down), the draft as it stood for a withdrawn one — linked both ways (`revises` / `revisedBy`).
 * The earlier decision and its votes stay as they were: the record of what happened.
 */
export async function decisionReviser(ctx: CommandContext & { yjs: DocRegistry }, decisionId: string, input: DecisionRevise) {
  const earlier = await ctx.models.Decision.findById(objectId(decisionId, 'decision'));
  if (!earlier) throw notFound('decision');
  const { meeting, alliance } = await readableMeeting(ctx, String(earlier.meeting));
  if (!decisionPolicy.canRevise(ctx.actor, alliance, { status: 'rejected' }, meeting.status)) {
    throw forbidden('only secretaries and representatives draft decisions, while the meeting takes drafts');
  }
  if (earlier.status !== 'rejected' && earlier.status !== 'withdrawn') {
    throw new AppError('INVALID_STATE', `a decision that is ${earlier.status} is not revised; only a rejected or withdrawn one is`);
  }
  if (earlier.revisedBy) throw new AppError('INVALID_STATE', 'this decision has already been revised into a new draft');

  const text = await startingText(ctx, earlier._id, earlier.status);
  const id = new Types.ObjectId();
  // The new document is filled before the record exists: if the record cannot be stored, the
  // filled document belongs to no decision and nobody ever opens it.
  const { writeProsemirror } = await import('../yjs/richText.js');
  await ctx.yjs.with(docName({ kind: 'decision', decisionId: String(id) }), async (shared) => {
    const fragment = shared.ydoc.getXmlFragment(DECISION_FIELD);
    if (fragment.length === 0 && text.content && text.content.length > 0) shared.ydoc.transact(() => writeProsemirror(fragment, text));
    await shared.flush();
  });

  const title = input.title ?? earlier.title;
  return inTransaction(ctx, async (session) => {
    // Set once: two people revising at the same moment make one new draft, not two.
    const linked = await ctx.models.Decision.findOneAndUpdate(
      { _id: earlier._id, status: earlier.status, revisedBy: null },
      { $set: { revisedBy: id } },
      { session, returnDocument: 'after' },
    );
    if (!linked) throw new AppError('INVALID_STATE', 'this decision has already been revised into a new draft');
    const [draft] = await ctx.models.Decision.create(
      [
        {
          _id: id,
          meeting: meeting._id,
          alliance: alliance._id,
          ...(earlier.agendaItem ? { agendaItem: earlier.agendaItem } : {}),
          title,
          status: 'drafting',
          revises: earlier._id,
        },
      ],
      { session },
    );
    await recordAudit(ctx, session, {
      action: 'decision.revise',
      targetType: 'decision',
      targetId: id,
      event: {
        type: 'decision.revised',
        meetingId: String(meeting._id),
        allianceId: String(alliance._id),
        decisionId: String(id),
        revisesId: String(earlier._id),
      },
      alliance: alliance._id,
      // `decision`: the earlier decision this draft revises (修改自).
      after: summarize({ title, meeting: meeting._id, decision: earlier._id }),
    });
    return { draft: draft!, earlier: linked };
  });
}

/** The text a revision starts from, as ProseMirror JSON (formatting kept). */
async function startingText(ctx: CommandContext & { yjs: DocRegistry }, decisionId: Types.ObjectId, status: string): Promise<PmNode> {
  if (status === 'rejected') {
    const last = await ctx.models.DecisionVersion.findOne({ decision: decisionId }, { docJson: 1 }).sort({ number: -1 }).lean();
    if (last) return JSON.parse(last.docJson) as PmNode;
  }
  return ctx.yjs.with(docName({ kind: 'decision', decisionId: String(decisionId) }), (shared) =>
    fragmentToProsemirror(shared.ydoc.getXmlFragment(DECISION_FIELD)),
  );
}
