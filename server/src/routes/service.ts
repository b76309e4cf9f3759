import { Router, type Response } from 'express';
import { IdSchema, PERIOD_KEY_PATTERN, periodKey, ServiceActivityStatusSchema } from '@tongxin/shared';
import type { Types } from 'mongoose';
import { z } from 'zod';
import { forbidden, notFound, objectId } from '../commands/errors.js';
import { readableAlliance } from '../commands/loaders.js';
import { serviceActivityCanceller, serviceActivityCompleter } from '../commands/serviceActivityCloser.js';
import { serviceActivityCreator, serviceActivityEditor } from '../commands/serviceActivityCreator.js';
import { serviceCheckInRecorder } from '../commands/serviceCheckInRecorder.js';
import { activeRegistration, readableRegistration, readableServiceActivity } from '../commands/serviceLoaders.js';
import { serviceRegistrar, serviceRegistrationEnder } from '../commands/serviceRegistrar.js';
import { serviceSignupTaker, serviceSignupWithdrawer } from '../commands/serviceSignupTaker.js';
import type { AppContext } from '../context.js';
import { actorOf, perform } from '../http/auth.js';
import { notifyServiceActivity } from '../notify/serviceNotifications.js';
import { isSecretary, representsUnit } from '../policies/alliance.js';
import { servicePolicy } from '../policies/service.js';
import { activitiesView, registrationsView, unitServiceView } from '../views/service.js';

const RegistrationQuerySchema = z.object({ community: IdSchema.optional(), workUnit: IdSchema.optional() });
const ActivityQuerySchema = z.object({ status: ServiceActivityStatusSchema.optional(), community: IdSchema.optional() });
const PeriodQuerySchema = z.object({ period: z.string().regex(PERIOD_KEY_PATTERN, 'a period such as 2026-Q4, 2026-10 or 2026').optional() });

