import { Router, type Response } from 'express';
import type { Types } from 'mongoose';
import { DecisionCreateSchema, DecisionReviseSchema, DecisionWithdrawSchema, type VersionDiff } from '@tongxin/shared';
import { z } from 'zod';
import { decisionCreator } from '../commands/decisionCreator.js';
import { decisionReviser } from '../commands/decisionReviser.js';
import { decisionWithdrawer } from '../commands/decisionWithdrawer.js';
import { notFound, objectId } from '../commands/errors.js';
import { readableMeeting } from '../commands/loaders.js';
import { versionFreezer } from '../commands/versionFreezer.js';
import type { AppContext } from '../context.js';
import { actorOf, perform } from '../http/auth.js';
import { decisionAbilities } from '../policies/decision.js';
import { DECISION_LINKS, presentDecision, presentVersion } from '../presenters/decision.js';
import { compareTexts, DiffCache } from '../queries/versionDiff.js';

const VersionNumberSchema = z.coerce.number().int().min(1);

export function decisionsRouter(ctx: AppContext): Router {
  const router = Router();
  const { Decision, DecisionVersion } = ctx.db.models;
  const reader = (res: Response) => ({ models: ctx.db.models, actor: actorOf(res) });
  const diffs = new DiffCache();

  /** The decision, if the caller may read its meeting. */
  async function readableDecision(res: Response, id: string) {
    const decision = await Decision.findById(objectId(id, 'decision')).lean();
    if (!decision) throw notFound('decision');
    await readableMeeting(reader(res), String(decision.meeting));
    return decision;
  }

  /** The decision as its own screen shows it: with its links and what the caller may do with it. */
  async function decisionDetail(res: Response, id: Types.ObjectId | string) {
    const decision = await Decision.findById(id).populate(DECISION_LINKS).lean();
    if (!decision) throw notFound('decision');
    const { meeting, alliance } = await readableMeeting(reader(res), String(decision.meeting));
    return { ...presentDecision(decision), can: decisionAbilities(actorOf(res), alliance, decision, meeting.status) };
  }

  async function version(decisionId: Types.ObjectId, number: number) {
    const v = await DecisionVersion.findOne({ decision: decisionId, number }).populate('frozenBy', 'name').lean();
    if (!v) throw notFound('version');
    return v;
  }

  router.get('/meetings/:id/decisions', async (req, res) => {
    const { meeting } = await readableMeeting(reader(res), req.params.id);
    const decisions = await Decision.find({ meeting: meeting._id }).sort({ createdAt: 1 }).populate(DECISION_LINKS).lean();
    res.json({ items: decisions.map(presentDecision) });
  });

  router.post('/meetings/:id/decisions', async (req, res) => {
    const d = await perform(ctx, req, res, (c) => decisionCreator(c, req.params.id, DecisionCreateSchema.parse(req.body)));
    res.status(201).json(presentDecision(d.toObject()));
  });

  router.get('/decisions/:id', async (req, res) => {
    res.json(await decisionDetail(res, objectId(req.params.id, 'decision')));
  });

  /** 撤回 a draft, with the reason. */
  router.post('/decisions/:id/withdraw', async (req, res) => {
    const d = await perform(ctx, req, res, (c) => decisionWithdrawer(c, req.params.id, DecisionWithdrawSchema.parse(req.body)));
    res.json(await decisionDetail(res, d._id));
  });

  /** 修改后重新表决: a new draft from a rejected or withdrawn decision; answers with the new draft. */
  router.post('/decisions/:id/revise', async (req, res) => {
    const { draft } = await perform(ctx, req, res, (c) =>
      decisionReviser({ ...c, yjs: ctx.yjs }, req.params.id, DecisionReviseSchema.parse(req.body ?? {})),
    );
    res.status(201).json(await decisionDetail(res, draft._id));
  });

  router.post('/decisions/:id/versions', async (req, res) => {
    const v = await perform(ctx, req, res, (c) => versionFreezer({ ...c, yjs: ctx.yjs }, req.params.id));
    const frozen = await version(v.decision, v.number);
    res.status(201).json(presentVersion(frozen));
  });

  router.get('/decisions/:id/versions', async (req, res) => {
    const d = await readableDecision(res, req.params.id);
    const versions = await DecisionVersion.find({ decision: d._id })
      .sort({ number: 1 })
      .select('-ydocState')
      .populate('frozenBy', 'name')
      .lean();
    res.json({ items: versions.map(presentVersion) });
  });

  router.get('/decisions/:id/versions/:number', async (req, res) => {
    const d = await readableDecision(res, req.params.id);
    res.json(presentVersion(await version(d._id, VersionNumberSchema.parse(req.params.number))));
  });

  /**
   * Two versions compared by paragraph, then character by character within changed paragraphs,
   * within a bounded time (see compareTexts): `coarse` says where the texts were too different.
   */
  router.get('/decisions/:id/diff', async (req, res) => {
    const d = await readableDecision(res, req.params.id);
    const q = z.object({ from: VersionNumberSchema, to: VersionNumberSchema }).parse(req.query);
    const [from, to] = await Promise.all([version(d._id, q.from), version(d._id, q.to)]);
    const { parts, coarse } = diffs.get(`${String(from._id)}:${String(to._id)}`, () =>
      compareTexts(from.text, to.text),
    );
    const body: VersionDiff = { from: q.from, to: q.to, parts, coarse };
    res.json(body);
  });

  return router;
}
