import type { AllianceInput, MembershipCreate } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { alliancePolicy } from '../policies/alliance.js';
import { recordAudit, summarize } from './audit.js';
import { recordCharterRevision } from './charterRevision.js';
import { inTransaction, type CommandContext } from './context.js';
import { conflictOnDuplicate, forbidden } from './errors.js';
import { assertUnitsExist, assertUsersOfUnit } from './loaders.js';

export interface AllianceCreateProps extends AllianceInput {
  /** Founding member units; more can be added later. */
  memberships?: MembershipCreate[];
}

/**
 * Admins and secretaries (of any alliance) found alliances; the founder becomes its secretary and
 * the founding units convene in the order given (observers do not convene).
 * Membership never changes a unit's own line of authority: the alliance references units.
 */
export async function allianceCreator(ctx: CommandContext, input: AllianceCreateProps) {
  const isSecretaryAnywhere = await ctx.models.Alliance.exists({ secretaries: ctx.actor.id });
  if (!alliancePolicy.canCreate(ctx.actor, isSecretaryAnywhere !== null)) {
    throw forbidden('only admins and secretaries create alliances');
  }
  const memberships = input.memberships ?? [];
  const unitIds = memberships.map((m) => m.unit);
  if (new Set(unitIds).size !== unitIds.length) throw new AppError('VALIDATION', 'a unit is listed twice');
  await assertUnitsExist(ctx, unitIds);
  for (const m of memberships) await assertUsersOfUnit(ctx, m.representatives, m.unit);

  return conflictOnDuplicate('an alliance with this name', () =>
    inTransaction(ctx, async (session) => {
      const [alliance] = await ctx.models.Alliance.create(
        [
          {
            ...input,
            memberships: memberships.map((m) => ({
              ...m,
              primaryRepresentative: m.primaryRepresentative ?? m.representatives[0],
              joinedAt: ctx.clock.now(),
            })),
            secretaries: [ctx.actor.id],
            rotation: memberships.filter((m) => m.role !== 'observer').map((m) => m.unit),
          },
        ],
        { session },
      );
      if (input.charter) await recordCharterRevision(ctx, session, alliance!, '', input.charter);
      await recordAudit(ctx, session, {
        action: 'alliance.create',
        targetType: 'alliance',
        targetId: alliance!._id,
        event: { type: 'alliance.created', allianceId: String(alliance!._id) },
        alliance: alliance!._id,
        after: summarize({ name: input.name, kind: input.kind, units: memberships.length }),
      });
      return alliance!;
    }),
  );
}
