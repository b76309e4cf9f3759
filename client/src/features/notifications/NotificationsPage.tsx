import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { QueryState } from '../../app/QueryState.js';
import { NotificationList } from './NotificationList.js';
import { useMarkAllRead, useNotifications, useUnreadCount } from './queries.js';
import './notifications.css';

const PAGE_SIZE = 20;

/** 消息中心: all of the person's notifications, newest first, a page at a time; unread only if asked. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const [unreadOnly, setUnreadOnly] = useState(false);
  // The cursors of the pages visited so far: back is the one before, forward the page's `nextCursor`.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors.at(-1) ?? null;
  const list = useNotifications({ cursor, unread: unreadOnly, limit: PAGE_SIZE });
  const count = useUnreadCount();
  const markAll = useMarkAllRead();
  const unread = count.data?.count ?? 0;

  return (
    <div className="page notif-page">
      <div className="page-head notif-page-head">
        <h1>{t('notifications.centre.pageTitle')}</h1>
        <Link to="/notifications/settings">{t('notifications.centre.settings')}</Link>
      </div>
      <section className="card notif-card">
        <div className="notif-toolbar">
          <label className="notif-filter">
            <input
              type="checkbox"
              checked={unreadOnly}
              onChange={(e) => {
                setUnreadOnly(e.target.checked);
                setCursors([null]);
              }}
            />
            {t('notifications.centre.unreadOnly')}
          </label>
          <span className="muted" aria-live="polite">
            {unread > 0 ? t('notifications.centre.unreadCount', { count: unread }) : t('notifications.centre.noneUnread')}
          </span>
          <button type="button" className="ghost" disabled={unread === 0 || markAll.isPending} onClick={() => markAll.mutate()}>
            {markAll.isPending ? t('notifications.centre.markingAllRead') : t('notifications.centre.markAllRead')}
          </button>
        </div>
        <QueryState
          query={list}
          isEmpty={(page) => page.items.length === 0}
          empty={unreadOnly ? t('notifications.centre.emptyUnread') : t('notifications.centre.empty')}
        >
          {(page) => (
            <>
              <NotificationList items={page.items} />
              {(cursors.length > 1 || page.nextCursor) && (
                <nav className="pager" aria-label={t('notifications.centre.pager')}>
                  <button
                    type="button"
                    className="ghost"
                    disabled={cursors.length <= 1}
                    onClick={() => setCursors((c) => c.slice(0, -1))}
                  >
                    {t('notifications.centre.newer')}
                  </button>
                  <span>{t('notifications.centre.pageN', { page: cursors.length })}</span>
                  <button
                    type="button"
                    className="ghost"
                    disabled={!page.nextCursor}
                    onClick={() => page.nextCursor && setCursors((c) => [...c, page.nextCursor])}
                  >
                    {t('notifications.centre.older')}
                  </button>
                </nav>
              )}
            </>
          )}
        </QueryState>
      </section>
    </div>
  );
}
