import { Schema, type InferSchemaType } from 'mongoose';
import { AUTO_CRITERIA, COMMITTEE_POSTS, PERIOD_KINDS, RATING_METHODS, AllianceKindSchema, TallyVisibilitySchema, MemberRoleSchema, VoteThresholdSchema, VotingBasisSchema } from '@tongxin/shared';

const membershipSchema = new Schema(
  {
    unit: { type: Schema.Types.ObjectId, ref: 'Unit', required: true },
    role: { type: String, required: true, enum: MemberRoleSchema.options },
    representatives: [{ type: Schema.Types.ObjectId, ref: 'User' }],
    /** One of `representatives`; unset means the first one. */
    primaryRepresentative: { type: Schema.Types.ObjectId, ref: 'User' },
    joinedAt: { type: Date, required: true, default: () => new Date() },
  },
  { _id: false },
);

/** A unit that left: kept for the record, never consulted for access. */
const formerMembershipSchema = new Schema(
  {
    unit: { type: Schema.Types.ObjectId, ref: 'Unit', required: true },
    role: { type: String, required: true, enum: MemberRoleSchema.options },
    joinedAt: { type: Date, required: true },
    leftAt: { type: Date, required: true },
    removedBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { _id: false },
);

/** One rule of the points scheme (积分规则); see `PointRuleSchema`. */
const pointRuleSchema = new Schema(
  {
    criterion: { type: String, required: true, enum: AUTO_CRITERIA },
    enabled: { type: Boolean, required: true },
    points: { type: Number, required: true },
    cap: { type: Number, default: null },
    capPeriod: { type: String, required: true, enum: PERIOD_KINDS },
  },
  { _id: false },
);

/** A member of the alliance's committee (大工委 委员 / 兼职委员). */
const committeeMemberSchema = new Schema(
  {
    name: { type: String, required: true },
    user: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    post: { type: String, required: true, enum: COMMITTEE_POSTS },
    homeUnit: { type: Schema.Types.ObjectId, ref: 'Unit', required: true },
    title: { type: String, default: '' },
  },
  { _id: false },
);

export const allianceSchema = new Schema(
  {
    name: { type: String, required: true, unique: true, trim: true },
    kind: { type: String, required: true, enum: AllianceKindSchema.options },
    description: { type: String, default: '' },
    charter: { type: String, default: '' },
    memberships: { type: [membershipSchema], default: [] },
    /** Membership history (成员变动): units removed, with when they joined and left. */
    formerMemberships: { type: [formerMembershipSchema], default: [] },
    secretaries: [{ type: Schema.Types.ObjectId, ref: 'User' }],
    /** Units in the order they take turns convening (召集单位轮值). */
    rotation: [{ type: Schema.Types.ObjectId, ref: 'Unit' }],
    /** Units of `rotation` passed over for now (暂不轮值); they keep their place. */
    rotationSkipped: [{ type: Schema.Types.ObjectId, ref: 'Unit' }],
    votingDefaults: {
      basis: { type: String, enum: VotingBasisSchema.options, default: 'unit' },
      quorum: { type: Number, default: 0.5 },
      threshold: { type: String, enum: VoteThresholdSchema.options, default: 'simple_majority' },
      secret: { type: Boolean, default: false },
      tallyVisibility: { type: String, enum: TallyVisibilitySchema.options, default: 'live' },
      allowBallotChange: { type: Boolean, default: false },
    },
    /** 纪要版头: the issuing body's name (empty: the alliance's) and whether it is printed red (红头). */
    minutesLetterhead: {
      issuer: { type: String, default: '' },
      red: { type: Boolean, default: true },
    },
    /** 亮灯规则: how near the deadline, and how long without a report, before an item shows yellow. */
    statusLightRules: {
      dueSoonWorkingDays: { type: Number, default: 3 },
      silentDays: { type: Number, default: 14 },
    },
    /** The alliance's own calendar entries for years the bundled official calendar does not know. */
    calendar: {
      holidays: { type: [String], default: [] },
      workdays: { type: [String], default: [] },
    },
    /** 签收时限: working days the lead unit has to acknowledge a new action item (1–10). */
    ackWorkingDays: { type: Number, default: 2, min: 1, max: 10 },
    /** 清单类别: the categories of the demand / resource / project lists; unset means the defaults. */
    listCategories: { type: [String], default: undefined },
    /** 积分规则: unset means DEFAULT_POINT_SCHEME. */
    pointRules: { type: [pointRuleSchema], default: undefined },
    /** 星级评定规则: unset means DEFAULT_RATING_RULES. */
    ratingRules: {
      type: new Schema(
        {
          period: { type: String, enum: PERIOD_KINDS, required: true },
          method: { type: String, enum: RATING_METHODS, required: true },
          pointsWeight: { type: Number, required: true },
          appraisalWeight: { type: Number, required: true },
          thresholds: { type: [Number], required: true },
          rankShares: { type: [Number], required: true },
        },
        { _id: false },
      ),
      default: undefined,
    },
    /** 委员名单 (e.g. of a 大工委), in the order shown. */
    committee: { type: [committeeMemberSchema], default: [] },
    /** Next 第 N 次 sequence number; taken with an atomic $inc when a meeting is created. */
    nextMeetingSeq: { type: Number, default: 1 },
  },
  { timestamps: true },
);
allianceSchema.index({ 'memberships.unit': 1 });
export type AllianceDoc = InferSchemaType<typeof allianceSchema>;
