import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@tongxin/shared';
import type { Actor } from '../auth/actor.js';

/** What the handshake established about the person behind a socket. */
export interface SocketData {
  actor: Actor;
  /** The session the socket rides on: when it ends, the socket is disconnected. */
  sessionHash: string;
  unitName: string | null;
  /** Meetings this socket has joined. */
  meetings: Set<string>;
}

export type RoomServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type RoomSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export const meetingRoom = (meetingId: string) => `meeting:${meetingId}`;
export const allianceRoom = (allianceId: string) => `alliance:${allianceId}`;
/** Each socket of a person joins it on connection: their bell (消息中心) hears of new notifications here. */
export const userRoom = (userId: string) => `user:${userId}`;
