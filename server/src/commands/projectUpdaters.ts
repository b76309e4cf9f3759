import {
  canMoveProject,
  MilestoneInputSchema,
  type ProjectStatus,
} from '@tongxin/shared';
import type { z } from 'zod';
import { AppError } from '../errors.js';
import { listPolicy } from '../policies/lists.js';
import { recordAudit } from './audit.js';
import { inTransaction, type CommandContext } from './context.js';
import { forbidden, notFound } from './errors.js';
import { readableProject } from './listLoaders.js';
import { changeStatus } from './statusChange.js';

// The life of a joint project after it is created: progress (lead or participating units),
// milestones and status (the lead unit or a secretary). One small command each.

const projectEvent = (type: 'project.progressReported' | 'project.milestoneSet' | 'project.transitioned', allianceId: unknown, projectId: unknown) => ({
  type,
  allianceId: String(allianceId),
  projectId: String(projectId),
});

/** 进展: what was done, by which unit. */
export async function projectProgressReporter(ctx: CommandContext, projectId: string, props: { text: string }) {
  const { project, alliance } = await readableProject(ctx, projectId);
  if (!listPolicy.canReportProject(ctx.actor, alliance, project)) throw forbidden('only the lead or a participating unit reports progress');
  if (project.status === 'terminated') throw new AppError('INVALID_STATE', 'the project was terminated');
  return inTransaction(ctx, async (session) => {
    const updated = await ctx.models.Project.findOneAndUpdate(
      { _id: project._id },
      { $push: { progress: { text: props.text, by: ctx.actor.id, unit: ctx.actor.unit, at: ctx.clock.now() } } },
      { session, returnDocument: 'after' },
    );
    await recordAudit(ctx, session, {
      action: 'project.progress',
      targetType: 'project',
      targetId: project._id,
      alliance: alliance._id,
      event: projectEvent('project.progressReported', alliance._id, project._id),
      after: { note: props.text },
    });
    return updated!;
  });
}

/** A new milestone (节点) with its date. */
export async function projectMilestoneAdder(ctx: CommandContext, projectId: string, props: z.infer<typeof MilestoneInputSchema>) {
  const { project, alliance } = await readableProject(ctx, projectId);
  if (!listPolicy.canEditProject(ctx.actor, alliance, project)) throw forbidden('only the lead unit sets milestones');
  return inTransaction(ctx, async (session) => {
    const updated = await ctx.models.Project.findOneAndUpdate(
      { _id: project._id },
      { $push: { milestones: { title: props.title, dueDate: props.dueDate, done: false } } },
      { session, returnDocument: 'after' },
    );
    await recordAudit(ctx, session, {
      action: 'project.milestone',
      targetType: 'project',
      targetId: project._id,
      alliance: alliance._id,
      event: projectEvent('project.milestoneSet', alliance._id, project._id),
      after: { item: props.title, dueDate: props.dueDate },
    });
    return updated!;
  });
}

/** A milestone done (or not after all). */
export async function projectMilestoneSetter(ctx: CommandContext, projectId: string, milestoneId: string, props: { done: boolean }) {
  const { project, alliance } = await readableProject(ctx, projectId);
  if (!listPolicy.canEditProject(ctx.actor, alliance, project)) throw forbidden('only the lead unit sets milestones');
  const milestone = project.milestones.find((m) => String(m._id) === milestoneId);
  if (!milestone) throw notFound('milestone');
  return inTransaction(ctx, async (session) => {
    const updated = await ctx.models.Project.findOneAndUpdate(
      { _id: project._id, 'milestones._id': milestone._id },
      { $set: { 'milestones.$.done': props.done, 'milestones.$.doneAt': props.done ? ctx.clock.now() : null } },
      { session, returnDocument: 'after' },
    );
    await recordAudit(ctx, session, {
      action: 'project.milestone',
      targetType: 'project',
      targetId: project._id,
      alliance: alliance._id,
      event: projectEvent('project.milestoneSet', alliance._id, project._id),
      after: { item: milestone.title, returned: !props.done },
    });
    return updated!;
  });
}

/** 筹备 → 实施中 → 已完成, or 已终止 (with a note). */
export async function projectTransitioner(ctx: CommandContext, projectId: string, props: { status: ProjectStatus; note: string }) {
  const { project, alliance } = await readableProject(ctx, projectId);
  if (!listPolicy.canEditProject(ctx.actor, alliance, project)) throw forbidden('only the lead unit or a secretary changes a project’s status');
  const from = project.status as ProjectStatus;
  if (!canMoveProject(from, props.status)) throw new AppError('INVALID_STATE', `a project that is ${from} cannot become ${props.status}`);
  return inTransaction(ctx, async (session) => {
    const updated = await changeStatus(ctx.models.Project, project._id, from, { $set: { status: props.status } }, session, 'item');
    await recordAudit(ctx, session, {
      action: 'project.transition',
      targetType: 'project',
      targetId: project._id,
      alliance: alliance._id,
      event: projectEvent('project.transitioned', alliance._id, project._id),
      before: { status: from },
      after: { status: props.status, note: props.note || undefined },
    });
    return updated;
  });
}
