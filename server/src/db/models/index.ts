import type { Connection } from 'mongoose';
import { allianceSchema } from './alliance.js';
import { auditEventSchema } from './auditEvent.js';
import { decisionSchema, decisionVersionSchema } from './decision.js';
import { meetingSchema } from './meeting.js';
import { unitSchema } from './unit.js';
import { sessionSchema } from './session.js';
import { userSchema } from './user.js';
import { yjsUpdateSchema } from './yjsUpdate.js';

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
  };
}
export type Models = ReturnType<typeof registerModels>;
