import { WhistleClocksSchema, type WhistleClocksInput } from '@tongxin/shared';
import { whistlePolicy } from '../policies/whistle.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden } from './errors.js';
import { readableAlliance } from './loaders.js';

/** 吹哨时限: a secretary sets the alliance's clocks; whistles raised from now on follow them. */
export async function whistleClocksSetter(ctx: CommandContext, allianceId: string, input: WhistleClocksInput) {
  const props = WhistleClocksSchema.parse(input);
  const alliance = await readableAlliance(ctx, allianceId);
  if (!whistlePolicy.canSetClocks(ctx.actor, alliance)) throw forbidden('only a secretary sets the whistle clocks');
  return inTransaction(ctx, async (session) => {
    await ctx.models.WhistleSettings.updateOne({ alliance: alliance._id }, { $set: props }, { upsert: true, session });
    await recordAudit(ctx, session, {
      action: 'whistle.settings',
      targetType: 'alliance',
      targetId: alliance._id,
      alliance: alliance._id,
      event: { type: 'whistle.settingsChanged', allianceId: String(alliance._id) },
      after: { ackWorkingHours: props.ackWorkingHours, contactHours: props.contactHours, reportWorkingDaysUrgent: props.reportWorkingDaysUrgent, reportWorkingDaysNormal: props.reportWorkingDaysNormal, reopenDays: props.reopenDays },
    });
    return props;
  });
}
