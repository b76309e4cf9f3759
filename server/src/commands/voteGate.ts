import { AppError } from '../errors.js';

/**
 * Closing a vote and casting into it must not interleave: a ballot acknowledged after the result
 * was counted would be acknowledged and yet not counted. Each cast holds the gate for its
 * transaction; closing shuts the gate to new casts and waits for those in flight before it counts.
 *
 * The gate lives in this process. With several processes (REDIS_URL) a cast on another process
 * could still race a close; the cast transaction's own status check narrows that window but does
 * not shut it, so a chair should close from the process that holds the room (see docs/api.md).
 */
export class VoteGate {
  private readonly inFlight = new Map<string, { count: number; drained: (() => void)[] }>();
  private readonly closing = new Set<string>();

  async cast<T>(voteId: string, run: () => Promise<T>): Promise<T> {
    if (this.closing.has(voteId)) throw new AppError('INVALID_STATE', 'the vote is closing');
    const entry = this.inFlight.get(voteId) ?? { count: 0, drained: [] };
    entry.count++;
    this.inFlight.set(voteId, entry);
    try {
      return await run();
    } finally {
      if (--entry.count === 0) {
        this.inFlight.delete(voteId);
        for (const done of entry.drained) done();
      }
    }
  }

  private readonly chains = new Map<string, Promise<void>>();

  /**
   * A cast that appends to the vote's hash chain, run after the previous one on this process has
   * settled (see `inTurn`).
   */
  async castInTurn<T>(voteId: string, run: () => Promise<T>): Promise<T> {
    return this.cast(voteId, () => this.inTurn(voteId, run));
  }

  /**
   * Runs `run` after the previous chain append of this vote on this process has settled. Each
   * transaction that appends moves the chain's counter on the vote document; run all at once,
   * hundreds of them conflict on that document and retry each other for minutes (500 members
   * voting within a second: most ballots failed). One at a time per process none retries; and
   * ballots arriving meanwhile wait together for the next turn, stored as one batch (see
   * NamedBallotBox). A transaction on another process may still conflict once and is retried.
   * It does not count as a cast: the callers whose ballots it stores hold the gate themselves.
   */
  inTurn<T>(voteId: string, run: () => Promise<T>): Promise<T> {
    const before = this.chains.get(voteId) ?? Promise.resolve();
    const result = before.then(run);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.chains.set(voteId, settled);
    void settled.then(() => {
      if (this.chains.get(voteId) === settled) this.chains.delete(voteId);
    });
    return result;
  }

  /** Runs `run` once no cast is in flight, refusing new casts until it finishes. */
  async close<T>(voteId: string, run: () => Promise<T>): Promise<T> {
    if (this.closing.has(voteId)) throw new AppError('INVALID_STATE', 'the vote is already closing');
    this.closing.add(voteId);
    try {
      const entry = this.inFlight.get(voteId);
      if (entry) await new Promise<void>((resolve) => entry.drained.push(resolve));
      return await run();
    } finally {
      this.closing.delete(voteId);
    }
  }
}

const gates = new WeakMap<object, VoteGate>();

/** One gate per server instance (keyed by its models), so tests may run several servers in one process. */
export function voteGateFor(owner: object): VoteGate {
  let gate = gates.get(owner);
  if (!gate) gates.set(owner, (gate = new VoteGate()));
  return gate;
}
