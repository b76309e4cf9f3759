import { Router } from 'express';
import { PageQuerySchema, UnitInputSchema, UnitPatchSchema } from '@tongxin/shared';
import { unitCreator } from '../commands/unitCreator.js';
import { unitUpdater } from '../commands/unitUpdater.js';
import { notFound, objectId } from '../commands/errors.js';
import type { AppContext } from '../context.js';
import { perform } from '../http/auth.js';
import { presentUnit } from '../presenters/unit.js';
import { paginate } from '../queries/paginate.js';

export function unitsRouter(ctx: AppContext): Router {
  const router = Router();
  const { Unit } = ctx.db.models;

  // Every signed-in user may list units: forming alliances and inviting observers needs them.
  router.get('/units', async (req, res) => {
    const q = PageQuerySchema.extend({ q: UnitPatchSchema.shape.name.optional() }).parse(req.query);
    const filter = q.q ? { name: { $regex: escapeRegex(q.q) } } : {};
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

  return router;
}

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
