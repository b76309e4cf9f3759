import { WhistleReportSchema, WhistleStepSchema, type WhistleReport, type WhistleStep } from '@tongxin/shared';
import { AppError } from '../errors.js';
import { whistlePolicy } from '../policies/whistle.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, objectId } from './errors.js';
import { readableWhistle } from './whistleLoaders.js';

type Step = 'acknowledge' | 'contact' | 'report';

/** What a step needs done before it, and the field that records it. */
const FIELD = { acknowledge: 'ackAt', contact: 'contactAt', report: 'reportedAt' } as const;

async function respond(ctx: CommandContext, whistleId: string, unitId: string, step: Step, set: (now: Date) => Record<string, unknown>, push?: Record<string, unknown>) {
  const { whistle, alliance } = await readableWhistle(ctx, whistleId);
  if (!whistlePolicy.canRespondFor(ctx.actor, alliance, whistle, unitId)) {
    throw forbidden('only the summoned department itself (or a secretary) responds for it');
  }
  if (whistle.status !== 'open') throw new AppError('INVALID_STATE', 'the whistle is closed');
  const department = whistle.departments.find((d) => String(d.unit) === unitId)!;
  if (step === 'acknowledge' && department.ackAt) throw new AppError('CONFLICT', 'the department has already acknowledged it');
  if (step !== 'acknowledge' && !department.ackAt) throw new AppError('INVALID_STATE', '签收 first');
  if (step === 'contact' && department.contactAt) throw new AppError('CONFLICT', 'the department has already recorded its contact');
  const now = ctx.clock.now();
  const unit = objectId(unitId, 'unit');
  return inTransaction(ctx, async (session) => {
    const first = step === 'report' ? !department.reportedAt : true;
    const updated = await ctx.models.Whistle.findOneAndUpdate(
      { _id: whistle._id, status: 'open', departments: { $elemMatch: { unit, ...(step === 'report' ? {} : { [FIELD[step]]: null }) } } },
      {
        $set: Object.fromEntries(Object.entries({ ...set(now), ...(first ? { [FIELD[step]]: now } : {}) }).map(([k, v]) => [`departments.$.${k}`, v])),
        ...(push ? { $push: Object.fromEntries(Object.entries(push).map(([k, v]) => [`departments.$.${k}`, v])) } : {}),
      },
      { session, returnDocument: 'after' },
    );
    if (!updated) throw new AppError('CONFLICT', 'the whistle changed meanwhile; reload it');
    await recordAudit(ctx, session, {
      action: `whistle.${step}`,
      targetType: 'whistle',
      targetId: whistle._id,
      alliance: alliance._id,
      event: { type: 'whistle.responded', allianceId: String(alliance._id), whistleId: String(whistle._id) },
      after: { unit: unitId },
    });
    return updated;
  });
}

/** 签收: the department takes the whistle on. */
export function whistleAcknowledger(ctx: CommandContext, whistleId: string, unitId: string, input: WhistleStep) {
  const { note } = WhistleStepSchema.parse(input);
  return respond(ctx, whistleId, unitId, 'acknowledge', (now) => ({ ackBy: ctx.actor.id, ackNote: note, ackAt: now }));
}

/** 联系对接: the department got in touch with the whistling unit. */
export function whistleContactRecorder(ctx: CommandContext, whistleId: string, unitId: string, input: WhistleStep) {
  const { note } = WhistleStepSchema.parse(input);
  return respond(ctx, whistleId, unitId, 'contact', (now) => ({ contactBy: ctx.actor.id, contactNote: note, contactAt: now }));
}

/**
 * 报到: what the department did and when. Its first report is what the 报到 clock counts (the
 * time it is recorded, not the time it says the work was done, which may be earlier).
 */
export async function whistleReporter(ctx: CommandContext, whistleId: string, unitId: string, input: WhistleReport) {
  const props = WhistleReportSchema.parse(input);
  const now = ctx.clock.now();
  const doneAt = props.doneAt ? new Date(props.doneAt) : now;
  if (doneAt.getTime() > now.getTime()) throw new AppError('VALIDATION', 'the work cannot be done in the future', { field: 'doneAt' });
  return respond(ctx, whistleId, unitId, 'report', () => ({}), { reports: { text: props.text, doneAt, at: now, by: ctx.actor.id } });
}