/** 双报到: registrations with residential communities, service activities, each work unit's service. */
export function serviceRouter(ctx: AppContext): Router {
  const router = Router();
  const { models } = ctx.db;
  const reader = (res: Response) => ({ models, actor: actorOf(res) });

  /** One activity as the viewer sees it. */
  const activityAnswer = async (res: Response, id: Types.ObjectId | string, status = 200) => {
    const { activity, alliance } = await readableServiceActivity(reader(res), String(id));
    const actor = actorOf(res);
    const registered = Boolean(await activeRegistration({ models }, alliance._id, actor.id));
    const [view] = await activitiesView(models, [activity], { actor, alliance, registered, now: ctx.clock.now() });
    res.status(status).json(view);
  };
  const tell = (res: Response, id: Types.ObjectId, what: 'changed' | 'cancelled') =>
    notifyServiceActivity(ctx, String(id), what, actorOf(res).id).catch((err: unknown) => ctx.log.error({ err }, 'service notification failed'));
  const registrationAnswer = async (res: Response, registration: Parameters<typeof registrationsView>[1][number], status = 200) => {
    const [view] = await registrationsView(models, [registration]);
    res.status(status).json(view);
  };

  router.post('/alliances/:id/service/registrations', async (req, res) => {
    const registration = await perform(ctx, req, res, (c) => serviceRegistrar(c, req.params.id, req.body));
    await registrationAnswer(res, registration, 201);
  });
  router.get('/alliances/:id/service/registrations', async (req, res) => {
    const actor = actorOf(res);
    const alliance = await readableAlliance(reader(res), req.params.id);
    const q = RegistrationQuerySchema.parse(req.query);
    const manage = servicePolicy.canManage(actor, alliance);
    const followed = servicePolicy.followedUnits(actor, alliance).map((u) => objectId(u, 'unit'));
    const visible = manage
      ? {}
      : { $or: [{ member: objectId(actor.id, 'user') }, { community: { $in: followed } }, { workUnit: { $in: followed } }] };
    const registrations = await models.ServiceRegistration.find({
      alliance: alliance._id,
      ...(q.community ? { community: objectId(q.community, 'unit') } : {}),
      ...(q.workUnit ? { workUnit: objectId(q.workUnit, 'unit') } : {}),
      ...visible,
    })
      .sort({ active: -1, registeredAt: -1 })
      .limit(2000)
      .lean();
    res.json({ items: await registrationsView(models, registrations), can: { manage } });
  });
  router.post('/service/registrations/:id/end', async (req, res) => {
    await registrationAnswer(res, await perform(ctx, req, res, (c) => serviceRegistrationEnder(c, req.params.id)));
  });
  router.get('/service/registrations/:id', async (req, res) => {
    const { registration, alliance } = await readableRegistration(reader(res), req.params.id);
    const actor = actorOf(res);
    if (!servicePolicy.canSeeRegistration(actor, alliance, registration) && !servicePolicy.canManage(actor, alliance)) throw forbidden();
    await registrationAnswer(res, registration);
  });

  router.get('/alliances/:id/service/activities', async (req, res) => {
    const actor = actorOf(res);
    const alliance = await readableAlliance(reader(res), req.params.id);
    const q = ActivityQuerySchema.parse(req.query);
    const activities = await models.ServiceActivity.find({
      alliance: alliance._id,
      ...(q.status ? { status: q.status } : {}),
      ...(q.community ? { community: objectId(q.community, 'unit') } : {}),
    })
      .sort({ startsAt: q.status === 'open' ? 1 : -1 })
      .limit(500)
      .lean();
    const registered = Boolean(await activeRegistration({ models }, alliance._id, actor.id));
    const communities = await models.Unit.find({ _id: { $in: alliance.memberships.map((m) => m.unit) }, kind: 'community' }, { _id: 1 }).lean();
    res.json({
      items: await activitiesView(models, activities, { actor, alliance, registered, now: ctx.clock.now() }),
      can: { create: servicePolicy.canCreateAny(actor, alliance, communities.map((c) => String(c._id))) },
    });
  });
  router.post('/alliances/:id/service/activities', async (req, res) => {
    const activity = await perform(ctx, req, res, (c) => serviceActivityCreator(c, req.params.id, req.body));
    await activityAnswer(res, activity._id, 201);
  });
  router.get('/service/activities/:id', async (req, res) => {
    await activityAnswer(res, req.params.id);
  });
  router.patch('/service/activities/:id', async (req, res) => {
    const { activity, changed } = await perform(ctx, req, res, (c) => serviceActivityEditor(c, req.params.id, req.body));
    // What a member who signed up plans around: the time, the place, the length.
    if (changed.some((k) => k === 'startsAt' || k === 'place' || k === 'hours')) await tell(res, activity._id, 'changed');
    await activityAnswer(res, activity._id);
  });
  router.post('/service/activities/:id/signup', async (req, res) => {
    await activityAnswer(res, (await perform(ctx, req, res, (c) => serviceSignupTaker(c, req.params.id)))._id);
  });
  router.post('/service/activities/:id/withdraw', async (req, res) => {
    await activityAnswer(res, (await perform(ctx, req, res, (c) => serviceSignupWithdrawer(c, req.params.id)))._id);
  });
  router.post('/service/activities/:id/checkins', async (req, res) => {
    await activityAnswer(res, (await perform(ctx, req, res, (c) => serviceCheckInRecorder(c, req.params.id, req.body)))._id);
  });
  router.post('/service/activities/:id/complete', async (req, res) => {
    await activityAnswer(res, (await perform(ctx, req, res, (c) => serviceActivityCompleter(c, req.params.id)))._id);
  });
  router.post('/service/activities/:id/cancel', async (req, res) => {
    const activity = await perform(ctx, req, res, (c) => serviceActivityCanceller(c, req.params.id, req.body));
    await tell(res, activity._id, 'cancelled');
    await activityAnswer(res, activity._id);
  });

  /**
   * 本单位党员双报到: a work unit's members' service in a period. Its representatives (in any
   * alliance) and admins see all of it; secretaries of alliances it belongs to see their alliances'.
   */
  router.get('/units/:id/service', async (req, res) => {
    const actor = actorOf(res);
    const unit = await models.Unit.findById(objectId(req.params.id, 'unit'), { name: 1 }).lean();
    if (!unit) throw notFound('unit');
    const q = PeriodQuerySchema.parse(req.query);
    const period = q.period ?? periodKey(ctx.clock.now(), 'quarter');
    const memberOf = await models.Alliance.find({ 'memberships.unit': unit._id }, { memberships: 1, secretaries: 1 }).lean();
    const represents = memberOf.some((a) => representsUnit(actor, a, String(unit._id)));
    const seeAll = actor.isAdmin || represents;
    const asSecretary = memberOf.filter((a) => isSecretary(actor, a)).map((a) => a._id);
    if (!seeAll && asSecretary.length === 0) throw forbidden('only the unit’s representatives and its alliances’ secretaries may see its members’ service');
    res.json(await unitServiceView(models, unit, period, seeAll ? null : asSecretary));
  });
  return router;
}
