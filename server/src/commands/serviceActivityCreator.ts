import { ServiceActivityInputSchema, ServiceActivityPatchSchema, type ServiceActivityInput } from '@tongxin/shared';
import type { z } from 'zod';
import { AppError } from '../errors.js';
import { servicePolicy } from '../policies/service.js';
import { recordAudit, summarize } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden } from './errors.js';
import { readableAlliance } from './loaders.js';
import { assertCommunity, readableServiceActivity } from './serviceLoaders.js';

/**
 * A residential community publishes a service activity (时间, 地点, 需要人数) for registered
 * members: its representatives or the alliance's secretaries. A date in the past is allowed, so an
 * activity held already can be recorded afterwards (补录).
 */
export async function serviceActivityCreator(ctx: CommandContext, allianceId: string, input: ServiceActivityInput) {
  const props = ServiceActivityInputSchema.parse(input);
  const alliance = await readableAlliance(ctx, allianceId);
  const community = await assertCommunity(ctx, alliance, props.community);
  if (!servicePolicy.canOrganize(ctx.actor, alliance, props.community)) {
    throw forbidden('only the community’s representatives and secretaries may publish its activities');
  }
  return inTransaction(ctx, async (session) => {
    const [activity] = await ctx.models.ServiceActivity.create(
      [
        {
          alliance: alliance._id,
          community: community._id,
          title: props.title,
          description: props.description,
          startsAt: new Date(props.startsAt),
          hours: props.hours,
          place: props.place,
          needed: props.needed,
          skills: props.skills,
          status: 'open',
          createdBy: ctx.actor.id,
        },
      ],
      { session },
    );
    await recordAudit(ctx, session, {
      action: 'service.createActivity',
      targetType: 'service_activity',
      targetId: activity!._id,
      alliance: alliance._id,
      event: { type: 'service.activityCreated', allianceId: String(alliance._id), activityId: String(activity!._id) },
      after: {
        title: props.title,
        community: String(community._id),
        startsAt: new Date(props.startsAt),
        hours: props.hours,
        place: props.place,
        needed: props.needed,
        skills: props.skills.join('、') || undefined,
      },
    });
    return activity!;
  });
}

type Patch = z.infer<typeof ServiceActivityPatchSchema>;

/**
 * Edits an open activity (the organizer). 需要人数 cannot go below the members signed up already.
 * Returns the activity and whether anything changed that signed-up members should hear of.
 */
export async function serviceActivityEditor(ctx: CommandContext, activityId: string, input: Patch) {
  const patch = ServiceActivityPatchSchema.parse(input);
  const { activity, alliance } = await readableServiceActivity(ctx, activityId);
  if (!servicePolicy.canOrganize(ctx.actor, alliance, String(activity.community))) throw forbidden('only the organizer may edit the activity');
  if (activity.status !== 'open') throw new AppError('INVALID_STATE', `the activity is ${activity.status}`);
  const signedUp = activity.signups.length;
  if (patch.needed !== undefined && patch.needed < signedUp) {
    throw new AppError('UNPROCESSABLE', `${signedUp} members have signed up already`, { field: 'needed' });
  }
  const next = {
    ...(patch.title !== undefined ? { title: patch.title } : {}),
    ...(patch.description !== undefined ? { description: patch.description } : {}),
    ...(patch.startsAt !== undefined ? { startsAt: new Date(patch.startsAt) } : {}),
    ...(patch.hours !== undefined ? { hours: patch.hours } : {}),
    ...(patch.place !== undefined ? { place: patch.place } : {}),
    ...(patch.needed !== undefined ? { needed: patch.needed } : {}),
    ...(patch.skills !== undefined ? { skills: patch.skills } : {}),
  };
  const was = {
    title: activity.title,
    description: activity.description,
    startsAt: activity.startsAt,
    hours: activity.hours,
    place: activity.place,
    needed: activity.needed,
    skills: activity.skills,
  };
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(was[k]));
  if (changed.length === 0) return { activity, changed };
  const words = (v: unknown) => (Array.isArray(v) ? v.join('、') : v);
  const updated = await inTransaction(ctx, async (session) => {
    const doc = await ctx.models.ServiceActivity.findOneAndUpdate(
      { _id: activity._id, status: 'open', ...(patch.needed !== undefined ? { [`signups.${patch.needed}`]: { $exists: false } } : {}) },
      { $set: next },
      { session, returnDocument: 'after' },
    );
    if (!doc) throw new AppError('CONFLICT', 'the activity changed meanwhile; reload and try again');
    await recordAudit(ctx, session, {
      action: 'service.updateActivity',
      targetType: 'service_activity',
      targetId: activity._id,
      alliance: alliance._id,
      event: { type: 'service.activityUpdated', allianceId: String(alliance._id), activityId: String(activity._id) },
      before: summarize(Object.fromEntries(changed.map((k) => [k, words(was[k])]))),
      after: summarize(Object.fromEntries(changed.map((k) => [k, words(next[k])]))),
    });
    return doc;
  });
  return { activity: updated, changed };
}
