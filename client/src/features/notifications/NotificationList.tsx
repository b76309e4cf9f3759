import type { Notification } from '@tongxin/shared';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { formatShortDateTime } from '../../lib/format.js';
import { useMarkRead } from './queries.js';
import { notificationText, relativeTime } from './text.js';

/**
 * Notifications as a list: title and detail in the reader's language, when, an unread mark.
 * Choosing one marks it read and opens what it is about.
 */
export function NotificationList({ items, onOpen }: { items: Notification[]; onOpen?: () => void }) {
  const { t, i18n } = useTranslation();
  const markRead = useMarkRead();
  const navigate = useNavigate();
  const now = Date.now();
  const open = (n: Notification) => {
    if (!n.readAt) markRead.mutate(n.id);
    onOpen?.();
    if (n.link) void navigate(n.link);
  };
  return (
    <ul className="notif-list">
      {items.map((n) => {
        const { title, body } = notificationText(t, n);
        const unread = !n.readAt && !n.digest;
        const content = (
          <>
            <span className="notif-title">
              {unread && <span className="notif-dot" aria-hidden="true" />}
              {title}
              {unread && <span className="visually-hidden">{t('notifications.centre.unreadSuffix')}</span>}
            </span>
            <span className="notif-body">{body}</span>
            <span className="notif-meta">
              <time dateTime={n.createdAt} title={formatShortDateTime(n.createdAt, i18n.language)}>
                {relativeTime(t, n.createdAt, now, i18n.language)}
              </time>
              {n.quiet && <span>{t('notifications.centre.quiet')}</span>}
              {n.digest && <span>{t('notifications.centre.digest')}</span>}
            </span>
          </>
        );
        return (
          <li key={n.id} className={unread ? 'notif-item unread' : 'notif-item'}>
            {n.link ? (
              <Link
                to={n.link}
                className="notif-open"
                onClick={(e) => {
                  if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                  e.preventDefault();
                  open(n);
                }}
              >
                {content}
              </Link>
            ) : (
              <button type="button" className="notif-open" onClick={() => open(n)}>
                {content}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
