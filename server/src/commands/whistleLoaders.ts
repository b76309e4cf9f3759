import { DEFAULT_WHISTLE_CLOCKS, type CalendarOverrides, type WhistleClocks } from '@tongxin/shared';
import type { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';
import { alliancePolicy } from '../policies/alliance.js';
import type { CommandContext } from './context.js';
import { forbidden, notFound, objectId } from './errors.js';

type Reader = Pick<CommandContext, 'models' | 'actor'>;

/** The alliance's 吹哨 clocks, or the defaults until a secretary sets them. */
export async function whistleClocksOf(models: Models, allianceId: Types.ObjectId | string): Promise<WhistleClocks> {
  const s = await models.WhistleSettings.findOne({ alliance: allianceId }).lean();
  if (!s) return { ...DEFAULT_WHISTLE_CLOCKS, workingPeriods: DEFAULT_WHISTLE_CLOCKS.workingPeriods.map((p) => ({ ...p })) };
  return {
    ackWorkingHours: s.ackWorkingHours,
    contactHours: s.contactHours,
    reportWorkingDaysUrgent: s.reportWorkingDaysUrgent,
    reportWorkingDaysNormal: s.reportWorkingDaysNormal,
    workingPeriods: s.workingPeriods.map((p) => ({ from: p.from ?? '09:00', to: p.to ?? '17:30' })),
    reopenDays: s.reopenDays,
  };
}

/** The alliance's own calendar entries (调休 and holidays the official data does not know). */
export const calendarOf = (alliance: { calendar?: { holidays?: string[]; workdays?: string[] } | null }): CalendarOverrides => ({
  holidays: alliance.calendar?.holidays ?? [],
  workdays: alliance.calendar?.workdays ?? [],
});

export async function readableWhistle(ctx: Reader, id: string) {
  const whistle = await ctx.models.Whistle.findById(objectId(id, 'whistle'));
  if (!whistle) throw notFound('whistle');
  const alliance = await ctx.models.Alliance.findById(whistle.alliance);
  if (!alliance) throw notFound('whistle');
  if (!alliancePolicy.canRead(ctx.actor, alliance)) throw forbidden('your unit is not a member of this alliance');
  return { whistle, alliance };
}
