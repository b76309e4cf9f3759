import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '@tongxin/shared';
import { loginAs, type ApiClient } from './api.js';
import type { TestServer } from './testServer.js';

export type RoomClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A real socket.io-client, authenticated with `auth: { token }` as a non-browser client would. */
export async function connect(server: Pick<TestServer, 'url'>, token: string | undefined): Promise<RoomClient> {
  const socket: RoomClient = io(server.url, {
    auth: token ? { token } : {},
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  return socket;
}

type Payload<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[0];
type Data<E extends keyof ClientToServerEvents> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

/** Emits with an ack and resolves with the ack. */
export function send<E extends keyof ClientToServerEvents>(
  socket: RoomClient,
  event: E,
  payload: Payload<E>,
): Promise<Data<E>> {
  return new Promise((resolve) => {
    (socket.emit as (e: string, p: unknown, ack: (r: unknown) => void) => void)(event, payload, (res) =>
      resolve(res as Data<E>),
    );
  });
}

/** Like `send`, but resolves `'lost'` when the connection drops before the ack arrives. */
export function sendOrLost<E extends keyof ClientToServerEvents>(
  socket: RoomClient,
  event: E,
  payload: Payload<E>,
): Promise<Data<E> | 'lost'> {
  return new Promise((resolve) => {
    const lost = () => resolve('lost');
    socket.once('disconnect', lost);
    (socket.emit as (e: string, p: unknown, ack: (r: unknown) => void) => void)(event, payload, (res) => {
      socket.off('disconnect', lost);
      resolve(res as Data<E>);
    });
  });
}

/** Emits anything at all, as a broken or hostile client might. */
export function sendRaw(socket: RoomClient, event: string, ...args: unknown[]): Promise<Ack<unknown>> {
  return new Promise((resolve) => {
    (socket.emit as (e: string, ...a: unknown[]) => void)(event, ...args, (res: Ack<unknown>) => resolve(res));
  });
}

/** The data of a successful ack; fails the test with the error otherwise. */
export function ok<T>(res: Ack<T>): T {
  if (!res.ok) throw new Error(`expected ok, got ${res.error.code}: ${res.error.message}`);
  return res.data;
}

/** Resolves with the first broadcast of `event` that satisfies `match`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: RoomClient,
  event: E,
  match: (p: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener as never);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (p: Parameters<ServerToClientEvents[E]>[0]) => {
      if (!match(p)) return;
      clearTimeout(timer);
      socket.off(event, listener as never);
      resolve(p);
    };
    socket.on(event, listener as never);
  });
}

export interface Rep {
  login: string;
  id: string;
  unit: string;
  /** Set for people the fixture created; the seeded ones use the demo password. */
  password?: string;
  api: ApiClient;
}

export interface RoomFixture {
  allianceId: string;
  meetingId: string;
  secretary: ApiClient;
  admin: ApiClient;
  /** rep1…repN, each the one representative of their own voting unit; reps[0] is the convener's. */
  reps: Rep[];
  /** A representative of an observer unit (列席): attends, may not vote. */
  observer: Rep;
  /** A user whose unit is not in the alliance. */
  outsider: Rep;
}

let counter = 0;

/**
 * An alliance of `count` voting units, each with one representative, plus one observer unit, and
 * one scheduled meeting. The demo seed has eight units; the rest are created through the admin
 * REST API, as an administrator would.
 */
export async function setUpAlliance(
  server: Pick<TestServer, 'url'>,
  count: number,
  votingDefaults: {
    basis?: 'unit' | 'member';
    quorum?: number;
    threshold?: string;
    secret?: boolean;
    tallyVisibility?: 'live' | 'at_close';
    allowBallotChange?: boolean;
  } = {},
): Promise<RoomFixture> {
  const tag = `${Date.now().toString(36)}${counter++}`;
  const admin = await loginAs(server, 'admin');
  const secretary = await loginAs(server, 'secretary');
  const seeded = (
    (await admin.get('/users?pageSize=100')).body.items as { id: string; login: string; unit: string }[]
  ).filter((u) => /^rep\d$/.test(u.login));
  seeded.sort((a, b) => a.login.localeCompare(b.login));
  const people: { login: string; id: string; unit: string; password?: string }[] = seeded.slice(0, count);
  const password = 'room-test-password';
  const createUser = async (i: number) => {
    const unit = await admin.post('/units', { name: `测试单位${tag}-${i}`, kind: 'other', level: 'community' });
    const login = `r${tag}${i}`;
    const user = await admin.post('/users', { name: `代表${i}`, login, password, unit: unit.body.id });
    if (user.status !== 201) throw new Error(`creating ${login}: ${JSON.stringify(user.body)}`);
    return { login, id: user.body.id as string, unit: unit.body.id as string, password };
  };
  for (let i = people.length; i < count; i++) people.push(await createUser(i + 1));
  const observerUser = await createUser(count + 1);
  const outsiderUser = await createUser(count + 2);

  const alliance = await secretary.post('/alliances', {
    name: `测试联合体${tag}`,
    kind: 'regional',
    memberships: [
      ...people.map((p) => ({ unit: p.unit, role: 'member', representatives: [p.id] })),
      { unit: observerUser.unit, role: 'observer', representatives: [observerUser.id] },
    ],
    votingDefaults: { basis: 'unit', quorum: 0.5, threshold: 'simple_majority', ...votingDefaults },
  });
  if (alliance.status !== 201) throw new Error(`creating alliance: ${JSON.stringify(alliance.body)}`);
  const allianceId = alliance.body.id as string;
  const meeting = await secretary.post(`/alliances/${allianceId}/meetings`, {
    title: '联席会议（测试）',
    scheduledAt: new Date(Date.now() + 3600_000).toISOString(),
    place: '党群服务中心',
  });
  if (meeting.status !== 201) throw new Error(`creating meeting: ${JSON.stringify(meeting.body)}`);
  const meetingId = meeting.body.id as string;
  await secretary.post(`/meetings/${meetingId}/schedule`);

  const reps = await Promise.all(people.map(async (p) => ({ ...p, api: await loginAs(server, p.login, p.password) })));
  const observer = { ...observerUser, api: await loginAs(server, observerUser.login, observerUser.password) };
  const outsider = { ...outsiderUser, api: await loginAs(server, outsiderUser.login, outsiderUser.password) };
  return { allianceId, meetingId, secretary, admin, reps, observer, outsider };
}
