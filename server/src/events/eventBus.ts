import { randomBytes } from 'node:crypto';
import { DomainEventSchema, type DomainEvent } from '@tongxin/shared';
import type { Logger } from '../logger.js';
import type { RedisLink } from '../redis.js';

/**
 * Something that reacts to domain events. `here` consumers run only in the process where the
 * command ran — broadcasts (the Socket.IO adapter already fans out to every process), and later
 * notifications, points and statistics, which must count an event once. `everywhere` consumers
 * run in every process, because each holds state of its own: vote timers, open connections.
 */
export interface EventConsumer {
  name: string;
  where: 'here' | 'everywhere';
  handle(event: DomainEvent): Promise<void> | void;
}

const INSTANCE_BYTES = 8;

/**
 * The one path from a command to every consumer: the runner publishes what the command emitted,
 * after commit; with Redis the events travel to the other processes too. A failing consumer is
 * logged and does not stop the others — the change itself is already stored.
 */
export class EventBus {
  private readonly consumers: EventConsumer[] = [];
  private readonly instance = randomBytes(INSTANCE_BYTES).toString('hex');
  private readonly channel: string;

  constructor(
    private readonly log: Logger,
    private readonly redis: RedisLink | null,
    namespace: string,
  ) {
    this.channel = `tongxin:${namespace}:events`;
  }

  /** Starts hearing the other processes' events (with Redis). */
  async start(): Promise<void> {
    if (!this.redis) return;
    this.redis.sub.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      const parsed = parse(message);
      if (!parsed || parsed.from === this.instance) return;
      void this.deliver(parsed.event, 'everywhere');
    });
    await this.redis.sub.subscribe(this.channel);
  }

  consume(consumer: EventConsumer): void {
    this.consumers.push(consumer);
  }

  /**
   * Delivers events to this process's consumers, in order (awaited, so a request is answered after
   * its broadcasts went out and open connections were re-checked), and announces them to the others.
   */
  async publish(events: readonly DomainEvent[]): Promise<void> {
    for (const event of events) {
      this.redis?.pub
        .publish(this.channel, JSON.stringify({ from: this.instance, event }))
        .catch((err: Error) => this.log.warn({ err: err.message, event: event.type }, 'could not relay a domain event'));
      await this.deliver(event, 'all');
    }
  }

  private async deliver(event: DomainEvent, to: 'all' | 'everywhere'): Promise<void> {
    for (const consumer of this.consumers) {
      if (to === 'everywhere' && consumer.where !== 'everywhere') continue;
      try {
        await consumer.handle(event);
      } catch (err) {
        this.log.error({ err, event: event.type, consumer: consumer.name }, 'a domain event consumer failed');
      }
    }
  }
}

function parse(message: string): { from: string; event: DomainEvent } | null {
  try {
    const value = JSON.parse(message) as { from?: unknown; event?: unknown };
    const event = DomainEventSchema.safeParse(value.event);
    return typeof value.from === 'string' && event.success ? { from: value.from, event: event.data } : null;
  } catch {
    return null;
  }
}
