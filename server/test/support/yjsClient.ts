import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { TestServer } from './testServer.js';

export interface YClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  close(): void;
}

/** The stock y-websocket provider, unmodified, as a non-browser client (token in the query). */
export async function openDoc(server: TestServer, docName: string, token: string): Promise<YClient> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(server.url.replace('http', 'ws') + '/yjs', docName, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
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
