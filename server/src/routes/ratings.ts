import { Router, type Response } from 'express';
import { z } from 'zod';
import { readableAlliance } from '../commands/loaders.js';
import { ratingAdjuster } from '../commands/ratingAdjuster.js';
import { periodParam } from '../commands/ratingLoaders.js';
import { ratingPublisher } from '../commands/ratingPublisher.js';
import { ratingReopener } from '../commands/ratingReopener.js';
import { ratingRulesSetter } from '../commands/ratingRulesSetter.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { contentDisposition } from '../exports/minutesExport.js';
import {
  letterFileName,
  periodLabel,
  ratingLetterDocx,
  ratingLettersPdf,
  type RatingLetter,
} from '../exports/ratingLetters.js';
import { actorOf, perform } from '../http/auth.js';
import { ratingsCsv, ratingsXlsx } from '../presenters/ratingsExport.js';
import { ratingPeriodState, ratingsOverview, ratingTrendView, type RatingPeriodState } from '../views/ratings.js';

const TrendQuerySchema = z.object({ count: z.coerce.number().int().min(1).max(12).default(4) });

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Each unit's letter, from the published snapshot; an open period gives none (409). */
function lettersOf(allianceName: string, state: RatingPeriodState): RatingLetter[] {
  const { view, rows } = state;
  if (view.status !== 'published' || !view.published) {
    throw new AppError('INVALID_STATE', 'letters are issued once the period is published');
  }
  return rows.map((r) => ({
    issuer: allianceName,
    period: view.period,
    unit: { id: String(r.unit), name: r.unitName },
    stars: r.stars,
    computedStars: r.computedStars,
    points: r.points,
    byCriterion: r.byCriterion ?? {},
    appraisal: r.appraisal ?? null,
    composite: r.composite,
    rank: r.rank,
    of: rows.length,
    adjustmentReason: r.adjustment?.reason ?? null,
    rules: view.rules,
    version: view.version,
    issuedAt: new Date(view.published!.at),
  }));
}

/** 星级评定: rules, the periods' ratings (live or published), adjustments, publishing, exports, letters. */
export function ratingsRouter(ctx: AppContext): Router {
  const router = Router();
  const { models } = ctx.db;
  const reader = (res: Response) => ({ models, actor: actorOf(res) });

  const overview = async (res: Response, allianceId: string) => {
    const alliance = await readableAlliance(reader(res), allianceId);
    return ratingsOverview(models, alliance, actorOf(res), ctx.clock.now());
  };
  const state = async (res: Response, allianceId: string, period: string) => {
    const alliance = await readableAlliance(reader(res), allianceId);
    return { alliance, state: await ratingPeriodState(models, alliance, periodParam(period), actorOf(res)) };
  };
  const answerPeriod = async (res: Response, allianceId: string, period: string) => {
    res.json((await state(res, allianceId, period)).state.view);
  };
  const send = (res: Response, type: string, name: string, fallback: string, body: Buffer | string) => {
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Disposition', contentDisposition(name, fallback));
    res.send(body);
  };

  router.get('/alliances/:id/ratings', async (req, res) => {
    res.json(await overview(res, req.params.id));
  });
  router.put('/alliances/:id/ratings/rules', async (req, res) => {
    await perform(ctx, req, res, (c) => ratingRulesSetter(c, req.params.id, req.body));
    res.json(await overview(res, req.params.id));
  });
  router.get('/alliances/:id/ratings-trend', async (req, res) => {
    const alliance = await readableAlliance(reader(res), req.params.id);
    const { count } = TrendQuerySchema.parse(req.query);
    res.json(await ratingTrendView(models, alliance, count, ctx.clock.now()));
  });

  router.get('/alliances/:id/ratings/:period', async (req, res) => {
    await answerPeriod(res, req.params.id, req.params.period);
  });
  router.post('/alliances/:id/ratings/:period/adjust', async (req, res) => {
    await perform(ctx, req, res, (c) => ratingAdjuster(c, req.params.id, req.params.period, req.body));
    await answerPeriod(res, req.params.id, req.params.period);
  });
  router.post('/alliances/:id/ratings/:period/publish', async (req, res) => {
    await perform(ctx, req, res, (c) => ratingPublisher(c, req.params.id, req.params.period, req.body));
    await answerPeriod(res, req.params.id, req.params.period);
  });
  router.post('/alliances/:id/ratings/:period/reopen', async (req, res) => {
    await perform(ctx, req, res, (c) => ratingReopener(c, req.params.id, req.params.period, req.body));
    await answerPeriod(res, req.params.id, req.params.period);
  });

  router.get('/alliances/:id/ratings/:period/export.csv', async (req, res) => {
    const { alliance, state: s } = await state(res, req.params.id, req.params.period);
    const draft = s.view.status === 'published' ? '' : '（草稿）';
    send(
      res,
      'text/csv; charset=utf-8',
      `${alliance.name}-${periodLabel(s.view.period)}星级评定${draft}.csv`,
      `ratings-${s.view.period}.csv`,
      ratingsCsv({ allianceName: alliance.name, periodLabel: periodLabel(s.view.period) }, s.view),
    );
  });
  router.get('/alliances/:id/ratings/:period/export.xlsx', async (req, res) => {
    const { alliance, state: s } = await state(res, req.params.id, req.params.period);
    const draft = s.view.status === 'published' ? '' : '（草稿）';
    send(
      res,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      `${alliance.name}-${periodLabel(s.view.period)}星级评定${draft}.xlsx`,
      `ratings-${s.view.period}.xlsx`,
      await ratingsXlsx({ allianceName: alliance.name, periodLabel: periodLabel(s.view.period) }, s.view),
    );
  });
  router.get('/alliances/:id/ratings/:period/letters.pdf', async (req, res) => {
    const { alliance, state: s } = await state(res, req.params.id, req.params.period);
    const letters = lettersOf(alliance.name, s);
    send(
      res,
      'application/pdf',
      letterFileName(`${periodLabel(s.view.period)}星级评定反馈函（全部单位）`, 'pdf'),
      `letters-${s.view.period}.pdf`,
      await ratingLettersPdf(letters),
    );
  });
  router.get('/alliances/:id/ratings/:period/letters/:file', async (req, res) => {
    const m = /^([0-9a-f]{24})\.(docx|pdf)$/i.exec(req.params.file);
    if (!m) throw new AppError('NOT_FOUND', 'letter not found: ask for <unitId>.docx or <unitId>.pdf');
    const { alliance, state: s } = await state(res, req.params.id, req.params.period);
    const letter = lettersOf(alliance.name, s).find((l) => l.unit.id === m[1]!.toLowerCase());
    if (!letter) throw new AppError('NOT_FOUND', 'this unit was not rated in this period');
    const ext = m[2]!.toLowerCase() as 'docx' | 'pdf';
    const name = letterFileName(`${letter.unit.name}-${periodLabel(letter.period)}星级评定反馈函`, ext);
    const body = ext === 'docx' ? await ratingLetterDocx([letter]) : await ratingLettersPdf([letter]);
    send(
      res,
      ext === 'docx' ? DOCX : 'application/pdf',
      name,
      `letter-${letter.period}-${letter.unit.id}.${ext}`,
      body,
    );
  });
  return router;
}
