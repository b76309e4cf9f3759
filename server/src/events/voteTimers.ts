import type { DomainEvent } from '@tongxin/shared';
import type { Actor } from '../auth/actor.js';
import { voteCloser } from '../commands/voteCloser.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import type { EventConsumer } from './eventBus.js';

/**
 * Votes that close by themselves. Every process arms a timer for every timed vote (it hears of
 * `vote.opened` from the others), so a vote still closes when the process that opened it is gone;
 * closing is a compare-and-set on the vote's status, so exactly one process closes it and the
 * others are told by its `vote.closed`. Votes left open by a restart are re-armed at start.
 */
export function voteTimers(app: AppContext): EventConsumer & { resume(): Promise<void>; stop(): void } {
  const timers = new Map<string, NodeJS.Timeout>();
  let stopped = false;
  const models = app.db.models;

  function arm(voteId: string, at: Date) {
    if (stopped) return;
    clearTimeout(timers.get(voteId));
    const timer = setTimeout(() => void close(voteId), Math.max(0, at.getTime() - Date.now()));
    timer.unref();
    timers.set(voteId, timer);
  }

  function disarm(voteId: string) {
    clearTimeout(timers.get(voteId));
    timers.delete(voteId);
  }

  async function close(voteId: string) {
    timers.delete(voteId);
    try {
      const vote = await models.Vote.findById(voteId, { openedBy: 1, status: 1 }).lean();
      if (vote?.status !== 'open') return;
      const opener = await models.User.findById(vote.openedBy).lean();
      if (!opener) return;
      // The timer acts for the chair who set it; the audit event says it was the timer.
      const actor: Actor = {
        id: String(opener._id),
        name: opener.name,
        unit: opener.unit ? String(opener.unit) : null,
        isAdmin: opener.isAdmin,
      };
      const ctx = { models, connection: app.db.connection, actor, events: [] as DomainEvent[], clock: app.clock };
      await voteCloser(ctx, { voteId, by: 'timer' });
      await app.events.publish(ctx.events);
    } catch (err) {
      if (err instanceof AppError && err.code === 'INVALID_STATE') return; // closed by the chair or another process
      app.log.error({ err, voteId }, 'closing a vote on its timer failed');
    }
  }

  return {
    name: 'vote timers',
    where: 'everywhere',
    handle(event) {
      if (event.type === 'vote.opened' && event.closesAt) arm(event.voteId, new Date(event.closesAt));
      if (event.type === 'vote.closed' || event.type === 'vote.cancelled') disarm(event.voteId);
    },
    async resume() {
      const open = await models.Vote.find({ status: 'open', closesAt: { $ne: null } }, { closesAt: 1 }).lean();
      for (const v of open) arm(String(v._id), v.closesAt!);
    },
    stop() {
      stopped = true;
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}
