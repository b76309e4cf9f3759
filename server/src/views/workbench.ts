import type { Workbench } from '@tongxin/shared';
import type { Actor } from '../auth/actor.js';
import type { Models } from '../db/models/index.js';
import { isSecretary, representsUnit } from '../policies/alliance.js';
import { minutesPolicy } from '../policies/minutes.js';

/**
 * `GET /api/workbench`: what the minutes of closed meetings (已散会, not yet 纪要已发布) still need
 * from this person. Looked for only in the alliances where the person has a part — a secretary, or
 * a representative of a member unit — so an administrator's workbench is not every alliance's.
 */
export async function workbenchView(models: Models, actor: Actor): Promise<Workbench> {
  const alliances = await models.Alliance.find({
    $or: [{ secretaries: actor.id }, { 'memberships.representatives': actor.id }],
  }).lean();
  if (alliances.length === 0) return { minutesToConfirm: [], minutesToPublish: [] };
  const meetings = await models.Meeting.find({ alliance: { $in: alliances.map((a) => a._id) }, status: 'adjourned' })
    .sort({ scheduledAt: 1 })
    .lean();
  if (meetings.length === 0) return { minutesToConfirm: [], minutesToPublish: [] };
  const minutes = await models.Minutes.find({ meeting: { $in: meetings.map((m) => m._id) } }).lean();
  const byMeeting = new Map(minutes.map((m) => [String(m.meeting), m]));
  const unitIds = new Set(alliances.flatMap((a) => a.memberships.map((m) => String(m.unit))));
  const units = await models.Unit.find({ _id: { $in: [...unitIds] } }, { name: 1 }).lean();
  const unitName = new Map(units.map((u) => [String(u._id), u.name]));
  const allianceOf = new Map(alliances.map((a) => [String(a._id), a]));

  const out: Workbench = { minutesToConfirm: [], minutesToPublish: [] };
  for (const meeting of meetings) {
    const alliance = allianceOf.get(String(meeting.alliance))!;
    // Minutes whose generation at adjournment failed are generated when the page opens: they are
    // a draft nobody has answered yet.
    const record = byMeeting.get(String(meeting._id)) ?? { status: 'draft', confirmations: [] };
    if (record.status !== 'draft') continue;
    const ref = {
      id: String(meeting._id),
      title: meeting.title,
      seq: meeting.seq,
      alliance: { id: String(alliance._id), name: alliance.name },
    };
    const answered = new Set(record.confirmations.map((c) => String(c.unit)));
    for (const unit of minutesPolicy.confirmFor(actor, alliance, record)) {
      if (!answered.has(unit)) out.minutesToConfirm.push({ meeting: ref, unit: { id: unit, name: unitName.get(unit) ?? '' } });
    }
    const publishes =
      isSecretary(actor, alliance) || representsUnit(actor, alliance, String(meeting.convenerUnit));
    if (publishes && minutesPolicy.canPublish(actor, alliance, meeting, record)) {
      const asked = minutesPolicy.askedUnits(alliance);
      out.minutesToPublish.push({
        meeting: ref,
        answered: asked.filter((u) => answered.has(u)).length,
        asked: asked.length,
      });
    }
  }
  return out;
}
