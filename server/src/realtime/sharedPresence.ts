import { randomBytes } from 'node:crypto';
import type { Presence } from '@tongxin/shared';
import { sharedOr, type RedisLink } from '../redis.js';

type Online = Presence['online'][number];

/**
 * Presence across server processes. Each process counts its own sockets (PresenceTracker) and
 * writes its list for a meeting into one Redis hash, a field per process with the time it was
 * written; the room's view is the union of the fresh fields. A process refreshes its fields
 * while it has people in a room, so a process that dies drops out after `staleMs`.
 *
 * While Redis is away a room shows the people on this process; when it is back, this process
 * writes its fields again and `onRecovered` gets the meetings it has people in, so their rooms
 * hear the whole list again.
 */
export class SharedPresence {
  private readonly instance = randomBytes(8).toString('hex');
  private readonly active = new Map<string, Online[]>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly stopRecovery: () => void;

  constructor(
    private readonly link: RedisLink,
    private readonly prefix: string,
    onRecovered: (meetingIds: string[]) => void = () => {},
    private readonly staleMs = 60_000,
  ) {
    this.heartbeat = setInterval(() => void this.refresh().catch(() => undefined), staleMs / 3);
    this.heartbeat.unref();
    this.stopRecovery = link.onRecovered(() => {
      void this.refresh()
        .catch(() => undefined)
        .then(() => onRecovered([...this.active.keys()]));
    });
  }

  private get redis() {
    return this.link.pub;
  }

  /** Writes this process's people in the meeting, then reads everyone's: one round trip. */
  async view(meetingId: string, local: Presence): Promise<Presence> {
    if (local.online.length > 0) this.active.set(meetingId, local.online);
    else this.active.delete(meetingId);
    return sharedOr(
      this.redis,
      async () => {
        const key = this.prefix + meetingId;
        const multi = this.redis.multi();
        if (local.online.length > 0) {
          multi.hset(key, this.instance, JSON.stringify({ at: Date.now(), online: local.online }));
          multi.pexpire(key, this.staleMs * 2);
        } else {
          multi.hdel(key, this.instance);
        }
        multi.hgetall(key);
        const [err, fields] = (await multi.exec())?.at(-1) ?? [];
        if (err) throw err;
        const all = (fields ?? {}) as Record<string, string>;
        return { meetingId, online: merge(Object.values(all), Date.now() - this.staleMs) };
      },
      () => local,
    );
  }

  /** Keeps this process's fields fresh. */
  private async refresh(): Promise<void> {
    if (this.active.size === 0 || this.redis.status !== 'ready') return;
    const multi = this.redis.multi();
    for (const [meetingId, online] of this.active) {
      multi.hset(this.prefix + meetingId, this.instance, JSON.stringify({ at: Date.now(), online }));
      multi.pexpire(this.prefix + meetingId, this.staleMs * 2);
    }
    await multi.exec();
  }

  /** On shutdown: this process's people leave every room at once. */
  async stop(): Promise<void> {
    clearInterval(this.heartbeat);
    this.stopRecovery();
    const meetings = [...this.active.keys()];
    this.active.clear();
    if (meetings.length === 0) return;
    const multi = this.redis.multi();
    for (const m of meetings) multi.hdel(this.prefix + m, this.instance);
    // Redis away: the fields go stale and drop out after `staleMs`.
    await multi.exec().catch(() => undefined);
  }
}

function merge(fields: string[], freshAfter: number): Online[] {
  const byUser = new Map<string, Online>();
  for (const raw of fields) {
    try {
      const entry = JSON.parse(raw) as { at: number; online: Online[] };
      if (entry.at < freshAfter) continue;
      for (const o of entry.online) byUser.set(o.user.id, o);
    } catch {
      // A field we cannot read is skipped, not fatal.
    }
  }
  return [...byUser.values()].sort((a, b) => a.user.name.localeCompare(b.user.name, 'zh-CN'));
}
