import type { Alliance } from '@tongxin/shared';
import { ref, refOrGone, type Id, type Named } from './refs.js';

export interface PopulatedAlliance {
  _id: Id;
  name: string;
  kind: string;
  description?: string | null;
  charter?: string | null;
  memberships: { unit: Named; role: string; representatives: Named[]; joinedAt: Date }[];
  secretaries: Named[];
  rotation: Named[];
  votingDefaults?: {
    basis?: string | null;
    quorum?: number | null;
    threshold?: string | null;
    secret?: boolean | null;
    tallyVisibility?: string | null;
    allowBallotChange?: boolean | null;
  } | null;
}

export function presentAlliance(a: PopulatedAlliance, nextConvener: Named | null): Alliance {
  return {
    id: String(a._id),
    name: a.name,
    kind: a.kind as Alliance['kind'],
    description: a.description ?? '',
    charter: a.charter ?? '',
    memberships: a.memberships.map((m) => ({
      unit: refOrGone(m.unit),
      role: m.role as Alliance['memberships'][number]['role'],
      representatives: m.representatives.map(refOrGone),
      joinedAt: m.joinedAt.toISOString(),
    })),
    secretaries: a.secretaries.map(refOrGone),
    rotation: a.rotation.map(refOrGone),
    nextConvener: nextConvener ? ref(nextConvener) : null,
    votingDefaults: {
      basis: (a.votingDefaults?.basis ?? 'unit') as Alliance['votingDefaults']['basis'],
      quorum: a.votingDefaults?.quorum ?? 0.5,
      threshold: (a.votingDefaults?.threshold ?? 'simple_majority') as Alliance['votingDefaults']['threshold'],
      secret: a.votingDefaults?.secret ?? false,
      tallyVisibility: (a.votingDefaults?.tallyVisibility ?? 'live') as Alliance['votingDefaults']['tallyVisibility'],
      allowBallotChange: a.votingDefaults?.allowBallotChange ?? false,
    },
  };
}
