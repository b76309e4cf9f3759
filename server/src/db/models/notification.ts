import { Schema, type InferSchemaType } from 'mongoose';
import { CONFIGURABLE_NOTIFICATION_KINDS, NOTIFICATION_KINDS } from '@tongxin/shared';

/**
 * 消息: one notification for one person. `key` names the occurrence (an event, a reminder's day):
 * the unique index on {key, user} is what makes notify() idempotent — a replay, a retry or a
 * second process inserting the same one is refused by the database, not by a read-then-write.
 */
export const notificationSchema = new Schema({
  user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
  kind: { type: String, required: true, enum: NOTIFICATION_KINDS },
  alliance: { type: Schema.Types.ObjectId, ref: 'Alliance', default: null },
  /** The words' values by placeholder; stored as given (strings and numbers). */
  params: { type: Schema.Types.Mixed, required: true, default: {} },
  link: { type: String, default: null },
  key: { type: String, required: true },
  /** From the app's clock. */
  createdAt: { type: Date, required: true },
  readAt: { type: Date, default: null },
  /** Arrived in the person's quiet hours: no pop-up, no sound. */
  quiet: { type: Boolean, default: false },
  /** Held for the daily summary: not counted unread, not announced. */
  digest: { type: Boolean, default: false },
});
notificationSchema.index({ key: 1, user: 1 }, { unique: true });
notificationSchema.index({ user: 1, createdAt: -1 });
export type NotificationDoc = InferSchemaType<typeof notificationSchema>;

/** 消息设置: one per person; absent means the defaults (everything on, no quiet hours, no summary). */
export const notificationPreferenceSchema = new Schema(
  {
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    disabledKinds: { type: [{ type: String, enum: CONFIGURABLE_NOTIFICATION_KINDS }], default: [] },
    quietHours: {
      type: new Schema({ from: { type: String, required: true }, to: { type: String, required: true } }, { _id: false }),
      default: null,
    },
    dailyDigest: { type: Boolean, default: false },
  },
  { timestamps: true },
);
notificationPreferenceSchema.index({ user: 1 }, { unique: true });
notificationPreferenceSchema.index({ dailyDigest: 1 });
export type NotificationPreferenceDoc = InferSchemaType<typeof notificationPreferenceSchema>;
