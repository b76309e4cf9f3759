import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  NotificationPageSchema,
  NotificationPreferencesSchema,
  UnreadCountSchema,
  type NotificationPreferences,
} from '@tongxin/shared';
import { useEffect, useRef } from 'react';
import { z } from 'zod';
import { getJson, send } from '../../lib/api.js';

/** Every notification query lives under this root, so one live signal refreshes them all. */
export const NOTIFICATIONS_KEY = ['notifications'] as const;
const PREFERENCES_KEY = ['notificationPreferences'] as const;

export function useUnreadCount(enabled = true) {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'unread'],
    queryFn: () => getJson('/api/notifications/unread-count', UnreadCountSchema),
    enabled,
    staleTime: 30_000,
  });
}

/** A page of the person's notifications, newest first; `cursor` names the last one of the page before. */
export function useNotifications(q: { cursor?: string | null; unread?: boolean; limit: number }, enabled = true) {
  const params = new URLSearchParams({ limit: String(q.limit) });
  if (q.cursor) params.set('cursor', q.cursor);
  if (q.unread) params.set('unread', '1');
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'list', params.toString()],
    queryFn: () => getJson(`/api/notifications?${params}`, NotificationPageSchema),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => send('POST', `/api/notifications/${id}/read`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => send('POST', '/api/notifications/read-all', undefined, z.object({ marked: z.number() })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

export function usePreferences() {
  return useQuery({
    queryKey: PREFERENCES_KEY,
    queryFn: () => getJson('/api/notifications/preferences', NotificationPreferencesSchema),
  });
}

export function useSavePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (prefs: NotificationPreferences) =>
      send('PUT', '/api/notifications/preferences', prefs, NotificationPreferencesSchema),
    onSuccess: (saved) => queryClient.setQueryData(PREFERENCES_KEY, saved),
  });
}

// The connection (and socket.io-client with it) loads only once the bell is shown.
let socketModule: Promise<typeof import('../../lib/socket.js')> | undefined;
const loadSocket = () => (socketModule ??= import('../../lib/socket.js'));

/**
 * Keeps the tab's Socket.IO connection open while a signed-in person is on a page, and refreshes
 * the notification queries when the server says theirs changed (`notifications:changed`, sent to
 * the room `user:<id>` every socket of theirs is in) — and after every (re)connect, since nothing
 * is replayed. `onChanged` runs after each signal (the bell announces what is new).
 */
export function useLiveNotifications(enabled: boolean, onChanged: () => void): void {
  const queryClient = useQueryClient();
  const onChangedRef = useRef(onChanged);
  onChangedRef.current = onChanged;
  useEffect(() => {
    if (!enabled) return;
    let shown = true;
    let release: (() => void) | null = null;
    const refresh = () => {
      if (!shown) return;
      void queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }).then(() => shown && onChangedRef.current());
    };
    void loadSocket().then(({ acquireSocket, releaseSocket }) => {
      if (!shown) return;
      const socket = acquireSocket();
      socket.on('notifications:changed', refresh);
      socket.on('connect', refresh);
      release = () => {
        socket.off('notifications:changed', refresh);
        socket.off('connect', refresh);
        releaseSocket(socket);
      };
    });
    return () => {
      shown = false;
      release?.();
    };
  }, [enabled, queryClient]);
}
