import { docName, DecisionWithdrawSchema, type DomainEvent } from '@tongxin/shared';
import { Types } from 'mongoose';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionCreator } from '../src/commands/decisionCreator.js';
import { decisionReviser } from '../src/commands/decisionReviser.js';
import { decisionWithdrawer } from '../src/commands/decisionWithdrawer.js';
import { DECISION_FIELD, versionFreezer } from '../src/commands/versionFreezer.js';
import { voteCloser } from '../src/commands/voteCloser.js';
import { fragmentToProsemirror, prosemirrorToText } from '../src/yjs/prosemirror.js';
import { docAccess } from '../src/yjs/access.js';
import { codeOf, withYjs } from './support/commandContext.js';
import {
  castAll,
  foundAlliance,
  frozenDecision,
  meetingInSession,
  openTestDatabase,
  openVote,
  type AllianceFixture,
  type TestDatabase,
} from './support/commandFixtures.js';
import { connect, nextEvent, ok, send, setUpAlliance, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { fragmentText, openDoc, until, writeParagraphs } from './support/yjsClient.js';

/**
 * Correcting a decision (决议): a draft that will not be put to the vote is withdrawn (撤回) with
 * a reason; a rejected or withdrawn one is revised into a new draft carrying its text, linked both
 * ways, and put to the vote again (修改后重新表决).
 */
describe('withdrawing and revising a decision', () => {
  let db: TestDatabase;
  let f: AllianceFixture;

  beforeAll(async () => {
    db = await openTestDatabase();
    f = await foundAlliance(db);
  });
  afterAll(async () => {
    await db?.dispose();
  });

  const stored = (id: string) => db.models.Decision.findById(id).lean();
  const draftText = (id: string) =>
    db.yjs.with(docName({ kind: 'decision', decisionId: id }), (shared) =>
      prosemirrorToText(fragmentToProsemirror(shared.ydoc.getXmlFragment(DECISION_FIELD))),
    );
  const write = (id: string, text: string) =>
    db.yjs.with(docName({ kind: 'decision', decisionId: id }), (shared) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(text)]);
      shared.ydoc.getXmlFragment(DECISION_FIELD).push([p]);
    });
  const reason = (r: string) => DecisionWithdrawSchema.parse({ reason: r });

  it('a secretary withdraws a draft with a reason; it is audited, and its editors turn read-only', async () => {
    const meetingId = await meetingInSession(f);
    const d = await decisionCreator(f.as(f.secretary), meetingId, { title: '关于设立共享停车位的决定' });
    const id = String(d._id);
    expect(await docAccess(db.models, f.reps[1]!, { kind: 'decision', decisionId: id })).toMatchObject({ mode: { mode: 'write' } });

    const ctx = f.as(f.secretary);
    await decisionWithdrawer(ctx, id, reason('与第三项议题合并审议'));
    expect(await stored(id)).toMatchObject({ status: 'withdrawn', withdrawal: { reason: '与第三项议题合并审议' } });
    expect(ctx.events.map((e: DomainEvent) => e.type)).toEqual(['decision.withdrawn']);
    const audit = await db.models.AuditEvent.findOne({ targetId: d._id, action: 'decision.withdraw' }).lean();
    expect(audit?.changes).toEqual([
      { field: 'status', before: 'drafting', after: 'withdrawn' },
      { field: 'reason', after: '与第三项议题合并审议' },
    ]);
    // The live-access re-check reads this: nobody writes into a withdrawn draft any more.
    expect(await docAccess(db.models, f.reps[1]!, { kind: 'decision', decisionId: id })).toMatchObject({
      mode: { mode: 'read', reason: 'decision_withdrawn' },
    });
  });

  it('only a secretary withdraws, only a draft, and never without a reason', async () => {
    const meetingId = await meetingInSession(f);
    const d = String((await decisionCreator(f.as(f.secretary), meetingId, { title: '关于调整议事规则的决定' }))._id);
    for (const someone of [f.reps[1]!, f.observer, f.outsider]) {
      expect(await codeOf(decisionWithdrawer(f.as(someone), d, reason('不再审议')))).toBe('FORBIDDEN');
    }
    expect(DecisionWithdrawSchema.safeParse({ reason: ' ' }).success).toBe(false);
    expect(DecisionWithdrawSchema.safeParse({}).success).toBe(false);
    expect((await stored(d))?.status).toBe('drafting');

    // Put to the vote, it is no longer a draft: the vote settles it, not a withdrawal.
    const voting = await frozenDecision(f, meetingId, '同意调整议事规则。');
    await openVote(f, meetingId, { decisionId: voting, version: 1 });
    expect(await codeOf(decisionWithdrawer(f.as(f.secretary), voting, reason('误操作')))).toBe('INVALID_STATE');
    expect((await stored(voting))?.status).toBe('voting');
    await decisionWithdrawer(f.as(f.secretary), d, reason('不再审议'));
    expect(await codeOf(decisionWithdrawer(f.as(f.secretary), d, reason('再次撤回')))).toBe('INVALID_STATE');
  });

  it('a withdrawn draft is revised into a new draft with the text it had, linked both ways', async () => {
    const meetingId = await meetingInSession(f);
    const d = String((await decisionCreator(f.as(f.secretary), meetingId, { title: '关于社区食堂运营的决定' }))._id);
    await write(d, '由和平里社区党委牵头运营社区食堂。');
    await decisionWithdrawer(f.as(f.secretary), d, reason('运营主体待定'));

    const ctx = withYjs(f.as(f.reps[1]!), db.yjs);
    const { draft } = await decisionReviser(ctx, d, {});
    const newId = String(draft._id);
    expect(ctx.events).toEqual([
      expect.objectContaining({ type: 'decision.revised', decisionId: newId, revisesId: d, meetingId }),
    ]);
    expect(await stored(newId)).toMatchObject({ status: 'drafting', title: '关于社区食堂运营的决定', versionCount: 0 });
    expect(String((await stored(newId))?.revises)).toBe(d);
    expect(String((await stored(d))?.revisedBy)).toBe(newId);
    expect((await stored(d))?.status).toBe('withdrawn');
    expect(await draftText(newId)).toBe('由和平里社区党委牵头运营社区食堂。');
    const audit = await db.models.AuditEvent.findOne({ targetId: draft._id, action: 'decision.revise' }).lean();
    expect(audit?.changes?.find((c) => c.field === 'decision')?.after).toEqual(new Types.ObjectId(d));
    // Once: a second revision of the same decision is refused (revise the new draft instead).
    expect(await codeOf(decisionReviser(withYjs(f.as(f.secretary), db.yjs), d, {}))).toBe('INVALID_STATE');
  });

  it('a draft, a decision being voted on or an adopted one is not revised; observers and outsiders never revise', async () => {
    const meetingId = await meetingInSession(f);
    const drafting = String((await decisionCreator(f.as(f.secretary), meetingId, { title: '草案' }))._id);
    expect(await codeOf(decisionReviser(withYjs(f.as(f.secretary), db.yjs), drafting, {}))).toBe('INVALID_STATE');
    const adopted = await frozenDecision(f, meetingId, '同意。');
    const voteId = await openVote(f, meetingId, { decisionId: adopted, version: 1 });
    expect(await codeOf(decisionReviser(withYjs(f.as(f.secretary), db.yjs), adopted, {}))).toBe('INVALID_STATE');
    await castAll(f, voteId, ['for', 'for', 'for']);
    await voteCloser(f.as(f.secretary), { voteId });
    expect(await codeOf(decisionReviser(withYjs(f.as(f.secretary), db.yjs), adopted, {}))).toBe('INVALID_STATE');
    await decisionWithdrawer(f.as(f.secretary), drafting, reason('重复'));
    for (const someone of [f.observer, f.outsider]) {
      expect(await codeOf(decisionReviser(withYjs(f.as(someone), db.yjs), drafting, {}))).toBe('FORBIDDEN');
    }
  });

  it('the full re-vote: rejected → revised with its text → frozen → voted → adopted, both linked', async () => {
    const meetingId = await meetingInSession(f);
    const first = await frozenDecision(f, meetingId, '同意由城投建设集团承建社区养老驿站。');
    const firstVote = await openVote(f, meetingId, { title: '关于建设社区养老驿站的决定', decisionId: first, version: 1 });
    await castAll(f, firstVote, ['for', 'against', 'against', 'against', 'for']);
    await voteCloser(f.as(f.secretary), { voteId: firstVote });
    expect((await stored(first))?.status).toBe('rejected');

    const { draft } = await decisionReviser(withYjs(f.as(f.secretary), db.yjs), first, { title: '关于建设社区养老驿站的决定（修改稿）' });
    const second = String(draft._id);
    // It carries the text the meeting turned down (the last frozen version), to be amended.
    expect(await draftText(second)).toBe('同意由城投建设集团承建社区养老驿站。');
    await write(second, '建设资金由街道统筹，区住建局负责质量监督。');
    const version = await versionFreezer(withYjs(f.as(f.secretary), db.yjs), second);
    expect(version.number).toBe(1);
    expect(version.text).toBe('同意由城投建设集团承建社区养老驿站。\n建设资金由街道统筹，区住建局负责质量监督。');

    const secondVote = await openVote(f, meetingId, { title: '关于建设社区养老驿站的决定（修改稿）', decisionId: second, version: 1 });
    await castAll(f, secondVote, ['for', 'for', 'for', 'against', 'abstain']);
    const { vote } = await voteCloser(f.as(f.secretary), { voteId: secondVote });
    expect(vote.result).toMatchObject({ outcome: 'adopted', counts: { for: 3, against: 1, abstain: 1 } });
    expect(await stored(second)).toMatchObject({ status: 'adopted' });
    expect(String((await stored(second))?.revises)).toBe(first);
    expect(await stored(first)).toMatchObject({ status: 'rejected' });
    expect(String((await stored(first))?.revisedBy)).toBe(second);
  });
});

