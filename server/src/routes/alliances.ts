import { Router } from 'express';
import {
  AllianceCreateSchema,
  CharterHistoryQuerySchema,
  AlliancePatchSchema,
  IdSchema,
  MeetingCreateSchema,
  MeetingListQuerySchema,
  MembershipCreateSchema,
  MembershipPatchSchema,
  AuditQuerySchema,
  PageQuerySchema,
  RotationSchema,
  SecretariesSchema,
} from '@tongxin/shared';
import { allianceCreator } from '../commands/allianceCreator.js';
import {
  allianceUpdater,
  memberAdder,
  memberRemover,
  memberUpdater,
  rotationSetter,
  secretariesSetter,
} from '../commands/allianceUpdater.js';
import { notFound } from '../commands/errors.js';
import { readableAlliance } from '../commands/loaders.js';
import { meetingCreator } from '../commands/meetingCreator.js';
import type { AppContext } from '../context.js';
import { actorOf, perform } from '../http/auth.js';
import { alliancePolicy } from '../policies/alliance.js';
import { presentMeeting } from '../presenters/meeting.js';
import { readableAllianceFilter } from '../queries/alliances.js';
import { auditLogView } from '../views/auditLog.js';
import { paginate } from '../queries/paginate.js';
import { allianceView } from '../views/alliance.js';
import { charterHistoryView } from '../views/charterHistory.js';

export function alliancesRouter(ctx: AppContext): Router {
  const router = Router();
  const { Alliance, Meeting } = ctx.db.models;

  /** Runs a command that changes an alliance, then answers with the alliance as readers see it. */
  const respondWithAlliance = async (res: import('express').Response, id: import('mongoose').Types.ObjectId, status = 200) => {
    const view = await allianceView(ctx.db.models, id, actorOf(res));
    if (!view) throw notFound('alliance');
    res.status(status).json(view);
  };

  router.get('/alliances', async (req, res) => {
    const q = PageQuerySchema.parse(req.query);
    res.json(
      await paginate(Alliance, readableAllianceFilter(actorOf(res)), { name: 1 }, q, (a) => ({
        id: String(a._id),
        name: a.name,
        kind: a.kind,
        memberCount: a.memberships.length,
      })),
    );
  });

  router.post('/alliances', async (req, res) => {
    const a = await perform(ctx, req, res, (c) => allianceCreator(c, AllianceCreateSchema.parse(req.body)));
    await respondWithAlliance(res, a._id, 201);
  });

  router.get('/alliances/:id', async (req, res) => {
    const a = await readableAlliance({ models: ctx.db.models, actor: actorOf(res) }, req.params.id);
    await respondWithAlliance(res, a._id);
  });

  router.patch('/alliances/:id', async (req, res) => {
    const a = await perform(ctx, req, res, (c) => allianceUpdater(c, req.params.id, AlliancePatchSchema.parse(req.body)));
    await respondWithAlliance(res, a._id);
  });

  router.post('/alliances/:id/members', async (req, res) => {
    const a = await perform(ctx, req, res, (c) => memberAdder(c, req.params.id, MembershipCreateSchema.parse(req.body)));
    await respondWithAlliance(res, a._id, 201);
  });

  router.patch('/alliances/:id/members/:unitId', async (req, res) => {
    const unitId = IdSchema.parse(req.params.unitId);
    const a = await perform(ctx, req, res, (c) => memberUpdater(c, req.params.id, unitId, MembershipPatchSchema.parse(req.body)));
    await respondWithAlliance(res, a._id);
  });

  router.delete('/alliances/:id/members/:unitId', async (req, res) => {
    const a = await perform(ctx, req, res, (c) => memberRemover(c, req.params.id, IdSchema.parse(req.params.unitId)));
    await respondWithAlliance(res, a._id);
  });

  router.put('/alliances/:id/secretaries', async (req, res) => {
    const { secretaries } = SecretariesSchema.parse(req.body);
    const a = await perform(ctx, req, res, (c) => secretariesSetter(c, req.params.id, secretaries));
    await respondWithAlliance(res, a._id);
  });

  router.put('/alliances/:id/rotation', async (req, res) => {
    const body = RotationSchema.parse(req.body);
    const a = await perform(ctx, req, res, (c) => rotationSetter(c, req.params.id, body));
    await respondWithAlliance(res, a._id);
  });

  // The charter's versions, newest first, each compared with the one before it.
  router.get('/alliances/:id/charter-history', async (req, res) => {
    const a = await readableAlliance({ models: ctx.db.models, actor: actorOf(res) }, req.params.id);
    res.json(await charterHistoryView(ctx.db.models, a._id, CharterHistoryQuerySchema.parse(req.query)));
  });

  router.get('/alliances/:id/meetings', async (req, res) => {
    const a = await readableAlliance({ models: ctx.db.models, actor: actorOf(res) }, req.params.id);
    const q = MeetingListQuerySchema.parse(req.query);
    const now = new Date();
    const when =
      q.when === 'upcoming'
        ? { scheduledAt: { $gte: now }, status: { $in: ['draft', 'scheduled', 'in_session'] } }
        : q.when === 'past'
          ? { $or: [{ scheduledAt: { $lt: now } }, { status: { $in: ['adjourned', 'minutes_published', 'cancelled'] } }] }
          : {};
    const sort = q.when === 'upcoming' ? ({ scheduledAt: 1 } as const) : ({ scheduledAt: -1 } as const);
    res.json(await paginate(Meeting, { alliance: a._id, ...when }, sort, q, presentMeeting, [['convenerUnit', 'name']]));
  });

  router.post('/alliances/:id/meetings', async (req, res) => {
    const m = await perform(ctx, req, res, (c) => meetingCreator(c, req.params.id, MeetingCreateSchema.parse(req.body)));
    const view = await Meeting.findById(m._id).populate('convenerUnit', 'name').lean();
    res.status(201).json(presentMeeting(view!));
  });

  router.get('/alliances/:id/audit', async (req, res) => {
    const actor = actorOf(res);
    const a = await readableAlliance({ models: ctx.db.models, actor }, req.params.id);
    const q = AuditQuerySchema.parse(req.query);
    const withIp = alliancePolicy.canSeeAddresses(actor, a);
    res.json(await auditLogView(ctx.db.models, { alliance: a._id }, q, { withIp }));
  });

  return router;
}
