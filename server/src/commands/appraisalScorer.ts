import {
  APPRAISAL_GRADES,
  AppraisalScoringSchema,
  ReportScoreSchema,
  type AppraisalCriterion,
  type AppraisalScoring,
} from '@tongxin/shared';
import type { ClientSession, Types } from 'mongoose';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { appraisalPolicy } from '../policies/appraisal.js';
import { assertStatus, readableAppraisal } from './appraisalLoaders.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, isDuplicateKey } from './errors.js';

type ReportScore = z.output<typeof ReportScoreSchema>;

const validation = (message: string, field: string) => new AppError('VALIDATION', message, [{ path: field.split('.'), message }]);

/**
 * A scoring is whole: every report the evaluator may score (all but their own unit's), each on
 * every criterion, on the session's scale (a grade for 好/较好/一般/差, 0–100 otherwise).
 */
export function checkScoring(
  session: { scale: string; criteria: AppraisalCriterion[]; reporters: Types.ObjectId[] },
  reports: ReportScore[],
  ownUnit: string | null,
): void {
  const reporters = session.reporters.map(String);
  const seen = new Set<string>();
  reports.forEach((r, i) => {
    if (!reporters.includes(r.reporter)) throw new AppError('UNPROCESSABLE', 'not a reporting unit of this session', { field: `reports.${i}.reporter` });
    if (ownUnit !== null && !appraisalPolicy.canScoreReport(ownUnit, r.reporter)) {
      throw new AppError('UNPROCESSABLE', 'a unit does not score its own report', { field: `reports.${i}.reporter` });
    }
    if (seen.has(r.reporter)) throw validation('a report is scored twice', `reports.${i}.reporter`);
    seen.add(r.reporter);
    const keys = session.criteria.map((c) => c.key);
    for (const key of Object.keys(r.scores)) if (!keys.includes(key)) throw validation('not a criterion of this session', `reports.${i}.scores.${key}`);
    for (const key of keys) {
      const v = r.scores[key];
      if (v === undefined) throw validation('every criterion is scored', `reports.${i}.scores.${key}`);
      const ok = session.scale === 'grade' ? typeof v === 'string' && (APPRAISAL_GRADES as readonly string[]).includes(v) : typeof v === 'number';
      if (!ok) throw validation(session.scale === 'grade' ? 'a grade: good, fairlyGood, average or poor' : 'a score from 0 to 100', `reports.${i}.scores.${key}`);
    }
  });
  const missing = reporters.filter((r) => r !== ownUnit && !seen.has(r));
  if (missing.length > 0) throw new AppError('VALIDATION', 'every report is scored together', [{ path: ['reports'], message: 'missing reports', units: missing }]);
}

/** Stores one evaluator's scores of every report: all or nothing. */
export async function storeScores(
  models: CommandContext['models'],
  session: ClientSession,
  appraisalId: Types.ObjectId,
  evaluator: { group: 'units'; unit: Types.ObjectId } | { group: 'public'; link: Types.ObjectId },
  reports: ReportScore[],
  by: string | null,
  at: Date,
): Promise<void> {
  await models.AppraisalScore.insertMany(
    reports.map((r) => ({ appraisal: appraisalId, reporter: r.reporter, evaluator, scores: r.scores, comment: r.comment, by, at })),
    { session, ordered: true },
  );
}

/**
 * A member unit scores every other unit's report, once, through its representative. Observer
 * units (列席) do not score; a unit never scores its own report (422); a second scoring is a 409.
 */
export async function appraisalScorer(ctx: CommandContext, appraisalId: string, input: AppraisalScoring) {
  const props = AppraisalScoringSchema.parse(input);
  const { appraisal, alliance } = await readableAppraisal(ctx, appraisalId);
  const units = appraisalPolicy.scoreUnits(ctx.actor, alliance);
  if (units.length === 0) throw forbidden('only representatives of member units (not observers) score reports');
  if (props.unit !== undefined && !units.includes(props.unit)) throw forbidden('you do not score for this unit');
  if (props.unit === undefined && units.length > 1) throw validation('you represent several units: say which one scores', 'unit');
  const unit = props.unit ?? units[0]!;
  assertStatus(appraisal.status, 'scoring', 'score');
  checkScoring(appraisal, props.reports, unit);
  const unitId = alliance.memberships.find((m) => String(m.unit) === unit)!.unit;
  if (await ctx.models.AppraisalScore.exists({ appraisal: appraisal._id, 'evaluator.group': 'units', 'evaluator.unit': unitId })) {
    throw new AppError('CONFLICT', 'this unit has scored already');
  }
  try {
    await inTransaction(ctx, async (session) => {
      // Closing and scoring do not cross: the session is still scoring when the scores land.
      const open = await ctx.models.Appraisal.updateOne({ _id: appraisal._id, status: 'scoring' }, { $inc: { scorings: 1 } }, { session });
      if (open.matchedCount === 0) assertStatus('closed', 'scoring', 'score');
      await storeScores(ctx.models, session, appraisal._id, { group: 'units', unit: unitId }, props.reports, ctx.actor.id, ctx.clock.now());
      await recordAudit(ctx, session, {
        action: 'appraisal.score',
        targetType: 'appraisal',
        targetId: appraisal._id,
        alliance: alliance._id,
        event: { type: 'appraisal.scored', allianceId: String(alliance._id), appraisalId: String(appraisal._id) },
        // A secret session keeps that the unit scored, never what it gave.
        after: { title: appraisal.title, unit, reports: props.reports.length },
      });
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('CONFLICT', 'this unit has scored already');
    throw err;
  }
  return appraisal;
}
