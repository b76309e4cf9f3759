import { Schema, type InferSchemaType } from 'mongoose';

export const REMINDER_OCCURRENCE_STATES = ['claimed', 'done', 'failed'] as const;

/**
 * One occurrence of a reminder (提醒): "item X is due in 3 working days (due 2026-03-02)", "meeting Y
 * starts in an hour". The reminder scheduler derives occurrences from the records on every tick; the
 * unique `key` is what makes each one happen once across processes and restarts: a process claims
 * an occurrence by inserting it (a duplicate key means another process has it), delivers, and marks
 * it done. A claim whose process died is taken over once its lease has passed.
 */
export const reminderOccurrenceSchema = new Schema(
  {
    /** e.g. `item:<id>:dueSoon:2026-03-02`, `meeting:<id>:in1h:<scheduledAt>`, `digest:<user>:<day>`. */
    key: { type: String, required: true },
    /** A notification kind, or `digest.daily` for the 08:30 summary. */
    kind: { type: String, required: true },
    state: { type: String, required: true, enum: REMINDER_OCCURRENCE_STATES, default: 'claimed' },
    /** The process (scheduler instance) holding the claim. */
    owner: { type: String, required: true },
    /** Until when the claim holds; after it any process may take the occurrence over (app clock). */
    leaseUntil: { type: Date, required: true },
    attempts: { type: Number, required: true, default: 1 },
    /**
     * What to deliver, fixed at the claim, so that a takeover delivers the same message under the
     * same key: `{ notify: NotifyRequest }` or `{ digest: { userId, day } }`. Mixed: params are free.
     */
    payload: { type: Schema.Types.Mixed, required: true },
    claimedAt: { type: Date, required: true },
    doneAt: { type: Date, default: null },
    lastError: { type: String, default: null },
  },
  { versionKey: false, minimize: false },
);
reminderOccurrenceSchema.index({ key: 1 }, { unique: true });
// Takeovers look for claims whose lease has passed.
reminderOccurrenceSchema.index({ state: 1, leaseUntil: 1 });
export type ReminderOccurrenceDoc = InferSchemaType<typeof reminderOccurrenceSchema>;
