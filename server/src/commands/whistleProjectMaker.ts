import { AppError } from '../errors.js';
import { whistlePolicy } from '../policies/whistle.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden } from './errors.js';
import { listCategoriesOf } from './listLoaders.js';
import { projectCreator } from './projectCreator.js';
import { readableWhistle } from './whistleLoaders.js';

/**
 * 转为共建项目: a problem that needs lasting joint work becomes a joint project, led by the 主责
 * department with the 配合 departments and the whistling unit taking part. The project is made by
 * the lists' own command (same rules, same audit), then the whistle links to it.
 */
export async function whistleProjectMaker(ctx: CommandContext, whistleId: string) {
  const { whistle, alliance } = await readableWhistle(ctx, whistleId);
  const lead = whistle.departments.find((d) => d.role === 'lead')!;
  if (!whistlePolicy.canMakeProject(ctx.actor, alliance, String(lead.unit))) {
    throw forbidden('a whistle becomes a project by its lead department or a secretary');
  }
  if (whistle.project) throw new AppError('CONFLICT', 'the whistle is already a joint project');
  const project = await projectCreator(ctx, String(alliance._id), {
    title: whistle.title,
    description: [whistle.description, whistle.location ? `地点：${whistle.location}` : ''].filter(Boolean).join('\n'),
    category: listCategoriesOf(alliance).includes(whistle.category) ? whistle.category : undefined,
    leadUnit: String(lead.unit),
    participants: [
      ...whistle.departments.filter((d) => d.role === 'assisting').map((d) => ({ unit: String(d.unit), commitment: '配合' })),
      { unit: String(whistle.unit), commitment: '吹哨单位' },
    ],
  });
  return inTransaction(ctx, async (session) => {
    const updated = await ctx.models.Whistle.findOneAndUpdate(
      { _id: whistle._id, project: null },
      { $set: { project: project._id } },
      { session, returnDocument: 'after' },
    );
    if (!updated) throw new AppError('CONFLICT', 'the whistle is already a joint project');
    await recordAudit(ctx, session, {
      action: 'whistle.project',
      targetType: 'whistle',
      targetId: whistle._id,
      alliance: alliance._id,
      event: { type: 'whistle.linked', allianceId: String(alliance._id), whistleId: String(whistle._id) },
    });
    return updated;
  });
}
