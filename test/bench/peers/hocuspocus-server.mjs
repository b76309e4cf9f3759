// @hocuspocus/server 4.x in its own process, with the store hooks a user writes
// (onStoreDocument keeps the encoded state, debounced by Hocuspocus; onLoadDocument applies it),
// the store kept in this process's memory. Prints {"port":N} when listening.
import { Server } from '@hocuspocus/server';
import * as Y from 'yjs';

/** @type {Map<string, Uint8Array>} */
const stored = new Map();
const server = new Server({
  port: 0,
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: false,
  async onLoadDocument({ documentName, document }) {
    const state = stored.get(documentName);
    if (state) Y.applyUpdate(document, state);
    return document;
  },
  async onStoreDocument({ documentName, document }) {
    stored.set(documentName, Y.encodeStateAsUpdate(document));
  },
});
await server.listen();
process.stdout.write(`${JSON.stringify({ port: server.address.port })}\n`);
process.on('SIGTERM', () => process.exit(0));
