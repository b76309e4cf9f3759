import { Schema, type InferSchemaType } from 'mongoose';
import { DEFAULT_ROBOT_KINDS, NOTIFICATION_KINDS, ROBOT_DELIVERY_STATES, ROBOT_PLATFORMS } from '@tongxin/shared';

/**
 * 群机器人: a chat group's webhook that receives the alliance's (unit: null) or one member unit's
 * notifications. The 加签 secret is needed in clear to sign each message, so it is stored, but never
 * selected unless asked for (`+secret`) and never presented.
 */
export const robotSchema = new Schema(
  {
    alliance: { type: Schema.Types.ObjectId, ref: 'Alliance', required: true },
    unit: { type: Schema.Types.ObjectId, ref: 'Unit', default: null },
    platform: { type: String, required: true, enum: ROBOT_PLATFORMS },
    name: { type: String, required: true },
    webhookUrl: { type: String, required: true },
    secret: { type: String, default: null, select: false },
    kinds: { type: [String], enum: NOTIFICATION_KINDS, default: () => [...DEFAULT_ROBOT_KINDS] },
    enabled: { type: Boolean, default: true },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true },
);
robotSchema.index({ alliance: 1, unit: 1 });
export type RobotDoc = InferSchemaType<typeof robotSchema>;

/**
 * The outbox: one message for one robot. The unique (robot, key) pair is what makes a notification
 * asked for twice (two processes, a retried job) post once. `leaseUntil` is set by the process
 * that claimed it for sending; once it has passed, another process may take the delivery over.
 */
export const robotDeliverySchema = new Schema({
  robot: { type: Schema.Types.ObjectId, ref: 'Robot', required: true },
  alliance: { type: Schema.Types.ObjectId, ref: 'Alliance', required: true },
  /** The robot's unit at the time (null: the alliance's), for whom may read the log. */
  unit: { type: Schema.Types.ObjectId, ref: 'Unit', default: null },
  key: { type: String, required: true },
  kind: { type: String, required: true },
  /** The words, rendered once (zh-CN): the platform's own body is built at each attempt (signatures carry a timestamp). */
  payload: {
    title: { type: String, required: true },
    body: { type: String, default: '' },
    link: { type: String, default: null },
  },
  state: { type: String, required: true, enum: ROBOT_DELIVERY_STATES, default: 'pending' },
  attempts: { type: Number, default: 0 },
  nextAttemptAt: { type: Date, default: null },
  lastAnswer: {
    type: new Schema({ status: { type: Number, required: true }, body: { type: String, default: '' } }, { _id: false }),
    default: null,
  },
  sentAt: { type: Date, default: null },
  leaseUntil: { type: Date, default: null },
  createdAt: { type: Date, required: true },
});
robotDeliverySchema.index({ robot: 1, key: 1 }, { unique: true });
robotDeliverySchema.index({ state: 1, nextAttemptAt: 1 });
robotDeliverySchema.index({ alliance: 1, _id: -1 });
export type RobotDeliveryDoc = InferSchemaType<typeof robotDeliverySchema>;
