import type { Model, Types } from 'mongoose';
import type { Page, PageQuery } from '@tongxin/shared';

/** One page of `model` matching `filter`, presented, with the total for page controls. */
export async function paginate<D, T>(
  model: Model<D>,
  filter: Record<string, unknown>,
  sort: Record<string, 1 | -1>,
  { page, pageSize }: PageQuery,
  present: (doc: D & { _id: Types.ObjectId }) => T,
  populate: [path: string, select: string][] = [],
): Promise<Page<T>> {
  let query = model
    .find(filter)
    .sort(sort)
    .skip((page - 1) * pageSize)
    .limit(pageSize);
  for (const [path, select] of populate) query = query.populate(path, select);
  const [docs, total] = await Promise.all([query.lean<(D & { _id: Types.ObjectId })[]>(), model.countDocuments(filter)]);
  return { items: docs.map(present), page, pageSize, total };
}
