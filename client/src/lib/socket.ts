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
let unfollowNetwork: (() => void) | undefined;

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
    unfollowNetwork = followBrowserNetwork(shared);
  }
  users += 1;
  if (!shared.connected && !shared.active) shared.connect();
  return shared;
}

/**
 * The browser knows first when the network goes: close the socket then, rather than leave it
 * open for Socket.IO to notice much later. (Chromium's offline mode even holds messages back on an
 * open WebSocket and delivers them when the network returns: a click made offline would land
 * unseen.) Closing fails every answer still awaited at once; when the network is back, connect
 * without waiting for the reconnection backoff.
 */
function followBrowserNetwork(socket: RoomSocket): () => void {
  const offline = () => socket.disconnect();
  const online = () => {
    socket.disconnect();
    socket.connect();
  };
  window.addEventListener('offline', offline);
  window.addEventListener('online', online);
  return () => {
    window.removeEventListener('offline', offline);
    window.removeEventListener('online', online);
  };
}

export function releaseSocket(socket: RoomSocket): void {
  if (socket !== shared) return;
  users = Math.max(0, users - 1);
  if (users > 0) return;
  // A moment's grace: moving between screens that both use the room keeps one connection.
  closeTimer = setTimeout(() => {
    if (users > 0 || shared !== socket) return;
    unfollowNetwork?.();
    socket.disconnect();
    shared = null;
  }, 2_000);
}

/**
 * Emits a client→server event and resolves with the ack's data. A refusal (`{ ok: false }`)
 * rejects with an `ApiRequestError` carrying the server's code, so the UI can translate it like a
 * REST error. No answer (in time, or before the connection dropped) rejects as `NOT_CONFIRMED`:
 * the event went out, and whether the server acted on it is not known.
 */
export function emitAck<E extends ClientEvent>(
  socket: RoomSocket,
  event: E,
  payload: EventPayload<E>,
): Promise<EventData<E>> {
  return new Promise((resolve, reject) => {
    const onAck = (err: Error | null, res: Ack<EventData<E>> | undefined) => {
      if (err || !res) return reject(new ApiRequestError(0, 'NOT_CONFIRMED', err?.message ?? 'no answer'));
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
