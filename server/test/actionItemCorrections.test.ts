import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionItemCreateSchema, ActionItemDetailSchema, ActionItemPatchSchema } from '@tongxin/shared';
import { actionItemCreator } from '../src/commands/actionItemCreator.js';
import { actionItemDeleter } from '../src/commands/actionItemDeleter.js';
import { actionItemEditor } from '../src/commands/actionItemEditor.js';
import { actionItemExtender } from '../src/commands/actionItemExtender.js';
import { actionItemProgressReporter } from '../src/commands/actionItemProgressReporter.js';
import { actionItemTransitioner } from '../src/commands/actionItemTransitioner.js';
import { itemFacts, readableActionItem } from '../src/commands/actionItemLoader.js';
import { actionItemAbilities } from '../src/policies/abilities.js';
import { actionItemViews } from '../src/views/actionItem.js';
import { AppError } from '../src/errors.js';
import { codeOf } from './support/commandContext.js';
import {
  assignedItem,
  bringTo,
  foundAlliance,
  openTestDatabase,
  scheduledMeeting,
  type AllianceFixture,
  type TestDatabase,
} from './support/commandFixtures.js';
import { connect, nextEvent, ok, send, setUpAlliance, type RoomClient, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import type { Actor } from '../src/auth/actor.js';

/**
 * Correcting an action item (督办事项) once assigned: editing what it says, extending its deadline
 * (延期) with a reason and the old date kept, and deleting one assigned by mistake — only while
 * nothing has happened to it; afterwards it is cancelled with a reason instead.
 */
describe('correcting action items (commands)', () => {
  let db: TestDatabase;
  let f: AllianceFixture;
  let meetingId: string;
  const LEAD = 1;

  beforeAll(async () => {
    db = await openTestDatabase();
    f = await foundAlliance(db);
    meetingId = await scheduledMeeting(f);
  });
  afterAll(async () => {
    await db?.dispose();
  });

  const secretary = () => f.as(f.secretary);
  const lead = () => f.as(f.reps[LEAD]!);
  const audits = (itemId: string) => db.models.AuditEvent.find({ targetId: itemId }).sort({ at: 1 }).lean();
  const viewAt = async (itemId: string, now = new Date()) =>
    (await actionItemViews(db.models, { _id: itemId }, now))[0]!;
  const patch = (p: Record<string, unknown>) => ActionItemPatchSchema.parse({ reason: '会后核实，修正交办内容', ...p });
  /** An item due on `dueDate`, assigned outside a meeting, led by `f.reps[LEAD]`'s unit. */
  const itemDue = async (dueDate: string) =>
    String(
      (
        await actionItemCreator(secretary(), {
          ...ActionItemCreateSchema.parse({
            title: '整治和平里小区楼道堆物',
            leadUnit: f.units[LEAD],
            responsiblePerson: '李秀英',
            dueDate,
          }),
          allianceId: f.allianceId,
        })
      )._id,
    );

  describe('editing (修改)', () => {
    it('a secretary corrects title, description, measures, responsible person and cooperating units; the audit keeps each field before and after, and the reason', async () => {
      const itemId = await assignedItem(f, meetingId, LEAD);
      const ctx = secretary();
      const updated = await actionItemEditor(
        ctx,
        itemId,
        patch({
          title: '摸排辖区老旧小区加装电梯意愿（第一批）',
          description: '先摸排和平里片区 12 栋楼',
          measures: '逐楼栋入户摸排，两周汇总一次。',
          responsiblePerson: '王芳',
          cooperatingUnits: [f.units[2], f.units[3]],
        }),
      );
      expect(updated).toMatchObject({ title: '摸排辖区老旧小区加装电梯意愿（第一批）', responsiblePerson: '王芳' });
      expect(ctx.events).toEqual([{ type: 'actionItem.edited', allianceId: f.allianceId, meetingId, itemId }]);
      const view = await viewAt(itemId);
      expect(view.cooperatingUnits.map((u) => u.name)).toEqual(['区住房和城乡建设局', '城投建设集团有限公司']);
      expect(view.measures).toBe('逐楼栋入户摸排，两周汇总一次。');
      const edit = (await audits(itemId)).at(-1)!;
      expect(edit.action).toBe('actionItem.edit');
      expect(edit.changes).toEqual([
        { field: 'title', before: '摸排辖区老旧小区加装电梯意愿', after: '摸排辖区老旧小区加装电梯意愿（第一批）' },
        { field: 'description', before: '', after: '先摸排和平里片区 12 栋楼' },
        {
          field: 'measures',
          before: '逐楼栋入户摸排，建立意愿台账，每周汇总上报街道。',
          after: '逐楼栋入户摸排，两周汇总一次。',
        },
        { field: 'responsiblePerson', before: '李秀英', after: '王芳' },
        { field: 'cooperatingUnits', before: [f.units[2]], after: [f.units[2], f.units[3]] },
        { field: 'reason', after: '会后核实，修正交办内容' },
      ]);
    });

    it('only the fields that really change are written and audited; the same values again are "nothing to change"', async () => {
      const itemId = await assignedItem(f, meetingId, LEAD);
      await actionItemEditor(
        secretary(),
        itemId,
        patch({ title: '摸排辖区老旧小区加装电梯意愿', responsiblePerson: '赵磊' }),
      );
      const edit = (await audits(itemId)).at(-1)!;
      expect(edit.changes).toEqual([
        { field: 'responsiblePerson', before: '李秀英', after: '赵磊' },
        { field: 'reason', after: '会后核实，修正交办内容' },
      ]);
      const before = (await audits(itemId)).length;
      const same = actionItemEditor(
        secretary(),
        itemId,
        // The same set of cooperating units in another order is no change either.
        patch({ responsiblePerson: '赵磊', cooperatingUnits: [f.units[2]] }),
      );
      await expect(same).rejects.toMatchObject({
        code: 'VALIDATION',
        message: expect.stringContaining('nothing to change'),
      });
      expect(await audits(itemId)).toHaveLength(before);
    });

    it('the patch schema refuses a patch that names no field, and one without a reason', () => {
      expect(ActionItemPatchSchema.safeParse({ reason: '无' }).success).toBe(false);
      expect(ActionItemPatchSchema.safeParse({ title: '新标题' }).success).toBe(false);
      expect(ActionItemPatchSchema.safeParse({ title: '新标题', reason: '  ' }).success).toBe(false);
      expect(ActionItemPatchSchema.safeParse({ title: '', reason: '更正' }).success).toBe(false);
      expect(ActionItemPatchSchema.safeParse({ title: '新标题', reason: '更正' }).success).toBe(true);
    });

    it('cooperating units must be member units other than the lead unit; a refused edit changes nothing', async () => {
      const itemId = await assignedItem(f, meetingId, LEAD);
      const outsiderUnit = f.outsider.unit!;
      for (const units of [[outsiderUnit], [f.units[LEAD]!]]) {
        const err = await actionItemEditor(secretary(), itemId, patch({ cooperatingUnits: units })).catch(
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(AppError);
        expect(err).toMatchObject({ code: 'VALIDATION', details: { field: 'cooperatingUnits' } });
      }
      expect((await viewAt(itemId)).cooperatingUnits.map((u) => u.id)).toEqual([f.units[2]]);
      expect((await audits(itemId)).map((a) => a.action)).toEqual(['actionItem.create']);
    });

    it('the lead unit rewrites its own measures, nothing else; other units, observers and outsiders change nothing', async () => {
      const itemId = await assignedItem(f, meetingId, LEAD);
      expect(await codeOf(actionItemEditor(lead(), itemId, patch({ measures: '每周一、三入户，周五汇总。' })))).toBe(
        'ok',
      );
      expect(await codeOf(actionItemEditor(lead(), itemId, patch({ title: '改个标题' })))).toBe('FORBIDDEN');
      expect(await codeOf(actionItemEditor(lead(), itemId, patch({ measures: '再改', responsiblePerson: '我' })))).toBe(
        'FORBIDDEN',
      );
      const cooperating = f.as(f.reps[2]!);
      expect(await codeOf(actionItemEditor(cooperating, itemId, patch({ measures: '配合单位改的' })))).toBe(
        'FORBIDDEN',
      );
      expect(await codeOf(actionItemEditor(f.as(f.observer), itemId, patch({ measures: '列席单位改的' })))).toBe(
        'FORBIDDEN',
      );
      expect(await codeOf(actionItemEditor(f.as(f.outsider), itemId, patch({ measures: '外单位改的' })))).not.toBe(
        'ok',
      );
      // The convener of the meeting that assigned it supervises it.
      expect(await codeOf(actionItemEditor(f.as(f.reps[0]!), itemId, patch({ title: '召集单位修正的标题' })))).toBe(
        'ok',
      );
      expect((await viewAt(itemId)).measures).toBe('每周一、三入户，周五汇总。');
    });

    it('a convener whose own unit leads the item rewrites only its measures, like any lead unit', async () => {
      const own = await assignedItem(f, meetingId, 0);
      const convener = () => f.as(f.reps[0]!);
      expect(await codeOf(actionItemEditor(convener(), own, patch({ title: '自己改自己的事项' })))).toBe('FORBIDDEN');
      expect(await codeOf(actionItemEditor(convener(), own, patch({ measures: '街道牵头，每周调度。' })))).toBe('ok');
      expect(await codeOf(actionItemDeleter(convener(), own))).toBe('FORBIDDEN');
    });

    it('a closed (销号) or cancelled item is a settled record and is no longer corrected', async () => {
      for (const status of ['closed', 'cancelled'] as const) {
        const itemId = await assignedItem(f, meetingId, LEAD);
        await bringTo(f, itemId, LEAD, status);
        expect(await codeOf(actionItemEditor(secretary(), itemId, patch({ title: '补改标题' })))).toBe('INVALID_STATE');
      }
    });
  });

  describe('extending the deadline (延期)', () => {
    const NOW = new Date('2026-11-30T04:00:00Z'); // noon in Beijing

    it('an overdue item extended by a secretary is no longer overdue; the old date, the reason and who granted it are kept', async () => {
      const itemId = await itemDue('2026-11-20');
      expect((await viewAt(itemId, NOW)).overdue).toBe(true);
      const ctx = secretary();
      await actionItemExtender(ctx, itemId, { dueDate: '2026-12-15', reason: '施工队进场推迟，需等待住建局审批' }, NOW);
      expect(ctx.events).toEqual([{ type: 'actionItem.extended', allianceId: f.allianceId, meetingId: null, itemId }]);
      const view = await viewAt(itemId, NOW);
      expect(view).toMatchObject({ dueDate: '2026-12-15', originalDueDate: '2026-11-20', overdue: false });
      expect(view.deadlineHistory).toEqual([
        {
          from: '2026-11-20',
          to: '2026-12-15',
          reason: '施工队进场推迟，需等待住建局审批',
          by: { id: f.secretary.id, name: '孙丽' },
          unit: { id: f.units[0], name: '和平街道党工委' },
          at: NOW.toISOString(),
        },
      ]);
      // Overdue is reckoned from the deadline in force: after the new one passes, it is overdue again.
      expect((await viewAt(itemId, new Date('2026-12-16T04:00:00Z'))).overdue).toBe(true);
      const audit = (await audits(itemId)).at(-1)!;
      expect(audit).toMatchObject({
        action: 'actionItem.extend',
        changes: [
          { field: 'dueDate', before: '2026-11-20', after: '2026-12-15' },
          { field: 'reason', after: '施工队进场推迟，需等待住建局审批' },
        ],
      });
    });

    it('a second extension keeps the first promised date as the original', async () => {
      const itemId = await itemDue('2026-12-01');
      await actionItemExtender(secretary(), itemId, { dueDate: '2026-12-20', reason: '第一次延期' }, NOW);
      await actionItemExtender(secretary(), itemId, { dueDate: '2027-01-10', reason: '第二次延期' }, NOW);
      const view = await viewAt(itemId, NOW);
      expect(view.originalDueDate).toBe('2026-12-01');
      expect(view.deadlineHistory.map((e) => [e.from, e.to])).toEqual([
        ['2026-12-01', '2026-12-20'],
        ['2026-12-20', '2027-01-10'],
      ]);
    });

    it('the new deadline must be later than the current one and not in the past; a refusal changes nothing', async () => {
      const itemId = await itemDue('2026-11-20');
      const extend = (dueDate: string) =>
        actionItemExtender(secretary(), itemId, { dueDate, reason: '延期' }, NOW).catch((e: unknown) => e);
      expect(await extend('2026-11-20')).toMatchObject({
        code: 'VALIDATION',
        details: { field: 'dueDate', problem: 'notLater' },
      });
      expect(await extend('2026-11-10')).toMatchObject({ code: 'VALIDATION', details: { problem: 'notLater' } });
      expect(await extend('2026-11-25')).toMatchObject({ code: 'VALIDATION', details: { problem: 'past' } });
      const view = await viewAt(itemId, NOW);
      expect(view).toMatchObject({ dueDate: '2026-11-20', deadlineHistory: [], overdue: true });
      // Today itself is a valid deadline: work is due by the end of its day.
      expect(
        await codeOf(actionItemExtender(secretary(), itemId, { dueDate: '2026-11-30', reason: '今日办结' }, NOW)),
      ).toBe('ok');
    });

    it('the lead unit does not grant itself more time, nor does another unit; a handed-in or settled item keeps its deadline', async () => {
      const itemId = await assignedItem(f, meetingId, LEAD);
      const ask = (actor: Actor) =>
        actionItemExtender(f.as(actor), itemId, { dueDate: '2027-12-31', reason: '延期' }, NOW);
      expect(await codeOf(ask(f.reps[LEAD]!))).toBe('FORBIDDEN');
      expect(await codeOf(ask(f.reps[3]!))).toBe('FORBIDDEN');
      expect(await codeOf(ask(f.reps[0]!))).toBe('ok'); // the convener of the source meeting
      for (const status of ['awaiting_verification', 'closed', 'cancelled'] as const) {
        const other = await assignedItem(f, meetingId, LEAD);
        await bringTo(f, other, LEAD, status);
        expect(
          await codeOf(actionItemExtender(secretary(), other, { dueDate: '2027-12-31', reason: '延期' }, NOW)),
        ).toBe('INVALID_STATE');
      }
    });
  });

  describe('deleting, or cancelling instead', () => {
    it('a secretary deletes an item nothing has happened to; the audit keeps its title', async () => {
      const itemId = await assignedItem(f, meetingId, LEAD);
      const ctx = secretary();
      expect(await actionItemDeleter(ctx, itemId)).toEqual({ id: itemId, allianceId: f.allianceId, meetingId });
      expect(ctx.events).toEqual([{ type: 'actionItem.deleted', allianceId: f.allianceId, meetingId, itemId }]);
      expect(await db.models.ActionItem.findById(itemId)).toBeNull();
      expect(await codeOf(readableActionItem(secretary(), itemId))).toBe('NOT_FOUND');
      const audit = (await audits(itemId)).at(-1)!;
      expect(audit.action).toBe('actionItem.delete');
      expect(audit.changes).toEqual(
        expect.arrayContaining([
          { field: 'title', before: '摸排辖区老旧小区加装电梯意愿' },
          { field: 'leadUnit', before: f.units[LEAD] },
        ]),
      );
    });

    it('after a progress report it cannot be deleted — it is cancelled with a reason instead, and its history stays', async () => {
      const itemId = await assignedItem(f, meetingId, LEAD);
      await actionItemProgressReporter(lead(), itemId, { text: '已摸排 3 栋楼', percent: 20 });
      const refused = await actionItemDeleter(secretary(), itemId).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'INVALID_STATE', details: { cancelInstead: true } });
      expect(await db.models.ActionItem.findById(itemId)).not.toBeNull();
      await actionItemTransitioner(secretary(), itemId, {
        transition: 'cancel',
        note: '该片区纳入市级改造计划，不再单独督办',
      });
      const view = await viewAt(itemId);
      expect(view.status).toBe('cancelled');
      expect(view.progress.map((p) => p.text)).toEqual(['已摸排 3 栋楼']);
      expect(view.steps.at(-1)).toMatchObject({ transition: 'cancel', note: '该片区纳入市级改造计划，不再单独督办' });
      expect(await codeOf(actionItemDeleter(secretary(), itemId))).toBe('INVALID_STATE');
    });

    it('an item moved on without a report (started, cancelled) is not deleted either', async () => {
      for (const status of ['in_progress', 'cancelled'] as const) {
        const itemId = await assignedItem(f, meetingId, LEAD);
        await bringTo(f, itemId, LEAD, status);
        expect(await codeOf(actionItemDeleter(secretary(), itemId))).toBe('INVALID_STATE');
      }
    });

    it('only whoever may assign it deletes it: not the lead unit, another unit or an observer', async () => {
      const itemId = await assignedItem(f, meetingId, LEAD);
      for (const actor of [f.reps[LEAD]!, f.reps[3]!, f.observer]) {
        expect(await codeOf(actionItemDeleter(f.as(actor), itemId))).toBe('FORBIDDEN');
      }
      expect(await db.models.ActionItem.findById(itemId)).not.toBeNull();
    });
  });

  describe('what the viewer may do (abilities)', () => {
    const can = async (actor: Actor, itemId: string) => {
      const { item, alliance, convenerUnit } = await readableActionItem(f.as(actor), itemId);
      return actionItemAbilities(actor, alliance, itemFacts(item, convenerUnit));
    };

    it('follows the policies and the status: the secretary may correct, extend and delete a fresh item; the lead unit its measures', async () => {
      const itemId = await assignedItem(f, meetingId, LEAD);
      expect(await can(f.secretary, itemId)).toEqual({
        transitions: ['cancel'],
        report: false,
        edit: ['title', 'description', 'measures', 'responsiblePerson', 'cooperatingUnits'],
        extend: true,
        delete: true,
        acknowledge: false,
        requestExtension: false,
        decideExtension: false,
        nudge: true,
      });
      expect(await can(f.reps[LEAD]!, itemId)).toEqual({
        transitions: ['start', 'submit'],
        report: true,
        edit: ['measures'],
        extend: false,
        delete: false,
        acknowledge: true,
        requestExtension: true,
        decideExtension: false,
        nudge: false,
      });
      expect(await can(f.reps[2]!, itemId)).toEqual({
        transitions: [],
        report: false,
        edit: [],
        extend: false,
        delete: false,
        acknowledge: false,
        requestExtension: false,
        decideExtension: false,
        nudge: false,
      });
      await actionItemProgressReporter(lead(), itemId, { text: '开始摸排', percent: 5 });
      expect(await can(f.secretary, itemId)).toMatchObject({ transitions: ['cancel'], extend: true, delete: false });
      await actionItemTransitioner(lead(), itemId, { transition: 'submit' });
      await actionItemTransitioner(secretary(), itemId, { transition: 'verify' });
      expect(await can(f.secretary, itemId)).toEqual({
        transitions: [],
        report: false,
        edit: [],
        extend: false,
        delete: false,
        acknowledge: false,
        requestExtension: false,
        decideExtension: false,
        nudge: false,
      });
    });
  });
});

