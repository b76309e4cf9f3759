import { useEffect, useMemo, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

/** The yjs endpoint on this origin (same host as the page, so the session cookie goes along). */
function yjsUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/yjs`;
}

interface Shared {
  doc: Y.Doc;
  provider: WebsocketProvider;
  users: number;
  /** Pending destruction once nobody uses it. */
  idle: ReturnType<typeof setTimeout> | undefined;
}

/** How long a document nobody uses stays open (a remount or a second component reuses it). */
const LINGER_MS = 2_000;
const open = new Map<string, Shared>();

function scheduleClose(name: string, entry: Shared, afterMs = LINGER_MS) {
  clearTimeout(entry.idle);
  entry.idle = setTimeout(() => {
    if (entry.users > 0 || open.get(name) !== entry) return;
    open.delete(name);
    entry.provider.destroy();
    entry.doc.destroy();
  }, afterMs);
}

/**
 * The document of this name, shared by every component that shows it: one Y.Doc and one socket
 * per document per tab. Creating it during render has no effect outside (the socket opens when a
 * component mounts), and an entry no component ever mounts with is closed after a moment.
 */
function sharedDoc(name: string): Shared {
  let entry = open.get(name);
  if (!entry) {
    const doc = new Y.Doc();
    entry = {
      doc,
      provider: new WebsocketProvider(yjsUrl(), name, doc, { connect: false }),
      users: 0,
      idle: undefined,
    };
    open.set(name, entry);
    // Rendered but not (yet) mounted: give the component ample time before giving up on it.
    scheduleClose(name, entry, 10 * LINGER_MS);
  }
  return entry;
}

/**
 * One collaborative document for the lifetime of a component: a Y.Doc, its y-websocket provider
 * and the connection status. Edits made while offline stay in the Y.Doc and merge on reconnect.
 */
export function useYDoc(docName: string) {
  const { doc, provider } = useMemo(() => sharedDoc(docName), [docName]);
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  const [synced, setSynced] = useState(false);

  useEffect(() => {
    const entry = sharedDoc(docName);
    entry.users += 1;
    clearTimeout(entry.idle);
    if (!provider.wsconnected && !provider.wsconnecting) provider.connect();
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
      entry.users -= 1;
      if (entry.users === 0) scheduleClose(docName, entry);
    };
  }, [docName, provider]);

  return { doc, provider, status, synced };
}
