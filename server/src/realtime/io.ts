import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server as IoServer } from 'socket.io';
import type { AppContext } from '../context.js';

/**
 * Socket.IO on the app's HTTP server. With Redis the adapter shares rooms between processes,
 * so participants connected to different processes still meet in one room.
 */
export function createIo(httpServer: HttpServer, ctx: AppContext): IoServer {
  const io = new IoServer(httpServer, {
    serveClient: false,
    // Upgrades for /yjs are ours to handle; by default Engine.IO would destroy them.
    destroyUpgrade: false,
    // Behind the same origin in production; Vite's dev proxy forwards to it in development.
    cors: ctx.config.NODE_ENV === 'development' ? { origin: true, credentials: true } : undefined,
  });
  if (ctx.redis) io.adapter(createAdapter(ctx.redis.pub, ctx.redis.sub));
  return io;
}