describe('correcting action items over REST, live on every screen', () => {
  let server: TestServer;
  let f: RoomFixture;
  let inRoom: RoomClient;
  let onChannel: RoomClient;

  beforeAll(async () => {
    server = await startTestServer();
    f = await setUpAlliance(server, 3);
    inRoom = await connect(server, f.reps[1]!.api.token);
    onChannel = await connect(server, f.reps[2]!.api.token);
    ok(await send(inRoom, 'meeting:join', { meetingId: f.meetingId }));
    ok(await send(onChannel, 'alliance:subscribe', { allianceId: f.allianceId }));
  });
  afterAll(async () => {
    for (const s of [inRoom, onChannel]) s?.disconnect();
    await server?.dispose();
  });

  const create = async (title: string) => {
    const res = await f.secretary.post(`/alliances/${f.allianceId}/action-items`, {
      title,
      leadUnit: f.reps[1]!.unit,
      cooperatingUnits: [],
      responsiblePerson: '李秀英',
      dueDate: '2099-06-30',
      meetingId: f.meetingId,
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  it('an item’s page reads what the viewer may do with it', async () => {
    const id = await create('设置垃圾分类督导员');
    const asSecretary = ActionItemDetailSchema.parse((await f.secretary.get(`/action-items/${id}`)).body);
    expect(asSecretary.can).toMatchObject({ extend: true, delete: true, edit: expect.arrayContaining(['title']) });
    const asLead = ActionItemDetailSchema.parse((await f.reps[1]!.api.get(`/action-items/${id}`)).body);
    expect(asLead.can).toMatchObject({ extend: false, delete: false, edit: ['measures'], report: true });
  });

  it('an edit and an extension reach the meeting room and the alliance channel', async () => {
    const id = await create('设置垃圾分类督导员（二）');
    const edited = [
      nextEvent(inRoom, 'actionItem:updated', (i) => i.id === id && i.responsiblePerson === '王芳'),
      nextEvent(onChannel, 'actionItem:updated', (i) => i.id === id && i.responsiblePerson === '王芳'),
    ];
    const res = await f.secretary.patch(`/action-items/${id}`, { responsiblePerson: '王芳', reason: '人员调整' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ responsiblePerson: '王芳', can: { delete: true } });
    await Promise.all(edited);

    const extended = nextEvent(onChannel, 'actionItem:updated', (i) => i.id === id && i.dueDate === '2099-09-30');
    const ext = await f.secretary.post(`/action-items/${id}/extend`, { dueDate: '2099-09-30', reason: '汛期顺延' });
    expect(ext.status).toBe(200);
    expect((await extended).deadlineHistory).toMatchObject([
      { from: '2099-06-30', to: '2099-09-30', reason: '汛期顺延' },
    ]);

    // The ledger's CSV carries the deadline in force and, for an extended item, the one first promised.
    const csv = await fetch(`${server.url}/api/alliances/${f.allianceId}/action-items.csv`, {
      headers: { authorization: `Bearer ${f.secretary.token}` },
    }).then((r) => r.text());
    const [header, ...rows] = csv.slice(1).trimEnd().split('\r\n');
    expect(header).toContain('完成时限,原定完成时限,状态');
    expect(rows.find((r) => r.includes('设置垃圾分类督导员（二）'))).toContain(',2099-09-30,2099-06-30,待办,');
    expect(rows.find((r) => r.includes('设置垃圾分类督导员,'))).toContain(',2099-06-30,,待办,');
  });

  it('bad input is refused with a clear error and changes nothing', async () => {
    const id = await create('更换小区路灯');
    const bad = [
      await f.secretary.patch(`/action-items/${id}`, { reason: '没有改什么' }),
      await f.secretary.patch(`/action-items/${id}`, { title: '新标题' }),
      await f.secretary.post(`/action-items/${id}/extend`, { dueDate: '2099-13-45', reason: '延期' }),
      await f.secretary.post(`/action-items/${id}/extend`, { dueDate: '2099-12-31' }),
      await f.secretary.post(`/action-items/${id}/transition`, { transition: 'cancel' }),
    ];
    expect(bad.map((r) => [r.status, r.body.error.code])).toEqual(Array(5).fill([400, 'VALIDATION']));
    const earlier = await f.secretary.post(`/action-items/${id}/extend`, { dueDate: '2099-01-01', reason: '延期' });
    expect([earlier.status, earlier.body.error.code]).toEqual([400, 'VALIDATION']);
    const audit = await server.ctx.db.models.AuditEvent.find({ targetId: id }).lean();
    expect(audit.map((a) => a.action)).toEqual(['actionItem.create']);
  });

  it('a deletion drops the item from the room and the ledger live; once reported, deleting is refused (409)', async () => {
    const id = await create('清理楼道小广告');
    const gone = [
      nextEvent(inRoom, 'actionItem:deleted', (p) => p.id === id),
      nextEvent(onChannel, 'actionItem:deleted', (p) => p.id === id),
    ];
    expect((await f.reps[1]!.api.delete(`/action-items/${id}`)).status).toBe(403);
    expect((await f.secretary.delete(`/action-items/${id}`)).status).toBe(204);
    expect((await Promise.all(gone)).map((p) => p.meetingId)).toEqual([f.meetingId, f.meetingId]);
    expect((await f.secretary.get(`/action-items/${id}`)).status).toBe(404);
    const snapshot = ok(await send(inRoom, 'meeting:join', { meetingId: f.meetingId }));
    expect(snapshot.actionItems.map((i) => i.id)).not.toContain(id);

    const reported = await create('清理楼道小广告（二）');
    expect(
      (await f.reps[1]!.api.post(`/action-items/${reported}/progress`, { text: '已清理 2 栋', percent: 30 })).status,
    ).toBe(201);
    const refused = await f.secretary.delete(`/action-items/${reported}`);
    expect([refused.status, refused.body.error.code]).toEqual([409, 'INVALID_STATE']);
    const cancelled = await f.secretary.post(`/action-items/${reported}/transition`, {
      transition: 'cancel',
      note: '由物业公司自行清理',
    });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', can: { delete: false, extend: false, edit: [] } });
  });
});
