import {
  acceptsExtension,
  acceptsProgress,
  actionItemTransitionRole,
  awaitsAcknowledgement,
  allowedActionItemTransitions,
  isDeletableActionItem,
  isEditableActionItem,
  meetingPhase,
  nextMeetingStatus,
  type ActionItemAbilities,
  type ActionItemStatus,
  type MeetingAbilities,
  type MeetingStatus,
} from '@tongxin/shared';
import type { Actor } from '../auth/actor.js';
import { actionItemPolicy, type ActionItemFacts } from './actionItem.js';
import { alliancePolicy, type AllianceFacts } from './alliance.js';
import { meetingPolicy, type MeetingFacts } from './meeting.js';
import { roomPolicy } from './room.js';

/**
 * What a viewer may do with a meeting, from the same policies the commands ask — sent with the
 * meeting so that screens show what is allowed instead of re-deriving the rules.
 */
export function meetingAbilities(
  actor: Actor,
  alliance: AllianceFacts,
  meeting: MeetingFacts & { status: string },
): MeetingAbilities {
  const status = meeting.status as MeetingStatus;
  const schedules = meetingPolicy.canSchedule(actor, alliance, String(meeting.convenerUnit));
  return {
    transitions: schedules ? (['schedule', 'cancel'] as const).filter((t) => nextMeetingStatus(status, t) !== null) : [],
    draft: alliancePolicy.canEdit(actor, alliance) && meetingPhase.openForDrafting(status),
    chair: roomPolicy.canChair(actor, alliance, meeting),
    speak: roomPolicy.canSpeak(actor, alliance),
    reschedule: schedules && meetingPhase.reschedulable(status),
  };
}

/**
 * What a viewer may do with an action item now, from the policy and the item's status — the same
 * checks its commands make — sent with the item for its page to show only what will be accepted.
 */
export function actionItemAbilities(
  actor: Actor,
  alliance: AllianceFacts,
  item: ActionItemFacts & {
    status: string;
    /** 签收 dates as stored (null for items from before 签收). */
    acknowledgement: { ackDueAt: Date | null; acknowledgedAt: Date | null };
    /** A 延期申请 waits for a decision. */
    extensionPending: boolean;
  },
): ActionItemAbilities {
  const status = item.status as ActionItemStatus;
  const lead = actionItemPolicy.canReport(actor, alliance, item);
  const signOff = actionItemPolicy.canSignOff(actor, alliance, item);
  return {
    transitions: allowedActionItemTransitions(status).filter((t) =>
      actionItemTransitionRole(t) === 'lead' ? lead : signOff,
    ),
    report: lead && acceptsProgress(status),
    edit: isEditableActionItem(status) ? [...actionItemPolicy.editableFields(actor, alliance, item)] : [],
    extend: acceptsExtension(status) && actionItemPolicy.canExtend(actor, alliance, item),
    delete: isDeletableActionItem(status) && actionItemPolicy.canDelete(actor, alliance, item),
    acknowledge: awaitsAcknowledgement({ status, ...item.acknowledgement }) && lead,
    requestExtension: acceptsExtension(status) && !item.extensionPending && actionItemPolicy.canRequestExtension(actor, alliance, item),
    decideExtension: item.extensionPending && actionItemPolicy.canDecideExtension(actor, alliance, item),
    nudge: acceptsProgress(status) && actionItemPolicy.canNudge(actor, alliance, item),
  };
}
