import { Router } from 'express';
import { PageQuerySchema, UnitInputSchema, UnitListQuerySchema, UnitPatchSchema } from '@tongxin/shared';
import { unitActivationSetter } from '../commands/unitActivationSetter.js';
import { unitCreator } from '../commands/unitCreator.js';
import { unitUpdater } from '../commands/unitUpdater.js';
import { notFound, objectId } from '../commands/errors.js';
import type { AppContext } from '../context.js';
import { actorOf, perform } from '../http/auth.js';
import { presentUnit } from '../presenters/unit.js';
import { paginate } from '../queries/paginate.js';
import { activeFilter, escapeRegex, listableUnits } from '../queries/users.js';

export function unitsRouter(ctx: AppContext): Router {
  const router = Router();
  const { Unit } = ctx.db.models;

  // Every signed-in user may list units: forming alliances and inviting observers needs them.
  // Active units only unless `status` says otherwise: a deactivated unit is not offered for new
  // memberships (existing ones keep showing it).
  router.get('/units', async (req, res) => {
    const q = PageQuerySchema.extend(UnitListQuerySchema.shape).parse(req.query);
    const scope = q.scope === 'people' ? await listableUnits(ctx.db.models, actorOf(res)) : 'all';
    const filter = {
      ...activeFilter(q.status),
      ...(q.q ? { name: { $regex: escapeRegex(q.q), $options: 'i' } } : {}),
      ...(scope === 'all' ? {} : { _id: { $in: scope ?? [] } }),
    };
    res.json(await paginate(Unit, filter, { name: 1 }, q, presentUnit));
  });

  router.post('/units', async (req, res) => {
    const unit = await perform(ctx, req, res, (c) => unitCreator(c, UnitInputSchema.parse(req.body)));
    res.status(201).json(presentUnit(unit));
  });

  router.get('/units/:id', async (req, res) => {
    const unit = await Unit.findById(objectId(req.params.id, 'unit')).lean();
    if (!unit) throw notFound('unit');
    res.json(presentUnit(unit));
  });

  router.patch('/units/:id', async (req, res) => {
    const unit = await perform(ctx, req, res, (c) => unitUpdater(c, req.params.id, UnitPatchSchema.parse(req.body)));
    res.json(presentUnit(unit));
  });

  router.post('/units/:id/deactivate', async (req, res) => {
    const unit = await perform(ctx, req, res, (c) => unitActivationSetter(c, req.params.id, false));
    res.json(presentUnit(unit));
  });

  router.post('/units/:id/reactivate', async (req, res) => {
    const unit = await perform(ctx, req, res, (c) => unitActivationSetter(c, req.params.id, true));
    res.json(presentUnit(unit));
  });

  return router;
}