/** The same corrections over REST, with the draft open in live editors (a real server, real sockets). */
describe('withdrawing and revising, as open editors and meeting screens see it', () => {
  let server: TestServer;
  let f: RoomFixture;
  beforeAll(async () => {
    server = await startTestServer();
    f = await setUpAlliance(server, 3);
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('withdrawing turns an open editor read-only at once; revising answers with the new draft carrying the text', async () => {
    const created = await f.secretary.post(`/meetings/${f.meetingId}/decisions`, { title: '关于错峰停车的决定' });
    const decision = created.body as { id: string; docName: string };
    const editor = await openDoc(server, decision.docName, f.reps[1]!.api.token);
    const page = await connect(server, f.reps[0]!.api.token);
    try {
      ok(await send(page, 'alliance:subscribe', { allianceId: f.allianceId }));
      writeParagraphs(editor.doc, ['夜间开放机关停车场供居民错峰停车。']);
      await until(() => editor.access()?.mode === 'write', 'the editor to be writable');
      const before = await f.secretary.get(`/decisions/${decision.id}`);
      expect(before.body.can).toEqual({ edit: true, freeze: true, withdraw: true, revise: false });
      // A representative sees no withdraw button: the server says so, and refuses it too.
      expect((await f.reps[1]!.api.get(`/decisions/${decision.id}`)).body.can.withdraw).toBe(false);
      expect((await f.reps[1]!.api.post(`/decisions/${decision.id}/withdraw`, { reason: '不再审议' })).status).toBe(403);
      expect((await f.secretary.post(`/decisions/${decision.id}/withdraw`, { reason: '' })).status).toBe(400);

      await until(() => fragmentText(editor.doc).includes('错峰停车'), 'the text to be written');
      await server.ctx.yjs.flushAll();
      const heard = nextEvent(page, 'decision:changed', (p) => p.decisionId === decision.id, 5_000);
      const withdrawn = await f.secretary.post(`/decisions/${decision.id}/withdraw`, { reason: '待交通部门评估后再议' });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body).toMatchObject({
        status: 'withdrawn',
        withdrawal: { reason: '待交通部门评估后再议', by: { name: expect.any(String) } },
        can: { edit: false, withdraw: false, revise: true },
      });
      await heard;
      await until(() => editor.access()?.mode === 'read', 'the editor to turn read-only');
      expect(editor.access()).toEqual({ mode: 'read', reason: 'decision_withdrawn' });

      const revised = await f.reps[1]!.api.post(`/decisions/${decision.id}/revise`, {});
      expect(revised.status).toBe(201);
      expect(revised.body).toMatchObject({
        status: 'drafting',
        title: '关于错峰停车的决定',
        revises: { id: decision.id, title: '关于错峰停车的决定' },
        revisedBy: null,
      });
      const earlier = await f.secretary.get(`/decisions/${decision.id}`);
      expect(earlier.body.revisedBy).toEqual({ id: revised.body.id, title: '关于错峰停车的决定' });
      expect(earlier.body.can.revise).toBe(false);
      const next = await openDoc(server, revised.body.docName as string, f.reps[2]!.api.token);
      await until(() => fragmentText(next.doc).includes('夜间开放机关停车场'), 'the new draft to carry the text');
      expect(next.access()).toEqual({ mode: 'write' });
      next.close();
      const list = await f.secretary.get(`/meetings/${f.meetingId}/decisions`);
      expect(list.body.items.map((d: { status: string }) => d.status)).toEqual(['withdrawn', 'drafting']);
    } finally {
      editor.close();
      page.disconnect();
    }
  });
});
