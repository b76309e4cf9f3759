import { CommitteeSchema, type CommitteeInput, type CommitteePost } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { alliancePolicy } from '../policies/alliance.js';
import { COMMITTEE_POST_WORDS } from '../minutes/committeePosts.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, objectId } from './errors.js';
import { readableAlliance } from './loaders.js';

/**
 * 委员名单: replaces the committee of an alliance (大工委: 书记, 副书记, 委员, 兼职委员) in the order
 * given. A member's home unit must be a member unit of the alliance, or the unit of the account
 * named (a 兼职委员 from a resident unit that is not itself a member); an account named must exist
 * and be active. Secretaries and admins only.
 */
export async function committeeSetter(ctx: CommandContext, allianceId: string, input: CommitteeInput) {
  const { members } = CommitteeSchema.parse(input);
  const alliance = await readableAlliance(ctx, allianceId);
  if (!alliancePolicy.canManage(ctx.actor, alliance)) throw forbidden('only secretaries may edit the committee');

  const userIds = [...new Set(members.flatMap((m) => (m.user ? [m.user] : [])))];
  const unitIds = [...new Set(members.map((m) => m.homeUnit))];
  const [users, units] = await Promise.all([
    ctx.models.User.find({ _id: { $in: userIds.map((u) => objectId(u, 'user')) } }, { name: 1, unit: 1, active: 1 }).lean(),
    ctx.models.Unit.find({ _id: { $in: unitIds.map((u) => objectId(u, 'unit')) } }, { name: 1 }).lean(),
  ]);
  const userById = new Map(users.map((u) => [String(u._id), u]));
  const unitName = new Map(units.map((u) => [String(u._id), u.name]));
  const memberUnits = new Set(alliance.memberships.map((m) => String(m.unit)));
  const problems: { path: (string | number)[]; message: string }[] = [];
  members.forEach((m, i) => {
    const user = m.user ? userById.get(m.user) : undefined;
    if (m.user && !user) problems.push({ path: ['members', i, 'user'], message: 'unknown user' });
    else if (user && user.active === false) problems.push({ path: ['members', i, 'user'], message: 'the account is deactivated' });
    if (!unitName.has(m.homeUnit)) problems.push({ path: ['members', i, 'homeUnit'], message: 'unknown unit' });
    else if (!memberUnits.has(m.homeUnit) && !(user && String(user.unit) === m.homeUnit)) {
      problems.push({ path: ['members', i, 'homeUnit'], message: 'the home unit must be a member unit of the alliance or the unit of the person' });
    }
  });
  if (problems.length > 0) throw new AppError('UNPROCESSABLE', problems.map((p) => p.message).join('; '), problems);

  const words = (list: { name: string; post: string; homeUnit: unknown }[], names: Map<string, string>) =>
    list.map((m) => `${m.name}（${COMMITTEE_POST_WORDS[m.post as CommitteePost] ?? m.post}，${names.get(String(m.homeUnit)) ?? '—'}）`).join('；') || '—';
  const beforeUnits = await ctx.models.Unit.find({ _id: { $in: alliance.committee.map((m) => m.homeUnit) } }, { name: 1 }).lean();
  const before = words(alliance.committee, new Map(beforeUnits.map((u) => [String(u._id), u.name])));
  const after = words(members, unitName);
  const committee = members.map((m) => ({
    name: m.name,
    user: m.user ? objectId(m.user, 'user') : null,
    post: m.post,
    homeUnit: objectId(m.homeUnit, 'unit'),
    title: m.title,
  }));
  return inTransaction(ctx, async (session) => {
    const updated = await ctx.models.Alliance.findOneAndUpdate({ _id: alliance._id }, { $set: { committee } }, { session, returnDocument: 'after' });
    await recordAudit(ctx, session, {
      action: 'committee.update',
      targetType: 'alliance',
      targetId: alliance._id,
      alliance: alliance._id,
      event: { type: 'committee.changed', allianceId: String(alliance._id) },
      before: { committee: before },
      after: { committee: after },
    });
    return updated!;
  });
}
