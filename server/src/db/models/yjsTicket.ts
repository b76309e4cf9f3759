import { Schema, type InferSchemaType } from 'mongoose';

/**
 * A one-time ticket for opening a Yjs connection from a client that cannot send the session
 * cookie (the WebSocket API takes no headers, so the credential goes into the URL, where proxies
 * and browsers log it). It is short-lived, single-use and bound to the session that asked for
 * it; only its SHA-256 is stored, like a session token.
 */
export const yjsTicketSchema = new Schema({
  ticketHash: { type: String, required: true, unique: true },
  /** The session the connection is bound to: ending it ends the connection. */
  sessionHash: { type: String, required: true },
  expiresAt: { type: Date, required: true },
});
yjsTicketSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
export type YjsTicketDoc = InferSchemaType<typeof yjsTicketSchema>;
