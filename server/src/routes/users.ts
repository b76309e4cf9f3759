import { Router } from 'express';
import { IdSchema, PageQuerySchema, PasswordResetSchema, UserCreateSchema } from '@tongxin/shared';
import { forbidden } from '../commands/errors.js';
import { passwordResetter } from '../commands/passwordChanger.js';
import { userCreator } from '../commands/userCreator.js';
import type { AppContext } from '../context.js';
import { actorOf, commandContext } from '../http/auth.js';
import { presentUser } from '../presenters/index.js';
import { paginate } from '../queries/paginate.js';

export function usersRouter(ctx: AppContext): Router {
  const router = Router();
  const { User, Alliance } = ctx.db.models;

  // Admins manage accounts; secretaries may look people up to name representatives.
  router.get('/users', async (req, res) => {
    const actor = actorOf(res);
    if (!actor.isAdmin && !(await Alliance.exists({ secretaries: actor.id }))) throw forbidden();
    const q = PageQuerySchema.extend({ unit: IdSchema.optional() }).parse(req.query);
    res.json(await paginate(User, q.unit ? { unit: q.unit } : {}, { login: 1 }, q, presentUser));
  });

  router.post('/users', async (req, res) => {
    const user = await userCreator(commandContext(ctx, req, res), UserCreateSchema.parse(req.body));
    res.status(201).json(presentUser(user));
  });

  router.post('/users/:id/password', async (req, res) => {
    const { newPassword } = PasswordResetSchema.parse(req.body);
    await passwordResetter(commandContext(ctx, req, res), req.params.id, newPassword);
    res.status(204).end();
  });

  return router;
}
