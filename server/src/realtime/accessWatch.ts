import type { AccessChange } from '../access/accessChanges.js';
import { sessionByHash } from '../auth/sessions.js';
import { readableAlliance, readableMeeting } from '../commands/loaders.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import type { RoomPresence } from './roomPresence.js';
import { allianceRoom, meetingRoom, type RoomServer, type RoomSocket } from './types.js';

const ALLIANCE_ROOM = /^alliance:(.+)$/;

/**
 * Socket.IO's side of access changes. Every event a socket sends is authorized by its command
 * against the database, so what must follow a change here is who the socket is (its session)
 * and what it listens to: a socket whose session ended is told and disconnected; one that may
 * no longer read a meeting or an alliance leaves its room and stops hearing it.
 */
export function watchSocketAccess(io: RoomServer, app: AppContext, presence: RoomPresence): void {
  app.access.watch(async (change) => {
    const sockets = [...io.of('/').sockets.values()].filter((s) => concerns(change, s));
    await Promise.all(sockets.map((s) => recheck(s)));
  });

  async function recheck(socket: RoomSocket): Promise<void> {
    const live = await sessionByHash(app.db.models, socket.data.sessionHash);
    if (!live) {
      socket.emit('session:ended', {});
      socket.disconnect(true);
      return;
    }
    socket.data.actor = live.actor;
    const ctx = { models: app.db.models, actor: live.actor };
    for (const meetingId of [...socket.data.meetings]) {
      if (await refused(readableMeeting(ctx, meetingId))) {
        await socket.leave(meetingRoom(meetingId));
        socket.data.meetings.delete(meetingId);
        presence.tracker.remove(meetingId, live.actor.id, socket.id, false);
        socket.emit('access:revoked', { meetingId });
      }
    }
    for (const room of [...socket.rooms]) {
      const allianceId = ALLIANCE_ROOM.exec(room)?.[1];
      if (allianceId && (await refused(readableAlliance(ctx, allianceId)))) {
        await socket.leave(allianceRoom(allianceId));
        socket.emit('access:revoked', { allianceId });
      }
    }
  }
}

function concerns(change: AccessChange, socket: RoomSocket): boolean {
  switch (change.kind) {
    case 'session':
      return socket.data.sessionHash === change.sessionHash;
    case 'user':
      return socket.data.actor.id === change.userId;
    case 'meeting':
      // Writing is checked per event by the commands; reading may change with the invited observers.
      return change.readersChanged === true && socket.data.meetings.has(change.meetingId);
    case 'alliance':
      // Which alliance a joined meeting belongs to is not kept on the socket; membership changes
      // are rare, so every socket that listens to anything is checked.
      return socket.data.meetings.size > 0 || [...socket.rooms].some((r) => ALLIANCE_ROOM.test(r));
    case 'appraisal':
      // 述职评议 reports are Yjs documents only: no room follows them.
      return false;
    case 'all':
      return true;
  }
}

/** True when the policy says no; a failing database is an error, not a refusal. */
async function refused(check: Promise<unknown>): Promise<boolean> {
  try {
    await check;
    return false;
  } catch (err) {
    if (err instanceof AppError && (err.code === 'FORBIDDEN' || err.code === 'NOT_FOUND')) return true;
    throw err;
  }
}
