import type { AppContext } from '../context.js';
import { Coalescer } from './coalesce.js';
import { PresenceTracker } from './presence.js';
import { SharedPresence } from './sharedPresence.js';
import { meetingRoom, type RoomServer } from './types.js';

/**
 * Who is in each meeting room right now: this process's sockets, and with Redis every other
 * process's. Presence is not a domain event — nothing is stored, nobody else reacts to it — so it
 * is broadcast here, coalesced, rather than through the event bus.
 */
export class RoomPresence {
  readonly tracker: PresenceTracker;
  private readonly broadcasts: Coalescer;
  private readonly shared: SharedPresence | null;

  constructor(
    private readonly io: RoomServer,
    app: AppContext,
    options: { presenceGraceMs: number; roomIntervalMs: number },
  ) {
    this.broadcasts = new Coalescer(options.roomIntervalMs, (err, key) => app.log.warn({ err, key }, 'presence broadcast failed'));
    this.tracker = new PresenceTracker(options.presenceGraceMs, (meetingId) => this.changed(meetingId));
    this.shared = app.redis
      ? new SharedPresence(app.redis, `tongxin:${app.config.MONGODB_DB}:presence:`, (meetingIds) => {
          // Back from a Redis outage: rooms hear the whole list again, not only this process's people.
          for (const id of meetingIds) this.changed(id);
        })
      : null;
  }

  /** Someone came or went: the room hears about it shortly, once per burst. */
  changed(meetingId: string): void {
    this.broadcasts.touch(meetingId, async () => {
      this.io.to(meetingRoom(meetingId)).emit('meeting:presence', await this.view(meetingId));
    });
  }

  /**
   * Who is in the room: this process's sockets, and with Redis every other process's too (only
   * this process's while Redis is away).
   */
  async view(meetingId: string) {
    const local = this.tracker.view(meetingId);
    return this.shared ? this.shared.view(meetingId, local) : local;
  }

  stop(): void {
    this.broadcasts.stop();
    this.tracker.clear();
    void this.shared?.stop();
  }
}
