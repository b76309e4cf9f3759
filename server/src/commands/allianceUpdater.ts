import type { AuditAction } from '@tongxin/shared';
import type { AlliancePatch, MembershipCreate, MembershipPatch } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { alliancePolicy } from '../policies/alliance.js';
import { recordAudit, summarize, type AuditEntry } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { conflictOnDuplicate, forbidden, notFound } from './errors.js';
import { assertUnitsExist, assertUsersExist, assertUsersOfUnit, readableAlliance } from './loaders.js';

type AllianceDocument = Awaited<ReturnType<typeof readableAlliance>>;

const MEMBERSHIP_ACTIONS = new Set<AuditAction>([
  'alliance.addMember',
  'alliance.updateMember',
  'alliance.removeMember',
  'alliance.setSecretaries',
]);

/**
 * Every change to an alliance follows one path: load it (404 for outsiders), ask the policy,
 * apply the change to the document, save it with its audit event in one transaction.
 */
async function changeAlliance(
  ctx: CommandContext,
  id: string,
  action: AuditAction,
  apply: (a: AllianceDocument) => Promise<Omit<AuditEntry, 'action' | 'targetType' | 'targetId' | 'alliance'>>,
) {
  const alliance = await readableAlliance(ctx, id);
  if (!alliancePolicy.canManage(ctx.actor, alliance)) throw forbidden('only secretaries manage the alliance');
  const summary = await apply(alliance);
  return conflictOnDuplicate('an alliance with this name', () =>
    inTransaction(ctx, async (session) => {
      await alliance.save({ session });
      await recordAudit(ctx, session, {
        action,
        targetType: 'alliance',
        targetId: alliance._id,
        alliance: alliance._id,
        // Who belongs, and in which role, decides who may read and write; the rest is the alliance's.
        event: MEMBERSHIP_ACTIONS.has(action)
          ? { type: 'membership.changed', allianceId: String(alliance._id) }
          : { type: 'alliance.updated', allianceId: String(alliance._id) },
        ...summary,
      });
      return alliance;
    }),
  );
}

export function allianceUpdater(ctx: CommandContext, id: string, patch: AlliancePatch) {
  return changeAlliance(ctx, id, 'alliance.update', async (a) => {
    const before = summarize(Object.fromEntries(Object.keys(patch).map((k) => [k, a.get(k)])));
    a.set(patch);
    return { before, after: summarize(patch) };
  });
}

export function memberAdder(ctx: CommandContext, id: string, input: MembershipCreate) {
  return changeAlliance(ctx, id, 'alliance.addMember', async (a) => {
    if (a.memberships.some((m) => String(m.unit) === input.unit))
      throw new AppError('CONFLICT', 'the unit is already a member');
    await assertUnitsExist(ctx, [input.unit]);
    await assertUsersOfUnit(ctx, input.representatives, input.unit);
    a.memberships.push({ ...input, joinedAt: new Date() });
    if (input.role !== 'observer') a.rotation.push(a.memberships.at(-1)!.unit);
    return { after: summarize(input) };
  });
}

export function memberUpdater(ctx: CommandContext, id: string, unitId: string, patch: MembershipPatch) {
  return changeAlliance(ctx, id, 'alliance.updateMember', async (a) => {
    const m = a.memberships.find((m) => String(m.unit) === unitId);
    if (!m) throw notFound('membership');
    if (patch.representatives) await assertUsersOfUnit(ctx, patch.representatives, unitId);
    const before = summarize({ unit: unitId, role: m.role, representatives: m.representatives.map(String) });
    m.set(patch);
    // Observers attend and read; they do not take turns convening.
    if (patch.role === 'observer') withoutInRotation(a, unitId);
    return { before, after: summarize({ unit: unitId, ...patch }) };
  });
}

export function memberRemover(ctx: CommandContext, id: string, unitId: string) {
  return changeAlliance(ctx, id, 'alliance.removeMember', async (a) => {
    const m = a.memberships.find((m) => String(m.unit) === unitId);
    if (!m) throw notFound('membership');
    a.memberships.pull(m);
    withoutInRotation(a, unitId);
    return { before: summarize({ unit: unitId, role: m.role }) };
  });
}

export function secretariesSetter(ctx: CommandContext, id: string, secretaries: string[]) {
  return changeAlliance(ctx, id, 'alliance.setSecretaries', async (a) => {
    // An alliance without a secretary could not be managed by anyone but an admin.
    if (secretaries.length === 0) throw new AppError('VALIDATION', 'an alliance needs at least one secretary');
    await assertUsersExist(ctx, secretaries);
    const before = summarize({ secretaries: a.secretaries.map(String) });
    a.set({ secretaries: [...new Set(secretaries)] });
    return { before, after: summarize({ secretaries }) };
  });
}

export function rotationSetter(ctx: CommandContext, id: string, rotation: string[]) {
  return changeAlliance(ctx, id, 'alliance.setRotation', async (a) => {
    const voting = new Set(a.memberships.filter((m) => m.role !== 'observer').map((m) => String(m.unit)));
    if (rotation.some((u) => !voting.has(u)) || new Set(rotation).size !== rotation.length) {
      throw new AppError('VALIDATION', 'the rotation lists each member unit (not observers) at most once');
    }
    const before = summarize({ rotation: a.rotation.map(String) });
    a.set({ rotation });
    return { before, after: summarize({ rotation }) };
  });
}

function withoutInRotation(a: AllianceDocument, unitId: string): void {
  a.set({ rotation: a.rotation.filter((u) => String(u) !== unitId) });
}
