import { AppError } from '../errors.js';
import { robotPolicy } from '../policies/robot.js';
import type { CommandContext } from './context.js';
import { forbidden, notFound, objectId } from './errors.js';

/**
 * Where a webhook may point: https. The platforms' addresses are all https, and the address
 * carries the robot's key (企业微信's `key=`, 钉钉's `access_token=`, 飞书's hook id), which must
 * not cross the network in clear. Tests run fake platforms on the loopback interface, so with
 * `allowLoopbackHttp` (NODE_ENV=test only) http://127.0.0.1 and http://localhost pass too.
 */
export function webhookUrlProblem(url: string, allowLoopbackHttp: boolean): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'must be a web address starting with https://';
  }
  if (u.username || u.password) return 'must not contain a user name or password';
  if (u.protocol === 'https:') return null;
  if (u.protocol === 'http:' && allowLoopbackHttp && (u.hostname === '127.0.0.1' || u.hostname === 'localhost')) return null;
  return 'must start with https://';
}

export function assertWebhookUrl(url: string, allowLoopbackHttp: boolean): void {
  const problem = webhookUrlProblem(url, allowLoopbackHttp);
  // The zod issue shape, so that a form shows it under the field like any other.
  if (problem) throw new AppError('VALIDATION', `webhookUrl ${problem}`, [{ path: ['webhookUrl'], message: problem, code: 'custom' }]);
}

/** The host only: the rest of a webhook address is its key, which the audit trail must not keep. */
export function webhookHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/** A robot with its alliance, for one the actor may manage: 404 when there is none, 403 otherwise. */
export async function manageableRobot(ctx: Pick<CommandContext, 'models' | 'actor'>, id: string, opts: { withSecret?: boolean } = {}) {
  const query = ctx.models.Robot.findById(objectId(id, 'robot'));
  const robot = await (opts.withSecret ? query.select('+secret') : query);
  if (!robot) throw notFound('robot');
  const alliance = await ctx.models.Alliance.findById(robot.alliance);
  if (!alliance) throw notFound('robot');
  if (!robotPolicy.canManage(ctx.actor, alliance, robot.unit ? String(robot.unit) : null)) {
    throw forbidden('only the alliance’s secretaries or the unit’s people manage this robot');
  }
  return { robot, alliance };
}
