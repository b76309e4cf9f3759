import { Schema, type InferSchemaType } from 'mongoose';

/**
 * A spent one-time Yjs ticket (see `auth/yjsTickets.ts`). Tickets are signed, not stored, when
 * issued; using one stores its SHA-256 here, so that a second use is refused. A row goes when the
 * ticket would have expired anyway.
 */
export const yjsTicketSchema = new Schema({
  ticketHash: { type: String, required: true, unique: true },
  expiresAt: { type: Date, required: true },
});
yjsTicketSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
export type YjsTicketDoc = InferSchemaType<typeof yjsTicketSchema>;
