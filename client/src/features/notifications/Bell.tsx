import type { Notification } from '@tongxin/shared';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../auth/useMe.js';
import { NotificationList } from './NotificationList.js';
import { useLiveNotifications, useMarkAllRead, useNotifications, useUnreadCount } from './queries.js';
import { notificationText } from './text.js';
import './notifications.css';

const PANEL_SIZE = 10;
const TOAST_MS = 6_000;

/**
 * The bell in the header (消息): the unread count, live; a panel with the latest ten; a short
 * notice of what just arrived — spoken by screen readers and shown for a few seconds, except for
 * what came in the person's quiet hours.
 */
export function Bell() {
  const { t } = useTranslation();
  const me = useMe();
  const enabled = !!me.data && !me.data.user.mustChangePassword;
  const count = useUnreadCount(enabled);
  const latest = useNotifications({ limit: PANEL_SIZE }, enabled);
  const markAll = useMarkAllRead();
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const seen = useRef<Set<string> | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const panelId = useId();

  // What is new since the bell last looked: announced once, unless it came in quiet hours or waits for the summary.
  useEffect(() => {
    const items = latest.data?.items;
    if (!items || latest.isPlaceholderData) return;
    if (seen.current === null) {
      seen.current = new Set(items.map((n) => n.id));
      return;
    }
    const fresh = items.filter((n) => !seen.current!.has(n.id));
    for (const n of fresh) seen.current.add(n.id);
    const loud = fresh.filter((n: Notification) => !n.readAt && !n.quiet && !n.digest);
    if (loud.length === 0) return;
    setNotice(
      loud.length === 1
        ? t('notifications.centre.announceOne', { title: notificationText(t, loud[0]!).title })
        : t('notifications.centre.announceMany', { count: loud.length }),
    );
  }, [latest.data, latest.isPlaceholderData, t]);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), TOAST_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  useLiveNotifications(enabled, () => undefined);

  // Escape or a click elsewhere closes the panel; Escape gives the focus back to the bell.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onClick = (e: MouseEvent) => {
      const target = e.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  if (!enabled) return null;
  const unread = count.data?.count ?? 0;
  const items = latest.data?.items ?? [];
  const label = unread > 0 ? t('notifications.centre.bellUnread', { count: unread }) : t('notifications.centre.bellNone');

  return (
    <div className="bell">
      <button
        ref={button}
        type="button"
        className="bell-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={label}
        title={label}
        data-testid="bell"
        onClick={() => setOpen((o) => !o)}
      >
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
          />
        </svg>
        {unread > 0 && (
          <span className="bell-count" data-testid="bell-count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      <div className="visually-hidden" role="status" aria-live="polite">
        {notice ?? ''}
      </div>
      {notice && !open && (
        <div className="bell-toast" aria-hidden="true">
          {notice}
        </div>
      )}
      {open && (
        <div ref={panel} id={panelId} className="bell-panel" role="region" aria-label={t('notifications.centre.panelTitle')}>
          <div className="bell-panel-head">
            <h2>{t('notifications.centre.panelTitle')}</h2>
            <button
              type="button"
              className="ghost small-button"
              disabled={unread === 0 || markAll.isPending}
              onClick={() => markAll.mutate()}
            >
              {markAll.isPending ? t('notifications.centre.markingAllRead') : t('notifications.centre.markAllRead')}
            </button>
          </div>
          {latest.isPending ? (
            <p className="muted" role="status">
              {t('common.loading')}
            </p>
          ) : items.length === 0 ? (
            <p className="muted bell-empty">{t('notifications.centre.empty')}</p>
          ) : (
            <NotificationList items={items} onOpen={() => setOpen(false)} />
          )}
          <div className="bell-panel-foot">
            <Link to="/notifications" onClick={() => setOpen(false)}>
              {t('notifications.centre.viewAll')}
            </Link>
            <Link to="/notifications/settings" onClick={() => setOpen(false)}>
              {t('notifications.centre.settings')}
            </Link>
          </div>
        </div>
      )}
    </div>
  );
}
