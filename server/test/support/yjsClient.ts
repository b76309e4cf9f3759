import { DOC_ACCESS_MESSAGE, type DocAccessMessage } from '@tongxin/shared';
import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { TestServer } from './testServer.js';

export interface YClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** What the server last said about this connection's rights (DOC_ACCESS_MESSAGE). */
  access(): DocAccessMessage | null;
  /** How the server closed the connection for good (44xx), if it did. */
  closedWith(): { code: number; reason: string } | null;
  close(): void;
}

/** A one-time ticket for `/yjs?ticket=`, asked for with the session's bearer token. */
export async function yjsTicket(server: Pick<TestServer, 'url'>, token: string): Promise<string> {
  const res = await fetch(`${server.url}/api/yjs-ticket`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 201) throw new Error(`no ticket: ${res.status}`);
  return ((await res.json()) as { ticket: string }).ticket;
}

/**
 * The stock y-websocket provider, unmodified, as a non-browser client: a one-time ticket in the
 * query, and a fresh one before each reconnect (a ticket works once).
 */
export async function openDoc(server: TestServer, docName: string, token: string): Promise<YClient> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(server.url.replace('http', 'ws') + '/yjs', docName, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { ticket: await yjsTicket(server, token) },
    disableBc: true,
  });
  let access: DocAccessMessage | null = null;
  let closed: { code: number; reason: string } | null = null;
  provider.messageHandlers[DOC_ACCESS_MESSAGE] = (_encoder, decoder) => {
    access = JSON.parse(decoding.readVarString(decoder)) as DocAccessMessage;
  };
  provider.on('closed', (event) => (closed = event));
  provider.on('connection-close', () => {
    void yjsTicket(server, token).then(
      (ticket) => (provider.params = { ticket }),
      () => undefined,
    );
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no sync for ${docName}`)), 10_000);
    provider.once('sync', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return {
    doc,
    provider,
    access: () => access,
    closedWith: () => closed,
    close: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Waits until `check` holds, polling; for state that arrives over the network. */
export async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Writes paragraphs into a Tiptap-style Y.XmlFragment. */
export function writeParagraphs(doc: Y.Doc, paragraphs: string[], field = 'default'): void {
  const fragment = doc.getXmlFragment(field);
  doc.transact(() => {
    for (const p of paragraphs) {
      const el = new Y.XmlElement('paragraph');
      el.insert(0, [new Y.XmlText(p)]);
      fragment.push([el]);
    }
  });
}

export function fragmentText(doc: Y.Doc, field = 'default'): string {
  return doc
    .getXmlFragment(field)
    .toArray()
    .map((el) =>
      el instanceof Y.XmlElement
        ? el
            .toArray()
            .map((t) => (t as Y.XmlText).toString())
            .join('')
        : '',
    )
    .join('\n');
}
