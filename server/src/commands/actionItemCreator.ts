import {
  acknowledgementDueAt,
  DEFAULT_ACK_WORKING_DAYS,
  meetingPhase,
  type ActionItemCreate,
} from '@tongxin/shared';
import { AppError } from '../errors.js';
import { actionItemPolicy } from '../policies/actionItem.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, notFound, objectId } from './errors.js';
import { readableAlliance, readableMeeting } from './loaders.js';

export type ActionItemCreateProps = ActionItemCreate & {
  /** Where it is created: the alliance (REST) — or implied by `meetingId` (in the room). */
  allianceId?: string | undefined;
  /** Created in the live room: refused once the meeting is closed (散会), as every room action is. */
  inRoom?: boolean;
};

/**
 * 督办事项: assigned to a lead unit with cooperating units, a responsible person, measures and a
 * deadline — in the room from a decision or on its own, or afterwards through REST. Supervisors
 * (secretaries, the convener of the source meeting) assign work; units do not assign it to each other.
 */
export async function actionItemCreator(ctx: CommandContext, props: ActionItemCreateProps) {
  const loaded = props.meetingId ? await readableMeeting(ctx, props.meetingId) : null;
  const alliance = loaded?.alliance ?? (props.allianceId ? await readableAlliance(ctx, props.allianceId) : null);
  if (!alliance) throw new AppError('VALIDATION', 'an action item belongs to an alliance or a meeting');
  if (loaded && props.allianceId && String(loaded.alliance._id) !== props.allianceId) {
    throw new AppError('VALIDATION', 'the meeting belongs to another alliance', { field: 'meetingId' });
  }
  if (props.inRoom && loaded && !meetingPhase.liveRoomOpen(loaded.meeting.status)) {
    throw new AppError('INVALID_STATE', `the meeting is ${loaded.meeting.status}: the room takes no new action items`);
  }
  const convener = loaded ? String(loaded.meeting.convenerUnit) : null;
  if (!actionItemPolicy.canSupervise(ctx.actor, alliance, convener)) {
    throw forbidden('only a secretary or the convener assigns action items');
  }
  const members = new Set(alliance.memberships.map((m) => String(m.unit)));
  for (const unit of [props.leadUnit, ...props.cooperatingUnits]) {
    if (!members.has(unit)) throw new AppError('VALIDATION', 'lead and cooperating units must be member units', { unit });
  }
  if (props.decisionId) {
    const decision = await ctx.models.Decision.findById(objectId(props.decisionId, 'decision'), { alliance: 1 }).lean();
    if (!decision || String(decision.alliance) !== String(alliance._id)) throw notFound('decision');
  }
  const now = ctx.clock.now();
  // 签收时限: counted in the alliance's working days (official calendar, plus its own entries).
  const ackDueAt = acknowledgementDueAt(now, alliance.ackWorkingDays ?? DEFAULT_ACK_WORKING_DAYS, {
    calendar: { holidays: alliance.calendar?.holidays ?? [], workdays: alliance.calendar?.workdays ?? [] },
  });
  return inTransaction(ctx, async (session) => {
    const [item] = await ctx.models.ActionItem.create(
      [
        {
          alliance: alliance._id,
          meeting: loaded?.meeting._id ?? null,
          decision: props.decisionId ? objectId(props.decisionId, 'decision') : null,
          title: props.title,
          description: props.description,
          leadUnit: objectId(props.leadUnit, 'unit'),
          cooperatingUnits: [...new Set(props.cooperatingUnits)].map((u) => objectId(u, 'unit')),
          responsiblePerson: props.responsiblePerson,
          measures: props.measures,
          dueDate: props.dueDate,
          ackDueAt,
          // Nothing reported yet: the silence the status light counts starts when the work is assigned.
          lastReportAt: now,
          createdBy: ctx.actor.id,
        },
      ],
      { session },
    );
    await recordAudit(ctx, session, {
      action: 'actionItem.create',
      targetType: 'action_item',
      targetId: item!._id,
      event: { type: 'actionItem.created', allianceId: String(alliance._id), meetingId: item!.meeting ? String(item!.meeting) : null, itemId: String(item!._id) },
      alliance: alliance._id,
      after: { title: props.title, leadUnit: props.leadUnit, dueDate: props.dueDate, ackDueAt },
    });
    return item!;
  });
}

