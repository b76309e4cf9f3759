import { ServiceRegistrationInputSchema, type ServiceRegistrationInput } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { servicePolicy } from '../policies/service.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { conflictOnDuplicate, forbidden } from './errors.js';
import { readableAlliance } from './loaders.js';
import { activeRegistration, assertCommunity, readableRegistration } from './serviceLoaders.js';

/**
 * 在职党员双报到: the signed-in member registers themselves with a residential community of the
 * alliance; their own unit is recorded as the work unit. One active registration per member per
 * alliance (a partial unique index makes a second impossible, however many arrive at once).
 */
export async function serviceRegistrar(ctx: CommandContext, allianceId: string, input: ServiceRegistrationInput) {
  const props = ServiceRegistrationInputSchema.parse(input);
  const alliance = await readableAlliance(ctx, allianceId);
  if (!servicePolicy.canRegister(ctx.actor, alliance)) throw forbidden();
  const community = await assertCommunity(ctx, alliance, props.community);
  if (await activeRegistration(ctx, alliance._id, ctx.actor.id)) {
    throw new AppError('CONFLICT', 'you are already registered with a community of this alliance; end that registration first');
  }
  const user = await ctx.models.User.findById(ctx.actor.id, { unit: 1 }).lean();
  const workUnit = user?.unit ?? null;
  return conflictOnDuplicate('an active registration with this alliance', () =>
    inTransaction(ctx, async (session) => {
      const [registration] = await ctx.models.ServiceRegistration.create(
        [
          {
            alliance: alliance._id,
            member: ctx.actor.id,
            workUnit,
            community: community._id,
            skills: props.skills,
            phone: props.phone,
            note: props.note,
            registeredAt: ctx.clock.now(),
          },
        ],
        { session },
      );
      await recordAudit(ctx, session, {
        action: 'service.register',
        targetType: 'unit',
        targetId: community._id,
        alliance: alliance._id,
        event: { type: 'service.registered', allianceId: String(alliance._id), registrationId: String(registration!._id) },
        after: { member: ctx.actor.id, community: String(community._id), workUnit: workUnit ? String(workUnit) : undefined, skills: props.skills.join('、') || undefined },
      });
      return registration!;
    }),
  );
}

/**
 * Ends a registration (the member, the community or a secretary); the hours served stay. The
 * member leaves, in the same transaction, the alliance's open activities they signed up for that
 * have not started (each audited and announced as a withdrawal): a place no one will fill must not
 * count against 需要人数. Activities under way or over, and check-ins, are left as they are.
 */
export async function serviceRegistrationEnder(ctx: CommandContext, registrationId: string) {
  const { registration, alliance } = await readableRegistration(ctx, registrationId);
  if (!servicePolicy.canEndRegistration(ctx.actor, alliance, registration) && !servicePolicy.canManage(ctx.actor, alliance)) {
    throw forbidden('only the member, the community or a secretary may end this registration');
  }
  const now = ctx.clock.now();
  return inTransaction(ctx, async (session) => {
    const ended = await ctx.models.ServiceRegistration.findOneAndUpdate(
      { _id: registration._id, active: true },
      { $set: { active: false, endedAt: now, endedBy: ctx.actor.id } },
      { session, returnDocument: 'after' },
    );
    if (!ended) throw new AppError('INVALID_STATE', 'this registration has already ended');
    const member = registration.member;
    const upcoming = {
      alliance: alliance._id,
      status: 'open' as const,
      startsAt: { $gt: now },
      signups: { $elemMatch: { member, checkedInAt: null } },
    };
    const left = await ctx.models.ServiceActivity.find(upcoming, { _id: 1 }, { session }).lean();
    if (left.length > 0) {
      await ctx.models.ServiceActivity.updateMany(
        { ...upcoming, _id: { $in: left.map((a) => a._id) } },
        { $pull: { signups: { member, checkedInAt: null } } },
        { session },
      );
    }
    for (const activity of left) {
      await recordAudit(ctx, session, {
        action: 'service.withdraw',
        targetType: 'service_activity',
        targetId: activity._id,
        alliance: alliance._id,
        event: { type: 'service.withdrawn', allianceId: String(alliance._id), activityId: String(activity._id) },
        before: { member: String(member) },
        after: { reason: '双报到登记已结束' },
      });
    }
    await recordAudit(ctx, session, {
      action: 'service.endRegistration',
      targetType: 'unit',
      targetId: registration.community,
      alliance: alliance._id,
      event: { type: 'service.registrationEnded', allianceId: String(alliance._id), registrationId: String(registration._id) },
      before: { member: String(registration.member), community: String(registration.community), active: true },
      after: { active: false },
    });
    return ended;
  });
}
