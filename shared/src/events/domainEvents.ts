import { z } from 'zod';
import { IdSchema } from '../schemas/common.js';

/**
 * What happened, once a command has committed: the one vocabulary every consumer reads —
 * broadcasts to screens, access re-checks of open connections, vote timers, and the reminders,
 * points and statistics to come. Events carry ids, never the state itself (consumers read what
 * they show), and never what a secret ballot chose.
 */
const meetingRef = { meetingId: IdSchema, allianceId: IdSchema };

export const DomainEventSchema = z.discriminatedUnion('type', [
  // Meetings (联席会议)
  z.object({ type: z.literal('meeting.created'), ...meetingRef }),
  z.object({ type: z.literal('meeting.scheduled'), ...meetingRef }),
  z.object({ type: z.literal('meeting.updated'), ...meetingRef }),
  z.object({ type: z.literal('meeting.cancelled'), ...meetingRef }),
  /** 改期: a scheduled meeting's time (and perhaps place) changed; `from`/`to` are ISO times. */
  z.object({ type: z.literal('meeting.rescheduled'), ...meetingRef, from: z.string(), to: z.string() }),
  z.object({ type: z.literal('meeting.started'), ...meetingRef }),
  z.object({ type: z.literal('meeting.adjourned'), ...meetingRef }),
  z.object({ type: z.literal('meeting.agendaItemSet'), ...meetingRef }),
  z.object({ type: z.literal('attendance.changed'), ...meetingRef }),
  z.object({ type: z.literal('speakers.changed'), ...meetingRef }),
  // Decisions (决议) and votes (表决)
  z.object({ type: z.literal('decision.created'), ...meetingRef, decisionId: IdSchema }),
  z.object({ type: z.literal('decision.frozen'), ...meetingRef, decisionId: IdSchema }),
  /** A draft withdrawn (撤回): its live editors turn read-only. */
  z.object({ type: z.literal('decision.withdrawn'), ...meetingRef, decisionId: IdSchema }),
  /** A rejected or withdrawn decision revised into a new draft (`decisionId`), linked to `revisesId`. */
  z.object({ type: z.literal('decision.revised'), ...meetingRef, decisionId: IdSchema, revisesId: IdSchema }),
  z.object({
    type: z.literal('vote.opened'),
    ...meetingRef,
    voteId: IdSchema,
    decisionId: IdSchema.nullable(),
    /** When the vote closes by itself, if it does (ISO time). */
    closesAt: z.string().nullable(),
  }),
  /** A ballot landed. Which voter chose what is not part of it, open vote or secret. */
  z.object({ type: z.literal('ballot.cast'), ...meetingRef, voteId: IdSchema }),
  z.object({ type: z.literal('vote.closed'), ...meetingRef, voteId: IdSchema, decisionId: IdSchema.nullable() }),
  /** A named ballot changed while the vote is open (改投); which way is not part of it. */
  z.object({ type: z.literal('ballot.changed'), ...meetingRef, voteId: IdSchema }),
  /** The chair cancelled the vote: it counts nothing, its decision is drafted again. */
  z.object({ type: z.literal('vote.cancelled'), ...meetingRef, voteId: IdSchema, decisionId: IdSchema.nullable() }),
  // Action items (督办事项)
  z.object({
    type: z.enum([
      'actionItem.created',
      'actionItem.progressReported',
      'actionItem.transitioned',
      'actionItem.edited',
      'actionItem.extended',
      /** 签收: the lead unit acknowledged the item. */
      'actionItem.acknowledged',
      /** 延期申请: the lead unit asked for a new deadline; 审批: a secretary approved or refused it. */
      'actionItem.extensionRequested',
      'actionItem.extensionDecided',
      /** 催办: a secretary reminded the lead unit. */
      'actionItem.nudged',
      /** A cooperating unit (配合单位) reported on its part. */
      'actionItem.partReported',
      /** Evidence (佐证材料) attached to a report. */
      'actionItem.evidenceAttached',
    ]),
    allianceId: IdSchema,
    meetingId: IdSchema.nullable(),
    itemId: IdSchema,
  }),
  /** Deleted while nothing had happened to it: screens drop it (there is nothing left to read). */
  z.object({
    type: z.literal('actionItem.deleted'),
    allianceId: IdSchema,
    meetingId: IdSchema.nullable(),
    itemId: IdSchema,
  }),
  // Minutes (会议纪要)
  z.object({ type: z.enum(['minutes.generated', 'minutes.answered', 'minutes.published']), ...meetingRef }),
  // Notifications (消息中心): some people's bells changed (new, read); their screens refresh.
  z.object({ type: z.literal('notifications.changed'), userIds: z.array(IdSchema).max(10_000) }),
  // The three lists (三张清单): 需求, 资源, 共建项目
  z.object({
    type: z.enum(['demand.created', 'demand.edited', 'demand.offered', 'demand.accepted', 'demand.transitioned', 'demand.evidenceAdded', 'demand.evidenceRemoved']),
    allianceId: IdSchema,
    demandId: IdSchema,
  }),
  z.object({ type: z.enum(['resource.created', 'resource.edited']), allianceId: IdSchema, resourceId: IdSchema }),
  z.object({
    type: z.enum(['project.created', 'project.edited', 'project.progressReported', 'project.milestoneSet', 'project.transitioned', 'project.putOnAgenda']),
    allianceId: IdSchema,
    projectId: IdSchema,
  }),
  // 吹哨报到
  z.object({
    type: z.enum(['whistle.raised', 'whistle.responded', 'whistle.closed', 'whistle.reopened', 'whistle.linked', 'whistle.evidenceAdded', 'whistle.evidenceRemoved']),
    allianceId: IdSchema,
    whistleId: IdSchema,
  }),
  z.object({ type: z.literal('whistle.settingsChanged'), allianceId: IdSchema }),
  // Evaluation (积分制, 星级评定, 述职评议) and people (大工委 committee, 双报到)
  /** Points of some units or members changed (recomputed from a record, or a manual entry). */
  z.object({ type: z.literal('points.changed'), allianceId: IdSchema }),
  z.object({ type: z.literal('pointScheme.changed'), allianceId: IdSchema }),
  z.object({
    type: z.enum(['rating.adjusted', 'rating.published', 'rating.reopened', 'ratingRules.changed']),
    allianceId: IdSchema,
    period: z.string().max(10),
  }),
  z.object({
    type: z.enum(['appraisal.created', 'appraisal.updated', 'appraisal.opened', 'appraisal.scored', 'appraisal.closed', 'appraisal.linksChanged']),
    allianceId: IdSchema,
    appraisalId: IdSchema,
  }),
  z.object({ type: z.literal('committee.changed'), allianceId: IdSchema }),
  z.object({ type: z.enum(['service.registered', 'service.registrationEnded']), allianceId: IdSchema, registrationId: IdSchema }),
  z.object({
    type: z.enum(['service.activityCreated', 'service.activityUpdated', 'service.signedUp', 'service.withdrawn', 'service.checkedIn', 'service.activityCompleted', 'service.activityCancelled']),
    allianceId: IdSchema,
    activityId: IdSchema,
  }),
  // Alliances, people, sessions
  z.object({ type: z.enum(['alliance.created', 'alliance.updated']), allianceId: IdSchema }),
  /** Members, roles, representatives or secretaries changed: who may read and write. */
  z.object({ type: z.literal('membership.changed'), allianceId: IdSchema }),
  /** One session ended (logout). The hash, never the token. */
  z.object({ type: z.literal('session.ended'), sessionHash: z.string() }),
  /** All of a person's sessions ended (password change or reset). */
  z.object({ type: z.literal('user.sessionsEnded'), userId: IdSchema }),
]);
export type DomainEvent = z.infer<typeof DomainEventSchema>;
export type DomainEventType = DomainEvent['type'];
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;
