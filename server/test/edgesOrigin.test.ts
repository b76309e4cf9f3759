import { io } from 'socket.io-client';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSameOrigin } from '../src/auth/origin.js';
import { startServerProcess, type ServerProcess } from './support/process.js';
import { startTestServer, type TestServer } from './support/testServer.js';

/** Origins a careless proxy, a sandboxed frame or an attacker may send (a client cannot put
 * NUL in a header; the unit test of the rule covers it). */
const MALFORMED = [
  'null',
  '',
  ' ',
  'not a url',
  'http://',
  'http://[::1',
  'javascript:alert(1)',
  'file:///etc/passwd',
  'data:text/html,x',
  '\u0000',
  'http://evil.example',
  'https://127.0.0.1.evil.example',
  '%',
  'http://%zz',
  'x'.repeat(5000),
];

/** A Socket.IO handshake with a session cookie and this Origin; resolves with how it ended. */
function handshake(url: string, origin: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = io(url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 5_000,
      extraHeaders: { origin, cookie: 'tongxin_session=anything-at-all' },
    });
    socket.on('connect', () => {
      socket.disconnect();
      resolve('connected');
    });
    socket.on('connect_error', (err) => {
      socket.disconnect();
      resolve(err.message);
    });
  });
}

const sendable = MALFORMED.filter((o) => /^[\x20-\x7e]*$/.test(o));

function yjsUpgrade(url: string, origin: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/yjs/decision:000000000000000000000000`, {
      headers: { origin, cookie: 'tongxin_session=anything-at-all' },
    });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
}

describe('the same-origin rule never throws', () => {
  it('answers true only for an http(s) origin of this very host', () => {
    expect(isSameOrigin('http://localhost:3000', 'localhost:3000')).toBe(true);
    expect(isSameOrigin('https://tongxin.example.gov.cn', 'tongxin.example.gov.cn')).toBe(true);
    for (const origin of MALFORMED) expect(isSameOrigin(origin, 'localhost:3000')).toBe(false);
    expect(isSameOrigin(undefined, 'localhost:3000')).toBe(false);
    expect(isSameOrigin('http://localhost:3000', undefined)).toBe(false);
  });
});

describe('malformed Origins and handshakes from anonymous clients', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('Socket.IO refuses a cookie handshake from any origin not ours, and keeps serving', async () => {
    for (const origin of sendable) {
      // An empty Origin header is "no Origin" (a non-browser client): the bad cookie is then the refusal.
      expect(['FORBIDDEN', 'UNAUTHENTICATED'], origin).toContain(await handshake(server.url, origin));
    }
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('REST answers 403 (not 500) to a cookie request from a malformed origin', async () => {
    for (const origin of sendable.filter((o) => o.trim() !== '')) {
      const res = await fetch(`${server.url}/api/auth/logout`, {
        method: 'POST',
        headers: { origin, cookie: 'tongxin_session=anything-at-all' },
      });
      expect(res.status, origin).toBe(403);
    }
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { origin: 'null', 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'rep1', password: 'tongxin-demo' }),
    });
    expect(login.status).toBe(403);
  });

  it('the Yjs endpoint answers 403 to a cookie upgrade from a malformed origin', async () => {
    for (const origin of MALFORMED.filter((o) => /^[\x21-\x7e]+$/.test(o))) {
      expect(await yjsUpgrade(server.url, origin), origin).toBe(403);
    }
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});

describe('the server process under the reported crash', () => {
  let proc: ServerProcess | null = null;
  afterAll(async () => {
    proc?.child.kill('SIGTERM');
    await proc?.exit;
  });

  it('a handshake with a session cookie and Origin: null does not end the process', async () => {
    proc = await startServerProcess({ SEED_DEMO: 'false' });
    let exited = false;
    void proc.exit.then(() => (exited = true));
    for (let i = 0; i < 5; i++) expect(await handshake(proc.url, 'null')).toBe('FORBIDDEN');
    await new Promise((r) => setTimeout(r, 200));
    expect(exited).toBe(false);
    expect((await fetch(`${proc.url}/api/health`)).status).toBe(200);
  });
});
