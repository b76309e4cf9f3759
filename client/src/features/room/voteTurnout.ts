import { notYetVoted, presentVoters, type VoteView } from '@tongxin/shared';
import { useRoomContext } from './roomContext.js';

/** Someone who may vote in this vote: a unit, or a person when the vote is by member. */
export interface VoterRef {
  id: string;
  name: string;
}

/**
 * The turnout as the chair reads it — 已投 N / 出席 M（应到 K）— and the present voters who have
 * not voted (未投票单位). Presence comes from the live attendance, who voted from the tally, so
 * both follow the room as it changes.
 */
export function useTurnout(vote: VoteView): { present: number; notVoted: VoterRef[] } {
  const { snapshot, votingUnits, unitName } = useRoomContext();
  const people = new Map(votingUnits.flatMap((m) => m.representatives.map((r) => [r.id, r.name] as const)));
  const present = presentVoters(snapshot.attendance, vote.basis, {
    units: votingUnits.map((m) => m.unit.id),
    members: [...people.keys()],
  });
  const waiting = notYetVoted(present, vote.tally.voted ?? []);
  const nameOf = (id: string) => (vote.basis === 'unit' ? unitName(id) : (people.get(id) ?? '—'));
  return { present: present.length, notVoted: waiting.map((id) => ({ id, name: nameOf(id) })) };
}
