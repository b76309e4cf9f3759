import type { NotificationPreferences } from '@tongxin/shared';
import type { CommandContext } from './context.js';

/**
 * Saves the actor's 消息设置 whole (the form sends every field). A person's own reading settings
 * are not the alliance's business: no audit event. Applies to notifications from now on.
 */
export async function notificationPreferencesSetter(
  ctx: CommandContext,
  prefs: NotificationPreferences,
): Promise<NotificationPreferences> {
  await ctx.models.NotificationPreference.updateOne(
    { user: ctx.actor.id },
    { $set: { disabledKinds: prefs.disabledKinds, quietHours: prefs.quietHours, dailyDigest: prefs.dailyDigest } },
    { upsert: true },
  );
  return prefs;
}
