import type { ChainReceipt, Choice, DomainEvent } from '@tongxin/shared';
import { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';
import { AppError } from '../errors.js';
import { auditChanges } from './audit.js';
import { appendNamedEntries } from './ballotChain.js';
import { emit, inTransaction, type CommandContext } from './context.js';
import { isDuplicateKey } from './errors.js';
import { voteGateFor } from './voteGate.js';

/** A named (记名) ballot on its way into storage, with the context of the caller who cast it. */
export interface NamedBallot {
  /** The caller's: whose audit line it is (actor, address), where its event goes once stored. */
  ctx: CommandContext;
  vote: Types.ObjectId;
  alliance: Types.ObjectId;
  voter: Types.ObjectId;
  viaProxy: boolean;
  /** 举手/代投: the chair entered this unit's ballot. */
  enteredByChair: boolean;
  /** The ballot's id, the voter's receipt. */
  receipt: string;
  choice: Choice;
  /** `ballot.cast`, published once the ballot is stored. */
  event: DomainEvent;
}

interface Waiting {
  ballot: NamedBallot;
  resolve: (record: ChainReceipt) => void;
  reject: (err: unknown) => void;
}

/**
 * The named ballots of a vote, stored in batches. Every named ballot moves the vote's hash chain
 * (its counter and head live on the vote document), so one transaction per ballot means one at a
 * time: 500 members voting within a second queued for seconds. Instead, ballots that arrive
 * while the previous batch is being stored (or within the same tick) wait together and go into
 * ONE transaction, which checks each (the vote still open, one ballot per voter), writes their
 * participation records, ballots, chain entries in arrival order and audit lines, and moves the
 * chain's counter once. Each caller still gets its own answer: its receipt, or why it was refused.
 * "Acknowledged means stored" holds: a caller is answered only after the batch commits.
 */
export class NamedBallotBox {
  private readonly waiting = new Map<string, Waiting[]>();

  constructor(private readonly base: Pick<CommandContext, 'models' | 'connection'>) {}

  cast(ballot: NamedBallot): Promise<ChainReceipt> {
    const key = String(ballot.vote);
    return new Promise<ChainReceipt>((resolve, reject) => {
      const queue = this.waiting.get(key);
      if (queue) return void queue.push({ ballot, resolve, reject });
      this.waiting.set(key, [{ ballot, resolve, reject }]);
      // In turn with the vote's other chain appends (改投, the previous batch); those that come
      // meanwhile join this batch. A tick's wait lets ballots read from the same sockets join too.
      void voteGateFor(this.base.models).inTurn(key, () => new Promise<void>((r) => setImmediate(r)).then(() => this.store(key)));
    });
  }

  private async store(key: string): Promise<void> {
    const batch = this.waiting.get(key) ?? [];
    this.waiting.delete(key);
    if (batch.length === 0) return;
    const { models } = this.base;
    const first = batch[0]!.ballot;
    const vote = first.vote;
    // A voter twice in one batch (two tabs): the first stands, as the unique index would decide.
    const seen = new Set<string>();
    const unique = batch.filter((w) => !seen.has(String(w.ballot.voter)) && seen.add(String(w.ballot.voter)));
    let accepted: Waiting[] = [];
    let receipts: ChainReceipt[] = [];
    const ctx: CommandContext = { ...this.base, actor: first.ctx.actor, clock: first.ctx.clock, events: [] };
    const store = () =>
      inTransaction(ctx, async (session) => {
        const current = await models.Vote.findById(vote, { status: 1, closesAt: 1 }, { session }).lean();
        if (current?.status !== 'open') throw new AppError('INVALID_STATE', 'the vote is closed');
        if (current.closesAt && current.closesAt.getTime() <= ctx.clock.now().getTime()) {
          throw new AppError('INVALID_STATE', 'the vote’s time is up');
        }
        const prior = await models.VoteParticipation.find(
          { vote, voter: { $in: unique.map((w) => w.ballot.voter) } },
          { voter: 1 },
          { session },
        ).lean();
        const already = new Set(prior.map((p) => String(p.voter)));
        accepted = unique.filter((w) => !already.has(String(w.ballot.voter)));
        receipts = [];
        if (accepted.length === 0) return;
        const ballots = accepted.map((w) => w.ballot);
        // Rows go in through the driver, built here with the types the schemas store (ids as
        // ObjectIds): casting and validating hundreds of mongoose documents per batch cost more
        // than the writes themselves.
        await models.VoteParticipation.collection.insertMany(
          ballots.map((b) => ({
            vote,
            voter: b.voter,
            castBy: new Types.ObjectId(b.ctx.actor.id),
            viaProxy: b.viaProxy,
            ...(b.enteredByChair ? { enteredByChair: true } : {}),
          })),
          { session },
        );
        await models.Ballot.collection.insertMany(
          ballots.map((b) => ({ _id: b.receipt as never, vote, choice: b.choice, voter: b.voter })),
          { session },
        );
        receipts = await appendNamedEntries(models, session, vote, ballots);
        const at = new Date();
        await models.AuditEvent.collection.insertMany(
          ballots.map((b) => ({
            action: b.enteredByChair ? 'vote.enterBallot' : 'vote.cast',
            targetType: 'vote',
            targetId: vote,
            alliance: b.alliance,
            actor: new Types.ObjectId(b.ctx.actor.id),
            ...(b.ctx.actor.unit ? { actorUnit: new Types.ObjectId(b.ctx.actor.unit) } : {}),
            ...(b.ctx.ip ? { ip: b.ctx.ip } : {}),
            at,
            // An open vote (记名): who chose what is the record; a unit's ballot the chair entered
            // names the unit, in words a secretary reads ("单位：X单位；选择：同意").
            ...auditChanges(
              undefined,
              b.enteredByChair ? { unit: b.voter, choice: b.choice } : { voter: b.voter, viaProxy: b.viaProxy || undefined, choice: b.choice },
            ),
          })),
          { session },
        );
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
    accepted.forEach((w, i) => {
      emit(w.ballot.ctx, w.ballot.event);
      w.resolve(receipts[i]!);
    });
    const stored = new Set(accepted);
    for (const w of batch) {
      if (!stored.has(w)) w.reject(new AppError('ALREADY_VOTED', 'this vote already has a ballot from this voter'));
    }
  }
}

const boxes = new WeakMap<Models, NamedBallotBox>();

/** One box per server instance (keyed by its models), like the vote gate. */
export function namedBallotBoxFor(base: Pick<CommandContext, 'models' | 'connection'>): NamedBallotBox {
  let box = boxes.get(base.models);
  if (!box) boxes.set(base.models, (box = new NamedBallotBox(base)));
  return box;
}
