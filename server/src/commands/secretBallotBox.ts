import { systemClock } from '../clock.js';
import { randomBytes, randomInt } from 'node:crypto';
import type { Choice } from '@tongxin/shared';
import type { Types } from 'mongoose';
import type { Actor } from '../auth/actor.js';
import type { Models } from '../db/models/index.js';
import { AppError } from '../errors.js';
import { auditChanges } from './audit.js';
import { sealBallot } from './ballotChain.js';
import { inTransaction, type CommandContext } from './context.js';
import { isDuplicateKey } from './errors.js';

/** How long the box waits for more ballots before it is counted; a voter hardly notices. */
export const SECRET_BATCH_MS = 100;

export interface SecretBallot {
  vote: Types.ObjectId;
  alliance: Types.ObjectId;
  voter: Types.ObjectId;
  viaProxy: boolean;
  receipt: string;
  choice: Choice;
  /** Its entry in the vote's chain, once sealed at the close: a random id and the commitment's nonce. */
  ballotId: string;
  nonce: string;
  actor: Actor;
  ip: string | undefined;
}

interface Waiting {
  ballot: SecretBallot;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * 投票箱 of a secret vote. Ballots that arrive together are stored together, in one transaction
 * that writes their participation records and audit lines in shuffled order, all stamped with
 * the same time, and adds them to the totals with one aggregated `$inc`. So not even the
 * database's own log of that transaction (the oplog, and a backup made from it) says which of
 * the voters in it chose what — only how the batch as a whole voted. Each voter is acknowledged
 * once the batch is stored ("acknowledged means stored" holds).
 */
export class SecretBallotBox {
  private readonly waiting = new Map<string, Waiting[]>();
  private readonly counting = new Map<string, Promise<void>>();

  constructor(private readonly base: Pick<CommandContext, 'models' | 'connection'>) {}

  cast(ballot: SecretBallot): Promise<void> {
    const key = String(ballot.vote);
    return new Promise<void>((resolve, reject) => {
      const queue = this.waiting.get(key);
      if (queue) return void queue.push({ ballot, resolve, reject });
      this.waiting.set(key, [{ ballot, resolve, reject }]);
      // Wait for the batch being stored (one at a time per vote), and a moment for company.
      const previous = this.counting.get(key) ?? Promise.resolve();
      const next = previous.then(() => new Promise((r) => setTimeout(r, SECRET_BATCH_MS))).then(() => this.count(key));
      this.counting.set(key, next);
      void next.finally(() => {
        if (this.counting.get(key) === next) this.counting.delete(key);
      });
    });
  }

  private async count(key: string): Promise<void> {
    const batch = this.waiting.get(key) ?? [];
    this.waiting.delete(key);
    if (batch.length === 0) return;
    const { models } = this.base;
    const vote = batch[0]!.ballot.vote;
    // A voter twice in one batch (two tabs): the first stands, as the unique index would decide.
    const seen = new Set<string>();
    const unique = batch.filter((w) => !seen.has(String(w.ballot.voter)) && seen.add(String(w.ballot.voter)));
    let refused: Waiting[] = batch.filter((w) => !unique.includes(w));
    let accepted: Waiting[] = [];
    const ctx = { ...this.base, actor: batch[0]!.ballot.actor, events: [], clock: systemClock };
    const store = () =>
      inTransaction(ctx, async (session) => {
        const current = await models.Vote.findById(vote, { status: 1, closesAt: 1 }, { session }).lean();
        if (current?.status !== 'open') throw new AppError('INVALID_STATE', 'the vote is closed');
        if (current.closesAt && current.closesAt.getTime() <= Date.now()) throw new AppError('INVALID_STATE', 'the vote’s time is up');
        const already = new Set(
          (await models.VoteParticipation.find({ vote, voter: { $in: unique.map((w) => w.ballot.voter) } }, { voter: 1 }, { session }).lean()).map(
            (p) => String(p.voter),
          ),
        );
        accepted = shuffled(unique.filter((w) => !already.has(String(w.ballot.voter))));
        refused = [...batch.filter((w) => !unique.includes(w)), ...unique.filter((w) => already.has(String(w.ballot.voter)))];
        if (accepted.length === 0) return;
        const at = new Date();
        await models.VoteParticipation.insertMany(
          accepted.map(({ ballot: b }) => ({ vote, voter: b.voter, castBy: b.actor.id, viaProxy: b.viaProxy, receipt: b.receipt })),
          { session },
        );
        await models.AuditEvent.insertMany(
          shuffled(accepted).map(({ ballot: b }) => ({
            action: 'vote.cast',
            targetType: 'vote',
            targetId: vote,
            alliance: b.alliance,
            actor: b.actor.id,
            actorUnit: b.actor.unit ?? undefined,
            ip: b.ip,
            at,
            // That someone voted is on the record; how, never in a secret vote.
            ...auditChanges(undefined, { voter: b.voter, viaProxy: b.viaProxy || undefined }),
          })),
          { session },
        );
        // The ballots themselves, sealed (see ballotChain.ts): unreadable, the same length whatever
        // the choice, under ids of their own, in an order of their own.
        await models.SealedBallot.insertMany(
          shuffled(accepted).map(({ ballot: b }) => ({ _id: randomBytes(16).toString('hex'), vote, sealed: sealBallot(models, b) })),
          { session },
        );
        const totals: Record<string, number> = {};
        for (const { ballot: b } of accepted) totals[`secretCounts.${b.choice}`] = (totals[`secretCounts.${b.choice}`] ?? 0) + 1;
        // Last, so the vote document is held only just before commit; updatedAt stays put.
        const counted = await models.Vote.updateOne({ _id: vote, status: 'open' }, { $inc: totals }, { session, timestamps: false });
        if (counted.modifiedCount !== 1) throw new AppError('INVALID_STATE', 'the vote is closed');
      });
    try {
      // A voter whose ballot another process stored after our check fails the unique index: look again.
      for (let attempt = 1; ; attempt++) {
        try {
          await store();
          break;
        } catch (err) {
          if (!isDuplicateKey(err) || attempt === 3) throw err;
        }
      }
    } catch (err) {
      for (const w of batch) w.reject(err);
      return;
    }
    for (const w of accepted) w.resolve();
    for (const w of refused) w.reject(new AppError('ALREADY_VOTED', 'this vote already has a ballot from this voter'));
  }
}

/** Fisher–Yates with a cryptographic source: the stored order says nothing of the arrival order. */
function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const boxes = new WeakMap<Models, SecretBallotBox>();

/** One box per server instance (keyed by its models), like the vote gate. */
export function secretBallotBoxFor(base: Pick<CommandContext, 'models' | 'connection'>): SecretBallotBox {
  let box = boxes.get(base.models);
  if (!box) boxes.set(base.models, (box = new SecretBallotBox(base)));
  return box;
}
