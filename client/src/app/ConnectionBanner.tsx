import { useTranslation } from 'react-i18next';
import type { ConnectionStatus } from '../lib/useYDoc.js';

/**
 * Says when live collaboration is not connected; nothing when it is. A screen may word the two
 * states for itself (`connecting`, `offline`).
 */
export function ConnectionBanner({
  status,
  connecting,
  offline,
}: {
  status: ConnectionStatus;
  connecting?: string;
  offline?: string;
}) {
  const { t } = useTranslation();
  if (status === 'connected') return null;
  return (
    <p className={`conn-banner ${status}`} role="status" data-testid="connection-banner">
      {status === 'connecting' ? (connecting ?? t('connection.connecting')) : (offline ?? t('connection.offline'))}
    </p>
  );
}
