import type { Logger } from '../logger.js';
import type { RedisLink } from '../redis.js';

/**
 * Something changed who may read or write, and every open connection it may concern must be
 * re-checked now — not at its next connect. Each kind names what the change is about; the
 * watchers (Socket.IO, Yjs) find their connections on it and ask the policies again.
 */
export type AccessChange =
  /** One session ended (logout). */
  | { kind: 'session'; sessionHash: string }
  /** All of a person's sessions ended or their rights changed (password change or reset). */
  | { kind: 'user'; userId: string }
  /** Members, roles, representatives or secretaries of an alliance changed. */
  | { kind: 'alliance'; allianceId: string }
  /** A meeting or something in it changed state: started, adjourned, cancelled; a decision
   * put to / settled by a vote, its vote cancelled, or withdrawn; minutes published. `readersChanged` when who may read
   * it may have changed too (invited observers edited). */
  | { kind: 'meeting'; meetingId: string; readersChanged?: boolean }
  /** A 述职评议 session opened scoring (its reports lock) or changed its reporting units. */
  | { kind: 'appraisal'; appraisalId: string }
  /** Changes may have been missed (Redis was away): every open connection is checked. */
  | { kind: 'all' };

export type AccessWatcher = (change: AccessChange) => Promise<void>;

/**
 * Applies access changes to this process's open connections. Every process gets the change
 * from the domain event that caused it (the event bus carries those between processes, see
 * events/accessFollows.ts); after a Redis outage, when events may have been missed, everyone is
 * checked.
 */
export class AccessChanges {
  private readonly watchers: AccessWatcher[] = [];

  constructor(
    private readonly log: Logger,
    redis: RedisLink | null,
  ) {
    redis?.onRecovered(() => void this.changed({ kind: 'all' }));
  }

  watch(watcher: AccessWatcher): void {
    this.watchers.push(watcher);
  }

  /** Re-checks the connections a change concerns (awaited: the caller answers after they were). */
  async changed(change: AccessChange): Promise<void> {
    for (const watcher of this.watchers) {
      try {
        await watcher(change);
      } catch (err) {
        this.log.error({ err, change }, 're-checking open connections failed');
      }
    }
  }
}
