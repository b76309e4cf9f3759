/**
 * Turnout as a chair reads it in the room: "已投 N / 出席 M（应到 K）". A vote is taken among those
 * present, so the present voters — not all members — are what the chair waits for, and the present
 * voters who have not voted yet (未投票单位) are named before the vote is closed.
 */

/** What of the attendance these rules read (the room's attendance view has these fields). */
export interface TurnoutAttendance {
  /** Check-ins that count now. */
  present: { unit: { id: string }; user: { id: string } | null }[];
  /** Units that gave their vote to another unit's representative (委托): they are represented. */
  proxies: { fromUnit: { id: string } }[];
}

/**
 * Present voters of a vote. Unit basis: voting units checked in (by a representative or on their
 * behalf, 代签) or represented by a proxy. Member basis: representatives of voting units who
 * checked in themselves. The same rule as the server's quorum count.
 */
export function presentVoters(
  attendance: TurnoutAttendance,
  basis: 'unit' | 'member',
  eligible: { units: string[]; members: string[] },
): string[] {
  if (basis === 'member') {
    const members = new Set(eligible.members);
    return [...new Set(attendance.present.flatMap((p) => (p.user && members.has(p.user.id) ? [p.user.id] : [])))];
  }
  const units = new Set(eligible.units);
  const here = [...attendance.present.map((p) => p.unit.id), ...attendance.proxies.map((p) => p.fromUnit.id)];
  return [...new Set(here.filter((u) => units.has(u)))];
}

/** The present voters who have not cast a ballot, in the order given. */
export function notYetVoted(present: string[], voted: string[]): string[] {
  const done = new Set(voted);
  return present.filter((v) => !done.has(v));
}
