import { DEFAULT_ACK_WORKING_DAYS, DEFAULT_STATUS_LIGHT_RULES, type Alliance } from '@tongxin/shared';
import { ref, refOrGone, type Id, type Named } from './refs.js';

export interface PopulatedAlliance {
  _id: Id;
  name: string;
  kind: string;
  description?: string | null;
  charter?: string | null;
  memberships: {
    unit: Named;
    role: string;
    representatives: Named[];
    primaryRepresentative?: Named | null;
    joinedAt: Date;
  }[];
  formerMemberships?: { unit: Named; role: string; joinedAt: Date; leftAt: Date }[] | null;
  secretaries: Named[];
  rotation: Named[];
  rotationSkipped?: Id[] | null;
  votingDefaults?: {
    basis?: string | null;
    quorum?: number | null;
    threshold?: string | null;
    secret?: boolean | null;
    tallyVisibility?: string | null;
    allowBallotChange?: boolean | null;
  } | null;
  minutesLetterhead?: { issuer?: string | null; red?: boolean | null } | null;
  ackWorkingDays?: number | null;
  statusLightRules?: { dueSoonWorkingDays?: number | null; silentDays?: number | null } | null;
  calendar?: { holidays?: string[] | null; workdays?: string[] | null } | null;
}

type Role = Alliance['memberships'][number]['role'];

/** The primary representative (主要代表): the one named, while still a representative; else the first. */
function primaryOf(m: PopulatedAlliance['memberships'][number]): Named | null {
  const named = m.primaryRepresentative;
  const stillThere = named && m.representatives.some((r) => String(r._id) === String(named._id));
  return stillThere ? named : (m.representatives[0] ?? null);
}

export function presentAlliance(a: PopulatedAlliance, nextConvener: Named | null, can: Alliance['can']): Alliance {
  return {
    id: String(a._id),
    name: a.name,
    kind: a.kind as Alliance['kind'],
    description: a.description ?? '',
    charter: a.charter ?? '',
    memberships: a.memberships.map((m) => {
      const primary = primaryOf(m);
      return {
        unit: refOrGone(m.unit),
        role: m.role as Role,
        representatives: m.representatives.map(refOrGone),
        primaryRepresentative: primary ? refOrGone(primary) : null,
        joinedAt: m.joinedAt.toISOString(),
      };
    }),
    formerMembers: [...(a.formerMemberships ?? [])].reverse().map((f) => ({
      unit: refOrGone(f.unit),
      role: f.role as Role,
      joinedAt: f.joinedAt.toISOString(),
      leftAt: f.leftAt.toISOString(),
    })),
    secretaries: a.secretaries.map(refOrGone),
    rotation: a.rotation.map(refOrGone),
    rotationSkipped: (a.rotationSkipped ?? []).map(String),
    nextConvener: nextConvener ? ref(nextConvener) : null,
    votingDefaults: {
      basis: (a.votingDefaults?.basis ?? 'unit') as Alliance['votingDefaults']['basis'],
      quorum: a.votingDefaults?.quorum ?? 0.5,
      threshold: (a.votingDefaults?.threshold ?? 'simple_majority') as Alliance['votingDefaults']['threshold'],
      secret: a.votingDefaults?.secret ?? false,
      tallyVisibility: (a.votingDefaults?.tallyVisibility ?? 'live') as Alliance['votingDefaults']['tallyVisibility'],
      allowBallotChange: a.votingDefaults?.allowBallotChange ?? false,
    },
    minutesLetterhead: { issuer: a.minutesLetterhead?.issuer ?? '', red: a.minutesLetterhead?.red ?? true },
    ackWorkingDays: a.ackWorkingDays ?? DEFAULT_ACK_WORKING_DAYS,
    statusLightRules: {
      dueSoonWorkingDays: a.statusLightRules?.dueSoonWorkingDays ?? DEFAULT_STATUS_LIGHT_RULES.dueSoonWorkingDays,
      silentDays: a.statusLightRules?.silentDays ?? DEFAULT_STATUS_LIGHT_RULES.silentDays,
    },
    calendar: { holidays: [...(a.calendar?.holidays ?? [])], workdays: [...(a.calendar?.workdays ?? [])] },
    can,
  };
}
