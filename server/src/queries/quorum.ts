import type { Types } from 'mongoose';
import { computeQuorum, type Quorum, type QuorumBasis } from '@tongxin/shared';
import { COUNTING } from '../db/models/attendance.js';
import type { Models } from '../db/models/index.js';
import type { AllianceFacts } from '../policies/alliance.js';
import { votingMembers, votingUnits } from '../policies/room.js';

type Id = Types.ObjectId;
/** The alliance fields quorum counting reads. */
export type QuorumFacts = AllianceFacts & { votingDefaults?: { quorum?: number | null; basis?: string | null } | null };

/** The alliance's default basis for counting quorum and votes. */
export function defaultBasis(a: QuorumFacts): QuorumBasis {
  return a.votingDefaults?.basis === 'member' ? 'member' : 'unit';
}

/**
 * Quorum as it stands now. Unit basis: voting units checked in, plus units represented by a
 * proxy (a unit that gave its vote is represented). Member basis: representatives of voting units
 * who checked in themselves. A check-in that was undone, or whose unit has left (离会), no longer
 * counts.
 */
export async function currentQuorum(
  models: Models,
  meetingId: Id,
  a: QuorumFacts,
  basis = defaultBasis(a),
): Promise<Quorum> {
  const fraction = a.votingDefaults?.quorum ?? 0.5;
  if (basis === 'member') {
    const eligible = new Set(votingMembers(a));
    const users = (await models.Attendance.distinct('user', { meeting: meetingId, ...COUNTING })) as (Id | null)[];
    const present = users.filter((u) => u !== null && eligible.has(String(u))).length;
    return computeQuorum({ basis, fraction, eligible: eligible.size, present });
  }
  const eligible = new Set(votingUnits(a));
  const [checkedIn, proxied] = await Promise.all([
    models.Attendance.distinct('unit', { meeting: meetingId, ...COUNTING }) as Promise<Id[]>,
    models.Proxy.distinct('fromUnit', { meeting: meetingId }) as Promise<Id[]>,
  ]);
  const present = new Set([...checkedIn, ...proxied].map(String).filter((u) => eligible.has(u)));
  return computeQuorum({ basis, fraction, eligible: eligible.size, present: present.size });
}
