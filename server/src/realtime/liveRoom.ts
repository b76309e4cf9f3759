import type { Server as IoServer } from 'socket.io';
import { isSameOrigin } from '../auth/origin.js';
import { authenticateSession, tokenFrom } from '../auth/sessions.js';
import { watchSocketAccess } from './accessWatch.js';
import type { AppContext } from '../context.js';
import { registerHandlers } from './handlers.js';
import { broadcasts } from '../events/broadcasts.js';
import { RoomPresence } from './roomPresence.js';
import { DEFAULT_RATE_LIMIT, type RateLimitOptions } from './rateLimit.js';
import { userRoom, type RoomServer } from './types.js';

export interface RoomOptions {
  /** How long a person stays listed after their last socket disconnects. */
  presenceGraceMs: number;
  /** The longest a tally may lag behind the ballots: at most one broadcast per vote per interval. */
  tallyIntervalMs: number;
  /** Likewise for presence and attendance (check-ins), which go to every socket in the room. */
  roomIntervalMs: number;
}
export const DEFAULT_ROOM_OPTIONS: RoomOptions = { presenceGraceMs: 10_000, tallyIntervalMs: 100, roomIntervalMs: 200 };

export type LiveRoomOptions = RoomOptions & { rateLimit: RateLimitOptions };

/** The largest Socket.IO message accepted; the longest payload is a vote's text (20 000 characters). */
export const MAX_SOCKET_MESSAGE_BYTES = 128 * 1024;

/**
 * The live meeting room on a Socket.IO server: authentication in the handshake, the same session
 * helper REST uses; then per-socket handlers, presence, and the broadcasts of domain events.
 */
export function attachLiveRoom(io: IoServer, app: AppContext, options: Partial<LiveRoomOptions> = {}): { stop(): void } {
  const server = io as unknown as RoomServer;
  const timing = { ...DEFAULT_ROOM_OPTIONS, ...options };
  const presence = new RoomPresence(server, app, timing);
  const audiences = broadcasts(server, app, timing);
  app.events.consume(audiences);
  const limits = { ...DEFAULT_RATE_LIMIT, ...options.rateLimit };

  server.use((socket, next) => {
    const { headers, auth } = socket.handshake;
    const creds = {
      cookieHeader: headers.cookie,
      token: typeof (auth as { token?: unknown } | undefined)?.token === 'string' ? (auth as { token: string }).token : undefined,
    };
    // As for REST: a connection riding on the cookie must come from our own origin (CSRF).
    if (tokenFrom(creds)?.via === 'cookie' && headers.origin !== undefined && !isSameOrigin(headers.origin, headers.host)) {
      return next(new Error('FORBIDDEN'));
    }
    authenticateSession(app.db.models, creds)
      .then(async (live) => {
        if (!live) return next(new Error('UNAUTHENTICATED'));
        // A one-time password must be changed before anything else, live rooms included.
        if (live.actor.mustChangePassword) return next(new Error('PASSWORD_CHANGE_REQUIRED'));
        const { actor, sessionHash } = live;
        const unit = actor.unit ? await app.db.models.Unit.findById(actor.unit, { name: 1 }).lean() : null;
        socket.data = { actor, sessionHash, unitName: unit?.name ?? null, meetings: new Set() };
        next();
      })
      .catch((err: unknown) => {
        app.log.error({ err }, 'socket authentication failed');
        next(new Error('INTERNAL'));
      });
  });

  server.on('connection', (socket) => {
    void socket.join(userRoom(socket.data.actor.id));
    registerHandlers(socket, app, presence, limits);
  });
  watchSocketAccess(server, app, presence);
  return {
    stop() {
      audiences.stop();
      presence.stop();
    },
  };
}
