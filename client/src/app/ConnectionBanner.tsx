import { useTranslation } from 'react-i18next';
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
