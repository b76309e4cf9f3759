import { AUTO_CRITERIA, PointSchemeSchema, type AutoCriterion, type PointRule, type PointScheme } from '@tongxin/shared';
import { pointsPolicy } from '../policies/points.js';
import { schemeOf } from '../queries/pointScheme.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden } from './errors.js';
import { readableAlliance } from './loaders.js';

/** The criteria as a secretary names them, for the audit log. */
export const CRITERION_WORDS: Record<AutoCriterion, string> = {
  'meeting.attended': '出席联席会议',
  'meeting.absent': '无故缺席联席会议',
  'item.closedOnTime': '督办事项按期销号',
  'item.closedLate': '督办事项逾期销号',
  'whistle.ackOnTime': '吹哨按时签收',
  'whistle.unsatisfied': '吹哨办理不满意',
  'demand.claimed': '认领需求',
  'resource.used': '资源用于共建项目',
  'service.hours': '双报到服务（每小时）',
};
const PER = { month: '每月', quarter: '每季度', year: '每年' } as const;

/** 出席联席会议 +2分，每季度最多10分 — one rule in words. */
export function ruleWords(r: PointRule): string {
  const points = `${r.points > 0 ? '+' : ''}${r.points}分`;
  const cap = r.cap === null ? '不封顶' : `${PER[r.capPeriod]}最多${r.cap}分`;
  return `${CRITERION_WORDS[r.criterion]} ${points}，${cap}${r.enabled ? '' : '（停用）'}`;
}

const sameRule = (a: PointRule, b: PointRule) =>
  a.enabled === b.enabled && a.points === b.points && a.cap === b.cap && a.capPeriod === b.capPeriod;

/**
 * 积分规则: a secretary sets each criterion's points, cap and whether it counts. The alliance's
 * automatic points are then recomputed under the new scheme (the `pointScheme.changed` event; see
 * the points consumer). The audit names the rules that changed, before and after, in words.
 */
export async function pointSchemeSetter(ctx: CommandContext, allianceId: string, input: unknown): Promise<PointScheme> {
  const parsed = PointSchemeSchema.parse(input);
  const alliance = await readableAlliance(ctx, allianceId);
  if (!pointsPolicy.canManage(ctx.actor, alliance)) throw forbidden('only a secretary sets the points scheme');
  const scheme: PointScheme = { rules: AUTO_CRITERIA.map((c) => parsed.rules.find((r) => r.criterion === c)!) };
  const before = schemeOf(alliance);
  const changed = scheme.rules.filter((r) => !sameRule(r, before.rules.find((b) => b.criterion === r.criterion)!));
  if (changed.length === 0) return scheme;
  await inTransaction(ctx, async (session) => {
    await ctx.models.Alliance.updateOne({ _id: alliance._id }, { $set: { pointRules: scheme.rules } }, { session });
    await recordAudit(ctx, session, {
      action: 'points.scheme',
      targetType: 'alliance',
      targetId: alliance._id,
      alliance: alliance._id,
      event: { type: 'pointScheme.changed', allianceId: String(alliance._id) },
      before: { scheme: changed.map((r) => ruleWords(before.rules.find((b) => b.criterion === r.criterion)!)).join('；') },
      after: { scheme: changed.map(ruleWords).join('；') },
    });
  });
  return scheme;
}
