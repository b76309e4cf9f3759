import { randomBytes } from 'node:crypto';
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
   * frozen or put to / settled by a vote; minutes published. `readersChanged` when who may read
   * it may have changed too (invited observers edited). */
  | { kind: 'meeting'; meetingId: string; readersChanged?: boolean }
  /** Changes may have been missed (Redis was away): every open connection is checked. */
  | { kind: 'all' };

export type AccessWatcher = (change: AccessChange) => Promise<void>;

const INSTANCE_BYTES = 8;

/**
 * Carries access changes to every watcher of this process and, with Redis, of every other
 * process, so that a connection loses its rights wherever it happens to be connected.
 */
export class AccessChanges {
  private readonly watchers: AccessWatcher[] = [];
  private readonly instance = randomBytes(INSTANCE_BYTES).toString('hex');
  private readonly channel: string;

  constructor(
    private readonly log: Logger,
    private readonly redis: RedisLink | null,
    namespace: string,
  ) {
    this.channel = `tongxin:${namespace}:access`;
  }

  /** Starts listening to the other processes (with Redis). */
  async start(): Promise<void> {
    if (!this.redis) return;
    // What other processes announced while Redis was away never arrived: check everyone here.
    this.redis.onRecovered(() => void this.applyHere({ kind: 'all' }));
    this.redis.sub.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      const parsed = parse(message);
      if (!parsed || parsed.from === this.instance) return;
      void this.applyHere(parsed.change);
    });
    await this.redis.sub.subscribe(this.channel);
  }

  watch(watcher: AccessWatcher): void {
    this.watchers.push(watcher);
  }

  /**
   * Applies a change to this process's connections (awaited, so the caller's answer comes after
   * they were re-checked) and announces it to the other processes.
   */
  async changed(...changes: AccessChange[]): Promise<void> {
    for (const change of changes) {
      this.redis?.pub
        .publish(this.channel, JSON.stringify({ from: this.instance, change }))
        .catch((err: Error) => this.log.warn({ err: err.message, change }, 'could not announce an access change'));
      await this.applyHere(change);
    }
  }

  private async applyHere(change: AccessChange): Promise<void> {
    for (const watcher of this.watchers) {
      try {
        await watcher(change);
      } catch (err) {
        this.log.error({ err, change }, 're-checking open connections failed');
      }
    }
  }
}

function parse(message: string): { from: string; change: AccessChange } | null {
  try {
    const value = JSON.parse(message) as { from?: unknown; change?: { kind?: unknown } };
    if (typeof value.from !== 'string' || typeof value.change?.kind !== 'string') return null;
    return value as { from: string; change: AccessChange };
  } catch {
    return null;
  }
}
