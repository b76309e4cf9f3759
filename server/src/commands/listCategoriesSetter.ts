import type { ListCategories } from '@tongxin/shared';
import { listPolicy } from '../policies/lists.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden } from './errors.js';
import { listCategoriesOf } from './listLoaders.js';
import { readableAlliance } from './loaders.js';

/**
 * 清单类别: a secretary sets the alliance's categories. Records keep the category they were filed
 * under even when it is removed from the list, so that nothing is re-filed behind anyone's back.
 */
export async function listCategoriesSetter(ctx: CommandContext, allianceId: string, props: ListCategories) {
  const alliance = await readableAlliance(ctx, allianceId);
  if (!listPolicy.canSetCategories(ctx.actor, alliance)) throw forbidden('only a secretary sets the list categories');
  const before = listCategoriesOf(alliance);
  return inTransaction(ctx, async (session) => {
    await ctx.models.Alliance.updateOne({ _id: alliance._id }, { $set: { listCategories: props.categories } }, { session });
    await recordAudit(ctx, session, {
      action: 'lists.setCategories',
      targetType: 'alliance',
      targetId: alliance._id,
      alliance: alliance._id,
      event: { type: 'alliance.updated', allianceId: String(alliance._id) },
      before: { categories: before.join('、') },
      after: { categories: props.categories.join('、') },
    });
    return props.categories;
  });
}
