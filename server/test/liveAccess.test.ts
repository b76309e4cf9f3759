import { DOC_CLOSE } from '@tongxin/shared';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fragmentToProsemirror, prosemirrorToText } from '../src/yjs/prosemirror.js';
import { bytesOf } from '../src/yjs/store.js';
import { DEMO_PASSWORD, loginAs, request, type ApiClient } from './support/api.js';
import { connect, nextEvent, ok, send, setUpAlliance, type RoomClient, type RoomFixture } from './support/room.js';
import { startTestServer, twoInstances, type TestServer } from './support/testServer.js';
import { openDoc, until, writeParagraphs, type YClient } from './support/yjsClient.js';

const text = (doc: Y.Doc) => prosemirrorToText(fragmentToProsemirror(doc.getXmlFragment('default')));
const agendaOf = (meetingId: string) => `meeting:${meetingId}:agenda`;
/** Agenda items as the agenda editor writes them (a Y.Array of Y.Maps). */
const addAgendaItem = (doc: Y.Doc, title: string) => {
  const item = new Y.Map<unknown>();
  item.set('id', `t${Math.random().toString(36).slice(2)}`);
  item.set('title', title);
  item.set('minutes', 10);
  doc.getArray('items').push([item]);
};
const agendaTitles = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>('items').toArray().map((m) => String(m.get('title')));
/** Long enough for anything in flight to land; used only to show that something did NOT happen. */
const settle = () => new Promise((r) => setTimeout(r, 400));

/** A person with a REST session, an open agenda document and a socket in the meeting room. */
interface Live {
  api: ApiClient;
  agenda: YClient;
  socket: RoomClient;
}

async function goLive(server: TestServer, f: RoomFixture, login: string, password: string): Promise<Live> {
  const api = await loginAs(server, login, password);
  const agenda = await openDoc(server, agendaOf(f.meetingId), api.token);
  const socket = await connect(server, api.token);
  ok(await send(socket, 'meeting:join', { meetingId: f.meetingId }));
  return { api, agenda, socket };
}

describe('open connections follow the session and the membership that allowed them', () => {
  let server: TestServer;
  let f: RoomFixture;
  let watcher: YClient;
  beforeAll(async () => {
    server = await startTestServer();
    f = await setUpAlliance(server, 4);
    watcher = await openDoc(server, agendaOf(f.meetingId), f.secretary.token);
  });
  afterAll(async () => {
    watcher?.close();
    await server?.dispose();
  });

  const person = (i: number) => f.reps[i]!;
  const passwordOf = (rep: { password?: string }) => rep.password ?? DEMO_PASSWORD;

  it('after logout, the open agenda connection is closed and an edit made then is not stored', async () => {
    const rep = person(1);
    const live = await goLive(server, f, rep.login, passwordOf(rep));
    expect(live.agenda.access()).toEqual({ mode: 'write' });
    const ended = nextEvent(live.socket, 'session:ended');
    const disconnected = new Promise((r) => live.socket.once('disconnect', r));
    expect((await live.api.post('/auth/logout')).status).toBe(204);
    addAgendaItem(live.agenda.doc, '退出登录后的议题');
    await ended;
    await disconnected;
    await until(() => live.agenda.closedWith() !== null, 'the agenda connection to close');
    expect(live.agenda.closedWith()!.code).toBe(DOC_CLOSE.sessionEnded);
    await settle();
    expect(agendaTitles(watcher.doc)).not.toContain('退出登录后的议题');
    live.agenda.close();
  });

  it('a password change ends every connection of that person', async () => {
    const rep = person(2);
    const live = await goLive(server, f, rep.login, passwordOf(rep));
    try {
      const disconnected = new Promise((r) => live.socket.once('disconnect', r));
      const res = await live.api.post('/me/password', {
        currentPassword: passwordOf(rep),
        newPassword: 'a-new-password-2026',
      });
      expect(res.status).toBe(204);
      await disconnected;
      await until(() => live.agenda.closedWith()?.code === DOC_CLOSE.sessionEnded, 'the agenda connection to close');
    } finally {
      live.agenda.close();
      // Put it back whatever happened: the next test signs in as the same person.
      await f.admin.post(`/users/${rep.id}/password`, { newPassword: passwordOf(rep) });
    }
  });

  it('an administrator’s password reset ends that person’s open connections', async () => {
    const rep = person(2);
    const live = await goLive(server, f, rep.login, passwordOf(rep));
    const disconnected = new Promise((r) => live.socket.once('disconnect', r));
    expect((await f.admin.post(`/users/${rep.id}/password`, { newPassword: passwordOf(rep) })).status).toBe(204);
    await disconnected;
    await until(() => live.agenda.closedWith()?.code === DOC_CLOSE.sessionEnded, 'the agenda connection to close');
    live.agenda.close();
  });

  it('a unit made observer (列席) stops writing on its open connection at once, and writes again when restored', async () => {
    const rep = person(3);
    const live = await goLive(server, f, rep.login, passwordOf(rep));
    try {
      const demoted = await f.secretary.patch(`/alliances/${f.allianceId}/members/${rep.unit}`, { role: 'observer' });
      expect(demoted.status).toBe(200);
      expect(live.agenda.access()).toEqual({ mode: 'read', reason: 'not_editor' });
      addAgendaItem(live.agenda.doc, '列席后的议题');
      await settle();
      expect(agendaTitles(watcher.doc)).not.toContain('列席后的议题');

      await f.secretary.patch(`/alliances/${f.allianceId}/members/${rep.unit}`, { role: 'member' });
      await until(() => live.agenda.access()?.mode === 'write', 'writing to be restored');
      addAgendaItem(live.agenda.doc, '恢复成员后的议题');
      await until(() => agendaTitles(watcher.doc).includes('恢复成员后的议题'), 'the restored member’s edit');
    } finally {
      live.agenda.close();
      live.socket.disconnect();
    }
  });

  it('removing a unit from the alliance closes its documents and takes it out of the meeting room', async () => {
    const rep = person(0);
    const live = await goLive(server, f, rep.login, passwordOf(rep));
    try {
      const revoked = nextEvent(live.socket, 'access:revoked', (p) => p.meetingId === f.meetingId);
      const removed = await f.secretary.delete(`/alliances/${f.allianceId}/members/${rep.unit}`);
      expect(removed.status).toBe(200);
      await revoked;
      await until(() => live.agenda.closedWith()?.code === DOC_CLOSE.accessRevoked, 'the agenda connection to close');
      // The room goes on without them: they hear nothing more of it.
      let heard = false;
      live.socket.on('meeting:presence', () => (heard = true));
      const chair = await connect(server, f.secretary.token);
      const roomHeard = nextEvent(chair, 'meeting:presence');
      ok(await send(chair, 'meeting:join', { meetingId: f.meetingId }));
      await roomHeard;
      await settle();
      expect(heard).toBe(false);
      chair.disconnect();
    } finally {
      live.agenda.close();
      live.socket.disconnect();
    }
  });
});

