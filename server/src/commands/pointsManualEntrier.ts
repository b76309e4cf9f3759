import { localDate, ManualPointsSchema, zonedInstant } from '@tongxin/shared';
import { Types } from 'mongoose';
import { evidenceFiles } from '../db/evidence.js';
import { AppError } from '../errors.js';
import { pointsPolicy } from '../policies/points.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, objectId } from './errors.js';
import { storeEvidence, type IncomingFile, type StoredEvidence } from './evidenceUploader.js';
import { readableAlliance } from './loaders.js';

const refuse = (field: string, message: string) => new AppError('UNPROCESSABLE', message, { field });

/**
 * 加分 / 扣分: a secretary records points for a member unit or a person of the alliance, with the
 * reason and, if any, evidence uploaded first (`POST /alliances/:id/points/evidence`). It counts on
 * the day given (Beijing; today by default, never a day to come) and is never capped.
 */
export async function pointsManualEntrier(ctx: CommandContext, allianceId: string, input: unknown) {
  const props = ManualPointsSchema.parse(input);
  const alliance = await readableAlliance(ctx, allianceId);
  if (!pointsPolicy.canManage(ctx.actor, alliance)) throw forbidden('only a secretary records manual points');
  const { models } = ctx;

  let unit: Types.ObjectId | null = null;
  let member: Types.ObjectId | null = null;
  if (props.unit) {
    if (!alliance.memberships.some((m) => String(m.unit) === props.unit)) throw refuse('unit', 'must be a member unit of the alliance');
    unit = new Types.ObjectId(props.unit);
  } else if (props.member) {
    const user = await models.User.findById(objectId(props.member, 'member'), { unit: 1, active: 1 }).lean();
    const belongs =
      user &&
      ((user.unit && alliance.memberships.some((m) => String(m.unit) === String(user.unit))) ||
        (await models.ServiceRegistration.exists({ alliance: alliance._id, member: user._id })));
    if (!belongs) throw refuse('member', 'must be a person of a member unit, or registered with a community of the alliance');
    member = user._id;
  }

  const now = ctx.clock.now();
  const today = localDate(now);
  let at = now;
  if (props.date && props.date !== today) {
    const day = zonedInstant(props.date);
    if (Number.isNaN(day.getTime()) || localDate(day) !== props.date) throw refuse('date', 'not a day of the calendar');
    if (props.date > today) throw refuse('date', 'points cannot count on a day to come');
    // Midday of the day given: inside that day whatever the period.
    at = zonedInstant(`${props.date}T12:00`);
  }

  const evidenceIds = [...new Set(props.evidence)].map((id) => new Types.ObjectId(id));
  if (evidenceIds.length > 0) {
    const files = await evidenceFiles(ctx.connection)
      .find({ _id: { $in: evidenceIds } }, { projection: { metadata: 1 } })
      .toArray();
    const usable = files.filter(
      (f) =>
        f.metadata.owner === 'points' &&
        String(f.metadata.alliance) === String(alliance._id) &&
        f.metadata.attachedTo === null &&
        String(f.metadata.uploader) === ctx.actor.id,
    );
    if (usable.length !== evidenceIds.length) throw refuse('evidence', 'upload the files for this entry first (or they were already used)');
  }

  const id = new Types.ObjectId();
  return inTransaction(ctx, async (session) => {
    const [entry] = await models.PointEntry.create(
      [
        {
          _id: id,
          alliance: alliance._id,
          key: `manual:${String(id)}`,
          criterion: 'manual',
          points: props.points,
          unit,
          member,
          at,
          sourceKind: 'manual',
          sourceId: null,
          title: '',
          reason: props.reason,
          evidence: evidenceIds,
          by: ctx.actor.id,
        },
      ],
      { session },
    );
    if (evidenceIds.length > 0) {
      const r = await evidenceFiles(ctx.connection).updateMany(
        { _id: { $in: evidenceIds }, 'metadata.attachedTo': null },
        { $set: { 'metadata.attachedTo': id } },
        { session },
      );
      if (r.modifiedCount !== evidenceIds.length) throw refuse('evidence', 'the files were taken up by another entry meanwhile');
    }
    await recordAudit(ctx, session, {
      action: 'points.manual',
      targetType: unit ? 'unit' : 'user',
      targetId: (unit ?? member)!,
      alliance: alliance._id,
      event: { type: 'points.changed', allianceId: String(alliance._id) },
      after: { points: props.points, reason: props.reason, date: localDate(at), attachments: evidenceIds.length || undefined },
    });
    return entry!.toObject();
  });
}

/**
 * 积分佐证: files for a manual entry about to be made, checked by their bytes and stored, not yet
 * attached; the entry names them (`evidence`). The uploader is checked before a byte is read.
 */
export async function pointsEvidenceUploader(ctx: CommandContext, allianceId: string, receive: () => Promise<IncomingFile[]>): Promise<StoredEvidence[]> {
  const alliance = await readableAlliance(ctx, allianceId);
  if (!pointsPolicy.canManage(ctx.actor, alliance)) throw forbidden('only a secretary records manual points');
  const incoming = await receive();
  return storeEvidence(ctx, incoming, { owner: 'points', id: alliance._id, alliance: alliance._id }, null);
}
