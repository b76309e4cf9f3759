import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mammoth from 'mammoth';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Minutes } from '@tongxin/shared';
import { nextDocNumber } from '../src/commands/docNumber.js';
import { chinaYear } from '../src/minutes/minutesFrame.js';
import { bytesOf } from '../src/yjs/store.js';
import { fragmentToProsemirror, prosemirrorToText } from '../src/yjs/prosemirror.js';
import type { ApiClient } from './support/api.js';
import { connect, nextEvent, ok, send, setUpAlliance, type RoomClient, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { xmlParts } from './support/zip.js';
import { openDoc, until, writeParagraphs, type YClient } from './support/yjsClient.js';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');
const DECISION_TEXT = '一、各成员单位按职责分工推进背街小巷环境整治，每月联席会议通报进展。';
const AGENDA_TITLE = '背街小巷环境整治进展';
const ISSUER = '测试街道党建联合体';

/** The minutes document's text as the editor holds it (headings, paragraphs, list items). */
const minutesText = (doc: Y.Doc) => prosemirrorToText(fragmentToProsemirror(doc.getXmlFragment('default')));

/** GET a download: status, headers and the raw bytes. */
async function download(server: TestServer, api: ApiClient, p: string) {
  const res = await fetch(`${server.url}/api${p}`, { headers: { authorization: `Bearer ${api.token}` } });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

/**
 * Renders the first page of a PDF to PNG with poppler, as a reader's screen would show it, and
 * extracts its text, whole and page by page.
 */
function renderPdf(pdf: Buffer, name: string): { png: string; text: string; pages: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minutes-pdf-'));
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const prefix = path.join(SCREENSHOTS, name);
  execFileSync('pdftoppm', ['-png', '-r', '100', '-f', '1', '-l', '1', file, prefix]);
  const png = fs.readdirSync(SCREENSHOTS).find((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))!;
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  // pdftotext ends every page with a form feed.
  const pages = text.split('\f').filter((p, i, all) => i < all.length - 1 || p.trim() !== '');
  return { png: path.join(SCREENSHOTS, png), text, pages };
}

/**
 * A small joint meeting held over real sockets — check-ins (one recorded on the unit's behalf, one
 * unit voting by proxy), an agenda item, a decision frozen, voted and adopted, an action item —
 * then adjourned: its minutes are generated, confirmed by the units, exported and published.
 */
describe('minutes (会议纪要)', () => {
  let server: TestServer;
  let f: RoomFixture;
  let chair: RoomClient;
  const reps: RoomClient[] = [];
  const open: YClient[] = [];
  let minutesDoc: string;
  /** The secretary's connection to the minutes, opened once they are generated and kept open. */
  let secretaryOnMinutes: YClient;
  /** The year of the published minutes' 文号. */
  let year: number;

  const rep = (n: number) => f.reps[n - 1]!;
  const code = (res: { ok: boolean; error?: { code: string } }) => (res.ok ? 'ok' : res.error!.code);

  beforeAll(async () => {
    // No stale minutes-pdf-*.png from an earlier run; other tests' screenshots stay.
    if (fs.existsSync(SCREENSHOTS)) {
      for (const file of fs.readdirSync(SCREENSHOTS))
        if (file.startsWith('minutes-pdf-')) fs.rmSync(path.join(SCREENSHOTS, file));
    }
    server = await startTestServer({}, { yjs: { releaseAfterMs: 200 } });
    f = await setUpAlliance(server, 4);
    chair = await connect(server, f.secretary.token);
    for (const r of f.reps) reps.push(await connect(server, r.api.token));
    for (const s of [chair, ...reps]) ok(await send(s, 'meeting:join', { meetingId: f.meetingId }));
  });
  afterAll(async () => {
    for (const c of open) c.close();
    for (const s of [chair, ...reps]) s?.disconnect();
    await server?.dispose();
  });

  it('the meeting is held: check-ins, a proxy, an agenda item, a decision adopted by vote, an action item', async () => {
    // The agenda, written by the secretary as the agenda editor does.
    const agenda = await openDoc(server, `meeting:${f.meetingId}:agenda`, f.secretary.token);
    open.push(agenda);
    agenda.doc.transact(() => {
      const item = new Y.Map<unknown>();
      item.set('id', 'item-1');
      item.set('title', AGENDA_TITLE);
      item.set('presenterUnit', rep(2).unit);
      item.set('minutes', 20);
      item.set('status', 'pending');
      item.set('notes', new Y.Text('通报辖区12条背街小巷整治情况。'));
      agenda.doc.getArray('items').push([item]);
    });
    await server.ctx.yjs.flushAll();

    ok(await send(reps[0]!, 'meeting:checkIn', { meetingId: f.meetingId }));
    ok(await send(reps[1]!, 'meeting:checkIn', { meetingId: f.meetingId }));
    const onBehalf = ok(await send(chair, 'meeting:checkIn', { meetingId: f.meetingId, unitId: rep(3).unit }));
    expect(onBehalf.present.find((p) => p.unit.id === rep(3).unit)?.onBehalf).toBe(true);
    ok(await send(reps[3]!, 'meeting:proxy', { meetingId: f.meetingId, fromUnitId: rep(4).unit, toUserId: rep(1).id }));
    expect(ok(await send(chair, 'meeting:start', { meetingId: f.meetingId })).status).toBe('in_session');

    const decision = (
      await f.secretary.post(`/meetings/${f.meetingId}/decisions`, { title: '关于背街小巷环境整治的决议' })
    ).body;
    const draft = await openDoc(server, decision.docName, f.secretary.token);
    writeParagraphs(draft.doc, [DECISION_TEXT]);
    await server.ctx.yjs.flushAll();
    draft.close();
    expect((await f.secretary.post(`/decisions/${decision.id}/versions`)).status).toBe(201);
    const vote = ok(
      await send(chair, 'vote:open', {
        meetingId: f.meetingId,
        title: decision.title,
        decisionId: decision.id,
        version: 1,
      }),
    );
    ok(await send(reps[0]!, 'vote:cast', { voteId: vote.id, choice: 'for', unitId: rep(1).unit }));
    ok(await send(reps[0]!, 'vote:cast', { voteId: vote.id, choice: 'for', unitId: rep(4).unit }));
    ok(await send(reps[1]!, 'vote:cast', { voteId: vote.id, choice: 'for' }));
    ok(await send(reps[2]!, 'vote:cast', { voteId: vote.id, choice: 'abstain' }));
    expect(ok(await send(chair, 'vote:close', { voteId: vote.id })).result?.outcome).toBe('adopted');

    ok(
      await send(chair, 'actionItem:create', {
        meetingId: f.meetingId,
        title: '背街小巷环境整治督办',
        description: '对辖区12条背街小巷开展环境整治',
        leadUnit: rep(2).unit,
        cooperatingUnits: [rep(3).unit],
        responsiblePerson: '李秀英',
        measures: '一巷一策，每周巡查',
        dueDate: '2027-06-30',
      }),
    );
  });

  it('there are no minutes before the meeting is adjourned', async () => {
    expect((await f.secretary.get(`/meetings/${f.meetingId}/minutes`)).status).toBe(404);
    expect((await download(server, f.secretary, `/meetings/${f.meetingId}/minutes.md`)).status).toBe(404);
  });

  it('adjourning generates the minutes: attendance, the agenda item, the adopted text with its vote, the action item', async () => {
    expect(ok(await send(chair, 'meeting:adjourn', { meetingId: f.meetingId })).status).toBe('adjourned');
    const res = await f.secretary.get<Minutes>(`/meetings/${f.meetingId}/minutes`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      meeting: f.meetingId,
      alliance: f.allianceId,
      status: 'draft',
      publishedAt: null,
      publishedSha256: null,
      can: { edit: true, publish: true, confirmFor: [] },
    });
    expect(res.body.confirmations.map((c) => c.unit.id)).toEqual(f.reps.map((r) => r.unit));
    expect(res.body.confirmations.every((c) => c.state === 'pending')).toBe(true);
    minutesDoc = res.body.docName;
    expect(minutesDoc).toBe(`meeting:${f.meetingId}:minutes`);

    secretaryOnMinutes = await openDoc(server, minutesDoc, f.secretary.token);
    open.push(secretaryOnMinutes);
    const text = minutesText(secretaryOnMinutes.doc);
    const unitName = (n: number) => res.body.confirmations[n - 1]!.unit.name;
    // A 纪要 (GB/T 9704): the meeting's number as title, its facts, attendance after the body.
    const lines = text.split('\n');
    expect(lines[0]).toBe('第一次联席会议纪要');
    expect(text).toContain('召集：' + unitName(1));
    expect(text).toContain('主持：孙丽');
    expect(text).toContain('应出席成员单位4个，实到3个，委托表决1个，缺席0个');
    const present = lines.find((l) => l.startsWith('出席：'))!;
    expect(present).toContain(unitName(2));
    expect(present).toContain(`${unitName(3)}（由孙丽代为签到）`);
    expect(text).toMatch(new RegExp(`请假：${unitName(4)}（表决权委托.+代为行使）`));
    expect(text).toContain('记录：孙丽');
    expect(text).toContain('一、会议议题');
    expect(text).toContain(`（一）${AGENDA_TITLE}`);
    expect(text).toContain(`由${unitName(2)}汇报（20分钟）。`);
    expect(text).toContain('通报辖区12条背街小巷整治情况。');
    expect(text).toContain('（一）关于背街小巷环境整治的决议');
    expect(text).toContain('通过的决议文本（第1版）：');
    expect(text).toContain(DECISION_TEXT);
    expect(text).toContain('同意3票，反对0票，弃权1票');
    expect(text).toContain('表决规则：简单多数');
    expect(text).toContain('表决结果：通过。');
    expect(text).toContain('背街小巷环境整治督办');
    expect(text).toContain(
      `牵头单位：${unitName(2)}；配合单位：${unitName(3)}；责任人：李秀英；完成时限：2027年6月30日`,
    );
    expect(text).toContain('推进措施：一巷一策，每周巡查');
  });

  it('a retried adjournment changes nothing: one record, one copy of the text', async () => {
    const before = minutesText(secretaryOnMinutes.doc);
    const again = await send(chair, 'meeting:adjourn', { meetingId: f.meetingId });
    expect(code(again)).toBe('INVALID_STATE');
    // Reading again (which generates missing minutes) does not add a second copy either.
    expect((await f.observer.api.get(`/meetings/${f.meetingId}/minutes`)).status).toBe(200);
    const { Minutes, AuditEvent } = server.ctx.db.models;
    expect(await Minutes.countDocuments({ meeting: f.meetingId })).toBe(1);
    expect(await AuditEvent.countDocuments({ targetId: f.meetingId, action: 'minutes.generate' })).toBe(1);
    const fresh = await openDoc(server, minutesDoc, f.secretary.token);
    expect(minutesText(fresh.doc)).toBe(before);
    expect(before.match(/第一次联席会议纪要/g)).toHaveLength(1);
    fresh.close();
  });

  it('what each viewer may do: representatives confirm for their unit, observers and outsiders do not', async () => {
    const asRep = (await rep(2).api.get<Minutes>(`/meetings/${f.meetingId}/minutes`)).body;
    expect(asRep.can).toEqual({ edit: false, publish: false, confirmFor: [rep(2).unit] });
    const asConvener = (await rep(1).api.get<Minutes>(`/meetings/${f.meetingId}/minutes`)).body;
    expect(asConvener.can).toEqual({ edit: false, publish: true, confirmFor: [rep(1).unit] });
    const asObserver = (await f.observer.api.get<Minutes>(`/meetings/${f.meetingId}/minutes`)).body;
    expect(asObserver.can).toEqual({ edit: false, publish: false, confirmFor: [] });
    expect((await f.outsider.api.get(`/meetings/${f.meetingId}/minutes`)).status).toBe(403);
  });

  it('units confirm or comment, may change their answer, and every answer is audited', async () => {
    const path = `/meetings/${f.meetingId}/minutes/confirmations`;
    // The minutes screen follows the alliance channel: every answer is announced there.
    const screen = await connect(server, f.secretary.token);
    ok(await send(screen, 'alliance:subscribe', { allianceId: f.allianceId }));
    const announced = nextEvent(screen, 'minutes:changed', (p) => p.meetingId === f.meetingId);
    const confirmed = await rep(2).api.post<Minutes>(path, { state: 'confirmed' });
    expect(confirmed.status).toBe(200);
    await announced;
    screen.disconnect();
    const row = (m: Minutes, n: number) => m.confirmations.find((c) => c.unit.id === rep(n).unit)!;
    expect(row(confirmed.body, 2)).toMatchObject({ state: 'confirmed', user: { id: rep(2).id }, comment: null });

    const commented = await rep(3).api.post<Minutes>(path, {
      state: 'commented',
      comment: '建议补充第三社区的整治进度。',
    });
    expect(commented.status).toBe(200);
    expect(row(commented.body, 3)).toMatchObject({ state: 'commented', comment: '建议补充第三社区的整治进度。' });
    expect(row(commented.body, 2).state).toBe('confirmed');

    const changed = await rep(3).api.post<Minutes>(path, { unitId: rep(3).unit, state: 'confirmed' });
    expect(row(changed.body, 3)).toMatchObject({ state: 'confirmed', comment: null });
    expect(changed.body.confirmations.filter((c) => c.unit.id === rep(3).unit)).toHaveLength(1);
    expect(row(changed.body, 1).state).toBe('pending');

    const noText = await rep(1).api.post(path, { state: 'commented' });
    expect(noText.status).toBe(400);
    expect(noText.body.error.code).toBe('VALIDATION');
    expect((await rep(1).api.post(path, { state: 'confirmed', unitId: rep(2).unit })).status).toBe(403);
    expect((await f.observer.api.post(path, { state: 'confirmed' })).status).toBe(403);
    expect((await f.outsider.api.post(path, { state: 'confirmed' })).status).toBe(403);
    expect((await f.secretary.post(path, { state: 'confirmed' })).status).toBe(403);

    const actions = await server.ctx.db.models.AuditEvent.find({ targetId: f.meetingId, action: /^minutes\./ }).lean();
    expect(actions.map((a) => a.action).sort()).toEqual([
      'minutes.comment',
      'minutes.confirm',
      'minutes.confirm',
      'minutes.generate',
    ]);
  });

  it('an observer’s edit to the minutes never reaches the document', async () => {
    const reader = await openDoc(server, minutesDoc, f.observer.api.token);
    writeParagraphs(reader.doc, ['列席单位试图修改纪要。']);
    await new Promise((r) => setTimeout(r, 300));
    reader.close();
    expect(minutesText(secretaryOnMinutes.doc)).not.toContain('列席单位试图修改纪要');
  });

  it('draft exports carry the 草稿 mark: Markdown, DOCX read back, PDF rendered to PNG', async () => {
    // A secretary's edit to the draft shows up in the exports.
    writeParagraphs(secretaryOnMinutes.doc, ['秘书补充：下次会议于六月召开。']);
    await until(() => minutesText(secretaryOnMinutes.doc).includes('下次会议于六月召开'), 'the edit');
    await server.ctx.yjs.flushAll();
    await new Promise((r) => setTimeout(r, 100));

    const md = await download(server, rep(2).api, `/meetings/${f.meetingId}/minutes.md`);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(md.headers.get('content-disposition')).toBe(
      `attachment; filename="minutes-${f.meetingId}.md"; filename*=UTF-8''${encodeURIComponent('第一次联席会议纪要（草稿）.md')}`,
    );
    const markdown = md.body.toString('utf8');
    expect(markdown.startsWith('> **草稿**')).toBe(true);
    expect(markdown).toContain('# 第一次联席会议纪要');
    expect(markdown).toMatch(/\n〔\d{4}〕\u3000号\n/); // the number is given at publication
    expect(markdown).toContain(DECISION_TEXT);
    expect(markdown).toContain('秘书补充：下次会议于六月召开。');

    const docx = await download(server, rep(2).api, `/meetings/${f.meetingId}/minutes.docx`);
    expect(docx.status).toBe(200);
    expect(docx.body.subarray(0, 2).toString()).toBe('PK');
    const { value: docxText } = await mammoth.extractRawText({ buffer: docx.body });
    expect(docxText).toContain('草稿');
    expect(docxText).toContain('第一次联席会议纪要');
    expect(docxText).toContain(AGENDA_TITLE);
    expect(docxText).toContain(DECISION_TEXT);
    expect(docxText).toContain('李秀英');

    const pdf = await download(server, rep(2).api, `/meetings/${f.meetingId}/minutes.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.body.length).toBeLessThan(500_000); // the 15 MB font is embedded as a subset
    const { png, text } = renderPdf(pdf.body, 'minutes-pdf-draft');
    expect(fs.statSync(png).size).toBeGreaterThan(5_000);
    expect(text).toContain('第一次联席会议纪要');
    expect(text).toContain('草稿：本纪要尚未发布');
    expect(text).toMatch(/〔\d{4}〕\s*号/);
    expect(text).not.toContain('核验信息');
    expect(text.replace(/\s+/g, '')).toContain(DECISION_TEXT);

    expect((await download(server, f.outsider.api, `/meetings/${f.meetingId}/minutes.pdf`)).status).toBe(403);
    expect((await download(server, rep(2).api, `/meetings/${f.meetingId}/minutes.txt`)).status).toBe(400);
  });

  it('only a secretary or the convener publishes; publishing locks the document for clients already connected', async () => {
    expect((await rep(2).api.post(`/meetings/${f.meetingId}/minutes/publish`)).status).toBe(403);
    const writer = secretaryOnMinutes; // connected since generation
    const watcher = await openDoc(server, minutesDoc, f.secretary.token);
    open.push(watcher);

    // The 红头 names the issuing body as the alliance's settings say at publication.
    const letterhead = { issuer: `${ISSUER}${f.allianceId.slice(-4)}`, red: true };
    expect((await f.secretary.patch(`/alliances/${f.allianceId}`, { minutesLetterhead: letterhead })).status).toBe(200);
    expect((await f.secretary.get<Minutes>(`/meetings/${f.meetingId}/minutes`)).body).toMatchObject({
      docNumber: null,
      letterhead,
    });

    const published = await rep(1).api.post<Minutes>(`/meetings/${f.meetingId}/minutes/publish`);
    expect(published.status).toBe(200);
    // The alliance's first minutes of the year: 〔YYYY〕1号, the year on a Beijing calendar.
    year = chinaYear(new Date(published.body.publishedAt!));
    expect(published.body.docNumber).toBe(`〔${year}〕1号`);
    expect(published.body.letterhead).toEqual(letterhead);
    expect(published.body.distribution).toEqual(
      expect.arrayContaining(published.body.confirmations.map((c) => c.unit.name)),
    );
    expect(published.body).toMatchObject({
      status: 'published',
      publishedBy: { id: rep(1).id },
      can: { edit: false, publish: false, confirmFor: [] },
    });
    const stored = (await server.ctx.db.models.Minutes.findOne({ meeting: f.meetingId }).lean())!;
    expect(stored.text).toContain(DECISION_TEXT);
    expect(published.body.publishedSha256).toBe(createHash('sha256').update(stored.text!, 'utf8').digest('hex'));
    expect(JSON.parse(stored.docJson!).type).toBe('doc');
    expect(bytesOf(stored.ydocState).length).toBeGreaterThan(0);
    expect((await f.secretary.get(`/meetings/${f.meetingId}`)).body.status).toBe('minutes_published');

    // The writer was connected with write access before publishing: its edit is dropped now.
    writeParagraphs(writer.doc, ['发布后擅自修改的内容。']);
    const late = await openDoc(server, minutesDoc, f.secretary.token);
    open.push(late);
    writeParagraphs(late.doc, ['发布后新连接的修改。']);
    await new Promise((r) => setTimeout(r, 400));
    expect(minutesText(watcher.doc)).not.toContain('发布后');
    await server.ctx.yjs.flushAll();
    const rows = await server.ctx.db.models.YjsUpdate.find({ doc: minutesDoc }).lean();
    const fromDb = new Y.Doc();
    for (const r of rows) Y.applyUpdate(fromDb, bytesOf(r.data));
    expect(minutesText(fromDb)).toContain('秘书补充：下次会议于六月召开。');
    expect(minutesText(fromDb)).not.toContain('发布后');
  });

  it('after publication: no more answers, no second publication, and the exports are the published record', async () => {
    const late = await rep(1).api.post(`/meetings/${f.meetingId}/minutes/confirmations`, { state: 'confirmed' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('INVALID_STATE');
    const twice = await f.secretary.post(`/meetings/${f.meetingId}/minutes/publish`);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('CONFLICT');
    const published = (await f.secretary.get<Minutes>(`/meetings/${f.meetingId}/minutes`)).body;
    expect(published.confirmations.find((c) => c.unit.id === rep(1).unit)!.state).toBe('pending');

    const md = (await download(server, f.observer.api, `/meetings/${f.meetingId}/minutes.md`)).body.toString('utf8');
    expect(md).not.toContain('草稿');
    expect(md).toContain(published.publishedSha256!);
    const pdf = await download(server, f.observer.api, `/meetings/${f.meetingId}/minutes.pdf`);
    expect(pdf.headers.get('content-disposition')).toContain(encodeURIComponent('纪要.pdf'));
    const { text, pages, png } = renderPdf(pdf.body, 'minutes-pdf-published');
    // Kept for a person to look at: the first page of a published 纪要.
    fs.copyFileSync(png, '/tmp/minutes-page1.png');
    expect(text).not.toContain('草稿');
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const first = pages[0]!;
    const flat = (s: string) => s.replace(/\s+/g, '');
    // 版头, 文号, title, the hierarchy, the page number "— 1 —" — and no hash on the first page.
    expect(first).toContain(`${ISSUER}${f.allianceId.slice(-4)}`);
    expect(flat(first)).toContain(`〔${year}〕1号`);
    expect(first).toContain('第一次联席会议纪要');
    expect(flat(first)).toContain('时间：');
    expect(first).toContain('一、会议议题');
    expect(first).toMatch(/—\s*1\s*—/);
    expect(first).not.toMatch(/[0-9a-f]{64}/);
    expect(pages[1]).toMatch(/—\s*2\s*—/);
    // Nowhere but the last page carries a hash: not the body, not a footer.
    for (const page of pages.slice(0, -1)) expect(flat(page)).not.toMatch(/[0-9a-f]{64}/);
    const last = flat(pages.at(-1)!);
    expect(last).toContain('核验信息');
    expect(last).toContain(published.publishedSha256!);
    expect(last).toContain(`〔${year}〕1号`);
    // 版记: 分送 and 印发 at the foot of the last page.
    expect(last).toContain(`分送：${published.confirmations[0]!.unit.name}`);
    expect(last).toMatch(/\d{4}年\d{1,2}月\d{1,2}日印发/);

    // The DOCX names the standard's faces, so a government PC that has them shows them.
    const docx = await download(server, f.observer.api, `/meetings/${f.meetingId}/minutes.docx`);
    const xml = xmlParts(docx.body).get('word/document.xml')!;
    for (const face of ['方正小标宋简体', '仿宋_GB2312', '黑体', '楷体_GB2312']) {
      expect(xml).toContain(`w:eastAsia="${face}"`);
    }
    const { value: docxText } = await mammoth.extractRawText({ buffer: docx.body });
    expect(docxText).toContain(`〔${year}〕1号`);
    expect(docxText).toContain('核验信息');
    expect(docxText).not.toContain('草稿');
    expect(
      await server.ctx.db.models.AuditEvent.countDocuments({ targetId: f.meetingId, action: 'minutes.publish' }),
    ).toBe(1);
  });

  /** Holds a meeting of the fixture's alliance (no check-ins needed), adjourns and publishes its minutes. */
  async function holdAndPublish(fx: RoomFixture, meetingId: string) {
    const c = await connect(server, fx.secretary.token);
    try {
      ok(await send(c, 'meeting:join', { meetingId }));
      ok(await send(c, 'meeting:start', { meetingId, override: { reason: '测试：无需法定人数' } }));
      ok(await send(c, 'meeting:adjourn', { meetingId }));
    } finally {
      c.disconnect();
    }
    expect((await fx.secretary.get(`/meetings/${meetingId}/minutes`)).status).toBe(200);
    const published = await fx.secretary.post<Minutes>(`/meetings/${meetingId}/minutes/publish`);
    expect(published.status).toBe(200);
    return published.body;
  }

  it('文号 count per alliance and per year: the next meeting takes 2号, another alliance starts at 1号', async () => {
    const second = await f.secretary.post(`/alliances/${f.allianceId}/meetings`, {
      title: '联席会议（二）',
      scheduledAt: new Date(Date.now() + 7200_000).toISOString(),
      place: '党群服务中心',
    });
    expect(second.status).toBe(201);
    expect((await f.secretary.post(`/meetings/${second.body.id}/schedule`)).status).toBe(200);
    expect((await holdAndPublish(f, second.body.id)).docNumber).toBe(`〔${year}〕2号`);
    // The second meeting's minutes review the item the first one assigned (前期督办事项), as found.
    const md = (await download(server, f.secretary, `/meetings/${second.body.id}/minutes.md`)).body.toString('utf8');
    expect(md).toMatch(/二、前期督办事项落实情况/);
    expect(md).toContain('前期交办督办事项1项，其中已办结销号0项，已提请验收0项，正在办理1项。');
    // With its light when the meeting began (assigned just before, far from its deadline: green).
    expect(md).toMatch(/\*\*1\.背街小巷环境整治督办\*\*。牵头单位：[^；]+；完成时限：\d{4}年\d+月\d+日；亮灯：绿灯（正常推进）；尚未启动，完成0%。/);
    expect(md).toMatch(/三、议定事项/);

    const other = await setUpAlliance(server, 2);
    const theirs = await holdAndPublish(other, other.meetingId);
    expect(theirs.docNumber).toBe(`〔${year}〕1号`);
    // Without a 版头 of its own, the alliance's name heads its minutes.
    expect(theirs.letterhead.issuer).toMatch(/^测试联合体/);

    // One counter per alliance and year; a new year starts again at 1, and numbers taken at the
    // same time are all different.
    const { DocNumberCounter } = server.ctx.db.models;
    expect(await DocNumberCounter.countDocuments({ alliance: f.allianceId, year })).toBe(1);
    const alliance = new mongoose.Types.ObjectId(f.allianceId);
    const take = () =>
      server.ctx.db.connection.transaction((session) =>
        nextDocNumber(server.ctx.db.models, alliance, year + 1, session),
      );
    expect(await take()).toBe(1);
    const together = await Promise.all([take(), take(), take()]);
    expect([...together].sort()).toEqual([2, 3, 4]);
    expect(await DocNumberCounter.countDocuments({ alliance: f.allianceId, year: year + 1 })).toBe(1);
    // The published record keeps its number.
    const stored = await server.ctx.db.models.Minutes.findOne({ meeting: f.meetingId }).lean();
    expect(stored?.docNumber).toMatchObject({ year, seq: 1 });
  });
});
