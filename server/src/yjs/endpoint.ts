import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { DOC_ACCESS_MESSAGE, DOC_CLOSE, parseDocName, type DocAccessMessage, type DocRef } from '@tongxin/shared';
import * as encoding from 'lib0/encoding';
import { WebSocket, WebSocketServer } from 'ws';
import type { AccessChange } from '../access/accessChanges.js';
import { isSameOrigin } from '../auth/origin.js';
import { authenticateSession, sessionByHash, tokenFrom, type LiveSession } from '../auth/sessions.js';
import { readYjsTicket, spendYjsTicket } from '../auth/yjsTickets.js';
import type { AppContext } from '../context.js';
import { docAccess, docAccessFor } from './access.js';
import type { DocRegistry } from './registry.js';
import { DocTooLargeError, type DocConnection, type SharedDoc } from './sharedDoc.js';
import { binaryFrame } from './wsFrame.js';

/** Larger messages close the connection (ws answers 1009); a real edit is far smaller. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
const PING_INTERVAL_MS = 30_000;

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
};

/** A connection as the endpoint keeps it: bound to the session and the document it opened. */
interface EndpointConnection extends DocConnection {
  name: string;
  ref: DocRef;
  sessionHash: string;
  userId: string;
  meetingId: string | null;
  allianceId: string;
  /** Tells the client whether its edits count (see DOC_ACCESS_MESSAGE). */
  announce(mode: DocAccessMessage): void;
}

interface Admitted {
  name: string;
  ref: DocRef;
  live: LiveSession;
  unitName: string;
  mode: DocAccessMessage;
  meetingId: string | null;
  allianceId: string;
  /** The document, acquired for this connection (released when it closes). */
  doc: Promise<SharedDoc>;
}

/**
 * `/yjs/<docName>` speaks the y-websocket protocol, so the stock WebsocketProvider connects
 * unmodified. The upgrade is authenticated (session cookie, or a one-time `?ticket=` from
 * `POST /api/yjs-ticket`) and authorized by the document policy; a refusal is an HTTP status,
 * not a hang. Every open connection stays bound to its session and is re-checked on each access
 * change that concerns it: it becomes read-only, or is closed with a 44xx code, at once.
 */
