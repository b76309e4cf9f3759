// hello / isMaster and the harmless diagnostics commands drivers and tools send.
// https://www.mongodb.com/docs/manual/reference/command/hello/
import { Long, ObjectId, Timestamp } from 'bson';
import type { Doc } from '../types.js';
import type { CommandContext } from './context.js';

const ELECTION_ID = new ObjectId('7fffffff0000000000000001');

/**
 * Presents a single-node replica set primary. No `topologyVersion`, so the driver polls with
 * plain hello instead of streaming (exhaust) monitoring; no `compression`, so it never sends
 * OP_COMPRESSED.
 */
export function hello(ctx: CommandContext): Doc {
  const legacy = ctx.name !== 'hello';
  const me = ctx.server.address;
  const now = new Date();
  const opTime = { ts: new Timestamp({ t: Math.floor(now.getTime() / 1000), i: 1 }), t: Long.fromNumber(1) };
  return {
    ...(legacy ? { ismaster: true } : { isWritablePrimary: true }),
    hosts: [me],
    setName: ctx.server.replSetName,
    setVersion: 1,
    secondary: false,
    primary: me,
    me,
    electionId: ELECTION_ID,
    lastWrite: { opTime, lastWriteDate: now, majorityOpTime: opTime, majorityWriteDate: now },
    helloOk: true,
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: now,
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.conn.id,
    minWireVersion: 0,
    maxWireVersion: 21,
    readOnly: false,
    ok: 1,
  };
}

export const ping = (): Doc => ({ ok: 1 });

export function buildInfo(): Doc {
  return {
    version: '7.0.0',
    gitVersion: 'tongxin-mongo-emulator',
    versionArray: [7, 0, 0, 0],
    bits: 64,
    debug: false,
    maxBsonObjectSize: 16 * 1024 * 1024,
    storageEngines: ['emulator'],
    javascriptEngine: 'none',
    modules: [],
    ok: 1,
  };
}

export function serverStatus(ctx: CommandContext): Doc {
  const uptime = (Date.now() - ctx.server.startedAt.getTime()) / 1000;
  return {
    host: ctx.server.address,
    version: '7.0.0',
    process: 'mongod',
    pid: Long.fromNumber(process.pid),
    uptime: Math.floor(uptime),
    uptimeMillis: Long.fromNumber(Math.floor(uptime * 1000)),
    localTime: new Date(),
    storageEngine: { name: 'emulator', supportsCommittedReads: true, persistent: true },
    ok: 1,
  };
}

export function getParameter(ctx: CommandContext): Doc {
  const reply: Doc = {};
  if (ctx.cmd['featureCompatibilityVersion'] !== undefined || ctx.cmd['getParameter'] === '*') {
    reply['featureCompatibilityVersion'] = { version: '7.0' };
  }
  reply['ok'] = 1;
  return reply;
}

export const whatsmyuri = (ctx: CommandContext): Doc => ({ you: ctx.conn.remote, ok: 1 });

export const connectionStatus = (): Doc => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 });

export const hostInfo = (): Doc => ({ system: { currentTime: new Date(), hostname: 'localhost' }, os: { type: process.platform }, extra: {}, ok: 1 });
