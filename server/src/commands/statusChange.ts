import type { ClientSession, HydratedDocument, Model, Types, UpdateQuery } from 'mongoose';
import { AppError } from '../errors.js';

/**
 * Moves a record on from the status the command read (and checked its rules against) — and only
 * from that one, so that two people acting at once cannot both move it: the second finds the
 * record changed and is told to reload, instead of applying its step to a state it never saw.
 */
export async function changeStatus<D extends { status: string }>(
  model: Model<D>,
  id: Types.ObjectId,
  from: string,
  update: UpdateQuery<D>,
  session: ClientSession,
  what: 'meeting' | 'item',
): Promise<HydratedDocument<D>> {
  const updated = await model.findOneAndUpdate({ _id: id, status: from } as never, update, {
    session,
    returnDocument: 'after',
  });
  if (!updated) throw new AppError('INVALID_STATE', `the ${what} changed meanwhile; reload and try again`);
  return updated;
}
