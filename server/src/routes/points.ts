import { Router, type Response } from 'express';
import { periodKey, periodRange, PeriodKeySchema, PointEntriesQuerySchema, type PointScheme } from '@tongxin/shared';
import { z } from 'zod';
import { readableAlliance } from '../commands/loaders.js';
import { pointSchemeSetter } from '../commands/pointSchemeSetter.js';
import { pointsEvidenceUploader, pointsManualEntrier } from '../commands/pointsManualEntrier.js';
import { pointsRebuilder } from '../commands/pointsRebuilder.js';
import { pointsVoider } from '../commands/pointsVoider.js';
import type { AppContext } from '../context.js';
import { receiveEvidence } from '../http/evidenceUpload.js';
import { actorOf, perform } from '../http/auth.js';
import { rebuildAlliance } from '../points/pointsProjector.js';
import { pointsPolicy } from '../policies/points.js';
import { presentEvidence } from '../presenters/evidence.js';
import { schemeOf } from '../queries/pointScheme.js';
import { pointTotalsFor } from '../queries/pointTotals.js';
import { pointEntriesPage, pointEntryViews, type PointEntryLean } from '../views/points.js';

const TotalsQuerySchema = z.object({ period: PeriodKeySchema.optional() });

/** 积分: totals per period, the ledger, manual entries and their withdrawal, the scheme, recomputing. */
export function pointsRouter(ctx: AppContext): Router {
  const router = Router();
  const { models, connection } = ctx.db;
  const reader = (res: Response) => ({ models, actor: actorOf(res) });
  const entryView = async (entry: PointEntryLean) => (await pointEntryViews(models, connection, [entry]))[0]!;
  const schemeAnswer = (res: Response, alliance: Parameters<typeof pointsPolicy.canManage>[1], scheme: PointScheme) => ({
    scheme,
    can: { manage: pointsPolicy.canManage(actorOf(res), alliance) },
  });

  router.get('/alliances/:id/points', async (req, res) => {
    const alliance = await readableAlliance(reader(res), req.params.id);
    const q = TotalsQuerySchema.parse(req.query);
    const period = q.period ?? periodKey(ctx.clock.now(), 'quarter');
    const totals = await pointTotalsFor(models, alliance, period);
    res.json({ ...totals, can: { manage: pointsPolicy.canManage(actorOf(res), alliance) } });
  });

  router.get('/alliances/:id/points/entries', async (req, res) => {
    const alliance = await readableAlliance(reader(res), req.params.id);
    const q = PointEntriesQuerySchema.parse(req.query);
    const range = periodRange(q.period)!;
    res.json(await pointEntriesPage(models, connection, alliance._id, { ...q, start: range.start, end: range.end }));
  });

  router.post('/alliances/:id/points/manual', async (req, res) => {
    const entry = await perform(ctx, req, res, (c) => pointsManualEntrier(c, req.params.id, req.body));
    res.status(201).json(await entryView(entry as unknown as PointEntryLean));
  });

  /** Files for a manual entry about to be made: `multipart/form-data`, field `file`, 1–6 files of ≤ 10 MB. */
  router.post('/alliances/:id/points/evidence', async (req, res) => {
    const files = await perform(ctx, req, res, (c) => pointsEvidenceUploader(c, req.params.id, () => receiveEvidence(req)));
    res.status(201).json({ files: files.map(presentEvidence) });
  });

  router.post('/points/:entryId/void', async (req, res) => {
    const entry = await perform(ctx, req, res, (c) => pointsVoider(c, req.params.entryId, req.body ?? {}));
    res.json(await entryView(entry as unknown as PointEntryLean));
  });

  router.get('/alliances/:id/points/scheme', async (req, res) => {
    const alliance = await readableAlliance(reader(res), req.params.id);
    res.json(schemeAnswer(res, alliance, schemeOf(alliance)));
  });

  router.put('/alliances/:id/points/scheme', async (req, res) => {
    const scheme = await perform(ctx, req, res, (c) => pointSchemeSetter(c, req.params.id, req.body));
    const alliance = await readableAlliance(reader(res), req.params.id);
    res.json(schemeAnswer(res, alliance, scheme));
  });

  router.post('/alliances/:id/points/rebuild', async (req, res) => {
    res.json(await perform(ctx, req, res, (c) => pointsRebuilder(c, req.params.id, (id) => rebuildAlliance(models, id))));
  });

  return router;
}
