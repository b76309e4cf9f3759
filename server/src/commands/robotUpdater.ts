import { RobotPatchSchema, type RobotPatch } from '@tongxin/shared';
import { recordAudit, summarize } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { assertWebhookUrl, manageableRobot, webhookHost } from './robotRules.js';

export interface RobotUpdaterProps {
  robotId: string;
  patch: RobotPatch;
  /** NODE_ENV=test: fake platforms on http://127.0.0.1 are accepted. */
  allowLoopbackHttp: boolean;
}

/** Changes a robot: its name, address, 加签 secret (null removes it), the kinds it posts, on or off. */
export async function robotUpdater(ctx: CommandContext, props: RobotUpdaterProps) {
  const patch = RobotPatchSchema.parse(props.patch);
  const { robot, alliance } = await manageableRobot(ctx, props.robotId, { withSecret: true });
  if (patch.webhookUrl !== undefined) assertWebhookUrl(patch.webhookUrl, props.allowLoopbackHttp);
  const before = {
    name: robot.name,
    platform: robot.platform,
    webhookHost: webhookHost(robot.webhookUrl),
    secretSet: Boolean(robot.secret),
    enabled: robot.enabled,
    kindCount: robot.kinds.length,
  };
  if (patch.name !== undefined) robot.name = patch.name;
  if (patch.platform !== undefined) robot.platform = patch.platform;
  if (patch.webhookUrl !== undefined) robot.webhookUrl = patch.webhookUrl;
  if (patch.secret !== undefined) robot.secret = patch.secret;
  if (patch.kinds !== undefined) robot.kinds = patch.kinds;
  if (patch.enabled !== undefined) robot.enabled = patch.enabled;
  const after = {
    name: robot.name,
    platform: robot.platform,
    webhookHost: webhookHost(robot.webhookUrl),
    secretSet: Boolean(robot.secret),
    enabled: robot.enabled,
    kindCount: robot.kinds.length,
  };
  // Only what changed, but the name always, so the log says which robot.
  const changed = (k: keyof typeof after) => k === 'name' || before[k] !== after[k];
  const keys = (Object.keys(after) as (keyof typeof after)[]).filter(changed);
  await inTransaction(ctx, async (session) => {
    await robot.save({ session });
    await recordAudit(ctx, session, {
      action: 'robot.update',
      targetType: 'alliance',
      targetId: alliance._id,
      alliance: alliance._id,
      before: summarize(Object.fromEntries(keys.map((k) => [k, before[k]]))),
      after: summarize(Object.fromEntries(keys.map((k) => [k, after[k]]))),
    });
  });
  return robot;
}
