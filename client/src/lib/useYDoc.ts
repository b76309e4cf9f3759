import { useEffect, useMemo, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

/** The yjs endpoint on this origin (same host as the page, so the session cookie goes along). */
function yjsUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/yjs`;
}

/**
 * One collaborative document for the lifetime of a component: a Y.Doc, its y-websocket provider
 * and the connection status. Edits made while offline stay in the Y.Doc and merge on reconnect.
 */
export function useYDoc(docName: string) {
  const doc = useMemo(() => new Y.Doc(), [docName]);
  const provider = useMemo(() => new WebsocketProvider(yjsUrl(), docName, doc, { connect: true }), [docName, doc]);
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  const [synced, setSynced] = useState(false);

  useEffect(() => {
    // A socket opened while the network is down can hang in "connecting" even after the network
    // returns; if one does not open within a few seconds, start over with a fresh one.
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const restart = () => {
      if (!provider.wsconnected) {
        provider.disconnect();
        provider.connect();
      }
    };
    const onStatus = ({ status }: { status: ConnectionStatus }) => {
      setStatus(status);
      clearTimeout(watchdog);
      if (status === 'connecting') watchdog = setTimeout(restart, 4_000);
    };
    const onSync = (isSynced: boolean) => setSynced((was) => was || isSynced);
    provider.on('status', onStatus);
    provider.on('sync', onSync);
    // The socket may have opened, or even synced, before this effect subscribed.
    onStatus({ status: provider.wsconnected ? 'connected' : provider.wsconnecting ? 'connecting' : 'disconnected' });
    onSync(provider.synced);
    // When the browser says the network is back, do not wait for the backoff.
    window.addEventListener('online', restart);
    return () => {
      window.removeEventListener('online', restart);
      clearTimeout(watchdog);
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      provider.destroy();
      doc.destroy();
    };
  }, [provider, doc]);

  return { doc, provider, status, synced };
}
