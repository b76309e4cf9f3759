import { periodKey, RatingRulesSchema, type RatingRules } from '@tongxin/shared';
import { ratingRulesOf } from '../queries/ratingRows.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { ratingsManagedAlliance } from './ratingLoaders.js';

/** The rules in the words the audit log shows: 分数线 5 / 10 / 18 / 25, 名次比例 10% / 20% / …. */
export function rulesInWords(r: RatingRules) {
  return {
    periodKind: r.period,
    method: r.method,
    pointsWeight: r.pointsWeight,
    appraisalWeight: r.appraisalWeight,
    thresholds: r.thresholds.join(' / '),
    rankShares: r.rankShares.map((s) => `${s}%`).join(' / '),
  };
}

/**
 * 星级评定规则: a secretary sets how points and the 述职评议 score make stars. Open periods follow
 * the new rules at once; published ones keep the rules they were published under.
 */
export async function ratingRulesSetter(ctx: CommandContext, allianceId: string, input: unknown): Promise<RatingRules> {
  const rules = RatingRulesSchema.parse(input);
  const alliance = await ratingsManagedAlliance(ctx, allianceId, 'set the star rating rules');
  const before = ratingRulesOf(alliance);
  return inTransaction(ctx, async (session) => {
    await ctx.models.Alliance.updateOne({ _id: alliance._id }, { $set: { ratingRules: rules } }, { session });
    await recordAudit(ctx, session, {
      action: 'rating.rules',
      targetType: 'alliance',
      targetId: alliance._id,
      alliance: alliance._id,
      event: {
        type: 'ratingRules.changed',
        allianceId: String(alliance._id),
        period: periodKey(ctx.clock.now(), rules.period),
      },
      before: rulesInWords(before),
      after: rulesInWords(rules),
    });
    return rules;
  });
}
