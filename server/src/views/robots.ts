import type { RobotDeliveryPage } from '@tongxin/shared';
import type { Types } from 'mongoose';
import type { Actor } from '../auth/actor.js';
import type { Models } from '../db/models/index.js';
import type { AllianceFacts } from '../policies/alliance.js';
import { robotPolicy } from '../policies/robot.js';
import { presentRobot, presentRobotDelivery, type RobotRecord } from '../presenters/robot.js';
import { findRobotDeliveries, findRobots } from '../queries/robots.js';

type Alliance = AllianceFacts & { _id: Types.ObjectId };

/** The robots the actor may manage (a secretary: all; a unit's people: their unit's). */
export async function robotsView(models: Models, alliance: Alliance, actor: Actor) {
  const { robots, hasSecret, unitNames } = await findRobots(models, alliance._id, robotPolicy.visibleUnits(actor, alliance));
  return {
    items: robots.map((r) =>
      presentRobot(r as RobotRecord, r.unit ? (unitNames.get(String(r.unit)) ?? null) : null, hasSecret.has(String(r._id))),
    ),
  };
}

/** One robot as its managers see it, after a change. */
export async function robotView(models: Models, robotId: Types.ObjectId) {
  const r = await models.Robot.findById(robotId).lean();
  if (!r) return null;
  const [withSecret, unit] = await Promise.all([
    models.Robot.exists({ _id: robotId, secret: { $nin: [null, ''] } }),
    r.unit ? models.Unit.findById(r.unit, { name: 1 }).lean() : null,
  ]);
  return presentRobot(r as RobotRecord, unit?.name ?? null, withSecret !== null);
}

/** The 推送记录 of the robots the actor may manage, newest first. */
export async function robotDeliveriesView(
  models: Models,
  alliance: Alliance,
  actor: Actor,
  q: { cursor?: string | undefined; limit: number },
): Promise<RobotDeliveryPage> {
  const { docs, robots, nextCursor } = await findRobotDeliveries(models, alliance._id, robotPolicy.visibleUnits(actor, alliance), q);
  return { items: docs.map((d) => presentRobotDelivery(d, robots.get(String(d.robot)))), nextCursor };
}
