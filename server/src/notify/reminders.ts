import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { isDuplicateKey } from '../commands/errors.js';
import type { AppContext } from '../context.js';
import { sendDailyDigest } from './notifications.js';
import { notify, type NotifyRequest } from './notifier.js';
import { dueReminders, type DueReminder, type ReminderPayload } from './reminderSources.js';

/**
 * The reminder scheduler (提醒): once per occurrence across processes and restarts.
 *
 * Every process ticks. A tick derives the reminders due now from the records (reminderSources.ts)
 * and claims each new one by inserting a ReminderOccurrence with its unique key: the insert that
 * wins delivers, a duplicate key means another process has it. A claim carries a lease; a process
 * that dies between claiming and finishing leaves it `claimed`, and once the lease has passed any
 * process takes it over and delivers again. Delivery is therefore at least once here, and exactly
 * once for each person and robot, because notify() is idempotent by the same key.
 */

export interface ReminderSchedulerOptions {
  /** Where a notifying occurrence goes (default: the notification centre's notify()). */
  deliver?: (req: NotifyRequest) => Promise<void>;
  /** Where a daily summary occurrence goes (default: the notification centre's sendDailyDigest()). */
  digest?: (userId: string, day: string) => Promise<void>;
  /** Milliseconds between ticks; 0: no timer (tick() by hand). Default: config REMINDER_TICK_MS. */
  tickMs?: number;
  /** How long a claim holds. Default: config REMINDER_LEASE_MS. */
  leaseMs?: number;
  /** Tests: a pause between claiming and delivering. Default: config REMINDER_TEST_HOLD_MS. */
  holdMs?: number;
  /** Occurrences per page: a tick reads, claims and delivers at most this many before yielding. */
  batchSize?: number;
}

export interface TickReport {
  /** New occurrences this instance claimed and delivered. */
  delivered: number;
  /** Expired claims of others (or its own) this instance took over and delivered. */
  takenOver: number;
  /** Deliveries that threw (retried after the lease, given up after MAX_ATTEMPTS). */
  failed: number;
}

export interface ReminderScheduler {
  /** Who this instance claims as: host, process and a random part (two instances never share it). */
  readonly owner: string;
  /** Starts ticking every `tickMs` (no-op when it is 0). */
  start(): void;
  /** One tick now; a tick already running is joined rather than overlapped. */
  tick(): Promise<TickReport>;
  /** Stops ticking and waits for the running tick, which delivers what it claimed and claims no more. */
  stop(): Promise<void>;
}

/** A delivery that keeps failing stops being retried after this many attempts (and is logged). */
export const MAX_ATTEMPTS = 8;

type Claimed = { key: string; payload: ReminderPayload; attempts: number };

