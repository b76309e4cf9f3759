import { Router, type Response } from 'express';
import {
  DemandPatchSchema,
  ListCategoriesSchema,
  ListExportQuerySchema,
  ListQuerySchema,
  MilestoneInputSchema,
  MilestonePatchSchema,
  ProjectAgendaSchema,
  ProjectProgressSchema,
  ProjectStatusBodySchema,
  ResourcePatchSchema,
  type DemandDetail,
  type ListQuery,
  type ProjectDetail,
  type ProjectLedger,
} from '@tongxin/shared';
import type { Types } from 'mongoose';
import { demandCreator } from '../commands/demandCreator.js';
import { demandEditor } from '../commands/demandEditor.js';
import { demandOfferAccepter } from '../commands/demandOfferAccepter.js';
import { demandOfferer } from '../commands/demandOfferer.js';
import { demandTransitioner } from '../commands/demandTransitioner.js';
import { listCategoriesSetter } from '../commands/listCategoriesSetter.js';
import { listCategoriesOf, readableDemand, readableProject, readableResource } from '../commands/listLoaders.js';
import { readableAlliance } from '../commands/loaders.js';
import { projectAgendaAdder } from '../commands/projectAgendaAdder.js';
import { projectCreator } from '../commands/projectCreator.js';
import { projectMilestoneAdder, projectMilestoneSetter, projectProgressReporter, projectTransitioner } from '../commands/projectUpdaters.js';
import { resourceCreator } from '../commands/resourceCreator.js';
import { resourceEditor } from '../commands/resourceEditor.js';
import type { AppContext } from '../context.js';
import { listCsv, listSheet, listXlsx } from '../presenters/listsExport.js';
import { actorOf, perform } from '../http/auth.js';
import { listPolicy } from '../policies/lists.js';
import {
  demandPage,
  demandView,
  listAll,
  listFilter,
  projectPage,
  projectView,
  resourcePage,
  resourceView,
  suggestionsFor,
  type ListKind,
} from '../views/lists.js';
import { ledgerProjects } from '../views/ledger.js';

const PLURAL: Record<ListKind, string> = { demand: 'demands', resource: 'resources', project: 'projects' };
const FILE_NAME: Record<ListKind, string> = { demand: '需求清单', resource: '资源清单', project: '项目清单' };

