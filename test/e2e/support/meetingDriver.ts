import { createRequire } from 'node:module';
import type { Ack, Alliance, Choice, Meeting } from '@tongxin/shared';
import { DEMO_PASSWORD } from './session.js';

// Holds a joint meeting from Node, as the live room would, so a browser test of what comes after
// (minutes, action items) does not depend on the room screen. Uses the API and Socket.IO exactly
// as docs/api.md describes them for non-browser clients: a bearer token and `auth: { token }`.

/** The subset of a socket.io-client socket used here. */
interface RoomSocket {
  once(event: 'connect', cb: () => void): void;
  once(event: 'connect_error', cb: (err: Error) => void): void;
  emit(event: string, payload: unknown, ack: (res: Ack<unknown>) => void): void;
  disconnect(): void;
}

// socket.io-client is a dependency of the server's tests, not of this package: borrow that copy.
const requireFromServer = createRequire(new URL('../../../server/package.json', import.meta.url));
const { io } = requireFromServer('socket.io-client') as {
  io: (url: string, opts: Record<string, unknown>) => RoomSocket;
};

export interface ApiSession {
  token: string;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
}

/** A bearer-token session for `login` (`POST /api/auth/token`). */
export async function apiSession(baseUrl: string, login: string): Promise<ApiSession> {
  const res = await fetch(`${baseUrl}/api/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`token for ${login}: HTTP ${res.status}`);
  const { token } = (await res.json()) as { token: string };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${baseUrl}/api${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${path}: HTTP ${r.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return { token, get: (p) => call('GET', p), post: (p, b) => call('POST', p, b) };
}

async function connect(baseUrl: string, token: string): Promise<RoomSocket> {
  const socket = io(baseUrl, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Emits with an ack; throws with the error code when the server refuses. */
function emit<T>(socket: RoomSocket, event: string, payload: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    socket.emit(event, payload, (res) => {
      if (res.ok) resolve(res.data as T);
      else reject(new Error(`${event}: ${res.error.code} ${res.error.message}`));
    });
  });
}

/** A participant in the room from Node (a bearer token and a socket), for tests that drive one screen in a browser. */
export interface RoomParticipant {
  api: ApiSession;
  emit<T>(event: string, payload: unknown): Promise<T>;
  disconnect(): void;
}

export async function roomParticipant(baseUrl: string, login: string): Promise<RoomParticipant> {
  const api = await apiSession(baseUrl, login);
  const socket = await connect(baseUrl, api.token);
  return { api, emit: (event, payload) => emit(socket, event, payload), disconnect: () => socket.disconnect() };
}

export interface HeldMeeting {
  meeting: Meeting;
  alliance: Alliance;
}

/**
 * A new meeting of the demo alliance, held from start to adjournment: the representatives in
 * `present` check in for their units, the secretary (chair) starts it (with a reason when there
 * is no quorum), optionally puts one
 * question to a vote that every present unit answers, and adjourns.
 */
export async function holdMeeting(
  baseUrl: string,
  opts: {
    title: string;
    present: string[];
    vote?: { title: string; text: string; choice?: Choice };
    /** When it is scheduled (default: five minutes from now), e.g. by a server's test clock. */
    scheduledAt?: Date;
  },
): Promise<HeldMeeting> {
  const secretary = await apiSession(baseUrl, 'secretary');
  const [mine] = (await secretary.get<{ alliances: { id: string }[] }>('/me')).alliances;
  const alliance = await secretary.get<Alliance>(`/alliances/${mine!.id}`);
  const created = await secretary.post<Meeting>(`/alliances/${alliance.id}/meetings`, {
    title: opts.title,
    scheduledAt: (opts.scheduledAt ?? new Date(Date.now() + 5 * 60_000)).toISOString(),
    durationMinutes: 60,
    place: '和平街道党群服务中心三楼会议室',
  });
  await secretary.post(`/meetings/${created.id}/schedule`);

  const chair = await connect(baseUrl, secretary.token);
  const reps = await Promise.all(
    opts.present.map(async (login) => connect(baseUrl, (await apiSession(baseUrl, login)).token)),
  );
  try {
    const meetingId = created.id;
    type Quorum = { quorum: { reached: boolean } };
    let attendance = (await emit<{ attendance: Quorum }>(chair, 'meeting:join', { meetingId })).attendance;
    for (const rep of reps) {
      await emit(rep, 'meeting:join', { meetingId });
      attendance = await emit<Quorum>(rep, 'meeting:checkIn', { meetingId });
    }
    // Without quorum the chair may still open the meeting, giving a reason that is recorded.
    const override = attendance.quorum.reached ? undefined : { reason: '测试：法定人数不足时经主持人同意开会' };
    await emit(chair, 'meeting:start', { meetingId, override });
    if (opts.vote) {
      const vote = await emit<{ id: string }>(chair, 'vote:open', {
        meetingId,
        title: opts.vote.title,
        text: opts.vote.text,
      });
      for (const rep of reps) await emit(rep, 'vote:cast', { voteId: vote.id, choice: opts.vote.choice ?? 'for' });
      await emit(chair, 'vote:close', { voteId: vote.id });
    }
    await emit(chair, 'meeting:adjourn', { meetingId });
  } finally {
    for (const s of [chair, ...reps]) s.disconnect();
  }
  const meeting = await secretary.get<Meeting>(`/meetings/${created.id}`);
  return { meeting, alliance };
}
