import { z } from 'zod';

/**
 * What the Yjs endpoint tells a client about its own connection, beyond the y-websocket
 * protocol: whether its edits count, and why not. Sent when the connection joins and whenever
 * access changes (a decision put to the vote, a meeting adjourned, a unit made observer …).
 * A client that ignores it loses nothing: the server drops what a read-only connection sends.
 */
export const DOC_ACCESS_MESSAGE = 20;

export const DocReadOnlyReasonSchema = z.enum([
  /** The viewer's unit is an observer (列席) or they do not edit in this alliance. */
  'not_editor',
  /** The decision is no longer a draft: put to the vote, adopted or rejected. */
  'decision_closed',
  /** The draft was withdrawn (撤回): it is the record now, and may be revised into a new draft. */
  'decision_withdrawn',
  /** The meeting is over (or cancelled): its agenda is the record. */
  'meeting_closed',
  /** Minutes are written by secretaries after adjournment, and locked once published. */
  'minutes_locked',
  /** A 述职评议 report is written while the session is a draft; scoring locks it. */
  'appraisal_locked',
]);
export type DocReadOnlyReason = z.infer<typeof DocReadOnlyReasonSchema>;

export const DocAccessMessageSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('write') }),
  z.object({ mode: z.literal('read'), reason: DocReadOnlyReasonSchema }),
]);
export type DocAccessMessage = z.infer<typeof DocAccessMessageSchema>;

/**
 * Close codes of `/yjs` connections the server ends on purpose. 4400–4499 tell y-websocket's
 * provider not to reconnect (RFC 6455 private range, mirroring HTTP 4xx).
 */
export const DOC_CLOSE = {
  /** The session ended: logout, password change or reset. */
  sessionEnded: 4401,
  /** The viewer may no longer read this document (unit removed from the alliance …). */
  accessRevoked: 4403,
  /** The document reached its size quota; the edit that would pass it was refused. */
  tooLarge: 4413,
} as const;
export type DocCloseCode = (typeof DOC_CLOSE)[keyof typeof DOC_CLOSE];
