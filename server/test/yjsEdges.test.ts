import { DOC_CLOSE } from '@tongxin/shared';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpAlliance, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { openDoc, until, type YClient } from './support/yjsClient.js';

/** An awareness message as y-websocket encodes it: type 1, then one client's id, clock and state. */
function awarenessMessage(clientId: number, clock: number, state: unknown): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1);
  encoding.writeVarUint(update, clientId);
  encoding.writeVarUint(update, clock);
  encoding.writeVarString(update, JSON.stringify(state));
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, 1);
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
  return encoding.toUint8Array(message);
}

const userOf = (client: YClient, clientId: number) =>
  (client.provider.awareness.getStates().get(clientId) as { user?: { name?: string; unit?: string } } | undefined)?.user;

describe('presence on a shared document comes from the server’s sessions', () => {
  let server: TestServer;
  let f: RoomFixture;
  let docName: string;
  beforeAll(async () => {
    server = await startTestServer({}, { yjs: { maxDocBytes: 64 * 1024 } });
    f = await setUpAlliance(server, 2);
    docName = `meeting:${f.meetingId}:agenda`;
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('a read-only observer cannot replace another person’s presence, nor pass for someone else', async () => {
    const secretary = await openDoc(server, docName, f.secretary.token);
    const observer = await openDoc(server, docName, f.observer.api.token);
    const rep = await openDoc(server, docName, f.reps[0]!.api.token);
    try {
      secretary.provider.awareness.setLocalStateField('user', { name: '孙丽', unit: '和平街道党工委', color: '#c0392b' });
      const secretaryId = secretary.doc.clientID;
      await until(() => userOf(rep, secretaryId)?.name !== undefined, 'the secretary’s presence');
      const secretaryName = userOf(rep, secretaryId)!.name;

      // The attack as found: one message claiming the secretary's client id with a higher clock.
      const clock = (secretary.provider.awareness.meta.get(secretaryId)?.clock ?? 0) + 5;
      observer.provider.ws!.send(awarenessMessage(secretaryId, clock, { user: { name: '冒充者', color: '#000' } }));
      // And one for its own client id, under the secretary's name.
      observer.provider.awareness.setLocalStateField('user', { name: '孙丽（秘书）', unit: '和平街道党工委', color: '#c0392b' });
      const observerId = observer.doc.clientID;
      await until(() => userOf(rep, observerId) !== undefined, 'the observer’s own presence');
      await new Promise((r) => setTimeout(r, 300));

      expect(userOf(rep, secretaryId)?.name).toBe(secretaryName);
      expect(userOf(rep, observerId)?.name).not.toBe('孙丽（秘书）');
      const observerUser = await server.ctx.db.models.User.findById(f.observer.id).lean();
      expect(userOf(rep, observerId)?.name).toBe(observerUser!.name);
    } finally {
      for (const c of [secretary, observer, rep]) c.close();
    }
  });

  it('a document stops growing at its quota: the edit past it is refused and that connection closed', async () => {
    const writer = await openDoc(server, docName, f.reps[0]!.api.token);
    const reader = await openDoc(server, docName, f.reps[1]!.api.token);
    try {
      const chunk = '整'.repeat(4_000); // about 12 KB of UTF-8 per paragraph
      for (let i = 0; i < 8 && writer.closedWith() === null; i++) {
        writer.doc.getText('notes').insert(0, chunk);
        await new Promise((r) => setTimeout(r, 50));
      }
      await until(() => writer.closedWith() !== null, 'the writer to be stopped');
      expect(writer.closedWith()!.code).toBe(DOC_CLOSE.tooLarge);
      await server.ctx.yjs.with(docName, (doc) => {
        expect(Y.encodeStateAsUpdate(doc.ydoc).byteLength).toBeLessThanOrEqual(64 * 1024);
      });
      // Everyone else carries on: the reader is still connected and has what was admitted.
      await until(() => reader.doc.getText('notes').length >= 4_000, 'the reader to have the admitted text');
      expect(reader.closedWith()).toBeNull();
    } finally {
      writer.close();
      reader.close();
    }
  });
});
