import type { Ack, ClientToServerEvents, ServerToClientEvents } from '@tongxin/shared';
import { io, type Socket } from 'socket.io-client';
import { ApiRequestError } from './api.js';
import { accessChanged, sessionEnded } from './liveSignals.js';

export type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ClientEvent = keyof ClientToServerEvents;
export type EventPayload<E extends ClientEvent> = Parameters<ClientToServerEvents[E]>[0];
export type EventData<E extends ClientEvent> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0] extends infer A
  ? A extends { ok: true; data: infer D }
    ? D
    : never
  : never;

/** An ack that does not come back within this long is treated as a network failure. */
const ACK_TIMEOUT_MS = 15_000;

let shared: RoomSocket | null = null;
let users = 0;
let closeTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * The one Socket.IO connection of this tab, on the page's own origin so the session cookie goes
 * along. Screens that need it take a reference and give it back; the last one out closes it.
 */
export function acquireSocket(): RoomSocket {
  clearTimeout(closeTimer);
  if (!shared) {
    shared = io({ withCredentials: true, autoConnect: false, reconnectionDelayMax: 5_000 });
    shared.on('session:ended', sessionEnded);
    shared.on('access:revoked', accessChanged);
  }
  users += 1;
  if (!shared.connected && !shared.active) shared.connect();
  return shared;
}

export function releaseSocket(socket: RoomSocket): void {
  if (socket !== shared) return;
  users = Math.max(0, users - 1);
  if (users > 0) return;
  // A moment's grace: moving between screens that both use the room keeps one connection.
  closeTimer = setTimeout(() => {
    if (users > 0 || shared !== socket) return;
    socket.disconnect();
    shared = null;
  }, 2_000);
}

/**
 * Emits a client→server event and resolves with the ack's data. A refusal (`{ ok: false }`)
 * rejects with an `ApiRequestError` carrying the server's code, so the UI can translate it like a
 * REST error; no answer in time rejects as `NETWORK`.
 */
export function emitAck<E extends ClientEvent>(
  socket: RoomSocket,
  event: E,
  payload: EventPayload<E>,
): Promise<EventData<E>> {
  return new Promise((resolve, reject) => {
    const onAck = (err: Error | null, res: Ack<EventData<E>> | undefined) => {
      if (err || !res) return reject(new ApiRequestError(0, 'NETWORK', err?.message ?? 'no answer'));
      if (res.ok) return resolve(res.data);
      reject(new ApiRequestError(0, res.error.code, res.error.message, res.error.details));
    };
    // The typed event map cannot express "any event with its own ack"; the types above keep callers honest.
    (socket.timeout(ACK_TIMEOUT_MS) as unknown as { emit(e: string, p: unknown, cb: typeof onAck): void }).emit(
      event,
      payload,
      onAck,
    );
  });
}
