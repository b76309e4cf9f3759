import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fragmentToProsemirror, prosemirrorToText } from '../src/yjs/prosemirror.js';
import { bytesOf } from '../src/yjs/store.js';
import { loginAs } from './support/api.js';
import { connect, ok, send, setUpAlliance } from './support/room.js';
import { twoInstances } from './support/testServer.js';
import { openDoc, until, writeParagraphs } from './support/yjsClient.js';

const text = (doc: Y.Doc) => prosemirrorToText(fragmentToProsemirror(doc.getXmlFragment('default')));

/** Publishing on one server instance locks the minutes for clients connected to another one. */
describe('publishing the minutes behind a load balancer (Redis relay)', () => {
  const pair = twoInstances('minutes');

  it('a secretary still connected to the other instance can no longer change the published minutes', async () => {
    const { a, b } = pair;
    const f = await setUpAlliance(a, 2);
    const chair = await connect(a, f.secretary.token);
    const reps = [await connect(a, f.reps[0]!.api.token), await connect(a, f.reps[1]!.api.token)];
    try {
      for (const s of reps) ok(await send(s, 'meeting:checkIn', { meetingId: f.meetingId }));
      ok(await send(chair, 'meeting:start', { meetingId: f.meetingId }));
      ok(await send(chair, 'meeting:adjourn', { meetingId: f.meetingId }));
    } finally {
      for (const s of [chair, ...reps]) s.disconnect();
    }
    const minutes = (await f.secretary.get(`/meetings/${f.meetingId}/minutes`)).body;

    const secretaryOnB = await loginAs(b, 'secretary');
    const onB = await openDoc(b, minutes.docName, secretaryOnB.token);
    const onA = await openDoc(a, minutes.docName, f.secretary.token);
    try {
      writeParagraphs(onB.doc, ['发布前在乙实例上的补充。']);
      await until(() => text(onA.doc).includes('发布前在乙实例上的补充'), 'the edit on B to reach A');

      expect((await f.secretary.post(`/meetings/${f.meetingId}/minutes/publish`)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 300)); // the lock travels over Redis
      writeParagraphs(onB.doc, ['发布后在乙实例上的修改。']);
      await new Promise((r) => setTimeout(r, 500));
      expect(text(onA.doc)).not.toContain('发布后');
      await Promise.all([a.ctx.yjs.flushAll(), b.ctx.yjs.flushAll()]);
      const rows = await a.ctx.db.models.YjsUpdate.find({ doc: minutes.docName }).lean();
      const stored = new Y.Doc();
      for (const r of rows) Y.applyUpdate(stored, bytesOf(r.data));
      expect(text(stored)).toContain('发布前在乙实例上的补充');
      expect(text(stored)).not.toContain('发布后');
    } finally {
      onA.close();
      onB.close();
    }
  });
});
