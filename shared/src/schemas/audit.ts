import { z } from 'zod';
import { AUDIT_CATEGORIES, AUDIT_TARGET_KINDS } from '../domain/auditFields.js';
import { IdSchema, RefSchema } from './common.js';
import { PageQuerySchema } from './pagination.js';

/** What an audit event is about, by name, with the page it has in the product when there is one. */
export const AuditRefSchema = z.object({
  kind: z.enum(AUDIT_TARGET_KINDS),
  id: IdSchema.optional(),
  /** A title or a name; "—" when the record was removed. */
  name: z.string(),
  /** A client path such as `/meetings/…`; absent for what has no page (a person, a unit). */
  path: z.string().optional(),
});
export type AuditRef = z.infer<typeof AuditRefSchema>;

const AuditScalarSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('number'), value: z.number(), unit: z.enum(['percent', 'seconds', 'version']).optional() }),
  z.object({ type: z.literal('boolean'), value: z.boolean() }),
  /** An instant; the client shows it in local (Beijing) time. */
  z.object({ type: z.literal('time'), at: z.string() }),
  z.object({ type: z.literal('day'), day: z.string() }),
  /** A code; `key` is its catalogue key (`meetingStatus.in_session`). */
  z.object({ type: z.literal('enum'), key: z.string() }),
  z.object({ type: z.literal('ref'), ref: AuditRefSchema }),
]);
/** One value of a change, typed so that every client renders it in words. */
export const AuditValueSchema = z.union([
  AuditScalarSchema,
  z.object({ type: z.literal('list'), items: z.array(AuditScalarSchema) }),
]);
export type AuditValue = z.infer<typeof AuditValueSchema>;

/** One field a change touched; `field` has a label in the `audit.field` catalogue. */
export const AuditChangeSchema = z.object({
  field: z.string(),
  before: AuditValueSchema.optional(),
  after: AuditValueSchema.optional(),
});
export type AuditChange = z.infer<typeof AuditChangeSchema>;

export const AuditEventSchema = z.object({
  id: IdSchema,
  actor: RefSchema.nullable(),
  actorUnit: RefSchema.nullable(),
  /** For a refused login, which has no actor: the login as it was typed. */
  login: z.string().optional(),
  action: z.string(),
  category: z.enum(AUDIT_CATEGORIES),
  targetType: z.string(),
  /** Absent only for a failed login that named no account (`targetType: 'login'`). */
  targetId: IdSchema.optional(),
  target: AuditRefSchema.nullable(),
  changes: z.array(AuditChangeSchema),
  /** An older event's summary, when it is plain words. */
  note: z.string().optional(),
  /** Shown to the alliance's secretaries and to admins only. */
  ip: z.string().optional(),
  at: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

/**
 * Every action an audit event may record; each has its words in the `auditAction` catalogue, a
 * phrase that completes "11月30日 21:05 城东街道 张敏 …" and places the target with `{{target}}`.
 */
export const AUDIT_ACTIONS = [
  'alliance.create',
  'alliance.update',
  'alliance.addMember',
  'alliance.updateMember',
  'alliance.removeMember',
  'alliance.setSecretaries',
  'alliance.setRotation',
  'alliance.setCharter',
  'alliance.setVotingDefaults',
  'alliance.setStatusLight',
  'unit.create',
  'unit.update',
  'unit.deactivate',
  'unit.reactivate',
  'user.create',
  'user.changePassword',
  'user.resetPassword',
  'user.deactivate',
  'user.reactivate',
  'admin.bootstrap',
  'login.failed',
  'login.locked',
  'meeting.create',
  'meeting.update',
  'meeting.schedule',
  'meeting.cancel',
  'meeting.reschedule',
  'meeting.start',
  'meeting.start.withoutQuorum',
  'meeting.adjourn',
  'meeting.publishMinutes',
  'meeting.checkIn',
  'meeting.checkIn.onBehalf',
  'meeting.checkIn.undo',
  'meeting.leave',
  'meeting.proxy',
  'meeting.agendaItem',
  'speaker.request',
  'speaker.withdraw',
  'speaker.next',
  'decision.create',
  'decision.freeze',
  'decision.withdraw',
  'decision.revise',
  'vote.open',
  'vote.cast',
  'vote.close',
  'vote.changeBallot',
  'vote.enterBallot',
  'vote.cancel',
  'actionItem.create',
  'actionItem.progress',
  'actionItem.reportPart',
  'actionItem.setPartResponsible',
  'actionItem.start',
  'actionItem.submit',
  'actionItem.verify',
  'actionItem.reopen',
  'actionItem.cancel',
  'actionItem.edit',
  'actionItem.extend',
  'actionItem.delete',
  'actionItem.acknowledge',
  'actionItem.requestExtension',
  'actionItem.approveExtension',
  'actionItem.refuseExtension',
  'actionItem.nudge',
  'minutes.generate',
  'minutes.confirm',
  'minutes.comment',
  'minutes.publish',
  'lists.setCategories',
  'demand.create',
  'demand.edit',
  'demand.offer',
  'demand.accept',
  'demand.start',
  'demand.resolve',
  'demand.reject',
  'demand.reopen',
  'demand.attachEvidence',
  'demand.removeEvidence',
  'resource.create',
  'resource.edit',
  'project.create',
  'project.edit',
  'project.progress',
  'project.milestone',
  'project.transition',
  'project.agenda',
  'whistle.raise',
  'whistle.acknowledge',
  'whistle.contact',
  'whistle.report',
  'whistle.close',
  'whistle.reopen',
  'whistle.agenda',
  'whistle.project',
  'whistle.settings',
  'whistle.attachEvidence',
  'whistle.removeEvidence',
  'robot.create',
  'robot.update',
  'robot.delete',
  'points.manual',
  'points.void',
  'points.scheme',
  'points.rebuild',
  'rating.rules',
  'rating.adjust',
  'rating.publish',
  'rating.reopen',
  'appraisal.create',
  'appraisal.update',
  'appraisal.open',
  'appraisal.score',
  'appraisal.close',
  'appraisal.link',
  'appraisal.revokeLink',
  'committee.update',
  'service.register',
  'service.endRegistration',
  'service.createActivity',
  'service.updateActivity',
  'service.signUp',
  'service.withdraw',
  'service.checkIn',
  'service.complete',
  'service.cancel',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The catalogue key of an action's label (catalogue keys hold no dots). */
export const auditActionKey = (action: string) => `auditAction.${action.replaceAll('.', '_')}`;

/** The audit log's filters: a kind of action, the acting unit, a period (`from` inclusive, `to` exclusive). */
export const AuditQuerySchema = PageQuerySchema.extend({
  category: z.enum(AUDIT_CATEGORIES).optional(),
  unit: IdSchema.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day (YYYY-MM-DD)');
/** The dates a reader picks to filter the log by: whole days, in local (Beijing) time, `to` included. */
export const AuditDayRangeSchema = z
  .object({ from: DaySchema.optional(), to: DaySchema.optional() })
  .refine((r) => !r.from || !r.to || r.to >= r.from, { path: ['to'], message: 'toBeforeFrom' });
export type AuditDayRange = z.infer<typeof AuditDayRangeSchema>;
