import {
  DOC_ACCESS_MESSAGE,
  DOC_CLOSE,
  DocAccessMessageSchema,
  type DocAccessMessage,
  type DocCloseCode,
} from '@tongxin/shared';
import * as decoding from 'lib0/decoding';
import { useEffect, useMemo, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { accessChanged, sessionEnded } from './liveSignals.js';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

/**
 * What the server says this connection may do: write, read (and why), or nothing more — it
 * closed the connection for good (session ended, access revoked, document too large). Null until
 * the server has said.
 */
export type DocAccess = DocAccessMessage | { mode: 'closed'; code: DocCloseCode } | null;

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
  access: DocAccess;
  accessListeners: Set<(access: DocAccess) => void>;
}

const CLOSE_CODES = new Set<number>(Object.values(DOC_CLOSE));

function setAccess(entry: Shared, access: DocAccess) {
  const before = entry.access;
  entry.access = access;
  // A change after the first word (not the first word itself) means rights changed meanwhile.
  if (before !== null && JSON.stringify(before) !== JSON.stringify(access)) accessChanged();
  for (const listener of entry.accessListeners) listener(access);
}

/** Listens for the server's word on this connection's rights (Tongxin's addition to y-websocket). */
function followAccess(entry: Shared) {
  entry.provider.messageHandlers[DOC_ACCESS_MESSAGE] = (_encoder, decoder) => {
    const parsed = DocAccessMessageSchema.safeParse(JSON.parse(decoding.readVarString(decoder)));
    if (parsed.success) setAccess(entry, parsed.data);
  };
  // 44xx: the provider does not reconnect; the screen says why.
  entry.provider.on('closed', ({ code }) => {
    if (!CLOSE_CODES.has(code)) return;
    setAccess(entry, { mode: 'closed', code: code as DocCloseCode });
    if (code === DOC_CLOSE.sessionEnded) sessionEnded();
  });
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
      access: null,
      accessListeners: new Set(),
    };
    followAccess(entry);
    open.set(name, entry);
    // Rendered but not (yet) mounted: give the component ample time before giving up on it.
    scheduleClose(name, entry, 10 * LINGER_MS);
  }
  return entry;
}

/**
 * One collaborative document for the lifetime of a component: a Y.Doc, its y-websocket provider,
 * the connection status and what the server lets this viewer do with it (`access`). Edits made
 * while offline stay in the Y.Doc and merge on reconnect.
 */
export function useYDoc(docName: string) {
  const { doc, provider } = useMemo(() => sharedDoc(docName), [docName]);
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  const [synced, setSynced] = useState(false);
  const [access, setAccessState] = useState<DocAccess>(null);

  useEffect(() => {
    const entry = sharedDoc(docName);
    entry.users += 1;
    entry.accessListeners.add(setAccessState);
    setAccessState(entry.access);
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
    // When the browser says the network is back, do not wait for the backoff. When it says the
    // network is gone, say so at once (edits stay in the Y.Doc and merge on reconnect) rather than
    // trust a socket that may linger: Chromium's offline mode holds its messages without closing it.
    const offline = () => provider.disconnect();
    window.addEventListener('online', restart);
    window.addEventListener('offline', offline);
    return () => {
      window.removeEventListener('online', restart);
      window.removeEventListener('offline', offline);
      clearTimeout(watchdog);
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      entry.accessListeners.delete(setAccessState);
      entry.users -= 1;
      if (entry.users === 0) scheduleClose(docName, entry);
    };
  }, [docName, provider]);

  return { doc, provider, status, synced, access };
}
