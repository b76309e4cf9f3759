import type { Alliance, BallotReceipt, Me, RoomSnapshot } from '@tongxin/shared';
import { createContext, useContext } from 'react';
import type { RoomEmit } from './useRoom.js';

/** Who is looking at the room and what they may do (from the snapshot's `can`, decided by the server). */
export interface Viewer {
  userId: string;
  name: string;
  unitName: string;
  isSecretary: boolean;
  /** The chair (主持): a secretary or a representative of the convener unit. */
  isChair: boolean;
  /** Units this person represents in the alliance. */
  represents: string[];
  /** Secretaries and representatives of non-observer units draft, speak and vote. */
  canDraft: boolean;
}

export interface Room {
  snapshot: RoomSnapshot;
  alliance: Alliance;
  viewer: Viewer;
  emit: RoomEmit;
  /** Voting (non-observer) member units, in the alliance's order. */
  votingUnits: Alliance['memberships'];
  unitName: (id: string) => string;
  /** With each ballot's place in the vote's hash chain (`record`), for 核验. */
  receipts: Record<string, BallotReceipt[]>;
  /** When the current agenda item started, as best known. */
  currentSince: string | null;
}

export function viewerOf(me: Me, alliance: Alliance, snapshot: RoomSnapshot): Viewer {
  const mine = me.alliances.find((a) => a.id === alliance.id);
  const isSecretary = mine?.isSecretary === true;
  const represents = mine?.represents ?? [];
  return {
    userId: me.user.id,
    name: me.user.name,
    unitName: me.unit?.name ?? '',
    isSecretary,
    // The server's policies say who chairs and who may edit; the screen does not re-derive them.
    isChair: snapshot.can.chair,
    represents,
    canDraft: snapshot.can.speak,
  };
}

export const RoomContext = createContext<Room | null>(null);

export function useRoomContext(): Room {
  const room = useContext(RoomContext);
  if (!room) throw new Error('useRoomContext outside the room');
  return room;
}
