import { Router, type Response } from 'express';
import { MeetingPatchSchema, MeetingRescheduleSchema, type MeetingDetail } from '@tongxin/shared';
import { z } from 'zod';
import { readableMeeting } from '../commands/loaders.js';
import { meetingRescheduler } from '../commands/meetingRescheduler.js';
import { meetingTransitioner, meetingUpdater } from '../commands/meetingUpdater.js';
import type { AppContext } from '../context.js';
import { actorOf, perform } from '../http/auth.js';
import { meetingAbilities } from '../policies/abilities.js';
import { presentMeeting } from '../presenters/meeting.js';

/** Transitions open to REST; start and adjourn happen in the live room. */
const RestTransitionSchema = z.enum(['schedule', 'cancel']);

export function meetingsRouter(ctx: AppContext): Router {
  const router = Router();
  const { Meeting } = ctx.db.models;
  /** The meeting as its screen reads it, with what this viewer may do with it now. */
  const view = async (res: Response, id: unknown): Promise<MeetingDetail> => {
    const { meeting, alliance } = await readableMeeting({ models: ctx.db.models, actor: actorOf(res) }, String(id));
    const populated = await Meeting.findById(meeting._id).populate('convenerUnit', 'name').lean();
    return { ...presentMeeting(populated!), can: meetingAbilities(actorOf(res), alliance, meeting) };
  };

  router.get('/meetings/:id', async (req, res) => {
    res.json(await view(res, req.params.id));
  });

  router.patch('/meetings/:id', async (req, res) => {
    const m = await perform(ctx, req, res, (c) => meetingUpdater(c, req.params.id, MeetingPatchSchema.parse(req.body)));
    res.json(await view(res, m._id));
  });

  /** 改期: a scheduled meeting moves; the alliance channel hears `meeting:rescheduled`. */
  router.post('/meetings/:id/reschedule', async (req, res) => {
    const m = await perform(ctx, req, res, (c) => meetingRescheduler(c, req.params.id, MeetingRescheduleSchema.parse(req.body)));
    res.json(await view(res, m._id));
  });

  for (const transition of RestTransitionSchema.options) {
    router.post(`/meetings/:id/${transition}`, async (req, res) => {
      const m = await perform(ctx, req, res, (c) => meetingTransitioner(c, req.params.id, transition));
      res.json(await view(res, m._id));
    });
  }

  return router;
}
