import { createHash, randomBytes } from 'node:crypto';
import { AppraisalLinkCreateSchema } from '@tongxin/shared';
import type { z } from 'zod';
import { AppError } from '../errors.js';
import { managedAppraisal } from './appraisalLoaders.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { notFound, objectId } from './errors.js';

/** A link's token: 32 random bytes, URL-safe. Only its SHA-256 is stored. */
export const newLinkToken = () => randomBytes(32).toString('base64url');
export const hashLinkToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/**
 * 群众代表 links: single-use, expiring, revocable; one per representative. The tokens are
 * returned once, here, and never again (the store has their hashes).
 */
export async function appraisalLinkIssuer(ctx: CommandContext, appraisalId: string, input: z.input<typeof AppraisalLinkCreateSchema>) {
  const props = AppraisalLinkCreateSchema.parse(input);
  const { appraisal, alliance } = await managedAppraisal(ctx, appraisalId);
  if (appraisal.status === 'closed') throw new AppError('INVALID_STATE', 'the session is closed: no more links');
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + props.hours * 3_600_000);
  const made = Array.from({ length: props.count }, (_, i) => ({
    token: newLinkToken(),
    label: props.count > 1 ? `${props.label}（${i + 1}）` : props.label,
  }));
  const links = await inTransaction(ctx, async (session) => {
    const created = await ctx.models.AppraisalLink.insertMany(
      made.map((m) => ({ appraisal: appraisal._id, label: m.label, tokenHash: hashLinkToken(m.token), expiresAt, createdBy: ctx.actor.id, createdAt: now })),
      { session, ordered: true },
    );
    await recordAudit(ctx, session, {
      action: 'appraisal.link',
      targetType: 'appraisal',
      targetId: appraisal._id,
      alliance: alliance._id,
      event: { type: 'appraisal.linksChanged', allianceId: String(alliance._id), appraisalId: String(appraisal._id) },
      after: { title: appraisal.title, label: props.label, expiresAt },
    });
    return created;
  });
  return links.map((link, i) => ({ link, token: made[i]!.token }));
}

/** A link stops working (handed to the wrong person, lost). A used link stays as it is. */
export async function appraisalLinkRevoker(ctx: CommandContext, appraisalId: string, linkId: string) {
  const { appraisal, alliance } = await managedAppraisal(ctx, appraisalId);
  const link = await ctx.models.AppraisalLink.findOne({ _id: objectId(linkId, 'link'), appraisal: appraisal._id });
  if (!link) throw notFound('link');
  if (link.revokedAt) return appraisal;
  if (link.usedAt) throw new AppError('INVALID_STATE', 'the link has been used: its scores stand');
  await inTransaction(ctx, async (session) => {
    const saved = await ctx.models.AppraisalLink.findOneAndUpdate(
      { _id: link._id, usedAt: null, revokedAt: null },
      { $set: { revokedAt: ctx.clock.now() } },
      { session, returnDocument: 'after' },
    );
    if (!saved) throw new AppError('INVALID_STATE', 'the link has just been used or revoked');
    await recordAudit(ctx, session, {
      action: 'appraisal.revokeLink',
      targetType: 'appraisal',
      targetId: appraisal._id,
      alliance: alliance._id,
      event: { type: 'appraisal.linksChanged', allianceId: String(alliance._id), appraisalId: String(appraisal._id) },
      after: { title: appraisal.title, label: link.label },
    });
  });
  return appraisal;
}
