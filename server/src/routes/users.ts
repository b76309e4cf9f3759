import { Router } from 'express';
import {
  PageQuerySchema,
  PasswordResetSchema,
  UserCreateSchema,
  UserListQuerySchema,
  type OneTimePassword,
} from '@tongxin/shared';
import { forbidden } from '../commands/errors.js';
import { passwordResetter } from '../commands/passwordChanger.js';
import { userActivationSetter } from '../commands/userActivationSetter.js';
import { userCreator } from '../commands/userCreator.js';
import type { AppContext } from '../context.js';
import { actorOf, perform } from '../http/auth.js';
import { presentUser } from '../presenters/user.js';
import { listableUnits } from '../queries/users.js';
import { peopleView } from '../views/people.js';

export function usersRouter(ctx: AppContext): Router {
  const router = Router();

  // Admins manage accounts; secretaries may look up the people of their own alliances' units to
  // name representatives, never another alliance's. Active people only unless `status` says
  // otherwise: a deactivated person is not offered as a representative or secretary.
  router.get('/users', async (req, res) => {
    const actor = actorOf(res);
    const units = await listableUnits(ctx.db.models, actor);
    if (!units) throw forbidden();
    const q = PageQuerySchema.extend(UserListQuerySchema.shape).parse(req.query);
    if (q.unit && units !== 'all' && !units.includes(q.unit)) throw forbidden('that unit is in none of your alliances');
    res.json(await peopleView(ctx.db.models, actor, units, q));
  });

  router.post('/users', async (req, res) => {
    const { user, oneTimePassword } = await perform(ctx, req, res, (c) =>
      userCreator(c, UserCreateSchema.parse(req.body)),
    );
    res.status(201).json({ ...presentUser(user), ...(oneTimePassword ? { oneTimePassword } : {}) });
  });

  router.post('/users/:id/password', async (req, res) => {
    const { newPassword } = PasswordResetSchema.parse(req.body ?? {});
    const { oneTimePassword } = await perform(ctx, req, res, (c) => passwordResetter(c, req.params.id, newPassword));
    if (!oneTimePassword) return void res.status(204).end();
    const body: OneTimePassword = { oneTimePassword };
    res.json(body);
  });

  router.post('/users/:id/deactivate', async (req, res) => {
    const user = await perform(ctx, req, res, (c) => userActivationSetter(c, req.params.id, false));
    res.json(presentUser(user));
  });

  router.post('/users/:id/reactivate', async (req, res) => {
    const user = await perform(ctx, req, res, (c) => userActivationSetter(c, req.params.id, true));
    res.json(presentUser(user));
  });

  return router;
}
