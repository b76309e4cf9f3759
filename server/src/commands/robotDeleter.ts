import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { manageableRobot } from './robotRules.js';

/**
 * Removes a robot. Its messages not yet posted are dropped with it (the group is gone from the
 * settings); those posted or failed stay in the 推送记录 as they were.
 */
export async function robotDeleter(ctx: CommandContext, robotId: string) {
  const { robot, alliance } = await manageableRobot(ctx, robotId);
  await inTransaction(ctx, async (session) => {
    await ctx.models.RobotDelivery.deleteMany({ robot: robot._id, state: 'pending' }, { session });
    await robot.deleteOne({ session });
    await recordAudit(ctx, session, {
      action: 'robot.delete',
      targetType: 'alliance',
      targetId: alliance._id,
      alliance: alliance._id,
      before: { name: robot.name, platform: robot.platform },
    });
  });
}