/** 三张清单: demands (需求), resources (资源) and joint projects (共建项目) of an alliance. */
export function listsRouter(ctx: AppContext): Router {
  const router = Router();
  const { models } = ctx.db;
  const reader = (res: Response) => ({ models, actor: actorOf(res) });

  const demandDetail = async (res: Response, id: string): Promise<DemandDetail> => {
    const { demand, alliance } = await readableDemand(reader(res), id);
    const actor = actorOf(res);
    const view = await demandView(models, demand._id);
    return {
      ...view,
      can: {
        edit: listPolicy.canEditDemand(actor, alliance, demand),
        transitions: listPolicy.demandTransitions(actor, alliance, demand),
        offerAs: demand.status === 'open' ? listPolicy.offerUnits(actor, alliance).filter((u) => u !== String(demand.unit)) : [],
        accept: demand.status === 'open' && listPolicy.canAccept(actor, alliance, demand),
      },
    };
  };
  const projectDetail = async (res: Response, id: string): Promise<ProjectDetail> => {
    const { project, alliance } = await readableProject(reader(res), id);
    const actor = actorOf(res);
    return {
      ...(await projectView(models, project._id, ctx.clock.now())),
      can: {
        edit: listPolicy.canEditProject(actor, alliance, project),
        statuses: listPolicy.projectStatuses(actor, alliance, project),
        agenda: listPolicy.canPutOnAgenda(actor, alliance),
      },
    };
  };

  router.get('/alliances/:id/list-categories', async (req, res) => {
    const alliance = await readableAlliance(reader(res), req.params.id);
    res.json({ categories: listCategoriesOf(alliance), canEdit: listPolicy.canSetCategories(actorOf(res), alliance) });
  });
  router.put('/alliances/:id/list-categories', async (req, res) => {
    const body = ListCategoriesSchema.parse(req.body);
    const categories = await perform(ctx, req, res, (c) => listCategoriesSetter(c, req.params.id, body));
    res.json({ categories, canEdit: true });
  });

  // The lists, their filters and exports: one shape for the three.
  const pages: Record<ListKind, (m: typeof models, f: Record<string, unknown>, q: ListQuery, now: Date) => Promise<unknown>> = {
    demand: demandPage,
    resource: resourcePage,
    project: projectPage,
  };
  for (const kind of ['demand', 'resource', 'project'] as const) {
    router.get(`/alliances/:id/${PLURAL[kind]}`, async (req, res) => {
      const alliance = await readableAlliance(reader(res), req.params.id);
      const q = ListQuerySchema.parse(req.query);
      res.json(await pages[kind](models, listFilter(kind, alliance._id, q, actorOf(res), alliance), q, ctx.clock.now()));
    });
    router.get(`/alliances/:id/${PLURAL[kind]}/export`, async (req, res) => {
      const alliance = await readableAlliance(reader(res), req.params.id);
      const q = ListExportQuerySchema.parse(req.query);
      const sheet = listSheet(kind, await listAll(models, kind, listFilter(kind, alliance._id, q, actorOf(res), alliance), q.q, ctx.clock.now()));
      const name = encodeURIComponent(`${alliance.name}-${FILE_NAME[kind]}.${q.format}`);
      res.setHeader('Content-Disposition', `attachment; filename="${PLURAL[kind]}.${q.format}"; filename*=UTF-8''${name}`);
      if (q.format === 'xlsx') {
        res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        res.send(await listXlsx(sheet));
      } else {
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        res.send(listCsv(sheet));
      }
    });
  }

  // 需求
  router.post('/alliances/:id/demands', async (req, res) => {
    const demand = await perform(ctx, req, res, (c) => demandCreator(c, req.params.id, req.body));
    res.status(201).json(await demandDetail(res, String(demand._id)));
  });
  router.get('/demands/:id', async (req, res) => {
    res.json(await demandDetail(res, req.params.id));
  });
  router.patch('/demands/:id', async (req, res) => {
    const patch = DemandPatchSchema.parse(req.body);
    const demand = await perform(ctx, req, res, (c) => demandEditor(c, req.params.id, patch));
    res.json(await demandDetail(res, String(demand._id)));
  });
  router.post('/demands/:id/transition', async (req, res) => {
    const demand = await perform(ctx, req, res, (c) => demandTransitioner(c, req.params.id, req.body));
    res.json(await demandDetail(res, String(demand._id)));
  });
  /** 认领 / 提供资源 */
  router.post('/demands/:id/offers', async (req, res) => {
    const demand = await perform(ctx, req, res, (c) => demandOfferer(c, req.params.id, req.body));
    res.status(201).json(await demandDetail(res, String(demand._id)));
  });
  router.post('/demands/:id/offers/:offerId/accept', async (req, res) => {
    const demand = await perform(ctx, req, res, (c) => demandOfferAccepter(c, req.params.id, req.params.offerId));
    res.json(await demandDetail(res, String(demand._id)));
  });
  /** 推荐资源, best first, with the reasons. */
  router.get('/demands/:id/suggestions', async (req, res) => {
    const { demand } = await readableDemand(reader(res), req.params.id);
    res.json(await suggestionsFor(models, demand, ctx.clock.now()));
  });

  // 资源
  router.post('/alliances/:id/resources', async (req, res) => {
    const resource = await perform(ctx, req, res, (c) => resourceCreator(c, req.params.id, req.body));
    res.status(201).json(await resourceView(models, resource._id));
  });
  router.get('/resources/:id', async (req, res) => {
    const { resource, alliance } = await readableResource(reader(res), req.params.id);
    res.json({ ...(await resourceView(models, resource._id)), can: { edit: listPolicy.canWriteFor(actorOf(res), alliance, String(resource.unit)) } });
  });
  router.patch('/resources/:id', async (req, res) => {
    const patch = ResourcePatchSchema.parse(req.body);
    const resource = await perform(ctx, req, res, (c) => resourceEditor(c, req.params.id, patch));
    res.json(await resourceView(models, resource._id));
  });

  // 共建项目
  const projectAnswer = async (res: Response, p: { _id: Types.ObjectId }, status = 200) =>
    res.status(status).json(await projectDetail(res, String(p._id)));
  router.post('/alliances/:id/projects', async (req, res) => {
    await projectAnswer(res, await perform(ctx, req, res, (c) => projectCreator(c, req.params.id, req.body)), 201);
  });
  // 工作台账 · 共建项目: the projects under way beside the action items, next milestone first.
  router.get('/alliances/:id/ledger/projects', async (req, res) => {
    const alliance = await readableAlliance(reader(res), req.params.id);
    const ledger: ProjectLedger = await ledgerProjects(models, alliance._id, ctx.clock.now());
    res.json(ledger);
  });
  router.get('/projects/:id', async (req, res) => {
    res.json(await projectDetail(res, req.params.id));
  });
  router.post('/projects/:id/progress', async (req, res) => {
    const body = ProjectProgressSchema.parse(req.body);
    await projectAnswer(res, await perform(ctx, req, res, (c) => projectProgressReporter(c, req.params.id, body)), 201);
  });
  router.post('/projects/:id/milestones', async (req, res) => {
    const body = MilestoneInputSchema.parse(req.body);
    await projectAnswer(res, await perform(ctx, req, res, (c) => projectMilestoneAdder(c, req.params.id, body)), 201);
  });
  router.patch('/projects/:id/milestones/:milestoneId', async (req, res) => {
    const body = MilestonePatchSchema.parse(req.body);
    await projectAnswer(res, await perform(ctx, req, res, (c) => projectMilestoneSetter(c, req.params.id, req.params.milestoneId, body)));
  });
  router.post('/projects/:id/transition', async (req, res) => {
    const body = ProjectStatusBodySchema.parse(req.body);
    await projectAnswer(res, await perform(ctx, req, res, (c) => projectTransitioner(c, req.params.id, body)));
  });
  /** 列入会议议程 */
  router.post('/projects/:id/agenda', async (req, res) => {
    const body = ProjectAgendaSchema.parse(req.body);
    await projectAnswer(res, await perform(ctx, req, res, (c) => projectAgendaAdder(c, ctx.yjs, req.params.id, body)));
  });

  return router;
}
