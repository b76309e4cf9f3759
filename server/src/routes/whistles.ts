import { Router, type Response } from 'express';
import {
  canStillReopen,
  WhistleAgendaSchema,
  WhistleQuerySchema,
  WhistleStatsExportQuerySchema,
  WhistleStatsQuerySchema,
  type WhistleDetail,
  type WhistleStatsView,
} from '@tongxin/shared';
import type { Types } from 'mongoose';
import { readableAlliance } from '../commands/loaders.js';
import { whistleAgendaAdder } from '../commands/whistleAgendaAdder.js';
import { whistleClocksSetter } from '../commands/whistleClocksSetter.js';
import { whistleCloser, whistleReopener } from '../commands/whistleCloser.js';
import { readableWhistle, whistleClocksOf } from '../commands/whistleLoaders.js';
import { whistleProjectMaker } from '../commands/whistleProjectMaker.js';
import { whistleRaiser } from '../commands/whistleRaiser.js';
import { whistleAcknowledger, whistleContactRecorder, whistleReporter } from '../commands/whistleResponder.js';
import type { AppContext } from '../context.js';
import { actorOf, perform } from '../http/auth.js';
import { notifyWhistle } from '../notify/whistleNotifications.js';
import { whistlePolicy } from '../policies/whistle.js';
import { listCsv, listXlsx } from '../presenters/listsExport.js';
import { whistlePage, whistleStatsView, whistleView } from '../views/whistles.js';

const RATE = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

/** The statistics as a sheet: Chinese headings, as the lists' exports are. */
function statsSheet(stats: WhistleStatsView) {
  return {
    name: '吹哨报到统计',
    columns: [
      { header: '统计周期', width: 12 },
      { header: '部门', width: 24 },
      { header: '接哨数', width: 8 },
      { header: '按时签收率', width: 12 },
      { header: '按时报到率', width: 12 },
      { header: '已办结', width: 8 },
      { header: '平均办结用时（小时）', width: 18 },
      { header: '满意', width: 8 },
      { header: '基本满意', width: 10 },
      { header: '不满意', width: 8 },
      { header: '满意率', width: 10 },
    ],
    rows: stats.rows.map((r) => [
      r.period,
      r.unit.name,
      String(r.received),
      RATE(r.ackOnTimeRate),
      RATE(r.reportOnTimeRate),
      String(r.closed),
      r.avgCloseHours === null ? '—' : String(r.avgCloseHours),
      String(r.satisfied),
      String(r.basic),
      String(r.unsatisfied),
      RATE(r.satisfactionRate),
    ]),
  };
}

