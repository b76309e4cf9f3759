import type { Presence } from '@tongxin/shared';

interface Person {
  name: string;
  unit: { id: string; name: string } | null;
  sockets: Set<string>;
  /** Pending removal after the last socket went away. */
  leaving: NodeJS.Timeout | null;
}

/**
 * Who is in each meeting room, counted per person however many tabs or devices they use. A person
 * whose last socket disconnects stays listed for a grace period, so a page reload or a flaky
 * network does not make them blink out and back in for everyone else.
 */
export class PresenceTracker {
  private readonly rooms = new Map<string, Map<string, Person>>();

  constructor(
    private readonly graceMs: number,
    private readonly changed: (meetingId: string) => void,
  ) {}

  /** Returns true when the person was not listed before. */
  add(meetingId: string, user: { id: string; name: string }, unit: Person['unit'], socketId: string): boolean {
    const room = this.rooms.get(meetingId) ?? new Map<string, Person>();
    this.rooms.set(meetingId, room);
    const person = room.get(user.id);
    if (person) {
      if (person.leaving) clearTimeout(person.leaving);
      person.leaving = null;
      person.sockets.add(socketId);
      return false;
    }
    room.set(user.id, { name: user.name, unit, sockets: new Set([socketId]), leaving: null });
    return true;
  }

  /** `graceful` false for an explicit leave: gone at once. */
  remove(meetingId: string, userId: string, socketId: string, graceful: boolean): void {
    const person = this.rooms.get(meetingId)?.get(userId);
    if (!person) return;
    person.sockets.delete(socketId);
    if (person.sockets.size > 0) return;
    const drop = () => {
      const room = this.rooms.get(meetingId);
      if (!room || room.get(userId) !== person || person.sockets.size > 0) return;
      room.delete(userId);
      if (room.size === 0) this.rooms.delete(meetingId);
      this.changed(meetingId);
    };
    if (!graceful || this.graceMs === 0) return drop();
    if (person.leaving) clearTimeout(person.leaving);
    person.leaving = setTimeout(drop, this.graceMs);
    person.leaving.unref();
  }

  view(meetingId: string): Presence {
    const room = this.rooms.get(meetingId) ?? new Map<string, Person>();
    return {
      meetingId,
      online: [...room.entries()]
        .map(([id, p]) => ({ user: { id, name: p.name }, unit: p.unit }))
        .sort((a, b) => a.user.name.localeCompare(b.user.name, 'zh-CN')),
    };
  }

  clear(): void {
    for (const room of this.rooms.values()) for (const p of room.values()) if (p.leaving) clearTimeout(p.leaving);
    this.rooms.clear();
  }
}
