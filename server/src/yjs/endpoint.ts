import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { parseDocName } from '@tongxin/shared';
import { WebSocket, WebSocketServer } from 'ws';
import { authenticate, tokenFrom } from '../auth/sessions.js';
import type { AppContext } from '../context.js';
import { docAccess } from './access.js';
import type { DocRegistry } from './registry.js';
import type { DocConnection } from './sharedDoc.js';

/** Larger messages close the connection (ws answers 1009); a real edit is far smaller. */
export const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
const PING_INTERVAL_MS = 30_000;

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
};

/**
 * `/yjs/<docName>` speaks the y-websocket protocol, so the stock WebsocketProvider connects
 * unmodified. The upgrade is authenticated (session cookie or `?token=`) and authorized by the
 * document policy; a refusal is an HTTP status, not a hang.
 */
export function attachYjsEndpoint(httpServer: HttpServer, ctx: AppContext, registry: DocRegistry): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/yjs/')) return;
    void authorize(req, url).then(
      (result) => {
        if (typeof result === 'number') return refuse(socket, result);
        wss.handleUpgrade(req, socket, head, (ws) => connect(ws, result.name, result.readOnly));
      },
      (err: unknown) => {
        ctx.log.error({ err }, 'yjs upgrade failed');
        refuse(socket, 400);
      },
    );
  });

  async function authorize(req: IncomingMessage, url: URL): Promise<number | { name: string; readOnly: boolean }> {
    let name: string;
    try {
      name = decodeURIComponent(url.pathname.slice('/yjs/'.length));
    } catch {
      return 400;
    }
    const ref = parseDocName(name);
    if (!ref) return 404;
    const creds = { cookieHeader: req.headers.cookie, token: url.searchParams.get('token') ?? undefined };
    // Browsers send cookies on cross-site WebSocket upgrades too: a cookie must come with our Origin.
    if (tokenFrom(creds)?.via === 'cookie' && !sameOrigin(req)) return 403;
    const actor = await authenticate(ctx.db.models, creds);
    if (!actor) return 401;
    const access = await docAccess(ctx.db.models, actor, ref);
    if (access === 'not_found') return 404;
    if (access === 'forbidden') return 403;
    return { name, readOnly: access === 'read' };
  }

  function connect(ws: WebSocket, name: string, readOnly: boolean): void {
    ws.binaryType = 'nodebuffer';
    const conn: DocConnection = {
      readOnly,
      send: (message) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(message, (err) => err && ws.terminate());
      },
      close: (code, reason) => ws.close(code, reason),
    };
    // Messages that arrive while the document loads wait for it, in order.
    const early: Buffer[] = [];
    let doc: import('./sharedDoc.js').SharedDoc | null = null;
    let alive = true;
    const onMessage = (data: Buffer) => {
      if (!doc) return void early.push(data);
      try {
        doc.receive(conn, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      } catch (err) {
        ctx.log.warn({ doc: name, err: (err as Error).message }, 'malformed Yjs message; closing that connection');
        ws.close(1007, 'malformed message');
      }
    };
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) return void ws.close(1003, 'binary messages only');
      onMessage(data);
    });
    // An oversized or broken frame ends that connection (ws closes it with 1009/1002); without
    // this listener the error event would take the whole process down.
    ws.on('error', (err) => ctx.log.warn({ doc: name, err: err.message }, 'Yjs connection error'));
    ws.on('pong', () => (alive = true));
    const ping = setInterval(() => {
      if (!alive) return void ws.terminate();
      alive = false;
      ws.ping();
    }, PING_INTERVAL_MS);
    let closed = false;
    ws.on('close', () => {
      closed = true;
      clearInterval(ping);
      if (doc) {
        doc.leave(conn);
        registry.release(name);
      }
    });
    registry.acquire(name).then(
      (d) => {
        if (closed) return void registry.release(name);
        doc = d;
        // Access was decided at the upgrade; a lock since then (minutes published) wins.
        if (registry.isLocked(name)) conn.readOnly = true;
        d.join(conn);
        for (const data of early.splice(0)) onMessage(data);
      },
      (err: unknown) => {
        registry.release(name);
        ctx.log.error({ err, doc: name }, 'could not load Yjs document');
        ws.close(1011, 'document unavailable');
      },
    );
  }

  return wss;
}

function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true; // non-browser clients send no Origin and are not exposed to CSWSH
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function refuse(socket: Duplex, status: number): void {
  socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
