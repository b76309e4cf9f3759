import { localDate, wallClock } from '@tongxin/shared';
import type { AppContext } from '../context.js';
import { notify } from './notifier.js';

const pad = (n: number) => String(n).padStart(2, '0');
const dateTime = (at: Date) => {
  const c = wallClock(at);
  return `${localDate(at)} ${pad(c.hour)}:${pad(c.minute)}`;
};

/**
 * 双报到: the members signed up for an activity hear when it is changed or cancelled. The key names
 * the occurrence (the activity's update time), so a retry notifies nobody twice; the organizer who
 * made the change is not told of it. Robots are not offered these: they concern single people.
 */
export async function notifyServiceActivity(app: AppContext, activityId: string, what: 'changed' | 'cancelled', byUserId: string): Promise<void> {
  const models = app.db.models;
  const a = await models.ServiceActivity.findById(activityId).lean();
  if (!a) return;
  const to = a.signups.map((s) => String(s.member)).filter((id) => id !== byUserId);
  if (to.length === 0) return;
  const community = (await models.Unit.findById(a.community, { name: 1 }).lean())?.name ?? '';
  const kind = what === 'changed' ? 'service.activityChanged' : 'service.activityCancelled';
  await notify(app, {
    key: `event:${kind}:${activityId}:${(a.updatedAt ?? new Date(0)).toISOString()}`,
    kind,
    allianceId: String(a.alliance),
    to: { userIds: to },
    params: { title: a.title, community, time: dateTime(a.startsAt), place: a.place, reason: a.cancelReason ?? '' },
    link: `/service-activities/${activityId}`,
    robots: false,
  });
}
