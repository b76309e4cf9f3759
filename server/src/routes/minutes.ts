import { Router, type Request, type Response } from 'express';
import { ExportFormatSchema, MinutesConfirmSchema } from '@tongxin/shared';
import { readableMeeting } from '../commands/loaders.js';
import { minutesConfirmer } from '../commands/minutesConfirmer.js';
import { HAS_MINUTES, minutesGenerator } from '../commands/minutesGenerator.js';
import { readableMinutes } from '../commands/minutesLoader.js';
import { minutesPublisher } from '../commands/minutesPublisher.js';
import type { AppContext } from '../context.js';
import { contentDisposition, exportFileName, minutesForExport } from '../exports/minutesExport.js';
import { CONTENT_TYPES, renderMinutes } from '../exports/render.js';
import { actorOf, perform } from '../http/auth.js';
import { minutesFrame, verificationVotes } from '../queries/minutesFrame.js';
import { minutesView } from '../views/minutes.js';

/** 会议纪要: read, confirm or comment, publish, and download as Markdown, DOCX or PDF. */
export function minutesRouter(ctx: AppContext): Router {
  const router = Router();
  const reader = (res: Response) => ({ models: ctx.db.models, actor: actorOf(res) });

  /**
   * The minutes of a meeting the caller may read. Minutes due but missing (their generation at
   * adjournment failed) are generated now; before adjournment there are none (404).
   */
  async function load(req: Request, res: Response) {
    const { meeting, alliance } = await readableMeeting(reader(res), String(req.params.id));
    if (HAS_MINUTES.includes(meeting.status)) {
      const existing = await ctx.db.models.Minutes.exists({ meeting: meeting._id, seeded: true });
      if (!existing) await perform(ctx, req, res, (c) => minutesGenerator({ ...c, yjs: ctx.yjs }, meeting, alliance));
    }
    return readableMinutes(reader(res), String(req.params.id));
  }

  const view = async (res: Response, ids: { meeting: string }) => {
    const { meeting, alliance, minutes } = await readableMinutes(reader(res), ids.meeting);
    return minutesView(ctx.db.models, minutes, meeting, alliance, actorOf(res));
  };

  router.get('/meetings/:id/minutes', async (req, res) => {
    const { meeting, alliance, minutes } = await load(req, res);
    res.json(await minutesView(ctx.db.models, minutes, meeting, alliance, actorOf(res)));
  });

  router.post('/meetings/:id/minutes/confirmations', async (req, res) => {
    const input = MinutesConfirmSchema.parse(req.body);
    await perform(ctx, req, res, (c) => minutesConfirmer(c, req.params.id, input));
    res.json(await view(res, { meeting: req.params.id }));
  });

  router.post('/meetings/:id/minutes/publish', async (req, res) => {
    await perform(ctx, req, res, (c) => minutesPublisher({ ...c, yjs: ctx.yjs }, req.params.id));
    res.json(await view(res, { meeting: req.params.id }));
  });

  /** `minutes.md`, `minutes.docx`, `minutes.pdf`: the published record, or the draft marked 草稿. */
  router.get('/meetings/:id/minutes.:format', async (req, res) => {
    const format = ExportFormatSchema.parse(req.params.format);
    const { minutes } = await load(req, res);
    const [frame, votes] = await Promise.all([
      minutesFrame(ctx.db.models, minutes),
      minutes.status === 'published' ? verificationVotes(ctx.db.models, minutes.meeting) : [],
    ]);
    const m = await minutesForExport(ctx.yjs, minutes, { frame, votes });
    const body = await renderMinutes(format, m);
    res.setHeader('Content-Type', CONTENT_TYPES[format]);
    res.setHeader(
      'Content-Disposition',
      contentDisposition(exportFileName(m, format), `minutes-${req.params.id}.${format}`),
    );
    res.setHeader('Cache-Control', 'no-store');
    res.send(body);
  });

  return router;
}
