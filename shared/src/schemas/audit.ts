import { z } from 'zod';
import { IdSchema, RefSchema } from './common.js';

export const AuditEventSchema = z.object({
  id: IdSchema,
  actor: RefSchema.nullable(),
  actorUnit: RefSchema.nullable(),
  action: z.string(),
  targetType: z.string(),
  /** Absent only for a failed login that named no account (`targetType: 'login'`). */
  targetId: IdSchema.optional(),
  before: z.string().optional(),
  after: z.string().optional(),
  /** Shown to the alliance's secretaries and to admins only. */
  ip: z.string().optional(),
  at: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

/** Every action an audit event may record; each has a label in the `auditAction` catalogue. */
export const AUDIT_ACTIONS = [
  'alliance.create',
  'alliance.update',
  'alliance.addMember',
  'alliance.updateMember',
  'alliance.removeMember',
  'alliance.setSecretaries',
  'alliance.setRotation',
  'unit.create',
  'unit.update',
  'user.create',
  'user.changePassword',
  'user.resetPassword',
  'login.failed',
  'login.locked',
  'meeting.create',
  'meeting.update',
  'meeting.schedule',
  'meeting.cancel',
  'meeting.start',
  'meeting.start.withoutQuorum',
  'meeting.adjourn',
  'meeting.publishMinutes',
  'meeting.checkIn',
  'meeting.checkIn.onBehalf',
  'meeting.proxy',
  'meeting.agendaItem',
  'speaker.request',
  'speaker.withdraw',
  'speaker.next',
  'decision.create',
  'decision.freeze',
  'vote.open',
  'vote.cast',
  'vote.close',
  'actionItem.create',
  'actionItem.progress',
  'actionItem.start',
  'actionItem.submit',
  'actionItem.verify',
  'actionItem.reopen',
  'actionItem.cancel',
  'minutes.generate',
  'minutes.confirm',
  'minutes.comment',
  'minutes.publish',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The catalogue key of an action's label (catalogue keys hold no dots). */
export const auditActionKey = (action: string) => `auditAction.${action.replaceAll('.', '_')}`;
