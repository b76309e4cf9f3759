import type { RobotCreate } from '@tongxin/shared';
import { RobotCreateSchema } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { robotPolicy } from '../policies/robot.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, objectId } from './errors.js';
import { readableAlliance } from './loaders.js';
import { assertWebhookUrl, webhookHost } from './robotRules.js';

export interface RobotCreatorProps {
  /** The alliance whose notifications the robot posts. */
  allianceId: string;
  input: RobotCreate;
  /** NODE_ENV=test: fake platforms on http://127.0.0.1 are accepted. */
  allowLoopbackHttp: boolean;
}

/** Connects a chat group (群机器人) to the alliance, or to one member unit's notifications. */
export async function robotCreator(ctx: CommandContext, props: RobotCreatorProps) {
  const input = RobotCreateSchema.parse(props.input);
  const alliance = await readableAlliance(ctx, props.allianceId);
  if (input.unitId !== null && !alliance.memberships.some((m) => String(m.unit) === input.unitId)) {
    throw new AppError('VALIDATION', 'the unit is not a member of this alliance', [{ path: ['unitId'], message: 'not a member unit', code: 'custom' }]);
  }
  if (!robotPolicy.canManage(ctx.actor, alliance, input.unitId)) {
    throw forbidden('only the alliance’s secretaries or the unit’s people add its robots');
  }
  assertWebhookUrl(input.webhookUrl, props.allowLoopbackHttp);
  return inTransaction(ctx, async (session) => {
    const [robot] = await ctx.models.Robot.create(
      [
        {
          alliance: alliance._id,
          unit: input.unitId ? objectId(input.unitId, 'unit') : null,
          platform: input.platform,
          name: input.name,
          webhookUrl: input.webhookUrl,
          secret: input.secret ?? null,
          kinds: input.kinds,
          enabled: input.enabled,
          createdBy: objectId(ctx.actor.id, 'user'),
        },
      ],
      { session },
    );
    // Never the secret nor the whole address (it holds the robot's key): the host says which service.
    await recordAudit(ctx, session, {
      action: 'robot.create',
      targetType: 'alliance',
      targetId: alliance._id,
      alliance: alliance._id,
      after: {
        name: input.name,
        platform: input.platform,
        ...(input.unitId ? { unit: input.unitId } : {}),
        webhookHost: webhookHost(input.webhookUrl),
        secretSet: input.secret !== undefined,
        enabled: input.enabled,
        kindCount: input.kinds.length,
      },
    });
    return robot!;
  });
}