export function reminderScheduler(app: AppContext, options: ReminderSchedulerOptions = {}): ReminderScheduler {
  const models = app.db.models;
  const deliver = options.deliver ?? ((req: NotifyRequest) => notify(app, req));
  const digest = options.digest ?? ((userId: string, day: string) => sendDailyDigest(app, userId, day));
  const tickMs = options.tickMs ?? app.config.REMINDER_TICK_MS;
  const leaseMs = options.leaseMs ?? app.config.REMINDER_LEASE_MS;
  const holdMs = options.holdMs ?? app.config.REMINDER_TEST_HOLD_MS;
  const batchSize = options.batchSize ?? 200;
  const owner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  let running: Promise<TickReport> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let wakeHold: (() => void) | null = null;

  const leaseFrom = (now: Date) => new Date(now.getTime() + leaseMs);

  /** Inserts the claim; false when the key exists (claimed or done by anyone, now or before). */
  async function claim(due: DueReminder): Promise<boolean> {
    // Read at the claim, not at the tick's start: a long tick still gives each claim its full lease.
    const now = app.clock.now();
    try {
      await models.ReminderOccurrence.create({
        key: due.key,
        kind: due.kind,
        state: 'claimed',
        owner,
        leaseUntil: leaseFrom(now),
        attempts: 1,
        payload: due.payload,
        claimedAt: now,
      });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  async function hold() {
    if (holdMs <= 0 || stopped) return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, holdMs);
      wakeHold = () => {
        clearTimeout(t);
        resolve();
      };
    });
    wakeHold = null;
  }

  /** Delivers a claimed occurrence and marks it done; true when it went out. */
  async function run(c: Claimed): Promise<boolean> {
    try {
      // notify() deduplicates by the occurrence's own key, whoever delivers it and however often.
      if ('notify' in c.payload) await deliver({ ...c.payload.notify, key: c.key });
      else await digest(c.payload.digest.userId, c.payload.digest.day);
      // Only our own claim: if another process took it over meanwhile, its delivery finishes it.
      await models.ReminderOccurrence.updateOne(
        { key: c.key, owner, state: 'claimed' },
        { $set: { state: 'done', doneAt: app.clock.now(), lastError: null } },
      );
      return true;
    } catch (err) {
      const gaveUp = c.attempts >= MAX_ATTEMPTS;
      app.log.error({ err, key: c.key, attempts: c.attempts, gaveUp }, 'a reminder could not be delivered');
      // The lease stays: another try comes once it has passed, from whichever process is first.
      await models.ReminderOccurrence.updateOne(
        { key: c.key, owner, state: 'claimed' },
        { $set: { lastError: err instanceof Error ? err.message : String(err), ...(gaveUp ? { state: 'failed' } : {}) } },
      ).catch(() => undefined);
      return false;
    }
  }

  /** Claims whose process died (or whose delivery failed) and whose lease has passed. */
  async function takeOver(report: TickReport) {
    for (let n = 0; n < batchSize && !stopped; n++) {
      const now = app.clock.now();
      const taken = await models.ReminderOccurrence.findOneAndUpdate(
        { state: 'claimed', leaseUntil: { $lt: now } },
        { $set: { owner, leaseUntil: leaseFrom(now) }, $inc: { attempts: 1 } },
        { returnDocument: 'after' },
      ).lean();
      if (!taken) return;
      app.log.info({ key: taken.key, attempts: taken.attempts }, 'taking over a reminder whose claim expired');
      await hold();
      if (await run({ key: taken.key, payload: taken.payload as ReminderPayload, attempts: taken.attempts })) report.takenOver++;
      else report.failed++;
    }
  }

  async function once(): Promise<TickReport> {
    const report: TickReport = { delivered: 0, takenOver: 0, failed: 0 };
    await takeOver(report);
    const now = app.clock.now();
    for await (const page of dueReminders(models, now, batchSize)) {
      if (stopped) break;
      if (page.length === 0) continue;
      // Most of what a tick finds was done long ago (an item overdue since Monday): one read tells which.
      const known = new Set(
        (await models.ReminderOccurrence.find({ key: { $in: page.map((d) => d.key) } }, { key: 1 }).lean()).map((o) => o.key),
      );
      const mine: Claimed[] = [];
      for (const due of page) {
        if (known.has(due.key) || stopped) continue;
        if (await claim(due)) mine.push({ key: due.key, payload: due.payload, attempts: 1 });
      }
      if (mine.length > 0) await hold();
      // Even when stopping: what this process claimed it delivers, rather than leave it to a lease.
      for (const c of mine) {
        if (await run(c)) report.delivered++;
        else report.failed++;
      }
      // A tick with thousands of occurrences lets requests through between its pages.
      await yieldToEventLoop();
    }
    return report;
  }

  function tick(): Promise<TickReport> {
    running ??= once().finally(() => {
      running = null;
    });
    return running;
  }

  function schedule() {
    if (stopped || tickMs <= 0) return;
    // The next tick is timed from the end of this one, so ticks never overlap.
    timer = setTimeout(() => {
      timer = null;
      tick()
        .catch((err: unknown) => app.log.error({ err }, 'a reminder tick failed'))
        .finally(schedule);
    }, tickMs);
    timer.unref();
  }

  return {
    owner,
    start() {
      if (timer || stopped) return;
      schedule();
    },
    tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      wakeHold?.();
      await running?.catch(() => undefined);
    },
  };
}
