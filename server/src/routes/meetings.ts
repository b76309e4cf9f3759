import { Router } from 'express';
import { MeetingPatchSchema } from '@tongxin/shared';
import { z } from 'zod';
import { readableMeeting } from '../commands/loaders.js';
import { meetingTransitioner, meetingUpdater } from '../commands/meetingUpdater.js';
import type { AppContext } from '../context.js';
import { actorOf, commandContext } from '../http/auth.js';
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
    const m = await meetingUpdater(commandContext(ctx, req, res), req.params.id, MeetingPatchSchema.parse(req.body));
    // Invited observers (列席) may have changed, and with them who may read the meeting.
    await ctx.access.changed({ kind: 'meeting', meetingId: String(m._id), readersChanged: true });
    res.json(await view(m._id));
  });

  for (const transition of RestTransitionSchema.options) {
    router.post(`/meetings/:id/${transition}`, async (req, res) => {
      const m = await meetingTransitioner(commandContext(ctx, req, res), req.params.id, transition);
      await ctx.access.changed({ kind: 'meeting', meetingId: String(m._id) });
      res.json(await view(m._id));
    });
  }

  return router;
}
