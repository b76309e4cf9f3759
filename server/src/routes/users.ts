import { Router } from 'express';
import { IdSchema, PageQuerySchema, PasswordResetSchema, UserCreateSchema } from '@tongxin/shared';
import { forbidden } from '../commands/errors.js';
import { passwordResetter } from '../commands/passwordChanger.js';
import { userCreator } from '../commands/userCreator.js';
import type { AppContext } from '../context.js';
import { actorOf, perform } from '../http/auth.js';
import { presentUser } from '../presenters/user.js';
import { paginate } from '../queries/paginate.js';
import { listableUnits } from '../queries/users.js';

export function usersRouter(ctx: AppContext): Router {
  const router = Router();
  const { User } = ctx.db.models;

  // Admins manage accounts; secretaries may look up the people of their own alliances' units to
  // name representatives, never another alliance's.
  router.get('/users', async (req, res) => {
    const actor = actorOf(res);
    const units = await listableUnits(ctx.db.models, actor);
    if (!units) throw forbidden();
    const q = PageQuerySchema.extend({ unit: IdSchema.optional() }).parse(req.query);
    if (q.unit && units !== 'all' && !units.includes(q.unit)) throw forbidden('that unit is in none of your alliances');
    const filter = q.unit ? { unit: q.unit } : units === 'all' ? {} : { unit: { $in: units } };
    res.json(await paginate(User, filter, { login: 1 }, q, (u) => presentUser(u, { withAdminFlag: actor.isAdmin })));
  });

  router.post('/users', async (req, res) => {
    const user = await perform(ctx, req, res, (c) => userCreator(c, UserCreateSchema.parse(req.body)));
    res.status(201).json(presentUser(user));
  });

  router.post('/users/:id/password', async (req, res) => {
    const { newPassword } = PasswordResetSchema.parse(req.body);
    await perform(ctx, req, res, (c) => passwordResetter(c, req.params.id, newPassword));
    res.status(204).end();
  });

  return router;
}
