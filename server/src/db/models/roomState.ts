import { Schema, type InferSchemaType } from 'mongoose';

const personInQueue = new Schema(
  {
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    unit: { type: Schema.Types.ObjectId, ref: 'Unit', default: null },
    requestedAt: { type: Date, required: true },
  },
  { _id: false },
);

/**
 * The running state of a meeting in session: the agenda item under discussion and the speaker
 * queue. Kept in MongoDB so that a restart or a second process sees the same room.
 */
export const roomStateSchema = new Schema(
  {
    meeting: { type: Schema.Types.ObjectId, ref: 'Meeting', required: true, unique: true },
    currentItem: { type: new Schema({ id: String, title: String, since: Date }, { _id: false }), default: null },
    speakers: { type: [personInQueue], default: [] },
    currentSpeaker: {
      type: new Schema(
        {
          user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
          unit: { type: Schema.Types.ObjectId, ref: 'Unit', default: null },
          startedAt: { type: Date, required: true },
          timeBoxSeconds: { type: Number, required: true },
        },
        { _id: false },
      ),
      default: null,
    },
    startedWithoutQuorum: {
      type: new Schema({ reason: String, by: { type: Schema.Types.ObjectId, ref: 'User' } }, { _id: false }),
      default: null,
    },
  },
  { timestamps: true },
);
export type RoomStateDoc = InferSchemaType<typeof roomStateSchema>;
