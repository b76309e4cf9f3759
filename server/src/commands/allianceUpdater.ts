import type { AuditAction } from '@tongxin/shared';
import type { AlliancePatch, MembershipCreate, MembershipPatch } from '@tongxin/shared';
import type { ClientSession } from 'mongoose';
import { AppError } from '../errors.js';
import { alliancePolicy } from '../policies/alliance.js';
import { recordAudit, summarize, type AuditEntry } from './audit.js';
import { recordCharterRevision } from './charterRevision.js';
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

/** How long the membership history grows before its oldest entries are dropped. */
const FORMER_MEMBERSHIPS_KEPT = 500;

type Change = Omit<AuditEntry, 'action' | 'targetType' | 'targetId' | 'alliance'> & {
  /** Further writes of the same change, in its transaction. */
  alsoWrite?: (session: ClientSession) => Promise<void>;
};

/**
 * Every change to an alliance follows one path: load it (404 for outsiders), ask the policy,
 * apply the change to the document, save it with its audit event in one transaction.
 */
async function changeAlliance(
  ctx: CommandContext,
  id: string,
  action: AuditAction,
  apply: (a: AllianceDocument) => Promise<Change>,
) {
  const alliance = await readableAlliance(ctx, id);
  if (!alliancePolicy.canManage(ctx.actor, alliance)) throw forbidden('only secretaries manage the alliance');
  const { alsoWrite, ...summary } = await apply(alliance);
  return conflictOnDuplicate('an alliance with this name', () =>
    inTransaction(ctx, async (session) => {
      await alliance.save({ session });
      await alsoWrite?.(session);
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

/** A change of the charter alone, or of the voting rules alone, is named as such in the audit log. */
function patchAction(patch: AlliancePatch): AuditAction {
  const keys = Object.keys(patch);
  if (keys.length === 1 && keys[0] === 'charter') return 'alliance.setCharter';
  if (keys.length === 1 && keys[0] === 'votingDefaults') return 'alliance.setVotingDefaults';
  if (keys.length > 0 && keys.every((k) => k === 'statusLightRules' || k === 'calendar')) return 'alliance.setStatusLight';
  return 'alliance.update';
}

/** The voting rules are recorded rule by rule (basis, quorum, threshold …), as the log names them. */
function auditFieldsOf(fields: Record<string, unknown>): Record<string, unknown> {
  const { votingDefaults, statusLightRules, calendar, ...rest } = fields;
  const rules = votingDefaults && typeof votingDefaults === 'object' ? (votingDefaults as Record<string, unknown>) : {};
  const { basis, quorum, threshold, secret, tallyVisibility, allowBallotChange } = rules;
  // The status-light rules and the calendar read rule by rule, day by day, as the log names them.
  const light = statusLightRules && typeof statusLightRules === 'object' ? (statusLightRules as Record<string, unknown>) : {};
  const days = calendar && typeof calendar === 'object' ? (calendar as Record<string, unknown>) : {};
  const { dueSoonWorkingDays, silentDays } = light;
  const { holidays, workdays } = days;
  return summarize({
    ...rest,
    basis,
    quorum,
    threshold,
    secret,
    tallyVisibility,
    allowBallotChange,
    dueSoonWorkingDays,
    silentDays,
    holidays: Array.isArray(holidays) ? [...(holidays as string[])] : undefined,
    workdays: Array.isArray(workdays) ? [...(workdays as string[])] : undefined,
  });
}

export function allianceUpdater(ctx: CommandContext, id: string, patch: AlliancePatch) {
  return changeAlliance(ctx, id, patchAction(patch), async (a) => {
    const previousCharter = a.charter ?? '';
    const before = auditFieldsOf(
      Object.fromEntries(
        Object.keys(patch).map((k) => [
          k,
          k === 'votingDefaults' || k === 'statusLightRules' || k === 'calendar' ? a.toObject()[k] : a.get(k),
        ]),
      ),
    );
    a.set(patch);
    const charterChanged = patch.charter !== undefined && patch.charter !== previousCharter;
    return {
      before,
      after: auditFieldsOf(patch),
      ...(charterChanged
        ? { alsoWrite: (session) => recordCharterRevision(ctx, session, a, previousCharter, patch.charter!) }
        : {}),
    };
  });
}

export function memberAdder(ctx: CommandContext, id: string, input: MembershipCreate) {
  return changeAlliance(ctx, id, 'alliance.addMember', async (a) => {
    if (a.memberships.some((m) => String(m.unit) === input.unit))
      throw new AppError('CONFLICT', 'the unit is already a member');
    await assertUnitsExist(ctx, [input.unit]);
    await assertUsersOfUnit(ctx, input.representatives, input.unit);
    a.memberships.push({
      ...input,
      primaryRepresentative: input.primaryRepresentative ?? input.representatives[0],
      joinedAt: ctx.clock.now(),
    });
    // A unit joining mid-year takes its turn convening after the others.
    if (input.role !== 'observer') a.rotation.push(a.memberships.at(-1)!.unit);
    return { after: summarize(input) };
  });
}

export function memberUpdater(ctx: CommandContext, id: string, unitId: string, patch: MembershipPatch) {
  return changeAlliance(ctx, id, 'alliance.updateMember', async (a) => {
    const m = a.memberships.find((m) => String(m.unit) === unitId);
    if (!m) throw notFound('membership');
    if (patch.representatives) await assertUsersOfUnit(ctx, patch.representatives, unitId);
    const representatives = patch.representatives ?? m.representatives.map(String);
    if (patch.primaryRepresentative && !representatives.includes(patch.primaryRepresentative)) {
      throw new AppError('VALIDATION', 'the primary representative must be one of the representatives', {
        field: 'primaryRepresentative',
      });
    }
    const current = m.primaryRepresentative ? String(m.primaryRepresentative) : undefined;
    // The primary stays while still a representative; otherwise the first one takes over.
    const primary =
      patch.primaryRepresentative ?? (current && representatives.includes(current) ? current : representatives[0]);
    const before = summarize({
      unit: unitId,
      role: m.role,
      representatives: m.representatives.map(String),
      primaryRepresentative: current,
    });
    const wasVoting = m.role !== 'observer';
    m.set({ ...patch, primaryRepresentative: primary });
    // Observers attend and read; they do not take turns convening. A unit that becomes a voting
    // member takes its turn after the others.
    if (patch.role === 'observer') withoutInRotation(a, unitId);
    else if (patch.role && !wasVoting && !a.rotation.some((u) => String(u) === unitId)) a.rotation.push(m.unit);
    return { before, after: summarize({ unit: unitId, ...patch, primaryRepresentative: primary }) };
  });
}

/**
 * Removing a unit ends its access at once (membership.changed); its membership is kept in the
 * history with when it joined and left, so past meetings and minutes still make sense.
 */
export function memberRemover(ctx: CommandContext, id: string, unitId: string) {
  return changeAlliance(ctx, id, 'alliance.removeMember', async (a) => {
    const m = a.memberships.find((m) => String(m.unit) === unitId);
    if (!m) throw notFound('membership');
    const leftAt = ctx.clock.now();
    a.formerMemberships.push({ unit: m.unit, role: m.role, joinedAt: m.joinedAt, leftAt, removedBy: ctx.actor.id });
    if (a.formerMemberships.length > FORMER_MEMBERSHIPS_KEPT) {
      a.set({ formerMemberships: a.formerMemberships.slice(-FORMER_MEMBERSHIPS_KEPT) });
    }
    a.memberships.pull(m);
    withoutInRotation(a, unitId);
    return { before: summarize({ unit: unitId, role: m.role, joinedAt: m.joinedAt.toISOString() }) };
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

/** The convening order, and which units are passed over for now (they keep their place). */
export function rotationSetter(ctx: CommandContext, id: string, input: { rotation: string[]; skipped?: string[] }) {
  const { rotation, skipped = [] } = input;
  return changeAlliance(ctx, id, 'alliance.setRotation', async (a) => {
    const voting = new Set(a.memberships.filter((m) => m.role !== 'observer').map((m) => String(m.unit)));
    if (rotation.some((u) => !voting.has(u)) || new Set(rotation).size !== rotation.length) {
      throw new AppError('VALIDATION', 'the rotation lists each member unit (not observers) at most once', {
        field: 'rotation',
      });
    }
    if (skipped.some((u) => !rotation.includes(u))) {
      throw new AppError('VALIDATION', 'a skipped unit must be in the rotation', { field: 'skipped' });
    }
    const before = summarize({ rotation: a.rotation.map(String), skipped: a.rotationSkipped.map(String) });
    a.set({ rotation, rotationSkipped: [...new Set(skipped)] });
    return { before, after: summarize({ rotation, skipped }) };
  });
}

function withoutInRotation(a: AllianceDocument, unitId: string): void {
  a.set({
    rotation: a.rotation.filter((u) => String(u) !== unitId),
    rotationSkipped: a.rotationSkipped.filter((u) => String(u) !== unitId),
  });
}
