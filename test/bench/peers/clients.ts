import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { DOC_ACCESS_MESSAGE } from '@tongxin/shared';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export type PeerKind = 'reference' | 'hocuspocus' | 'tongxin';

/** How clients reach one server: its WebSocket base URL, and per-connection query parameters. */
export interface PeerTarget {
  kind: PeerKind;
  wsUrl: string;
  /** Asked before each connection (Tongxin: a one-time ticket from `POST /api/yjs-ticket`). */
  params?: () => Promise<Record<string, string>>;
}

export interface BenchClient {
  doc: Y.Doc;
  /** Resolves at the first full sync with the server. */
  synced: Promise<void>;
  /** Times the connection closed after it opened (a benchmark run expects none). */
  drops(): number;
  /**
   * Marks the connection as alive. y-websocket's provider closes a connection that received
   * nothing for 30 s (not configurable); while hundreds of clients connect, an early one on a
   * quiet document would hit that before the edits start.
   */
  touch(): void;
  destroy(): void;
}

/**
 * A client as an editor page has one, without presence (awareness stays empty, so what is
 * measured is document traffic alone). Reference and Tongxin: y-websocket's WebsocketProvider
 * with `disableBc`. Hocuspocus speaks its own framing (document name in every message), so its
 * clients use HocuspocusProvider — the one deviation from "the same client code".
 */
export async function openClient(target: PeerTarget, name: string): Promise<BenchClient> {
  const doc = new Y.Doc();
  let drops = 0;
  if (target.kind === 'hocuspocus') {
    const socket = new HocuspocusProviderWebsocket({
      url: target.wsUrl,
      WebSocketPolyfill: WebSocket,
      // No presence means few messages on a quiet document; that is not a dead connection.
      messageReconnectTimeout: 600_000,
    });
    const provider = new HocuspocusProvider({ websocketProvider: socket, name, document: doc });
    provider.awareness?.setLocalState(null);
    provider.attach();
    provider.on('disconnect', () => drops++);
    const synced = new Promise<void>((resolve) => {
      if (provider.synced) return resolve();
      provider.on('synced', () => resolve());
    });
    return { doc, synced, drops: () => drops, touch: () => {}, destroy: () => (provider.destroy(), socket.destroy(), doc.destroy()) };
  }
  const provider = new WebsocketProvider(target.wsUrl, name, doc, {
    connect: false,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: (await target.params?.()) ?? {},
    // A Tongxin ticket works once: a dropped connection is counted, not retried.
    shouldReconnect: () => false,
  });
  provider.awareness.setLocalState(null);
  // Tongxin tells each connection whether its edits count; read and ignore.
  provider.messageHandlers[DOC_ACCESS_MESSAGE] = (_encoder, decoder) => {
    decoder.pos = decoder.arr.length;
  };
  provider.on('connection-close', () => drops++);
  const synced = new Promise<void>((resolve) => {
    provider.on('sync', (isSynced: boolean) => isSynced && resolve());
  });
  provider.connect();
  return {
    doc,
    synced,
    drops: () => drops,
    touch: () => (provider.wsLastMessageReceived = Date.now()),
    destroy: () => (provider.destroy(), doc.destroy()),
  };
}

/** Characters in a Tiptap-style fragment of paragraphs. */
export function fragmentLength(doc: Y.Doc): number {
  let n = 0;
  for (const el of doc.getXmlFragment('default').toArray()) {
    if (el instanceof Y.XmlElement) for (const t of el.toArray()) if (t instanceof Y.XmlText) n += t.length;
  }
  return n;
}

/** Types `chars` characters, one transaction (one update on the wire) each, 50 to a paragraph. */
export function typeCharacters(doc: Y.Doc, chars: number): void {
  const fragment = doc.getXmlFragment('default');
  for (let i = 0; i < chars; i++) {
    doc.transact(() => {
      if (i % 50 === 0) {
        const p = new Y.XmlElement('paragraph');
        p.insert(0, [new Y.XmlText()]);
        fragment.push([p]);
      }
      const last = fragment.get(fragment.length - 1) as Y.XmlElement;
      const text = last.get(0) as Y.XmlText;
      text.insert(text.length, String.fromCharCode(0x4e00 + (i % 2000)));
    });
  }
}
