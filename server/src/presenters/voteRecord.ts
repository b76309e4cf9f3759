import { genesisHash, VOTE_RECORD_FORMAT, type Choice, type VoteRecord } from '@tongxin/shared';
import type { VoteChainEntryDoc } from '../db/models/voteChain.js';
import type { VoteDoc } from '../db/models/vote.js';
import type { Id } from './refs.js';

type Header = VoteRecord['vote'];

/**
 * The record as `GET /api/votes/:id/record.json` gives it: the header the genesis is computed
 * from, every entry of the chain, the head fixed at the end, a closed secret vote's openings
 * (sorted) and the result as stored — everything the verifier recomputes. Named entries carry the
 * voter's name for people reading it; the hashes do not cover names.
 */
export function presentVoteRecord(
  vote: VoteDoc & { _id: Id; chainHead: string },
  entries: (VoteChainEntryDoc & { _id: unknown })[],
  names: Map<string, string>,
): VoteRecord {
  const header: Header = {
    id: String(vote._id),
    meetingId: String(vote.meeting),
    title: vote.title,
    text: vote.text,
    textSha256: vote.textSha256,
    threshold: vote.threshold as Header['threshold'],
    basis: vote.basis as Header['basis'],
    secret: vote.secret,
    openedAt: vote.openedAt.toISOString(),
    status: vote.status as Header['status'],
    closedAt: vote.closedAt ? vote.closedAt.toISOString() : null,
  };
  return {
    format: VOTE_RECORD_FORMAT,
    vote: header,
    genesis: genesisHash(header),
    entries: entries.map((e) =>
      vote.secret
        ? { seq: e.seq, ballotId: e.ballotId!, commitment: e.commitment!, prev: e.prev, hash: e.hash }
        : {
            seq: e.seq,
            voter: String(e.voter),
            voterName: names.get(String(e.voter)),
            choice: e.choice as Choice,
            enteredByChair: e.enteredByChair === true,
            prev: e.prev,
            hash: e.hash,
          },
    ),
    head: vote.chainHead,
    length: vote.chainLength ?? entries.length,
    ...(vote.secret && vote.status === 'closed'
      ? { openings: (vote.secretOpenings ?? []).map((o) => ({ choice: o.choice as Choice, nonce: o.nonce })) }
      : {}),
    result:
      vote.status === 'closed' && vote.result
        ? {
            outcome: vote.result.outcome as NonNullable<VoteRecord['result']>['outcome'],
            counts: { for: vote.result.counts.for, against: vote.result.counts.against, abstain: vote.result.counts.abstain },
            quorum: {
              eligible: vote.result.quorum.eligible,
              present: vote.result.quorum.present,
              required: vote.result.quorum.required,
              reached: vote.result.quorum.reached,
            },
          }
        : null,
    cancellation: vote.cancellation ? { reason: vote.cancellation.reason, at: vote.cancellation.at.toISOString() } : null,
  };
}
