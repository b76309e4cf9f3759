import { Router } from 'express';
import {
  ActionItemCreateSchema,
  ActionItemExtendSchema,
  ActionItemPatchSchema,
  ActionItemTransitionBodySchema,
  ExtensionDecisionSchema,
  ExtensionRequestCreateSchema,
  IdSchema,
  LedgerQuerySchema,
  NudgeCreateSchema,
  ProgressReportSchema,
  type ActionItemStatus,
} from '@tongxin/shared';
import { actionItemAcknowledger } from '../commands/actionItemAcknowledger.js';
import { actionItemCreator } from '../commands/actionItemCreator.js';
import { actionItemDeleter } from '../commands/actionItemDeleter.js';
import { actionItemEditor } from '../commands/actionItemEditor.js';
import { actionItemExtender } from '../commands/actionItemExtender.js';
import { actionItemExtensionDecider } from '../commands/actionItemExtensionDecider.js';
import { actionItemExtensionRequester } from '../commands/actionItemExtensionRequester.js';
import { actionItemNudger } from '../commands/actionItemNudger.js';
import { itemFacts, readableActionItem } from '../commands/actionItemLoader.js';
import { actionItemProgressReporter } from '../commands/actionItemProgressReporter.js';
import { actionItemTransitioner } from '../commands/actionItemTransitioner.js';
import { readableAlliance } from '../commands/loaders.js';
import type { AppContext } from '../context.js';
import { actorOf, perform } from '../http/auth.js';
import { actionItemAbilities } from '../policies/abilities.js';
import { partAbilities } from '../policies/actionItemPart.js';
import { ledgerCsv } from '../presenters/ledgerCsv.js';
import { ledgerXlsx } from '../presenters/ledgerXlsx.js';
import { readableAllianceIds } from '../queries/actionItems.js';
import { actionItemView } from '../views/actionItem.js';
import { ledgerAll, ledgerPage } from '../views/ledger.js';
import type { Types } from 'mongoose';

