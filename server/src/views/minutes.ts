import type { Minutes } from '@tongxin/shared';
import type { Actor } from '../auth/actor.js';
import type { Models } from '../db/models/index.js';
import type { AllianceFacts } from '../policies/alliance.js';
import type { MeetingFacts } from '../policies/meeting.js';
import { minutesPolicy } from '../policies/minutes.js';
import { presentMinutes, type MinutesLean } from '../presenters/minutes.js';
import { minutesFrame } from '../queries/minutesFrame.js';

/** The minutes as `actor` sees them, with the names of units and people resolved. */
export async function minutesView(
  models: Models,
  minutes: MinutesLean,
  meeting: MeetingFacts,
  alliance: AllianceFacts,
  actor: Actor,
): Promise<Minutes> {
  const asked = minutesPolicy.askedUnits(alliance);
  const userIds = [...minutes.confirmations.map((c) => c.user), ...(minutes.publishedBy ? [minutes.publishedBy] : [])];
  const [units, users, frame] = await Promise.all([
    models.Unit.find({ _id: { $in: asked } }, { name: 1 }).lean(),
    models.User.find({ _id: { $in: userIds } }, { name: 1 }).lean(),
    minutesFrame(models, minutes),
  ]);
  return presentMinutes(
    minutes,
    asked,
    {
      units: new Map(units.map((u) => [String(u._id), u.name])),
      users: new Map(users.map((u) => [String(u._id), u.name])),
    },
    {
      edit: minutesPolicy.canEdit(actor, alliance, minutes),
      publish: minutesPolicy.canPublish(actor, alliance, meeting, minutes),
      confirmFor: minutesPolicy.confirmFor(actor, alliance, minutes),
    },
    frame,
  );
}
