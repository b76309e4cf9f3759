import {
  DEFAULT_LIGHT_SETTINGS,
  DEFAULT_STATUS_LIGHT_RULES,
  DEFAULT_TIME_ZONE,
  itemLightAt,
  type ItemLight,
  type ItemLightFacts,
  type LightSettings,
} from '@tongxin/shared';
import type { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';

export { DEFAULT_LIGHT_SETTINGS, type ItemLightFacts, type LightSettings };

/** The alliance fields as stored (older alliances have none of them). */
export interface AllianceLightFields {
  timeZone?: string | null;
  statusLightRules?: { dueSoonWorkingDays?: number | null; silentDays?: number | null } | null;
  calendar?: { holidays?: string[] | null; workdays?: string[] | null } | null;
}

/** An alliance's light settings: its rules and calendar, the defaults where it has none. */
export function lightSettingsOf(a: AllianceLightFields | null | undefined): LightSettings {
  if (!a) return DEFAULT_LIGHT_SETTINGS;
  return {
    timeZone: a.timeZone || DEFAULT_TIME_ZONE,
    rules: {
      dueSoonWorkingDays: a.statusLightRules?.dueSoonWorkingDays ?? DEFAULT_STATUS_LIGHT_RULES.dueSoonWorkingDays,
      silentDays: a.statusLightRules?.silentDays ?? DEFAULT_STATUS_LIGHT_RULES.silentDays,
    },
    calendar: { holidays: [...(a.calendar?.holidays ?? [])], workdays: [...(a.calendar?.workdays ?? [])] },
  };
}

/** The light settings of each alliance named, by id (one query for a whole ledger). */
export async function lightSettingsByAlliance(models: Models, ids: Types.ObjectId[]): Promise<Map<string, LightSettings>> {
  const unique = [...new Set(ids.map(String))];
  const rows = await models.Alliance.find({ _id: { $in: unique } }, { statusLightRules: 1, calendar: 1 }).lean<
    (AllianceLightFields & { _id: Types.ObjectId })[]
  >();
  return new Map(rows.map((a) => [String(a._id), lightSettingsOf(a)]));
}

/**
 * 亮灯 of one item now, as every view shows it: the item, its alliance's settings (time zone, rules,
 * calendar — see `lightSettingsOf`) and the caller's clock. Computed on read, so a change of the
 * rules or the calendar relights every item at once.
 */
export function itemLight(item: ItemLightFacts, settings: LightSettings, now: Date, latestProgressAt?: Date | null): ItemLight {
  return itemLightAt(item, settings, now, latestProgressAt);
}
