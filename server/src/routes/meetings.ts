import { Router } from 'express';
import { MeetingPatchSchema } from '@tongxin/shared';
import { z } from 'zod';
import { readableMeeting } from '../commands/loaders.js';
import { meetingTransitioner, meetingUpdater } from '../commands/meetingUpdater.js';
import type { AppContext } from '../context.js';
import { actorOf, perform } from '../http/auth.js';
import { presentMeeting } from '../presenters/index.js';

/** Transitions open to REST; start and adjourn happen in the live room. */
const RestTransitionSchema = z.enum(['schedule', 'cancel']);

export function meetingsRouter(ctx: AppContext): Router {
  const router = Router();
  const { Meeting } = ctx.db.models;
  const view = async (id: unknown) => presentMeeting((await Meeting.findById(id).populate('convenerUnit', 'name').lean())!);

  router.get('/meetings/:id', async (req, res) => {
    const { meeting } = await readableMeeting({ models: ctx.db.models, actor: actorOf(res) }, req.params.id);
    res.json(await view(meeting._id));
  });

  router.patch('/meetings/:id', async (req, res) => {
    const m = await perform(ctx, req, res, (c) => meetingUpdater(c, req.params.id, MeetingPatchSchema.parse(req.body)));
    res.json(await view(m._id));
  });

  for (const transition of RestTransitionSchema.options) {
    router.post(`/meetings/:id/${transition}`, async (req, res) => {
      const m = await perform(ctx, req, res, (c) => meetingTransitioner(c, req.params.id, transition));
      res.json(await view(m._id));
    });
  }

  return router;
}
