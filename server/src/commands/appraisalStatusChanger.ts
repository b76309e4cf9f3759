import { aggregateAppraisal, type AppraisalAggregation, type AppraisalCriterion, type EvaluatorScoring } from '@tongxin/shared';
import type { ClientSession, Types } from 'mongoose';
import type { Models } from '../db/models/index.js';
import { assertStatus, managedAppraisal } from './appraisalLoaders.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';

/**
 * Scoring opens: the reports are what they are now (their documents turn read-only at once, for
 * every open connection), and member units and links may score.
 */
export async function appraisalOpener(ctx: CommandContext, appraisalId: string) {
  const { appraisal, alliance } = await managedAppraisal(ctx, appraisalId);
  assertStatus(appraisal.status, 'draft', 'open scoring');
  return inTransaction(ctx, async (session) => {
    const saved = await ctx.models.Appraisal.findOneAndUpdate(
      { _id: appraisal._id, status: 'draft' },
      { $set: { status: 'scoring', openedAt: ctx.clock.now() } },
      { session, returnDocument: 'after' },
    );
    if (!saved) assertStatus('not a draft any more', 'draft', 'open scoring');
    await recordAudit(ctx, session, {
      action: 'appraisal.open',
      targetType: 'appraisal',
      targetId: appraisal._id,
      alliance: alliance._id,
      event: { type: 'appraisal.opened', allianceId: String(alliance._id), appraisalId: String(appraisal._id) },
      before: { title: appraisal.title, status: 'draft' },
      after: { title: appraisal.title, status: 'scoring' },
    });
    return saved!;
  });
}

/** What a session's results are from its stored scores, as the close snapshots them. */
export async function computeAppraisalResults(
  models: Models,
  appraisal: {
    _id: Types.ObjectId;
    secrecy: string;
    criteria: AppraisalCriterion[];
    /** As stored: the schema's defaults fill it in (see AppraisalAggregationSchema). */
    aggregation?: unknown;
    reporters: Types.ObjectId[];
  },
  session: ClientSession | null = null,
) {
  const scores = await models.AppraisalScore.find({ appraisal: appraisal._id }).sort({ at: 1, _id: 1 }).session(session).lean();
  const named = appraisal.secrecy === 'named';
  const [units, links] = named
    ? await Promise.all([
        models.Unit.find({ _id: { $in: scores.flatMap((s) => (s.evaluator?.unit ? [s.evaluator.unit] : [])) } }, { name: 1 }).lean(),
        models.AppraisalLink.find({ appraisal: appraisal._id }, { label: 1 }).lean(),
      ])
    : [[], []];
  const nameOf = (s: (typeof scores)[number]) =>
    s.evaluator?.group === 'units'
      ? (units.find((u) => String(u._id) === String(s.evaluator?.unit))?.name ?? '—')
      : (links.find((l) => String(l._id) === String(s.evaluator?.link))?.label ?? '—');
  const scorings: EvaluatorScoring[] = scores.map((s) => ({
    reporter: String(s.reporter),
    group: s.evaluator!.group as 'units' | 'public',
    evaluator: named ? nameOf(s) : '',
    scores: s.scores as EvaluatorScoring['scores'],
    comment: s.comment,
  }));
  return aggregateAppraisal({
    criteria: appraisal.criteria,
    aggregation: appraisal.aggregation as AppraisalAggregation,
    reporters: appraisal.reporters.map(String),
    scorings,
  }).map((r) => ({
    reporter: r.reporter,
    score: r.score,
    byGroup: r.byGroup,
    byCriterion: r.byCriterion,
    counts: r.counts,
    named: named ? r.scores : undefined,
  }));
}

/**
 * Scoring ends: the results are computed by the stated aggregation and kept as they are, so later
 * changes of units or links do not move a closed session's figures.
 */
export async function appraisalCloser(ctx: CommandContext, appraisalId: string) {
  const { appraisal, alliance } = await managedAppraisal(ctx, appraisalId);
  assertStatus(appraisal.status, 'scoring', 'close scoring');
  return inTransaction(ctx, async (session) => {
    // Closed first, then the scores read in the same transaction: a scoring writes the session
    // document in its own transaction, so one landing meanwhile conflicts and one is retried —
    // no score is stored yet left out of the results.
    const closing = await ctx.models.Appraisal.updateOne(
      { _id: appraisal._id, status: 'scoring' },
      { $set: { status: 'closed', closedAt: ctx.clock.now() } },
      { session },
    );
    if (closing.matchedCount === 0) assertStatus('not scoring any more', 'scoring', 'close scoring');
    const results = await computeAppraisalResults(ctx.models, appraisal.toObject(), session);
    const saved = await ctx.models.Appraisal.findOneAndUpdate({ _id: appraisal._id }, { $set: { results } }, { session, returnDocument: 'after' });
    if (!saved) assertStatus('not scoring any more', 'scoring', 'close scoring');
    await recordAudit(ctx, session, {
      action: 'appraisal.close',
      targetType: 'appraisal',
      targetId: appraisal._id,
      alliance: alliance._id,
      event: { type: 'appraisal.closed', allianceId: String(alliance._id), appraisalId: String(appraisal._id) },
      before: { title: appraisal.title, status: 'scoring' },
      after: { title: appraisal.title, status: 'closed' },
    });
    return saved!;
  });
}
