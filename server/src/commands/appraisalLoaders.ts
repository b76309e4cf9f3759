import { AppError } from '../errors.js';
import { appraisalPolicy } from '../policies/appraisal.js';
import type { AllianceFacts } from '../policies/alliance.js';
import type { CommandContext } from './context.js';
import { forbidden, notFound, objectId } from './errors.js';

type Reader = Pick<CommandContext, 'models' | 'actor'>;

/** A 述职评议 session the actor may read, with its alliance: 404 when there is none, 403 for an outsider. */
export async function readableAppraisal(ctx: Reader, id: string) {
  const appraisal = await ctx.models.Appraisal.findById(objectId(id, 'appraisal'));
  if (!appraisal) throw notFound('appraisal');
  const alliance = await ctx.models.Alliance.findById(appraisal.alliance);
  if (!alliance) throw notFound('appraisal');
  if (!appraisalPolicy.canRead(ctx.actor, alliance)) throw forbidden('your unit is not a member of this alliance');
  return { appraisal, alliance };
}

/** The same, for secretaries (and admins) only. */
export async function managedAppraisal(ctx: Reader, id: string) {
  const found = await readableAppraisal(ctx, id);
  if (!appraisalPolicy.canManage(ctx.actor, found.alliance)) throw forbidden('only secretaries run a 述职评议 session');
  return found;
}

/** Reporting units are member units of the alliance that take part (not observers): 422 otherwise. */
export function assertReporters(alliance: AllianceFacts, reporters: string[]): void {
  const members = new Map(alliance.memberships.map((m) => [String(m.unit), m.role]));
  const wrong = reporters.filter((r) => members.get(r) === undefined || members.get(r) === 'observer');
  if (wrong.length > 0) {
    throw new AppError('UNPROCESSABLE', 'reporting units must be member units of the alliance (not observers)', { field: 'reporters', units: wrong });
  }
}

export function assertStatus(status: string, wanted: string, doing: string): void {
  if (status !== wanted) throw new AppError('INVALID_STATE', `the session is ${status}: cannot ${doing}`);
}
