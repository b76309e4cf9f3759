import { useQueryClient } from '@tanstack/react-query';
import type { ClientToServerEvents, ServerToClientEvents } from '@tongxin/shared';
import { useEffect, useRef } from 'react';
import type { Socket } from 'socket.io-client';
import { decisionsKey } from '../decision/queries.js';
import { ACTION_ITEMS_KEY } from './queries.js';

type ChannelSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: Promise<ChannelSocket> | null = null;
const wanted = new Map<string, number>();
const listeners = new Set<() => void>();
/** Told the meeting whose decisions changed; `null` after a reconnect (anything may have). */
const decisionListeners = new Set<(meetingId: string | null) => void>();
const minutesListeners = new Set<(meetingId: string | null) => void>();

/** One socket for every alliance channel on the page, loaded only when a screen wants live items. */
function channelSocket(): Promise<ChannelSocket> {
  socket ??= import('socket.io-client').then(({ io }) => {
    const s: ChannelSocket = io({ withCredentials: true });
    // Nothing is replayed after a reconnect: subscribe again and refetch what may have been missed.
    let reconnecting = false;
    s.on('connect', () => {
      for (const allianceId of wanted.keys()) s.emit('alliance:subscribe', { allianceId }, () => undefined);
      if (reconnecting) {
        listeners.forEach((l) => l());
        decisionListeners.forEach((l) => l(null));
        minutesListeners.forEach((l) => l(null));
      }
      reconnecting = true;
    });
    s.on('actionItem:updated', () => listeners.forEach((l) => l()));
    s.on('decision:changed', ({ meetingId }) => decisionListeners.forEach((l) => l(meetingId)));
    s.on('minutes:changed', ({ meetingId }) => minutesListeners.forEach((l) => l(meetingId)));
    return s;
  });
  return socket;
}

/**
 * Live action items: every change on these alliances' channels (progress, hand-in, 销号) refreshes
 * the action-item queries on screen. Refetching on focus still covers a socket that cannot connect.
 */
export function useLiveActionItems(allianceIds: string[]) {
  const queryClient = useQueryClient();
  useAllianceChannel(allianceIds, () => void queryClient.invalidateQueries({ queryKey: ACTION_ITEMS_KEY }));
}

/**
 * Live decision list of a meeting: a draft started, a version frozen or a vote opened or closed
 * anywhere in the alliance refreshes it on the meeting screen.
 */
export function useLiveDecisions(allianceId: string, meetingId: string) {
  useMeetingSignal(decisionListeners, allianceId, meetingId, decisionsKey(meetingId));
}

/** Live minutes of a meeting: each unit's answer and the publication show without a reload. */
export function useLiveMinutes(allianceId: string, meetingId: string) {
  useMeetingSignal(minutesListeners, allianceId, meetingId, ['minutes', meetingId]);
}

/** Refetches `queryKey` when the alliance channel says this meeting's data changed. */
function useMeetingSignal(
  signals: Set<(meetingId: string | null) => void>,
  allianceId: string,
  meetingId: string,
  queryKey: readonly unknown[],
) {
  const queryClient = useQueryClient();
  const keyRef = useRef(queryKey);
  keyRef.current = queryKey;
  useEffect(() => {
    const onChange = (changed: string | null) => {
      if (changed === null || changed === meetingId) void queryClient.invalidateQueries({ queryKey: keyRef.current });
    };
    signals.add(onChange);
    return () => void signals.delete(onChange);
  }, [signals, meetingId, queryClient]);
  useAllianceChannel([allianceId], () => undefined);
}

/** Keeps these alliances' channels subscribed while the component is shown; `refresh` on changes. */
function useAllianceChannel(allianceIds: string[], onChange: () => void) {
  const key = [...new Set(allianceIds)].sort().join(',');
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  useEffect(() => {
    const ids = key ? key.split(',') : [];
    if (ids.length === 0) return;
    const refresh = () => onChangeRef.current();
    listeners.add(refresh);
    for (const id of ids) wanted.set(id, (wanted.get(id) ?? 0) + 1);
    // Subscribing twice is harmless; a socket that is still connecting subscribes on connect.
    void channelSocket().then((s) => {
      if (s.connected) for (const allianceId of ids) s.emit('alliance:subscribe', { allianceId }, () => undefined);
    });
    return () => {
      listeners.delete(refresh);
      const gone = ids.filter((id) => {
        const n = (wanted.get(id) ?? 1) - 1;
        if (n > 0) wanted.set(id, n);
        else wanted.delete(id);
        return n <= 0;
      });
      void channelSocket().then((s) => {
        if (s.connected) for (const allianceId of gone) s.emit('alliance:unsubscribe', { allianceId }, () => undefined);
      });
    };
  }, [key]);
}
