import { Schema, type InferSchemaType } from 'mongoose';
import { POINT_CRITERIA, POINT_SOURCE_KINDS } from '@tongxin/shared';

/**
 * 积分明细: one line of an alliance's points ledger. Automatic lines are a projection of a record
 * (a meeting, an action item, a whistle …): `key` names the occurrence (`meeting.attended:<meeting>:<unit>`),
 * unique per alliance, so that projecting the same record again writes the same lines and never
 * adds one. Manual lines (加分 / 扣分) carry who made them and why, and are withdrawn (撤销) by
 * marking them voided, never by deleting them.
 */
export const pointEntrySchema = new Schema(
  {
    alliance: { type: Schema.Types.ObjectId, ref: 'Alliance', required: true },
    key: { type: String, required: true },
    criterion: { type: String, required: true, enum: POINT_CRITERIA },
    /** As recorded (the scheme's points for the occurrence, × hours for service), before any cap. */
    points: { type: Number, required: true },
    unit: { type: Schema.Types.ObjectId, ref: 'Unit', default: null },
    member: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    /** Hours of 双报到 service this line stands for (service.hours only). */
    hours: { type: Number, default: null },
    /** When it was earned: the meeting, the 销号, the 签收, the 认领, the check-in … */
    at: { type: Date, required: true },
    sourceKind: { type: String, required: true, enum: POINT_SOURCE_KINDS },
    /** The record it comes from; null for a manual line. */
    sourceId: { type: Schema.Types.ObjectId, default: null },
    /** The record's title as it was projected (the ledger shows it without reading every record). */
    title: { type: String, default: '' },
    /** Why (manual), or a short note on the occurrence. */
    reason: { type: String, default: '' },
    /** 佐证材料 of a manual line: GridFS ids in the `evidence` bucket. */
    evidence: { type: [Schema.Types.ObjectId], default: [] },
    /** Who made a manual line; null for automatic ones. */
    by: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    voided: {
      type: new Schema(
        { at: { type: Date, required: true }, by: { type: Schema.Types.ObjectId, ref: 'User', required: true }, reason: { type: String, required: true } },
        { _id: false },
      ),
      default: null,
    },
  },
  { timestamps: true },
);
pointEntrySchema.index({ alliance: 1, key: 1 }, { unique: true });
pointEntrySchema.index({ alliance: 1, at: -1 });
pointEntrySchema.index({ alliance: 1, unit: 1, at: -1 });
pointEntrySchema.index({ alliance: 1, member: 1, at: -1 });
pointEntrySchema.index({ alliance: 1, sourceKind: 1, sourceId: 1 });
export type PointEntryDoc = InferSchemaType<typeof pointEntrySchema>;
