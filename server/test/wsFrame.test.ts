import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { binaryFrame } from '../src/yjs/wsFrame.js';

/** A payload whose every byte says where it is, so a shifted or cut frame shows. */
function payload(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + length) & 0xff;
  return bytes;
}

describe('a binary frame built once and written to the socket', () => {
  let server: http.Server;
  let url: string;
  // What the server writes to each new connection: frames built here and ws's own sends, in turn.
  let script: (ws: WebSocket, socket: Duplex) => void = () => {};
  beforeAll(async () => {
    const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
    server = http.createServer();
    server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => script(ws, socket)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** Connects a stock ws client (which checks every frame) and gathers `count` messages. */
  async function receive(count: number): Promise<Buffer[]> {
    const client = new WebSocket(url);
    const got: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      client.on('message', (data: Buffer, isBinary) => {
        expect(isBinary).toBe(true);
        got.push(data);
        if (got.length === count) resolve();
      });
      client.on('error', reject);
      client.on('close', (code) => reject(new Error(`closed with ${code}`)));
    });
    client.removeAllListeners('close');
    client.close();
    return got;
  }

  it('arrives whole at every length the three header forms cover, from empty to past 64 KiB', async () => {
    const lengths = [0, 1, 125, 126, 127, 0xffff, 0x1_0000, 300_000];
    script = (_ws, socket) => lengths.forEach((n) => socket.write(binaryFrame(payload(n))));
    const got = await receive(lengths.length);
    expect(got.map((m) => m.length)).toEqual(lengths);
    got.forEach((m, i) => expect(new Uint8Array(m)).toEqual(payload(lengths[i]!)));
  });

  it('keeps its place among the messages ws sends itself', async () => {
    script = (ws, socket) => {
      for (let i = 0; i < 20; i++) {
        if (i % 3 === 0) ws.send(payload(i + 200));
        else socket.write(binaryFrame(payload(i + 200)));
      }
    };
    const got = await receive(20);
    expect(got.map((m) => m.length)).toEqual(Array.from({ length: 20 }, (_, i) => i + 200));
  });
});