/** 督办事项 and the work ledger (工作台账). */
export function actionItemsRouter(ctx: AppContext): Router {
  const router = Router();
  const { models } = ctx.db;
  const reader = (res: Parameters<typeof actorOf>[0]) => ({ models, actor: actorOf(res) });
  /** The item as everyone sees it (the rooms that show it heard of the change from the event bus). */
  const view = (id: Types.ObjectId) => actionItemView(models, id, ctx.clock.now());
  /** The item for its own page: as everyone sees it, and what this viewer may do with it now. */
  const detail = async (res: Parameters<typeof actorOf>[0], id: string) => {
    const { item, alliance, convenerUnit } = await readableActionItem(reader(res), id);
    const can = {
      ...actionItemAbilities(actorOf(res), alliance, itemFacts(item, convenerUnit)),
      ...partAbilities(actorOf(res), alliance, { leadUnit: item.leadUnit, convenerUnit, cooperatingUnits: item.cooperatingUnits }, item.status as ActionItemStatus),
    };
    return { ...(await view(item._id)), can };
  };

  router.get('/alliances/:id/action-items', async (req, res) => {
    const alliance = await readableAlliance(reader(res), req.params.id);
    res.json(await ledgerPage(models, { alliance: alliance._id }, LedgerQuerySchema.parse(req.query), ctx.clock.now()));
  });

  router.get('/alliances/:id/action-items.csv', async (req, res) => {
    const alliance = await readableAlliance(reader(res), req.params.id);
    const items = await ledgerAll(models, { alliance: alliance._id }, LedgerQuerySchema.parse(req.query), ctx.clock.now());
    const name = encodeURIComponent(`${alliance.name}-工作台账.csv`);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="ledger.csv"; filename*=UTF-8''${name}`);
    res.send(ledgerCsv(items));
  });

  /** The same ledger as an Excel workbook, the lights as coloured cells; same filters as the CSV. */
  router.get('/alliances/:id/action-items.xlsx', async (req, res) => {
    const alliance = await readableAlliance(reader(res), req.params.id);
    const items = await ledgerAll(models, { alliance: alliance._id }, LedgerQuerySchema.parse(req.query), ctx.clock.now());
    const name = encodeURIComponent(`${alliance.name}-工作台账.xlsx`);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="ledger.xlsx"; filename*=UTF-8''${name}`);
    res.send(await ledgerXlsx(items));
  });

  router.post('/alliances/:id/action-items', async (req, res) => {
    const body = ActionItemCreateSchema.parse(req.body);
    const item = await perform(ctx, req, res, (c) => actionItemCreator(c, { ...body, allianceId: req.params.id }));
    res.status(201).json(await view(item._id));
  });

  /** A unit's own ledger: what it leads or cooperates on, across the alliances the caller may read. */
  router.get('/units/:id/action-items', async (req, res) => {
    const unit = IdSchema.parse(req.params.id);
    const alliances = await readableAllianceIds(models, actorOf(res));
    const scope = {
      $or: [{ leadUnit: unit }, { cooperatingUnits: unit }],
      ...(alliances ? { alliance: { $in: alliances } } : {}),
    };
    res.json(await ledgerPage(models, scope, LedgerQuerySchema.parse(req.query), ctx.clock.now()));
  });

  router.get('/action-items/:id', async (req, res) => {
    res.json(await detail(res, req.params.id));
  });

  router.post('/action-items/:id/progress', async (req, res) => {
    const item = await perform(ctx, req, res, (c) => actionItemProgressReporter(c, req.params.id, ProgressReportSchema.parse(req.body)));
    res.status(201).json(await detail(res, String(item._id)));
  });

  router.post('/action-items/:id/transition', async (req, res) => {
    const item = await perform(ctx, req, res, (c) => actionItemTransitioner(c, req.params.id, ActionItemTransitionBodySchema.parse(req.body)));
    res.json(await detail(res, String(item._id)));
  });

  /** Corrects title, description, measures, responsible person or cooperating units, with a reason. */
  router.patch('/action-items/:id', async (req, res) => {
    const item = await perform(ctx, req, res, (c) => actionItemEditor(c, req.params.id, ActionItemPatchSchema.parse(req.body)));
    res.json(await detail(res, String(item._id)));
  });

  /** 延期: a later deadline with a reason; the old one stays in the item's deadline history. */
  router.post('/action-items/:id/extend', async (req, res) => {
    const item = await perform(ctx, req, res, (c) => actionItemExtender(c, req.params.id, ActionItemExtendSchema.parse(req.body)));
    res.json(await detail(res, String(item._id)));
  });

  /** 签收: a person of the lead unit accepts the item (once). */
  router.post('/action-items/:id/acknowledge', async (req, res) => {
    const item = await perform(ctx, req, res, (c) => actionItemAcknowledger(c, req.params.id));
    res.json(await detail(res, String(item._id)));
  });

  /** 延期申请: the lead unit asks for a later deadline `{to, reason}`; one waits at a time. */
  router.post('/action-items/:id/extension-requests', async (req, res) => {
    const body = ExtensionRequestCreateSchema.parse(req.body);
    const item = await perform(ctx, req, res, (c) => actionItemExtensionRequester(c, req.params.id, body));
    res.status(201).json(await detail(res, String(item._id)));
  });

  /** 审批: a supervisor approves (the deadline moves) or refuses `{approve, note}`. */
  router.post('/action-items/:id/extension-requests/:requestId/decision', async (req, res) => {
    const body = ExtensionDecisionSchema.parse(req.body);
    const item = await perform(ctx, req, res, (c) =>
      actionItemExtensionDecider(c, req.params.id, req.params.requestId, body),
    );
    res.json(await detail(res, String(item._id)));
  });

  /** 催办: a supervisor reminds the lead unit `{note}`; one per item in ten minutes (else 429). */
  router.post('/action-items/:id/nudges', async (req, res) => {
    const body = NudgeCreateSchema.parse(req.body);
    const item = await perform(ctx, req, res, (c) => actionItemNudger(c, req.params.id, body));
    res.status(201).json(await detail(res, String(item._id)));
  });

  /** Only while nothing has happened to the item; otherwise 409 INVALID_STATE, and it is cancelled instead. */
  router.delete('/action-items/:id', async (req, res) => {
    await perform(ctx, req, res, (c) => actionItemDeleter(c, req.params.id));
    res.status(204).end();
  });

  return router;
}
