// The reference server: @y/websocket-server 0.1.1 as its README runs it, in its own process.
// Persistence: every update kept as its own entry (as y-leveldb stores them) in this process's
// memory, applied in one transaction when a document is loaded again — so a "cold load" replays
// what was stored. A document is dropped from memory when its last client leaves (the stock
// behaviour with a persistence layer). Prints {"port":N} when listening.
import http from 'node:http';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { setPersistence, setupWSConnection } from '@y/websocket-server/utils';

/** @type {Map<string, Uint8Array[]>} */
const stored = new Map();
setPersistence({
  provider: null,
  bindState: (name, ydoc) => {
    const updates = stored.get(name) ?? [];
    stored.set(name, updates);
    Y.transact(ydoc, () => updates.forEach((u) => Y.applyUpdate(ydoc, u)));
    ydoc.on('update', (update) => updates.push(update));
  },
  writeState: async () => {},
});

const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);
const server = http.createServer((_req, res) => res.end('okay'));
server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
process.on('SIGTERM', () => process.exit(0));
