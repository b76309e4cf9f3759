import { ReportScoreSchema, type DomainEvent } from '@tongxin/shared';
import type { Connection } from 'mongoose';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Models } from '../db/models/index.js';
import { AppError } from '../errors.js';
import { hashLinkToken } from './appraisalLinks.js';
import { checkScoring, storeScores } from './appraisalScorer.js';
import { auditChanges } from './audit.js';
import { isDuplicateKey, notFound } from './errors.js';

/** What a request through a link runs with: no one is signed in. */
export interface PublicContext {
  models: Models;
  connection: Connection;
  clock: Clock;
  ip?: string | undefined;
  events: DomainEvent[];
}

export const PublicScoringSchema = z.object({ reports: z.array(ReportScoreSchema).min(1).max(60) });

/**
 * The link a token names, still usable: unknown 404, used 409 `LINK_USED` (even once its session
 * has closed or the link has expired), expired or revoked (or its session closed) 410 `LINK_GONE`.
 */
export async function usableLink(ctx: Pick<PublicContext, 'models' | 'clock'>, token: string) {
  const link = token.length <= 100 ? await ctx.models.AppraisalLink.findOne({ tokenHash: hashLinkToken(token) }).lean() : null;
  if (!link) throw notFound('link');
  const appraisal = await ctx.models.Appraisal.findById(link.appraisal).lean();
  if (!appraisal) throw notFound('link');
  assertUsable(link, appraisal.status, ctx.clock.now());
  const alliance = await ctx.models.Alliance.findById(appraisal.alliance, { name: 1 }).lean();
  if (!alliance) throw notFound('link');
  return { link, appraisal, alliance };
}

/** A used link reads as used (409) whatever happened since: its session closed, it expired. */
function assertUsable(link: { usedAt?: Date | null; revokedAt?: Date | null; expiresAt: Date }, status: string, now: Date): void {
  if (link.usedAt) throw new AppError('LINK_USED', 'this link has been used');
  if (link.revokedAt) throw new AppError('LINK_GONE', 'this link has been revoked');
  if (status === 'closed') throw new AppError('LINK_GONE', 'scoring has ended');
  if (link.expiresAt.getTime() <= now.getTime()) throw new AppError('LINK_GONE', 'this link has expired');
}

/**
 * A public representative (群众代表) scores every report through their link, once. The link is
 * claimed with one conditional update before anything is stored, so two submissions at the same
 * moment store one scoring; a refused one stores nothing. If storing fails after the claim, the
 * claim is given back.
 */
export async function appraisalPublicScorer(ctx: PublicContext, token: string, input: unknown): Promise<void> {
  const props = PublicScoringSchema.parse(input);
  const { link, appraisal } = await usableLink(ctx, token);
  if (appraisal.status !== 'scoring') throw new AppError('INVALID_STATE', 'scoring has not started yet');
  checkScoring(appraisal, props.reports, null);
  const now = ctx.clock.now();
  const claimed = await ctx.models.AppraisalLink.findOneAndUpdate(
    { _id: link._id, usedAt: null, revokedAt: null, expiresAt: { $gt: now } },
    { $set: { usedAt: now } },
    { returnDocument: 'after' },
  ).lean();
  if (!claimed) {
    const current = await ctx.models.AppraisalLink.findById(link._id).lean();
    assertUsable(current ?? link, appraisal.status, now);
    throw new AppError('LINK_USED', 'this link has been used');
  }
  const named = appraisal.secrecy === 'named';
  const event: DomainEvent = { type: 'appraisal.scored', allianceId: String(appraisal.alliance), appraisalId: String(appraisal._id) };
  try {
    await ctx.connection.transaction(async (session) => {
      // A write, not a read: it conflicts with a close running at the same moment (see appraisalCloser).
      const open = await ctx.models.Appraisal.updateOne({ _id: appraisal._id, status: 'scoring' }, { $inc: { scorings: 1 } }, { session });
      if (open.matchedCount === 0) throw new AppError('LINK_GONE', 'scoring has ended');
      await storeScores(ctx.models, session, appraisal._id, { group: 'public', link: link._id }, props.reports, null, now);
      // No one is signed in: the trail names the link in a named session only.
      await ctx.models.AuditEvent.create(
        [
          {
            action: 'appraisal.score',
            targetType: 'appraisal',
            targetId: appraisal._id,
            alliance: appraisal.alliance,
            ...auditChanges(undefined, { title: appraisal.title, ...(named ? { label: link.label } : {}), reports: props.reports.length }),
            ip: ctx.ip,
            at: new Date(),
          },
        ],
        { session },
      );
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('LINK_USED', 'this link has been used');
    await ctx.models.AppraisalLink.updateOne({ _id: link._id, usedAt: now }, { $set: { usedAt: null } });
    throw err;
  }
  ctx.events.push(event);
}
