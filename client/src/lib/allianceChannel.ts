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

const subscribe = (socket: RoomSocket, ids: string[]) => {
  for (const allianceId of ids) socket.emit('alliance:subscribe', { allianceId }, () => undefined);
};

/**
 * Keeps these alliances' channels (`alliance:<id>`) subscribed on the tab's one Socket.IO
 * connection while the component is shown, and calls `onEvent` with each `event` the server sends
 * there — or with `null` after a reconnect: nothing is replayed, so anything may have changed.
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
    let connectedBefore = false;
    const onPayload = (payload: ChannelPayload<E>) => onEventRef.current(payload);
    // The server forgets a connection's rooms when it drops: subscribe again, then catch up.
    const onConnect = () => {
      if (socket) subscribe(socket, ids);
      if (connectedBefore) onEventRef.current(null);
      connectedBefore = true;
    };
    // The typed event map cannot express "the listener of whichever event E is"; the signature above keeps callers honest.
    type Untyped = { on(e: string, l: (p: never) => void): void; off(e: string, l: (p: never) => void): void };
    void loadSocket().then(({ acquireSocket, releaseSocket }) => {
      if (!shown) return;
      const s = acquireSocket();
      socket = s;
      release = () => releaseSocket(s);
      connectedBefore = s.connected;
      s.on('connect', onConnect);
      (s as unknown as Untyped).on(event, onPayload);
      // Subscribing twice is harmless; a connection that is still being made subscribes on connect.
      if (s.connected) subscribe(s, ids);
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
