import { Schema, type InferSchemaType } from 'mongoose';

/**
 * 在职党员双报到: an in-service member registered with a residential community of an alliance.
 * One active registration per member per alliance: `active` is true until the registration ends,
 * and a partial unique index makes a second active one impossible.
 */
export const serviceRegistrationSchema = new Schema(
  {
    alliance: { type: Schema.Types.ObjectId, ref: 'Alliance', required: true },
    member: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    /** The member's own unit when they registered (在职单位). */
    workUnit: { type: Schema.Types.ObjectId, ref: 'Unit', default: null },
    /** The residential community (a member unit of the alliance). */
    community: { type: Schema.Types.ObjectId, ref: 'Unit', required: true },
    skills: { type: [String], default: [] },
    phone: { type: String, default: '' },
    note: { type: String, default: '' },
    registeredAt: { type: Date, required: true },
    endedAt: { type: Date, default: null },
    endedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    active: { type: Boolean, default: true },
  },
  { timestamps: true },
);
serviceRegistrationSchema.index({ alliance: 1, member: 1 }, { unique: true, partialFilterExpression: { active: true } });
serviceRegistrationSchema.index({ alliance: 1, community: 1 });
serviceRegistrationSchema.index({ workUnit: 1 });
export type ServiceRegistrationDoc = InferSchemaType<typeof serviceRegistrationSchema>;
