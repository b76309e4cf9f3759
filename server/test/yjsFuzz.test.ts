import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { loginAs } from './support/api.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { fragmentText, openDoc, until, writeParagraphs, yjsTicket } from './support/yjsClient.js';

/** A deterministic generator, so that a failure can be replayed with the same seed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A valid y-websocket "update" message carrying one paragraph. */
function validUpdateMessage(text: string): Uint8Array {
  const doc = new Y.Doc();
  writeParagraphs(doc, [text]);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc));
  return encoding.toUint8Array(encoder);
}

describe('Yjs endpoint under hostile input', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('random bytes and mutated valid messages never disturb the document or its other clients', async () => {
    const secretary = await loginAs(server, 'secretary');
    const me = await secretary.get('/me');
    const meetings = await secretary.get(`/alliances/${me.body.alliances[0].id}/meetings?when=upcoming`);
    const decision = await secretary.post(`/meetings/${meetings.body.items[0].id}/decisions`, { title: '模糊测试' });
    const name = decision.body.docName as string;
    const observer = await openDoc(server, name, secretary.token);
    writeParagraphs(observer.doc, ['原始条款。']);
    await server.ctx.yjs.flushAll();

    const rand = prng(20261123);
    const valid = validUpdateMessage('合法的更新。');
    const url = async () => `${server.url.replace('http', 'ws')}/yjs/${name}?ticket=${await yjsTicket(server, secretary.token)}`;
    const ws = async () => {
      const address = await url();
      return new Promise<WebSocket>((resolve, reject) => {
        const s = new WebSocket(address);
        s.on('open', () => resolve(s));
        s.on('error', reject);
      });
    };

    let sock = await ws();
    let closes = 0;
    for (let i = 0; i < 300; i++) {
      let msg: Uint8Array;
      if (i % 2 === 0) {
        msg = new Uint8Array(1 + Math.floor(rand() * 64)).map(() => Math.floor(rand() * 256));
      } else {
        msg = valid.slice(0, Math.max(1, Math.floor(rand() * valid.length)));
        const flips = 1 + Math.floor(rand() * 4);
        for (let f = 0; f < flips; f++) msg[Math.floor(rand() * msg.length)] = Math.floor(rand() * 256);
      }
      if (sock.readyState !== WebSocket.OPEN) {
        closes++;
        sock = await ws();
      }
      sock.send(msg);
      // Let the server answer (or close) before the next message.
      await new Promise((r) => setTimeout(r, 2));
    }
    sock.close();

    // Most hostile messages cost the sender its connection...
    expect(closes).toBeGreaterThan(10);
    // ...while the document kept its text and still takes real edits from others.
    expect(fragmentText(observer.doc)).toContain('原始条款。');
    const other = await openDoc(server, name, secretary.token);
    writeParagraphs(other.doc, ['模糊测试之后的修改。']);
    await until(() => fragmentText(observer.doc).includes('模糊测试之后的修改。'), 'edits after the fuzzing');
    other.close();
    observer.close();
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
  });
});
