import { describe, expect, it } from 'vitest';
import { loginAs, request } from './support/api.js';
import { connect, nextEvent, ok, send } from './support/room.js';
import { twoInstances } from './support/testServer.js';
import { fragmentText, openDoc, until, writeParagraphs } from './support/yjsClient.js';

/** Two server processes' worth of state, one MongoDB, one Redis: as behind a load balancer. */
describe('one document across two server instances (Redis relay)', () => {
  const pair = twoInstances('scale');

  it('clients on different instances see each other’s edits and presence, including a late joiner', async () => {
    const { a, b } = pair;
    const secretary = await loginAs(a, 'secretary');
    const rep1OnB = await loginAs(b, 'rep1');
    const me = await secretary.get('/me');
    const meetings = await secretary.get(`/alliances/${me.body.alliances[0].id}/meetings?when=upcoming`);
    const decision = await secretary.post(`/meetings/${meetings.body.items[0].id}/decisions`, { title: '跨实例协同' });
    const name = decision.body.docName as string;

    const onA = await openDoc(a, name, secretary.token);
    writeParagraphs(onA.doc, ['甲实例上写的第一段。']);
    // Joins instance B while the paragraph may not be stored yet: B asks A for what it misses.
    const onB = await openDoc(b, name, rep1OnB.token);
    try {
      await until(() => fragmentText(onB.doc).includes('甲实例上写的第一段'), 'B to receive A’s paragraph');
      writeParagraphs(onB.doc, ['乙实例上写的第二段。']);
      await until(() => fragmentText(onA.doc).includes('乙实例上写的第二段'), 'A to receive B’s paragraph');
      onB.provider.awareness.setLocalStateField('user', { name: '王建华', unit: '和平街道党工委' });
      await until(
        () => [...onA.provider.awareness.getStates().values()].some((s) => s.user?.name === '王建华'),
        'A to see B’s presence',
      );
    } finally {
      onA.close();
      onB.close();
    }
  });

  it('failed logins count against one limit across instances (kept in Redis)', async () => {
    const { a, b } = pair;
    for (let i = 0; i < 5; i++) {
      const server = i % 2 === 0 ? a : b;
      const res = await request(server, 'POST', '/auth/token', { login: 'rep8', password: `wrong-${i}` });
      expect(res.status).toBe(401);
    }
    // The right password, on either instance, must now wait.
    for (const server of [a, b]) {
      const locked = await request(server, 'POST', '/auth/token', { login: 'rep8', password: 'tongxin-demo' });
      expect(locked.status).toBe(429);
      expect(locked.body.error.details.retryAfterSeconds).toBeGreaterThan(0);
    }
    // Another person is not affected.
    expect((await request(b, 'POST', '/auth/token', { login: 'rep7', password: 'tongxin-demo' })).status).toBe(200);
  });

  it('the live room lists who is online on either instance, and drops them when they leave', async () => {
    const { a, b } = pair;
    const rep1 = await loginAs(a, 'rep1');
    const rep2 = await loginAs(b, 'rep2');
    const me = await rep1.get('/me');
    const meetings = await rep1.get(`/alliances/${me.body.alliances[0].id}/meetings?when=upcoming`);
    const meetingId = meetings.body.items[0].id as string;
    const onA = await connect(a, rep1.token);
    const onB = await connect(b, rep2.token);
    try {
      ok(await send(onA, 'meeting:join', { meetingId }));
      const seenOnA = nextEvent(onA, 'meeting:presence', (p) => p.online.length === 2);
      const joined = ok(await send(onB, 'meeting:join', { meetingId }));
      // B's snapshot already lists the person on A, and A hears about the person on B.
      expect(joined.presence.online.map((o) => o.user.name).sort()).toEqual(['李秀英', '王建华'].sort());
      expect((await seenOnA).online.map((o) => o.user.name).sort()).toEqual(['李秀英', '王建华'].sort());
      const leftOnA = nextEvent(onA, 'meeting:presence', (p) => p.online.length === 1);
      ok(await send(onB, 'meeting:leave', { meetingId }));
      expect((await leftOnA).online.map((o) => o.user.name)).toEqual(['王建华']);
    } finally {
      onA.disconnect();
      onB.disconnect();
    }
  });
});
