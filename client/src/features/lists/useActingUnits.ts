import { useAlliance } from '../../lib/alliance.js';
import { useMe } from '../auth/useMe.js';

/**
 * The member units of the alliance by name, and those the viewer may act for on the lists: the
 * units they represent, or every member for a secretary (as the server's list policy decides).
 */
export function useActingUnits(allianceId: string) {
  const me = useMe().data;
  const alliance = useAlliance(allianceId);
  const members = (alliance.data?.memberships ?? []).map((m) => ({ id: m.unit.id, name: m.unit.name }));
  const mine = me?.alliances.find((a) => a.id === allianceId);
  const acting = mine?.isSecretary ? members : members.filter((m) => mine?.represents.includes(m.id));
  return { alliance, members, acting, isSecretary: mine?.isSecretary === true };
}
