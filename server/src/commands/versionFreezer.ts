import { createHash } from 'node:crypto';
import { docName } from '@tongxin/shared';
import * as Y from 'yjs';
import { AppError } from '../errors.js';
import { alliancePolicy } from '../policies/alliance.js';
import type { DocRegistry } from '../yjs/registry.js';
import { fragmentToProsemirror, prosemirrorToText } from '../yjs/prosemirror.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, notFound, objectId } from './errors.js';
import { readableMeeting } from './loaders.js';

/** The Y.XmlFragment Tiptap's Collaboration extension binds to by default. */
export const DECISION_FIELD = 'default';

/**
 * A secretary freezes the draft into an immutable version: plain text, ProseMirror JSON, the
 * SHA-256 of the text and the Yjs state. Votes are opened on a version, never on the live draft,
 * which stays editable for the next version.
 */
export async function versionFreezer(ctx: CommandContext & { yjs: DocRegistry }, decisionId: string) {
  const decision = await ctx.models.Decision.findById(objectId(decisionId, 'decision'));
  if (!decision) throw notFound('decision');
  const { alliance } = await readableMeeting(ctx, String(decision.meeting));
  if (!alliancePolicy.canManage(ctx.actor, alliance)) throw forbidden('only secretaries freeze versions');
  if (decision.status !== 'drafting')
    throw new AppError('INVALID_STATE', `a decision that is ${decision.status} is not being drafted`);

  const { doc, state } = await ctx.yjs.with(docName({ kind: 'decision', decisionId }), (shared) => ({
    doc: fragmentToProsemirror(shared.ydoc.getXmlFragment(DECISION_FIELD)),
    state: Y.encodeStateAsUpdate(shared.ydoc),
  }));
  const text = prosemirrorToText(doc);
  if (text.trim() === '') throw new AppError('VALIDATION', 'the draft is empty; write the decision first');
  const sha256 = createHash('sha256').update(text, 'utf8').digest('hex');

  return inTransaction(ctx, async (session) => {
    const counter = await ctx.models.Decision.findOneAndUpdate(
      { _id: decision._id },
      { $inc: { versionCount: 1 } },
      { session, returnDocument: 'after', projection: { versionCount: 1 } },
    );
    const number = counter!.versionCount;
    const [version] = await ctx.models.DecisionVersion.create(
      [
        {
          decision: decision._id,
          number,
          text,
          docJson: JSON.stringify(doc),
          sha256,
          ydocState: Buffer.from(state),
          frozenBy: ctx.actor.id,
        },
      ],
      { session },
    );
    await recordAudit(ctx, session, {
      action: 'decision.freeze',
      targetType: 'decision',
      targetId: decision._id,
      event: { type: 'decision.frozen', meetingId: String(decision.meeting), allianceId: String(alliance._id), decisionId: String(decision._id) },
      alliance: alliance._id,
      after: { version: number, sha256 },
    });
    return version!;
  });
}
