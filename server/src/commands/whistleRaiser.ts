import { WhistleCreateSchema, whistleDeadlines, type WhistleCreate } from '@tongxin/shared';
import { whistlePolicy } from '../policies/whistle.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, objectId } from './errors.js';
import { assertCategory, assertMemberUnit } from './listLoaders.js';
import { readableAlliance } from './loaders.js';
import { calendarOf, whistleClocksOf } from './whistleLoaders.js';

/**
 * 街乡吹哨: a unit that cannot solve a problem alone summons the responsible departments — one
 * 主责, the others 配合. Each department's clocks (签收, 联系对接, 报到) start now and are stored,
 * so a later change of the alliance's clocks does not move a running whistle's deadlines.
 */
export async function whistleRaiser(ctx: CommandContext, allianceId: string, input: WhistleCreate) {
  const props = WhistleCreateSchema.parse(input);
  const alliance = await readableAlliance(ctx, allianceId);
  assertMemberUnit(alliance, props.unit, 'unit');
  assertMemberUnit(alliance, props.leadUnit, 'leadUnit');
  props.assistingUnits.forEach((u) => assertMemberUnit(alliance, u, 'assistingUnits'));
  if (!whistlePolicy.canRaiseFor(ctx.actor, alliance, props.unit)) throw forbidden('you may blow the whistle for your own unit only');
  assertCategory(alliance, props.category);
  const raisedAt = ctx.clock.now();
  const due = whistleDeadlines(raisedAt, props.urgency, await whistleClocksOf(ctx.models, alliance._id), calendarOf(alliance));
  const department = (unit: string, role: 'lead' | 'assisting') => ({ unit: objectId(unit, 'unit'), role, ...due });
  return inTransaction(ctx, async (session) => {
    const [whistle] = await ctx.models.Whistle.create(
      [
        {
          alliance: alliance._id,
          unit: objectId(props.unit, 'unit'),
          title: props.title,
          description: props.description,
          location: props.location,
          category: props.category,
          urgency: props.urgency,
          raisedAt,
          raisedBy: ctx.actor.id,
          departments: [department(props.leadUnit, 'lead'), ...props.assistingUnits.map((u) => department(u, 'assisting'))],
        },
      ],
      { session },
    );
    await recordAudit(ctx, session, {
      action: 'whistle.raise',
      targetType: 'whistle',
      targetId: whistle!._id,
      alliance: alliance._id,
      event: { type: 'whistle.raised', allianceId: String(alliance._id), whistleId: String(whistle!._id) },
      after: { title: props.title, category: props.category, unit: props.unit, leadUnit: props.leadUnit, cooperatingUnits: props.assistingUnits },
    });
    return whistle!;
  });
}
