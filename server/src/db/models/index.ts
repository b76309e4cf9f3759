import type { Connection } from 'mongoose';
import { actionItemProgressSchema, actionItemSchema, actionItemStepSchema } from './actionItem.js';
import { actionItemPartSchema } from './actionItemPart.js';
import { allianceSchema } from './alliance.js';
import { attendanceSchema, proxySchema } from './attendance.js';
import { auditEventSchema } from './auditEvent.js';
import { charterRevisionSchema } from './charterRevision.js';
import { decisionSchema, decisionVersionSchema } from './decision.js';
import { meetingSchema } from './meeting.js';
import { demandSchema } from './demand.js';
import { projectSchema } from './project.js';
import { resourceSchema } from './resource.js';
import { whistleSchema, whistleSettingsSchema } from './whistle.js';
import { notificationPreferenceSchema, notificationSchema } from './notification.js';
import { docNumberCounterSchema, minutesSchema } from './minutes.js';
import { reminderOccurrenceSchema } from './reminderOccurrence.js';
import { roomStateSchema } from './roomState.js';
import { unitSchema } from './unit.js';
import { sessionSchema } from './session.js';
import { userSchema } from './user.js';
import { ballotSchema, voteParticipationSchema, voteSchema } from './vote.js';
import { sealedBallotSchema, voteChainEntrySchema } from './voteChain.js';
import { yjsTicketSchema } from './yjsTicket.js';
import { yjsUpdateSchema } from './yjsUpdate.js';
import { robotDeliverySchema, robotSchema } from './robot.js';
import { pointEntrySchema } from './pointEntry.js';
import { appraisalLinkSchema, appraisalSchema, appraisalScoreSchema } from './appraisal.js';
import { ratingPeriodSchema } from './ratingPeriod.js';
import { serviceActivitySchema } from './serviceActivity.js';
import { serviceRegistrationSchema } from './serviceRegistration.js';

/** Binds every schema to one connection; commands receive these models, never the global ones. */
export function registerModels(conn: Connection) {
  return {
    Unit: conn.model('Unit', unitSchema),
    User: conn.model('User', userSchema),
    Alliance: conn.model('Alliance', allianceSchema),
    Meeting: conn.model('Meeting', meetingSchema),
    AuditEvent: conn.model('AuditEvent', auditEventSchema),
    Session: conn.model('Session', sessionSchema),
    Decision: conn.model('Decision', decisionSchema),
    DecisionVersion: conn.model('DecisionVersion', decisionVersionSchema),
    YjsUpdate: conn.model('YjsUpdate', yjsUpdateSchema),
    YjsTicket: conn.model('YjsTicket', yjsTicketSchema),
    Attendance: conn.model('Attendance', attendanceSchema),
    Proxy: conn.model('Proxy', proxySchema),
    RoomState: conn.model('RoomState', roomStateSchema),
    Vote: conn.model('Vote', voteSchema),
    VoteParticipation: conn.model('VoteParticipation', voteParticipationSchema),
    Ballot: conn.model('Ballot', ballotSchema),
    VoteChainEntry: conn.model('VoteChainEntry', voteChainEntrySchema),
    SealedBallot: conn.model('SealedBallot', sealedBallotSchema),
    ActionItem: conn.model('ActionItem', actionItemSchema),
    ActionItemProgress: conn.model('ActionItemProgress', actionItemProgressSchema),
    ActionItemStep: conn.model('ActionItemStep', actionItemStepSchema),
    ActionItemPart: conn.model('ActionItemPart', actionItemPartSchema),
    Minutes: conn.model('Minutes', minutesSchema),
    DocNumberCounter: conn.model('DocNumberCounter', docNumberCounterSchema),
    CharterRevision: conn.model('CharterRevision', charterRevisionSchema),
    Robot: conn.model('Robot', robotSchema),
    RobotDelivery: conn.model('RobotDelivery', robotDeliverySchema),
    Demand: conn.model('Demand', demandSchema),
    Resource: conn.model('Resource', resourceSchema),
    Project: conn.model('Project', projectSchema),
    Whistle: conn.model('Whistle', whistleSchema),
    PointEntry: conn.model('PointEntry', pointEntrySchema),
    RatingPeriod: conn.model('RatingPeriod', ratingPeriodSchema),
    WhistleSettings: conn.model('WhistleSettings', whistleSettingsSchema),
    ReminderOccurrence: conn.model('ReminderOccurrence', reminderOccurrenceSchema),
    Notification: conn.model('Notification', notificationSchema),
    NotificationPreference: conn.model('NotificationPreference', notificationPreferenceSchema),
    Appraisal: conn.model('Appraisal', appraisalSchema),
    AppraisalScore: conn.model('AppraisalScore', appraisalScoreSchema),
    AppraisalLink: conn.model('AppraisalLink', appraisalLinkSchema),
    ServiceActivity: conn.model('ServiceActivity', serviceActivitySchema),
    ServiceRegistration: conn.model('ServiceRegistration', serviceRegistrationSchema),
  };
}
export type Models = ReturnType<typeof registerModels>;