describe('freezing, voting and adjourning reach open connections on every process', () => {
  const pair = twoInstances('liveaccess');

  it('a draft open on the other instance becomes read-only when put to the vote; the agenda when adjourned', async () => {
    const { a, b } = pair;
    const f = await setUpAlliance(a, 2);
    const decision = (await f.secretary.post(`/meetings/${f.meetingId}/decisions`, { title: '关于共建的决定' })).body as {
      id: string;
      docName: string;
    };
    const repOnB = await loginAs(b, f.reps[1]!.login, f.reps[1]!.password ?? DEMO_PASSWORD);
    const secretaryOnA = await openDoc(a, decision.docName, f.secretary.token);
    const draftOnB = await openDoc(b, decision.docName, repOnB.token);
    const agendaOnB = await openDoc(b, agendaOf(f.meetingId), repOnB.token);
    const chair = await connect(a, f.secretary.token);
    const reps = [await connect(a, f.reps[0]!.api.token), await connect(b, repOnB.token)];
    try {
      writeParagraphs(secretaryOnA.doc, ['一、共建党群服务阵地。']);
      await until(() => text(draftOnB.doc).includes('共建党群服务阵地'), 'the draft to reach B');
      const frozen = await f.secretary.post(`/decisions/${decision.id}/versions`);
      expect(frozen.status).toBe(201);
      // Freezing keeps the draft open for the next version.
      expect(draftOnB.access()).toEqual({ mode: 'write' });

      for (const s of reps) ok(await send(s, 'meeting:checkIn', { meetingId: f.meetingId }));
      ok(await send(chair, 'meeting:start', { meetingId: f.meetingId }));
      const vote = ok(
        await send(chair, 'vote:open', {
          meetingId: f.meetingId,
          title: '关于共建的决定',
          decisionId: decision.id,
          version: frozen.body.number,
          secret: false,
        }),
      );
      await until(() => draftOnB.access()?.mode === 'read', 'the draft on B to become read-only');
      expect(draftOnB.access()).toEqual({ mode: 'read', reason: 'decision_closed' });
      writeParagraphs(draftOnB.doc, ['表决开始后在乙实例上的修改。']);
      await settle();
      expect(text(secretaryOnA.doc)).not.toContain('表决开始后');

      ok(await send(chair, 'vote:close', { voteId: vote.id }));
      expect(draftOnB.access()).toEqual({ mode: 'read', reason: 'decision_closed' });
      expect(agendaOnB.access()).toEqual({ mode: 'write' });
      ok(await send(chair, 'meeting:adjourn', { meetingId: f.meetingId }));
      await until(() => agendaOnB.access()?.mode === 'read', 'the agenda on B to become read-only');
      expect(agendaOnB.access()).toEqual({ mode: 'read', reason: 'meeting_closed' });
      addAgendaItem(agendaOnB.doc, '散会后的议题');
      await settle();
      await Promise.all([a.ctx.yjs.flushAll(), b.ctx.yjs.flushAll()]);
      const rows = await a.ctx.db.models.YjsUpdate.find({ doc: agendaOf(f.meetingId) }).lean();
      const stored = new Y.Doc();
      for (const r of rows) Y.applyUpdate(stored, bytesOf(r.data));
      expect(agendaTitles(stored)).not.toContain('散会后的议题');
    } finally {
      for (const c of [secretaryOnA, draftOnB, agendaOnB]) c.close();
      for (const s of [chair, ...reps]) s.disconnect();
    }
  });

  it('logging out on one instance closes the same session’s connections on the other', async () => {
    const { a, b } = pair;
    const rep = await loginAs(a, 'rep3');
    const me = (await rep.get('/me')).body;
    const meetings = await rep.get(`/alliances/${me.alliances[0].id}/meetings?when=upcoming`);
    const onB = await openDoc(b, agendaOf(meetings.body.items[0].id), rep.token);
    const socketOnB = await connect(b, rep.token);
    const disconnected = new Promise((r) => socketOnB.once('disconnect', r));
    try {
      expect((await request(a, 'POST', '/auth/logout', undefined, { authorization: `Bearer ${rep.token}` })).status).toBe(
        204,
      );
      await until(() => onB.closedWith()?.code === DOC_CLOSE.sessionEnded, 'the connection on B to close');
      await disconnected;
    } finally {
      onB.close();
    }
  });
});
