import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VersionDiffSchema, type VersionDiff } from '@tongxin/shared';
import { fragmentToProsemirror, prosemirrorToText } from '../src/yjs/prosemirror.js';
import { request, type ApiClient } from './support/api.js';
import { setUpAlliance, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { openDoc, writeParagraphs } from './support/yjsClient.js';

// Common characters of decision texts: two drafts written from them share characters here and
// there, as unrelated Chinese texts do, but no long runs.
const POOL =
  '一二三四五六七八九十各成员单位按职责分工推进背街小巷环境整治每月联席会议通报进展社区党委街道工委区' +
  '城管执法局牵头配合落实责任清单需求资源项目共建共治共享服务群众报到吹哨考核评议积分星级公开监督';

/** `length` characters in paragraphs of 400, from a seeded generator: the same seed, the same text. */
function draftText(seed: number, length: number): string[] {
  let x = seed;
  const next = () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x >>> 8;
  };
  const chars = Array.from({ length }, () => POOL[next() % POOL.length]!).join('');
  return chars.match(/.{1,400}/gsu)!;
}

/** The decision draft replaced by `paragraphs`, as a secretary's editor would leave it, then frozen. */
async function freeze(
  server: TestServer,
  f: RoomFixture,
  decision: { id: string; docName: string },
  paragraphs: string[],
) {
  const client = await openDoc(server, decision.docName, f.secretary.token);
  const fragment = client.doc.getXmlFragment('default');
  client.doc.transact(() => fragment.delete(0, fragment.length));
  writeParagraphs(client.doc, paragraphs);
  const expected = paragraphs.join('\n');
  const serverText = () =>
    server.ctx.yjs.with(decision.docName, (d) =>
      prosemirrorToText(fragmentToProsemirror(d.ydoc.getXmlFragment('default'))),
    );
  let seen = '';
  const start = Date.now();
  while (seen !== expected) {
    if (Date.now() - start > 10_000) throw new Error('the draft never reached the server');
    await new Promise((r) => setTimeout(r, 20));
    seen = await serverText();
  }
  client.close();
  const v = await f.secretary.post(`/decisions/${decision.id}/versions`);
  expect(v.status).toBe(201);
  expect(v.body.text).toBe(expected);
  return v.body as { number: number; text: string };
}

/** What `from` and `to` each read back from the parts: a diff is only useful if this holds. */
function sides(d: VersionDiff) {
  return {
    from: d.parts
      .filter((p) => !p.added)
      .map((p) => p.value)
      .join(''),
    to: d.parts
      .filter((p) => !p.removed)
      .map((p) => p.value)
      .join(''),
  };
}

/**
 * Comparing two versions runs on the server's one event loop: however different the texts, the
 * comparison must stay bounded so that every other user's requests keep being answered.
 */
describe('comparing decision versions (版本比较)', () => {
  let server: TestServer;
  let f: RoomFixture;
  let reader: ApiClient;
  let decision: { id: string; docName: string };
  const v: { number: number; text: string }[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    f = await setUpAlliance(server, 2);
    reader = f.reps[1]!.api;
    decision = (await f.secretary.post(`/meetings/${f.meetingId}/decisions`, { title: '关于共建项目清单的决议' })).body;
    v.push(await freeze(server, f, decision, draftText(1, 10_000)));
    v.push(await freeze(server, f, decision, draftText(2, 10_000)));
    // Version 3: version 2 with two characters changed in its middle paragraph.
    const edited = draftText(2, 10_000);
    edited[12] = edited[12]!.slice(0, 100) + '修订' + edited[12]!.slice(102);
    v.push(await freeze(server, f, decision, edited));
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
  });

  it('two unrelated 10,000-character versions: the diff answers promptly and /api/health never waits', async () => {
    expect(v[0]!.text.length).toBeGreaterThanOrEqual(10_000);
    // How long a health check due at a given moment waits for its answer. The server runs in this
    // process, so a blocked event loop also delays the poll itself: counting from when the poll
    // was due, not from when it could be sent, sees the block either way.
    const latencies: number[] = [];
    let polling = true;
    const poller = (async () => {
      let due = performance.now();
      while (polling) {
        const health = await request(server, 'GET', '/health');
        const answered = performance.now();
        latencies.push(answered - due);
        expect(health.status).toBe(200);
        due = answered + 20;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await new Promise((r) => setTimeout(r, 100)); // the poller is running before the diff starts

    const t0 = performance.now();
    const res = await reader.get(`/decisions/${decision.id}/diff?from=1&to=2`);
    const elapsed = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 100));
    polling = false;
    await poller;
    const worst = Math.max(...latencies);
    console.info(
      `diff of unrelated 10,000-character versions: ${elapsed.toFixed(0)} ms; ` +
        `worst /api/health latency ${worst.toFixed(0)} ms over ${latencies.length} polls`,
    );

    expect(res.status).toBe(200);
    expect(worst).toBeLessThan(500);
    expect(elapsed).toBeLessThan(1_000);
    const diff = VersionDiffSchema.parse(res.body);
    // Too different to compare character by character: said so, and still exactly both texts.
    expect(diff.coarse).toBe(true);
    expect(sides(diff)).toEqual({ from: v[0]!.text, to: v[1]!.text });
  }, 60_000);

  it('a small edit in a long text is still shown character by character', async () => {
    const t0 = performance.now();
    const res = await reader.get(`/decisions/${decision.id}/diff?from=2&to=3`);
    const elapsed = performance.now() - t0;
    expect(res.status).toBe(200);
    expect(elapsed).toBeLessThan(1_000);
    const diff = VersionDiffSchema.parse(res.body);
    expect(diff.coarse).toBe(false);
    expect(sides(diff)).toEqual({ from: v[1]!.text, to: v[2]!.text });
    expect(
      diff.parts
        .filter((p) => p.added)
        .map((p) => p.value)
        .join(''),
    ).toBe('修订');
    expect(
      diff.parts
        .filter((p) => p.removed)
        .map((p) => p.value)
        .join(''),
    ).toHaveLength(2);
  });

  it('a version compared with itself has no changes; unknown versions are 404, bad numbers 400', async () => {
    const same = VersionDiffSchema.parse((await reader.get(`/decisions/${decision.id}/diff?from=2&to=2`)).body);
    expect(same.parts.every((p) => !p.added && !p.removed)).toBe(true);
    expect(same.coarse).toBe(false);
    expect((await reader.get(`/decisions/${decision.id}/diff?from=1&to=9`)).status).toBe(404);
    const bad = await reader.get(`/decisions/${decision.id}/diff?from=0&to=x`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION');
    expect((await f.outsider.api.get(`/decisions/${decision.id}/diff?from=1&to=2`)).status).toBe(403);
  });

  it('several readers opening the same comparison at once are answered promptly, the process keeps answering', async () => {
    const t0 = performance.now();
    const all = await Promise.all([1, 2, 3, 4].map(() => reader.get(`/decisions/${decision.id}/diff?from=1&to=3`)));
    const elapsed = performance.now() - t0;
    expect(all.every((r) => r.status === 200)).toBe(true);
    expect(elapsed).toBeLessThan(4_000);
    const health = await request(server, 'GET', '/health');
    expect(health.status).toBe(200);
  }, 60_000);
});
