import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatClockTime } from '../lib/format.js';
import type { ConnectionStatus, DocAccess } from '../lib/useYDoc.js';

/** Whether the server lets this connection's edits count (unknown yet: assume yes; it drops them if not). */
export function writable(access: DocAccess): boolean {
  return access?.mode !== 'read' && access?.mode !== 'closed';
}

/**
 * Says when live collaboration is not connected; nothing when it is. A screen may word the two
 * states for itself (`connecting`, `offline`). When the server has ended the connection for good
 * (session ended, access revoked, size limit), that is what it says instead; when the server made
 * the document read-only since the screen was drawn (`showReadOnly`), it says why.
 */
export function ConnectionBanner({
  status,
  connecting,
  offline,
  access = null,
  showReadOnly = false,
}: {
  status: ConnectionStatus;
  connecting?: string;
  offline?: string;
  access?: DocAccess;
  showReadOnly?: boolean;
}) {
  const { t } = useTranslation();
  if (access?.mode === 'closed') {
    return (
      <p className="conn-banner closed" role="alert" data-testid="connection-banner">
        {t(`connection.closed_${access.code}`)}
      </p>
    );
  }
  if (showReadOnly && access?.mode === 'read') {
    return (
      <p className="muted" role="status" data-testid="read-only-note">
        {t(`connection.readOnly_${access.reason}`)}
      </p>
    );
  }
  if (status === 'connected') return null;
  return (
    <p className={`conn-banner ${status}`} role="status" data-testid="connection-banner">
      {status === 'connecting' ? (connecting ?? t('connection.connecting')) : (offline ?? t('connection.offline'))}
    </p>
  );
}

/** How long "已重新连接" stays up once the room has resynced: long enough to be read, then gone. */
export const RECONNECTED_SHOWN_MS = 5_000;

/**
 * The live room's connection, said at the top of the screen: cut off (with when the room last
 * synced and what waits to be sent), resyncing, and "已重新连接" for a few seconds once back;
 * nothing while all is well. Its coming and going never moves the page under a finger.
 */
export function LiveConnectionBanner({
  status,
  lastSyncAt,
  reconnectedAt,
  queued,
  sentOnReconnect,
}: {
  status: ConnectionStatus;
  lastSyncAt: number | null;
  reconnectedAt: number | null;
  queued: number;
  sentOnReconnect: number;
}) {
  const { t, i18n } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  const showingBack =
    status === 'connected' && reconnectedAt !== null && (now - reconnectedAt < RECONNECTED_SHOWN_MS || queued > 0);
  useEffect(() => {
    if (reconnectedAt === null) return;
    setNow(Date.now());
    const left = reconnectedAt + RECONNECTED_SHOWN_MS - Date.now();
    if (left <= 0) return;
    const id = setTimeout(() => setNow(Date.now()), left);
    return () => clearTimeout(id);
  }, [reconnectedAt, queued]);

  if (status === 'disconnected') {
    return (
      <div className="conn-banner live lost" role="alert" data-testid="connection-banner" data-state="lost">
        <p className="conn-banner-line">
          <strong>{t('room.link.lost')}</strong>
          {lastSyncAt !== null && (
            <span data-testid="last-sync">
              {t('room.link.lastSync', { time: formatClockTime(lastSyncAt, i18n.language) })}
            </span>
          )}
          {queued > 0 && <span className="conn-banner-queued">{t('room.link.queued', { count: queued })}</span>}
        </p>
        <p className="conn-banner-note">{t('room.link.meanwhile')}</p>
      </div>
    );
  }
  if (status === 'connecting') {
    return (
      <div className="conn-banner live" role="status" data-testid="connection-banner" data-state="resyncing">
        <p className="conn-banner-line">{t('room.link.resyncing')}</p>
      </div>
    );
  }
  if (!showingBack) return null;
  return (
    <div className="conn-banner live back" role="status" data-testid="connection-banner" data-state="back">
      <p className="conn-banner-line">
        <strong>{t('room.link.back')}</strong>
        <span>{t('room.link.synced', { time: formatClockTime(reconnectedAt, i18n.language) })}</span>
        {sentOnReconnect > 0 && <span>{t('room.link.sent', { count: sentOnReconnect })}</span>}
        {queued > 0 && <span className="conn-banner-queued">{t('room.link.queued', { count: queued })}</span>}
      </p>
    </div>
  );
}
