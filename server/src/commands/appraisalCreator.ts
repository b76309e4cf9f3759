import { randomUUID } from 'node:crypto';
import { AppraisalInputSchema, AppraisalPatchSchema, meetingPhase, type AppraisalInput } from '@tongxin/shared';
import type { Types } from 'mongoose';
import { appraisalPolicy } from '../policies/appraisal.js';
import { appendAgendaItem } from '../yjs/agenda.js';
import type { DocRegistry } from '../yjs/registry.js';
import { assertReporters, assertStatus, managedAppraisal } from './appraisalLoaders.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, notFound, objectId } from './errors.js';
import { readableAlliance } from './loaders.js';

/** Minutes an appraisal agenda item is given by default: a few minutes per report. */
const agendaMinutes = (reporters: number) => Math.min(120, 10 + 5 * reporters);

/**
 * The joint meeting a session is held in (an agenda item of it), of the same alliance. It becomes
 * an item of the agenda only while the meeting is still open for drafting; a meeting already over
 * keeps its agenda as the record, and the session is just linked to it.
 */
async function meetingOf(ctx: CommandContext, meetingId: string, allianceId: Types.ObjectId) {
  const meeting = await ctx.models.Meeting.findById(objectId(meetingId, 'meeting'), { alliance: 1, status: 1 }).lean();
  if (!meeting || String(meeting.alliance) !== String(allianceId)) throw notFound('meeting');
  return { id: meeting._id, onAgenda: meetingPhase.openForDrafting(meeting.status) };
}

async function putOnAgenda(
  ctx: CommandContext,
  agendaDocs: DocRegistry,
  meetingId: Types.ObjectId,
  itemId: string,
  props: { title: string; reporters: string[] },
): Promise<void> {
  const units = await ctx.models.Unit.find({ _id: { $in: props.reporters } }, { name: 1 }).lean();
  const names = props.reporters.map((r) => units.find((u) => String(u._id) === r)?.name ?? '').filter(Boolean);
  await appendAgendaItem(agendaDocs, String(meetingId), {
    id: itemId,
    title: `述职评议：${props.title}`,
    presenterUnit: '',
    minutes: agendaMinutes(props.reporters.length),
    notes: `述职单位：${names.join('、')}`,
  });
}

/**
 * A secretary sets up a 述职评议 session: the reporting units, the criteria and how scores are
 * aggregated (stated on the result). Each reporting unit's report is its own Yjs document, written
 * while the session is a draft. Held in a joint meeting, it becomes an item of that meeting's agenda.
 */
export async function appraisalCreator(ctx: CommandContext, agendaDocs: DocRegistry, allianceId: string, input: AppraisalInput) {
  const props = AppraisalInputSchema.parse(input);
  const alliance = await readableAlliance(ctx, allianceId);
  if (!appraisalPolicy.canManage(ctx.actor, alliance)) throw forbidden('only secretaries set up a 述职评议 session');
  assertReporters(alliance, props.reporters);
  const meeting = props.meetingId ? await meetingOf(ctx, props.meetingId, alliance._id) : null;
  const agendaItemId = meeting?.onAgenda ? randomUUID() : null;
  const appraisal = await inTransaction(ctx, async (session) => {
    const [created] = await ctx.models.Appraisal.create(
      [
        {
          alliance: alliance._id,
          title: props.title,
          period: props.period,
          meeting: meeting?.id ?? null,
          agendaItemId,
          scale: props.scale,
          secrecy: props.secrecy,
          criteria: props.criteria,
          aggregation: props.aggregation,
          reporters: props.reporters.map((r) => objectId(r, 'unit')),
          createdBy: ctx.actor.id,
        },
      ],
      { session },
    );
    await recordAudit(ctx, session, {
      action: 'appraisal.create',
      targetType: 'appraisal',
      targetId: created!._id,
      alliance: alliance._id,
      event: { type: 'appraisal.created', allianceId: String(alliance._id), appraisalId: String(created!._id) },
      after: { title: props.title, period: props.period, meeting: props.meetingId ?? undefined, reporters: props.reporters },
    });
    return created!;
  });
  if (meeting && agendaItemId) await putOnAgenda(ctx, agendaDocs, meeting.id, agendaItemId, props);
  return appraisal;
}

/** Changes to a session while it is a draft: what is scored, by what rule, who reports. */
export async function appraisalEditor(ctx: CommandContext, agendaDocs: DocRegistry, appraisalId: string, input: unknown) {
  // The input schema's defaults (criteria, aggregation, scale …) survive `.partial()`: only the
  // fields actually sent are changes.
  const parsed = AppraisalPatchSchema.parse(input);
  const sent = new Set(Object.keys(input as object));
  const patch = Object.fromEntries(Object.entries(parsed).filter(([k]) => sent.has(k))) as Partial<typeof parsed>;
  const { appraisal, alliance } = await managedAppraisal(ctx, appraisalId);
  assertStatus(appraisal.status, 'draft', 'edit it');
  if (patch.reporters) assertReporters(alliance, patch.reporters);
  const meetingChanged = patch.meetingId !== undefined && patch.meetingId !== (appraisal.meeting ? String(appraisal.meeting) : null);
  const meeting = meetingChanged && patch.meetingId ? await meetingOf(ctx, patch.meetingId, alliance._id) : null;
  const agendaItemId = meeting?.onAgenda ? randomUUID() : null;

  const set: Record<string, unknown> = {};
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const change = (field: string, was: unknown, is: unknown, stored: unknown = is) => {
    set[field] = stored;
    before[field] = was;
    after[field] = is;
  };
  if (patch.title !== undefined) change('title', appraisal.title, patch.title);
  if (patch.period !== undefined) change('period', appraisal.period, patch.period);
  if (patch.scale !== undefined) set.scale = patch.scale;
  if (patch.secrecy !== undefined) set.secrecy = patch.secrecy;
  if (patch.criteria !== undefined) set.criteria = patch.criteria;
  if (patch.aggregation !== undefined) set.aggregation = patch.aggregation;
  if (patch.reporters !== undefined) {
    change('reporters', appraisal.reporters.map(String), patch.reporters, patch.reporters.map((r) => objectId(r, 'unit')));
  }
  if (meetingChanged) {
    change('meeting', appraisal.meeting ? String(appraisal.meeting) : undefined, patch.meetingId ?? undefined, meeting?.id ?? null);
    set.agendaItemId = agendaItemId;
  }
  const updated = await inTransaction(ctx, async (session) => {
    const saved = await ctx.models.Appraisal.findOneAndUpdate({ _id: appraisal._id, status: 'draft' }, { $set: set }, { session, returnDocument: 'after' });
    if (!saved) assertStatus('not a draft any more', 'draft', 'edit it');
    await recordAudit(ctx, session, {
      action: 'appraisal.update',
      targetType: 'appraisal',
      targetId: appraisal._id,
      alliance: alliance._id,
      event: { type: 'appraisal.updated', allianceId: String(alliance._id), appraisalId: String(appraisal._id) },
      before: { title: appraisal.title, ...before },
      after: { title: saved!.title, ...after },
    });
    return saved!;
  });
  if (meeting && agendaItemId) {
    await putOnAgenda(ctx, agendaDocs, meeting.id, agendaItemId, { title: updated.title, reporters: updated.reporters.map(String) });
  }
  return updated;
}
