import type { Server as HttpServer } from 'node:http';
import { Server as IoServer } from 'socket.io';
import type { AppContext } from '../context.js';
import { attachLiveRoom, MAX_SOCKET_MESSAGE_BYTES, type LiveRoomOptions } from './liveRoom.js';

/**
 * Socket.IO on the app's HTTP server. With Redis the adapter shares rooms between processes,
 * so participants connected to different processes still meet in one room. While Redis is away a
 * broadcast reaches this process's sockets only; ioredis re-subscribes the adapter when it is back.
 */
export function createIo(httpServer: HttpServer, ctx: AppContext, room: Partial<LiveRoomOptions> = {}): IoServer {
  const io = new IoServer(httpServer, {
    serveClient: false,
    maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
    // Ping settings stay at Socket.IO's defaults (25 s + 20 s): the live room notices a dead
    // connection within 3 s by its own `connection:heartbeat` (one a second, 2 s to answer), so
    // every other connection is not made chattier, and a client briefly busy is not cut off.
    // Upgrades for /yjs are ours to handle; by default Engine.IO would destroy them.
    destroyUpgrade: false,
    // Behind the same origin in production; Vite's dev proxy forwards to it in development.
    cors: ctx.config.NODE_ENV === 'development' ? { origin: true, credentials: true } : undefined,
  });
  if (ctx.redis) io.adapter(ctx.redis.socketIoAdapter());
  const live = attachLiveRoom(io, ctx, room);
  httpServer.once('close', () => live.stop());
  return io;
}
