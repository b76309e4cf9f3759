import { Router, type Response } from 'express';
import { PartResponsibleSchema, ProgressReportSchema, type ActionItemStatus, type RecordEvidence } from '@tongxin/shared';
import { Types } from 'mongoose';
import { itemFacts, readableActionItem } from '../commands/actionItemLoader.js';
import { actionItemPartEditor } from '../commands/actionItemPartEditor.js';
import { actionItemPartReporter } from '../commands/actionItemPartReporter.js';
import { notFound } from '../commands/errors.js';
import { evidenceUploader } from '../commands/evidenceUploader.js';
import { readableDemand } from '../commands/listLoaders.js';
import {
  demandEvidenceAdder,
  demandEvidenceRemover,
  removableEvidence,
  whistleEvidenceAdder,
  whistleEvidenceRemover,
} from '../commands/recordEvidenceAdder.js';
import { readableWhistle } from '../commands/whistleLoaders.js';
import { readableAlliance } from '../commands/loaders.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { evidenceBucket, evidenceFiles, ownerOf, recordEvidence } from '../db/evidence.js';
import { receiveEvidence } from '../http/evidenceUpload.js';
import { presentEvidence } from '../presenters/evidence.js';
import { actorOf, perform } from '../http/auth.js';
import { actionItemAbilities } from '../policies/abilities.js';
import { partAbilities } from '../policies/actionItemPart.js';
import { listPolicy } from '../policies/lists.js';
import { whistlePolicy } from '../policies/whistle.js';
import { actionItemView } from '../views/actionItem.js';

/**
 * `Content-Disposition` with the name kept whole: an ASCII stand-in for old clients and the UTF-8
 * name as RFC 5987 `filename*` (a Chinese file name arrives as it was sent).
 */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'file';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** 佐证材料 (GridFS) and the cooperating units' parts of an action item. */
export function evidenceRouter(ctx: AppContext): Router {
  const router = Router();
  const { models } = ctx.db;
  const detail = async (res: Response, id: string) => {
    const { item, alliance, convenerUnit } = await readableActionItem({ models, actor: actorOf(res) }, id);
    const can = {
      ...actionItemAbilities(actorOf(res), alliance, itemFacts(item, convenerUnit)),
      ...partAbilities(actorOf(res), alliance, { leadUnit: item.leadUnit, convenerUnit, cooperatingUnits: item.cooperatingUnits }, item.status as ActionItemStatus),
    };
    return { ...(await actionItemView(models, item._id, ctx.clock.now())), can };
  };

  /** Upload files for a report about to be sent: `multipart/form-data`, field `file`, 1–6 files of ≤ 10 MB. */
  router.post('/action-items/:id/evidence', async (req, res) => {
    const files = await perform(ctx, req, res, (c) => evidenceUploader(c, req.params.id, () => receiveEvidence(req)));
    res.status(201).json({ files: files.map(presentEvidence) });
  });

  /**
   * A stored file, for readers of its item's alliance (anyone else: 404, as if it did not exist).
   * An upload no report carries yet is its uploader's only. Images open in the page; other files
   * download. The browser never guesses the type (`nosniff`) and the file runs nothing (CSP).
   */
  router.get('/evidence/:fileId', async (req, res) => {
    const actor = actorOf(res);
    if (!/^[0-9a-f]{24}$/i.test(req.params.fileId)) throw notFound('file');
    const id = new Types.ObjectId(req.params.fileId);
    const file = await evidenceFiles(ctx.db.connection).findOne({ _id: id });
    if (!file) throw notFound('file');
    const meta = file.metadata;
    if (meta.attachedTo === null && String(meta.uploader) !== actor.id) throw notFound('file');
    try {
      // The owner decides who reads: its alliance's readers, while the owner still exists.
      const owner = ownerOf(meta);
      if (owner === 'demand') await readableDemand({ models, actor }, String(meta.item));
      else if (owner === 'whistle') await readableWhistle({ models, actor }, String(meta.item));
      else await readableAlliance({ models, actor }, String(meta.alliance));
    } catch (err) {
      if (err instanceof AppError) throw notFound('file');
      throw err;
    }
    res.setHeader('Content-Type', meta.contentType);
    res.setHeader('Content-Length', String(file.length));
    res.setHeader('Content-Disposition', contentDisposition(meta.kind === 'image' ? 'inline' : 'attachment', file.filename));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Cache-Control', 'private, max-age=3600');
    const stream = evidenceBucket(ctx.db.connection).openDownloadStream(id);
    stream.on('error', (err) => {
      ctx.log.error({ err, file: String(id) }, 'evidence download failed');
      res.destroy(err);
    });
    stream.pipe(res);
  });

  /** 需求附件: the raising unit adds files, attached to the demand at once (same limits as a report). */
  router.post('/demands/:id/evidence', async (req, res) => {
    const files = await perform(ctx, req, res, (c) => demandEvidenceAdder(c, req.params.id, () => receiveEvidence(req)));
    res.status(201).json({ files: files.map(presentEvidence) });
  });
  router.get('/demands/:id/evidence', async (req, res) => {
    const actor = actorOf(res);
    const { demand, alliance } = await readableDemand({ models, actor }, req.params.id);
    const files = await recordEvidence(ctx.db.connection, 'demand', demand._id);
    const canAdd = listPolicy.canEditDemand(actor, alliance, demand);
    res.json({ files: files.map(presentEvidence), canAdd, canRemove: removableEvidence(actor, alliance, canAdd, files) } satisfies RecordEvidence);
  });
  router.delete('/demands/:id/evidence/:fileId', async (req, res) => {
    await perform(ctx, req, res, (c) => demandEvidenceRemover(c, req.params.id, req.params.fileId));
    res.status(204).end();
  });

  /** 吹哨佐证: the whistling unit and the summoned departments add files, attached at once. */
  router.post('/whistles/:id/evidence', async (req, res) => {
    const files = await perform(ctx, req, res, (c) => whistleEvidenceAdder(c, req.params.id, () => receiveEvidence(req)));
    res.status(201).json({ files: files.map(presentEvidence) });
  });
  router.get('/whistles/:id/evidence', async (req, res) => {
    const actor = actorOf(res);
    const { whistle, alliance } = await readableWhistle({ models, actor }, req.params.id);
    const files = await recordEvidence(ctx.db.connection, 'whistle', whistle._id);
    const canAdd = whistlePolicy.canAddEvidence(actor, alliance, whistle);
    res.json({ files: files.map(presentEvidence), canAdd, canRemove: removableEvidence(actor, alliance, canAdd, files) } satisfies RecordEvidence);
  });
  router.delete('/whistles/:id/evidence/:fileId', async (req, res) => {
    await perform(ctx, req, res, (c) => whistleEvidenceRemover(c, req.params.id, req.params.fileId));
    res.status(204).end();
  });

  /** 配合单位报送: a cooperating unit's report on its own part (text, percent of the part, attachments). */
  router.post('/action-items/:id/parts/:unitId/progress', async (req, res) => {
    const body = ProgressReportSchema.parse(req.body);
    const item = await perform(ctx, req, res, (c) => actionItemPartReporter(c, req.params.id, req.params.unitId, body));
    res.status(201).json(await detail(res, String(item._id)));
  });

  /** 分工责任人: named by the cooperating unit itself or a supervisor. */
  router.patch('/action-items/:id/parts/:unitId', async (req, res) => {
    const body = PartResponsibleSchema.parse(req.body);
    const item = await perform(ctx, req, res, (c) => actionItemPartEditor(c, req.params.id, req.params.unitId, body));
    res.json(await detail(res, String(item._id)));
  });

  return router;
}