export function attachYjsEndpoint(httpServer: HttpServer, ctx: AppContext, registry: DocRegistry): WebSocketServer {
  // No compression: ws then writes every frame to the socket as it is sent, so the frames that
  // `sendShared` writes to the socket itself keep their order among ws's own (see `connect`).
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });

  httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/yjs/')) return;
    void authorize(req, url).then(
      (result) => {
        if (typeof result === 'number') return refuse(socket, result);
        let connected = false;
        wss.handleUpgrade(req, socket, head, (ws) => {
          connected = true;
          connect(ws, socket, result);
        });
        // The client left during the checks, or the upgrade was malformed: the document goes.
        const drop = () => !connected && registry.release(result.name, { graceMs: 0 });
        if (socket.destroyed) drop();
        else if (!connected) socket.once('close', drop);
      },
      (err: unknown) => {
        ctx.log.error({ err }, 'yjs upgrade failed');
        refuse(socket, 400);
      },
    );
  });

  async function authorize(req: IncomingMessage, url: URL): Promise<number | Admitted> {
    let name: string;
    try {
      name = decodeURIComponent(url.pathname.slice('/yjs/'.length));
    } catch {
      return 400;
    }
    const ref = parseDocName(name);
    if (!ref) return 404;
    // Who asks and what the document's access depends on are read side by side; a connection
    // without credentials reads nothing of the document. Once the credentials prove genuine (a
    // spent ticket, a live session) the document starts loading too, so that a cold load is not
    // the last step; a refusal releases it at once.
    const credentials = url.searchParams.has('ticket') || req.headers.cookie !== undefined;
    let doc: Promise<SharedDoc> | null = null;
    const preload = () => {
      doc = registry.acquire(name);
      doc.catch(() => undefined);
    };
    const refused = (status: number) => {
      if (doc) registry.release(name, { graceMs: 0 });
      return status;
    };
    const [asker, accessOf] = await Promise.all([
      askerOf(req, url, preload),
      credentials ? docAccessFor(ctx.db.models, ref) : null,
    ]).catch((err: unknown) => {
      refused(0);
      throw err;
    });
    if (typeof asker === 'number') return refused(asker);
    const { live, unitName } = asker;
    const access = accessOf ? accessOf(live.actor) : await docAccess(ctx.db.models, live.actor, ref);
    if (access.result !== 'granted') return refused(access.result === 'not_found' ? 404 : 403);
    const { mode, meetingId, allianceId } = access;
    return { name, ref, live, unitName, mode, meetingId, allianceId, doc: doc ?? registry.acquire(name) };
  }

  /**
   * Who asks, and their unit's name (for presence): the session cookie (same origin only), or a
   * one-time ticket; a long-lived token never rides in a URL. `onGenuine` is told as soon as the
   * credentials prove genuine: a ticket once its signature holds (only a live session could get
   * one, within the minute), a cookie once its session is found live.
   */
  async function askerOf(
    req: IncomingMessage,
    url: URL,
    onGenuine: () => void,
  ): Promise<number | { live: LiveSession; unitName: string }> {
    const { models } = ctx.db;
    const unitName = async (id: string | null) => (id ? ((await models.Unit.findById(id, { name: 1 }).lean())?.name ?? '') : '');
    const ticket = url.searchParams.get('ticket');
    if (ticket !== null) {
      // A genuine ticket is known without the database: the document starts loading at once,
      // while the ticket is spent and the session, user and unit it names are read side by side.
      const claims = readYjsTicket(ctx.config.SESSION_SECRET, ticket);
      if (!claims) return 401;
      onGenuine();
      const [fresh, live, hinted] = await Promise.all([
        spendYjsTicket(models, ticket, claims),
        sessionByHash(models, claims.sessionHash, { userHint: claims.userHint }),
        unitName(claims.unitHint),
      ]);
      if (!fresh || !live) return 401;
      return { live, unitName: live.actor.unit === claims.unitHint ? hinted : await unitName(live.actor.unit) };
    }
    if (url.searchParams.has('token')) return 401;
    const creds = { cookieHeader: req.headers.cookie };
    // Browsers send cookies on cross-site WebSocket upgrades too: a cookie must come with our Origin.
    if (tokenFrom(creds)?.via === 'cookie' && !sameOrigin(req)) return 403;
    const live = await authenticateSession(models, creds, { onSession: onGenuine });
    if (!live) return 401;
    // A one-time password must be changed before anything else, documents included.
    if (live.actor.mustChangePassword) return 403;
    return { live, unitName: await unitName(live.actor.unit) };
  }

  function connect(ws: WebSocket, socket: Duplex, admitted: Admitted): void {
    const { name, ref, live } = admitted;
    ws.binaryType = 'nodebuffer';
    // One callback for every send on this connection (a send is per update per client).
    const onSent = (err?: Error | null) => err && ws.terminate();
    const conn: EndpointConnection = {
      readOnly: admitted.mode.mode === 'read',
      identity: { userId: live.actor.id, name: live.actor.name, unit: admitted.unitName },
      name,
      ref,
      sessionHash: live.sessionHash,
      userId: live.actor.id,
      meetingId: admitted.meetingId,
      allianceId: admitted.allianceId,
      send: (message) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(message, onSent);
      },
      // An update or a presence change for everyone in the document: its frame is built once and
      // written to each socket directly. ws's own writes (sends, pings, the closing frame) go to
      // the socket at once too, without compression, so the order on the wire is the order sent.
      sendShared: (message) => {
        if (ws.readyState === WebSocket.OPEN) socket.write((message.wrapped ??= binaryFrame(message.bytes)), onSent);
      },
      close: (code, reason) => ws.close(code, reason),
      announce: (mode) => conn.send(accessMessage(mode)),
    };
    connections.add(conn);
    // Messages that arrive while the document loads wait for it, in order.
    const early: Buffer[] = [];
    let doc: SharedDoc | null = null;
    let alive = true;
    const onMessage = (data: Buffer) => {
      if (!doc) return void early.push(data);
      try {
        doc.receive(conn, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      } catch (err) {
        if (err instanceof DocTooLargeError) {
          ctx.log.warn({ doc: name, user: conn.userId }, 'document size quota reached; edit refused');
          return void ws.close(DOC_CLOSE.tooLarge, 'document too large');
        }
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
      connections.delete(conn);
      if (doc) {
        doc.leave(conn);
        registry.release(name);
      }
    });
    admitted.doc.then(
      (d) => {
        if (closed) return void registry.release(name);
        doc = d;
        docs.set(conn, d);
        // Access was decided at the upgrade; a lock since then (minutes published) wins.
        if (registry.isLocked(name)) conn.readOnly = true;
        d.join(conn);
        conn.announce(modeOf(conn, admitted.mode));
        for (const data of early.splice(0)) onMessage(data);
      },
      (err: unknown) => {
        registry.release(name);
        ctx.log.error({ err, doc: name }, 'could not load Yjs document');
        ws.close(1011, 'document unavailable');
      },
    );
  }

  const connections = new Set<EndpointConnection>();
  const docs = new WeakMap<EndpointConnection, SharedDoc>();

  /** What a connection's mode is now, a lock (published minutes) overriding the policy. */
  function modeOf(conn: EndpointConnection, mode: DocAccessMessage): DocAccessMessage {
    return conn.readOnly && mode.mode === 'write' ? { mode: 'read', reason: 'minutes_locked' } : mode;
  }

  async function recheck(conn: EndpointConnection): Promise<void> {
    const live = await sessionByHash(ctx.db.models, conn.sessionHash);
    if (!live) return conn.close(DOC_CLOSE.sessionEnded, 'session ended');
    const access = await docAccess(ctx.db.models, live.actor, conn.ref);
    if (access.result !== 'granted') return conn.close(DOC_CLOSE.accessRevoked, 'access revoked');
    const nowReadOnly = access.mode.mode === 'read' || registry.isLocked(conn.name);
    if (nowReadOnly === conn.readOnly) return;
    conn.readOnly = nowReadOnly;
    conn.announce(modeOf(conn, access.mode));
    // Writing again: what the client kept while read-only merges like offline edits, and
    // nothing it sends next waits on an update the server dropped.
    if (!nowReadOnly) docs.get(conn)?.resync(conn);
  }

  ctx.access.watch(async (change: AccessChange) => {
    const concerned = [...connections].filter((c) => concerns(change, c));
    await Promise.all(concerned.map((c) => recheck(c)));
  });

  return wss;
}

function concerns(change: AccessChange, conn: EndpointConnection): boolean {
  switch (change.kind) {
    case 'session':
      return conn.sessionHash === change.sessionHash;
    case 'user':
      return conn.userId === change.userId;
    case 'alliance':
      return conn.allianceId === change.allianceId;
    case 'meeting':
      return conn.meetingId === change.meetingId;
    case 'appraisal':
      return conn.ref.kind === 'appraisalReport' && conn.ref.appraisalId === change.appraisalId;
    case 'all':
      return true;
  }
}

function accessMessage(mode: DocAccessMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, DOC_ACCESS_MESSAGE);
  encoding.writeVarString(encoder, JSON.stringify(mode));
  return encoding.toUint8Array(encoder);
}

function sameOrigin(req: IncomingMessage): boolean {
  // Non-browser clients send no Origin and are not exposed to cross-site WebSocket hijacking.
  return req.headers.origin === undefined || isSameOrigin(req.headers.origin, req.headers.host);
}

function refuse(socket: Duplex, status: number): void {
  socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
