import type { ServerToClientEvents } from '@tongxin/shared';
import { useEffect, useRef } from 'react';
import type { RoomSocket } from './socket.js';

/** An event the server may send on an alliance's channel, and what it carries. */
export type ChannelEvent = keyof ServerToClientEvents;
export type ChannelPayload<E extends ChannelEvent> = Parameters<ServerToClientEvents[E]>[0];

/** How many shown components want each alliance's channel; the last one out unsubscribes. */
const wanted = new Map<string, number>();

// The connection (and socket.io-client with it) loads only once a screen wants live data.
let socketModule: Promise<typeof import('./socket.js')> | undefined;
const loadSocket = () => (socketModule ??= import('./socket.js'));

/** Subscribes to the channels; `then` runs once the server has said it is listening on all of them. */
const subscribe = (socket: RoomSocket, ids: string[], then: () => void = () => undefined) => {
  let pending = ids.length;
  for (const allianceId of ids) socket.emit('alliance:subscribe', { allianceId }, () => --pending === 0 && then());
};

/**
 * Keeps these alliances' channels (`alliance:<id>`) subscribed on the tab's one Socket.IO
 * connection while the component is shown, and calls `onEvent` with each `event` the server sends
 * there — or with `null` once the server listens (first time and after every reconnect): nothing
 * is replayed, so anything may have changed since the screen last read.
 * Refetching on focus still covers a connection that cannot be made.
 *
 *     useAllianceChannel([allianceId], 'decision:changed', (p) => …);
 */
export function useAllianceChannel<E extends ChannelEvent>(
  allianceIds: string[],
  event: E,
  onEvent: (payload: ChannelPayload<E> | null) => void,
): void {
  const key = [...new Set(allianceIds)].sort().join(',');
  const onEventRef = useRef(onEvent);
  onEventRef.current = onEvent;
  useEffect(() => {
    const ids = key ? key.split(',') : [];
    if (ids.length === 0) return;
    for (const id of ids) wanted.set(id, (wanted.get(id) ?? 0) + 1);
    let socket: RoomSocket | null = null;
    let release: (() => void) | null = null;
    let shown = true;
    const onPayload = (payload: ChannelPayload<E>) => onEventRef.current(payload);
    // Whatever changed between the screen's first read and the server listening for it would be
    // missed: once subscribed, read again (first time and after every reconnect, since the server
    // forgets a connection's rooms when it drops).
    const catchUp = () => shown && onEventRef.current(null);
    const onConnect = () => {
      if (socket) subscribe(socket, ids, catchUp);
    };
    // The typed event map cannot express "the listener of whichever event E is"; the signature above keeps callers honest.
    type Untyped = { on(e: string, l: (p: never) => void): void; off(e: string, l: (p: never) => void): void };
    void loadSocket().then(({ acquireSocket, releaseSocket }) => {
      if (!shown) return;
      const s = acquireSocket();
      socket = s;
      release = () => releaseSocket(s);
      s.on('connect', onConnect);
      (s as unknown as Untyped).on(event, onPayload);
      // Subscribing twice is harmless; a connection that is still being made subscribes on connect.
      if (s.connected) subscribe(s, ids, catchUp);
    });
    return () => {
      shown = false;
      const gone = ids.filter((id) => {
        const n = (wanted.get(id) ?? 1) - 1;
        if (n > 0) wanted.set(id, n);
        else wanted.delete(id);
        return n <= 0;
      });
      if (!socket) return;
      socket.off('connect', onConnect);
      (socket as unknown as Untyped).off(event, onPayload);
      if (socket.connected) {
        for (const allianceId of gone) socket.emit('alliance:unsubscribe', { allianceId }, () => undefined);
      }
      release?.();
    };
  }, [key, event]);
}