/** 吹哨报到: whistles, their departments' responses, ratings, statistics and the alliance's clocks. */
export function whistlesRouter(ctx: AppContext): Router {
  const router = Router();
  const { models } = ctx.db;
  const reader = (res: Response) => ({ models, actor: actorOf(res) });

  const detail = async (res: Response, id: string): Promise<WhistleDetail> => {
    const { whistle, alliance } = await readableWhistle(reader(res), id);
    const actor = actorOf(res);
    const now = ctx.clock.now();
    const { reopenDays } = await whistleClocksOf(models, alliance._id);
    const lead = whistle.departments.find((d) => d.role === 'lead');
    const close = whistlePolicy.canClose(actor, alliance, whistle);
    return {
      ...(await whistleView(models, whistle._id, now)),
      can: {
        respondAs: whistle.status === 'open' ? whistlePolicy.respondUnits(actor, alliance, whistle) : [],
        close: close && whistle.status === 'open' && Boolean(lead?.reportedAt),
        reopen: close && whistle.status === 'closed' && canStillReopen(whistle.closedAt ?? null, now, reopenDays),
        reopenUntil: whistle.closedAt ? new Date(whistle.closedAt.getTime() + reopenDays * 86_400_000).toISOString() : null,
        agenda: whistlePolicy.canPutOnAgenda(actor, alliance),
        project: !whistle.project && Boolean(lead) && whistlePolicy.canMakeProject(actor, alliance, String(lead!.unit)),
      },
    };
  };
  const answer = async (res: Response, w: { _id: Types.ObjectId }, status = 200) => res.status(status).json(await detail(res, String(w._id)));

  router.get('/alliances/:id/whistles', async (req, res) => {
    const alliance = await readableAlliance(reader(res), req.params.id);
    const q = WhistleQuerySchema.parse(req.query);
    res.json(await whistlePage(models, alliance._id, q, actorOf(res), alliance, ctx.clock.now()));
  });
  router.post('/alliances/:id/whistles', async (req, res) => {
    const whistle = await perform(ctx, req, res, (c) => whistleRaiser(c, req.params.id, req.body));
    await notifyWhistle(ctx, String(whistle._id), 'summoned').catch((err: unknown) => ctx.log.error({ err }, 'whistle notification failed'));
    await answer(res, whistle, 201);
  });
  router.get('/alliances/:id/whistle-stats', async (req, res) => {
    const alliance = await readableAlliance(reader(res), req.params.id);
    res.json(await whistleStatsView(models, alliance._id, WhistleStatsQuerySchema.parse(req.query), ctx.clock.now()));
  });
  router.get('/alliances/:id/whistle-stats/export', async (req, res) => {
    const alliance = await readableAlliance(reader(res), req.params.id);
    const q = WhistleStatsExportQuerySchema.parse(req.query);
    const sheet = statsSheet(await whistleStatsView(models, alliance._id, q, ctx.clock.now()));
    const name = encodeURIComponent(`${alliance.name}-吹哨报到统计.${q.format}`);
    res.setHeader('Content-Disposition', `attachment; filename="whistle-stats.${q.format}"; filename*=UTF-8''${name}`);
    if (q.format === 'xlsx') {
      res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.send(await listXlsx(sheet));
    } else {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.send(listCsv(sheet));
    }
  });
  router.get('/alliances/:id/whistle-settings', async (req, res) => {
    const alliance = await readableAlliance(reader(res), req.params.id);
    res.json({ clocks: await whistleClocksOf(models, alliance._id), canEdit: whistlePolicy.canSetClocks(actorOf(res), alliance) });
  });
  router.put('/alliances/:id/whistle-settings', async (req, res) => {
    const clocks = await perform(ctx, req, res, (c) => whistleClocksSetter(c, req.params.id, req.body));
    res.json({ clocks, canEdit: true });
  });

  router.get('/whistles/:id', async (req, res) => {
    res.json(await detail(res, req.params.id));
  });
  router.post('/whistles/:id/departments/:unitId/acknowledge', async (req, res) => {
    await answer(res, await perform(ctx, req, res, (c) => whistleAcknowledger(c, req.params.id, req.params.unitId, req.body ?? {})));
  });
  router.post('/whistles/:id/departments/:unitId/contact', async (req, res) => {
    await answer(res, await perform(ctx, req, res, (c) => whistleContactRecorder(c, req.params.id, req.params.unitId, req.body ?? {})));
  });
  router.post('/whistles/:id/departments/:unitId/report', async (req, res) => {
    await answer(res, await perform(ctx, req, res, (c) => whistleReporter(c, req.params.id, req.params.unitId, req.body)), 201);
  });
  router.post('/whistles/:id/close', async (req, res) => {
    const whistle = await perform(ctx, req, res, (c) => whistleCloser(c, req.params.id, req.body));
    await notifyWhistle(ctx, String(whistle._id), 'closed').catch((err: unknown) => ctx.log.error({ err }, 'whistle notification failed'));
    await answer(res, whistle);
  });
  router.post('/whistles/:id/reopen', async (req, res) => {
    await answer(res, await perform(ctx, req, res, (c) => whistleReopener(c, req.params.id, req.body)));
  });
  router.post('/whistles/:id/agenda', async (req, res) => {
    const body = WhistleAgendaSchema.parse(req.body);
    await answer(res, await perform(ctx, req, res, (c) => whistleAgendaAdder(c, ctx.yjs, req.params.id, body)));
  });
  router.post('/whistles/:id/project', async (req, res) => {
    await answer(res, await perform(ctx, req, res, (c) => whistleProjectMaker(c, req.params.id)), 201);
  });
  return router;
}
