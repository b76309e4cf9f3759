import { useTranslation } from 'react-i18next';
import type { ConnectionStatus } from '../lib/useYDoc.js';

/** Says when live collaboration is not connected; nothing when it is. */
export function ConnectionBanner({ status }: { status: ConnectionStatus }) {
  const { t } = useTranslation();
  if (status === 'connected') return null;
  return (
    <p className={`conn-banner ${status}`} role="status" data-testid="connection-banner">
      {status === 'connecting' ? t('connection.connecting') : t('connection.offline')}
    </p>
  );
}
