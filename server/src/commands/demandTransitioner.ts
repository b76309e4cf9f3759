import { nextDemandStatus, type DemandStatus, type DemandTransitionBody } from '@tongxin/shared';
import { DemandTransitionBodySchema } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { listPolicy } from '../policies/lists.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden } from './errors.js';
import { readableDemand } from './listLoaders.js';
import { changeStatus } from './statusChange.js';

/**
 * 开始办理 and 已解决 by the unit that claimed the demand; 不予受理 (with the reason the raiser is
 * told) and 重新开放 by the raiser or a secretary.
 */
export async function demandTransitioner(ctx: CommandContext, demandId: string, input: DemandTransitionBody) {
  const props = DemandTransitionBodySchema.parse(input);
  const { demand, alliance } = await readableDemand(ctx, demandId);
  const from = demand.status as DemandStatus;
  const to = nextDemandStatus(from, props.transition);
  if (!to) throw new AppError('INVALID_STATE', `cannot ${props.transition} a demand that is ${from}`);
  if (!listPolicy.demandTransitions(ctx.actor, alliance, demand).includes(props.transition)) {
    throw forbidden(
      props.transition === 'start' || props.transition === 'resolve'
        ? 'only the unit that claimed the demand moves it on'
        : 'only the raising unit or a secretary declines or reopens a demand',
    );
  }
  const reopening = props.transition === 'reopen';
  return inTransaction(ctx, async (session) => {
    const updated = await changeStatus(
      ctx.models.Demand,
      demand._id,
      from,
      {
        $set: {
          status: to,
          rejectReason: props.transition === 'reject' ? props.reason : reopening ? '' : demand.rejectReason,
          ...(reopening ? { claimedBy: null, resource: null } : {}),
        },
      },
      session,
      'item',
    );
    await recordAudit(ctx, session, {
      action: `demand.${props.transition}`,
      targetType: 'demand',
      targetId: demand._id,
      alliance: alliance._id,
      event: { type: 'demand.transitioned', allianceId: String(alliance._id), demandId: String(demand._id) },
      before: { status: from },
      after: { status: to, reason: props.reason || undefined },
    });
    return updated;
  });
}
