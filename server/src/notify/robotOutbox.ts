import type { RobotAnswer, RobotPlatform } from '@tongxin/shared';
import type { Types } from 'mongoose';
import type { AppContext } from '../context.js';
import { postToRobot, SEND_TIMEOUT_MS, URGENT_KINDS, type RobotMessage } from './robotPlatforms.js';

/**
 * The group-robot outbox worker: every ROBOT_TICK_MS it claims the deliveries that are due, one at
 * a time, posts each and records the platform's answer.
 *
 * Claiming is a findOneAndUpdate that sets a lease (`leaseUntil`), so with several processes each
 * delivery is posted by one of them. A process killed mid-send leaves its lease to expire; another
 * one (or itself after a restart) then posts it again. None of the three platforms deduplicates
 * webhook messages, so delivery is exactly-once except for a crash between the platform's HTTP
 * answer and the write of `sent`: then the group sees the message twice. The lease outlasts the 10 s
 * send timeout by far, so a slow platform alone never causes a second post.
 *
 * A refused or failed post is retried after 30 s, 2 min, 10 min, 1 h and 6 h; the sixth failure
 * is final (`failed`, with the answer in the 推送记录). Time is the app's clock.
 */
export const RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 3_600_000, 21_600_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
const LEASE_MS = SEND_TIMEOUT_MS * 6;
/** At most this many posts per tick, so one tick never holds the process for long. */
const PER_TICK = 50;

export interface RobotOutbox {
  /** Posts what is due now; resolves with how many deliveries it handled. */
  tick(): Promise<number>;
  /** Stops the timer and waits for the tick in progress. */
  stop(): Promise<void>;
}

export function startRobotOutbox(app: AppContext): RobotOutbox {
  let running: Promise<number> | null = null;
  let stopped = false;
  const tick = (): Promise<number> => {
    if (stopped) return Promise.resolve(0);
    running ??= drain(app)
      .catch((err: unknown) => {
        app.log.warn({ err }, 'robot outbox tick failed');
        return 0;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void tick(), app.config.ROBOT_TICK_MS);
  timer.unref();
  return {
    tick,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

async function drain(app: AppContext): Promise<number> {
  let handled = 0;
  while (handled < PER_TICK) {
    const claimed = await claimNext(app);
    if (!claimed) break;
    await deliver(app, claimed);
    handled += 1;
  }
  return handled;
}

type Claimed = NonNullable<Awaited<ReturnType<typeof claimNext>>>;

async function claimNext(app: AppContext) {
  const now = app.clock.now();
  return app.db.models.RobotDelivery.findOneAndUpdate(
    {
      state: { $in: ['pending', 'sending'] },
      nextAttemptAt: { $lte: now },
      // `sending` with a lease in the past: the process that claimed it is gone.
      $or: [{ leaseUntil: null }, { leaseUntil: { $lte: now } }],
    },
    { $set: { state: 'sending', leaseUntil: new Date(now.getTime() + LEASE_MS) }, $inc: { attempts: 1 } },
    { sort: { nextAttemptAt: 1 }, returnDocument: 'after' },
  ).lean();
}

async function deliver(app: AppContext, d: Claimed): Promise<void> {
  const robot = await app.db.models.Robot.findById(d.robot).select('+secret').lean();
  let result: { ok: boolean; answer: RobotAnswer };
  if (!robot) result = { ok: false, answer: { status: 0, body: 'robot deleted' } };
  else if (!robot.enabled) result = { ok: false, answer: { status: 0, body: 'robot disabled' } };
  else {
    const msg: RobotMessage = { title: d.payload?.title ?? d.kind, body: d.payload?.body ?? '', link: d.payload?.link ?? null, urgent: URGENT_KINDS.has(d.kind) };
    result = await postToRobot(robot.platform as RobotPlatform, robot.webhookUrl, robot.secret ?? null, msg, app.clock.now());
  }
  const final = !robot || !robot.enabled || d.attempts >= MAX_ATTEMPTS;
  await settle(app, d._id, d.leaseUntil!, d.attempts, result, final);
}

/** Records the outcome, only while this process still holds the lease (else the taker-over decides). */
async function settle(
  app: AppContext,
  id: Types.ObjectId,
  lease: Date,
  attempts: number,
  result: { ok: boolean; answer: RobotAnswer },
  final: boolean,
): Promise<void> {
  const now = app.clock.now();
  const set = result.ok
    ? { state: 'sent', sentAt: now, nextAttemptAt: null }
    : final
      ? { state: 'failed', nextAttemptAt: null }
      : { state: 'pending', nextAttemptAt: new Date(now.getTime() + RETRY_DELAYS_MS[Math.min(attempts, RETRY_DELAYS_MS.length) - 1]!) };
  const res = await app.db.models.RobotDelivery.updateOne(
    { _id: id, leaseUntil: lease },
    { $set: { ...set, lastAnswer: result.answer, leaseUntil: null } },
  );
  if (res.matchedCount === 0) app.log.warn({ delivery: String(id) }, 'robot delivery lease lost before its answer was recorded');
  if (!result.ok) app.log.info({ delivery: String(id), attempts, status: result.answer.status, final }, 'robot delivery not accepted');
}
