import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
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
    // Upgrades for /yjs are ours to handle; by default Engine.IO would destroy them.
    destroyUpgrade: false,
    // Behind the same origin in production; Vite's dev proxy forwards to it in development.
    cors: ctx.config.NODE_ENV === 'development' ? { origin: true, credentials: true } : undefined,
  });
  if (ctx.redis) {
    const { pub, sub } = ctx.redis.forAdapter();
    io.adapter(createAdapter(pub, sub));
  }
  const live = attachLiveRoom(io, ctx, room);
  httpServer.once('close', () => live.stop());
  return io;
}
