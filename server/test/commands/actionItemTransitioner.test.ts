import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionItemStatus, ActionItemTransition } from '@tongxin/shared';
import { actionItemProgressReporter } from '../../src/commands/actionItemProgressReporter.js';
import { actionItemTransitioner } from '../../src/commands/actionItemTransitioner.js';
import { actionItemView } from '../../src/views/actionItem.js';
import { codeOf } from '../support/commandContext.js';
import {
  assignedItem,
  bringTo,
  foundAlliance,
  openTestDatabase,
  scheduledMeeting,
  type AllianceFixture,
  type TestDatabase,
} from '../support/commandFixtures.js';

/**
 * 督办事项, moved along as a plain function: the lead unit (牵头单位) starts and hands in the work; a
 * secretary or the convener of the meeting that assigned it verifies and closes it (销号), sends it
 * back, or cancels it — never the unit that did the work. Every test assigns its own items.
 */
describe('moving an action item along (actionItemTransitioner)', () => {
  let db: TestDatabase;
  let f: AllianceFixture;
  /** A meeting convened by the street (units[0]); its representative supervises what it assigns. */
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

  const lead = () => f.as(f.reps[LEAD]!);
  const statusOf = async (id: string) => (await db.models.ActionItem.findById(id, { status: 1 }).lean())?.status;

  it('the lead unit starts and hands in the work; the secretary verifies and closes it (销号)', async () => {
    const itemId = await assignedItem(f, meetingId, LEAD);
    const started = lead();
    expect((await actionItemTransitioner(started, itemId, { transition: 'start' })).status).toBe('in_progress');
    // Starting the work is the lead unit's 签收 as well.
    expect(started.events).toEqual([
      { type: 'actionItem.acknowledged', allianceId: f.allianceId, meetingId, itemId },
      { type: 'actionItem.transitioned', allianceId: f.allianceId, meetingId, itemId },
    ]);
    await actionItemProgressReporter(lead(), itemId, { text: '已完成入户摸排。', percent: 100 });
    expect((await actionItemTransitioner(lead(), itemId, { transition: 'submit' })).status).toBe(
      'awaiting_verification',
    );
    const verified = await actionItemTransitioner(f.as(f.secretary), itemId, {
      transition: 'verify',
      note: '现场验收合格',
    });
    expect(verified.status).toBe('closed');
    const view = await actionItemView(db.models, verified._id, new Date());
    expect(view.steps).toMatchObject([
      { transition: 'start', to: 'in_progress', note: null, by: { id: f.reps[LEAD]!.id } },
      { transition: 'submit', to: 'awaiting_verification', note: null, by: { id: f.reps[LEAD]!.id } },
      { transition: 'verify', to: 'closed', note: '现场验收合格', by: { name: '孙丽' } },
    ]);
  });

  // The state machine, spelled out: where each transition leads from each status, or '—' refused.
  const MACHINE: Record<ActionItemStatus, Record<ActionItemTransition, ActionItemStatus | '—'>> = {
    // A 待办 item is at 0 % (a report would have moved it on): nothing to hand in yet.
    todo: { start: 'in_progress', submit: '—', verify: '—', reopen: '—', cancel: 'cancelled' },
    in_progress: { start: '—', submit: 'awaiting_verification', verify: '—', reopen: '—', cancel: 'cancelled' },
    awaiting_verification: { start: '—', submit: '—', verify: 'closed', reopen: 'in_progress', cancel: 'cancelled' },
    closed: { start: '—', submit: '—', verify: '—', reopen: '—', cancel: '—' },
    cancelled: { start: '—', submit: '—', verify: '—', reopen: '—', cancel: '—' },
  };
  const BY_LEAD = new Set<ActionItemTransition>(['start', 'submit']);

  it.each(Object.keys(MACHINE) as ActionItemStatus[])(
    'from %s, only the transitions of the state machine are taken; the others are INVALID_STATE',
    async (from) => {
      const results = await Promise.all(
        (Object.keys(MACHINE[from]) as ActionItemTransition[]).map(async (transition) => {
          const itemId = await assignedItem(f, meetingId, LEAD);
          await bringTo(f, itemId, LEAD, from);
          const who = BY_LEAD.has(transition) ? lead() : f.as(f.secretary);
          const code = await codeOf(actionItemTransitioner(who, itemId, { transition }));
          return [transition, code === 'ok' ? await statusOf(itemId) : code === 'INVALID_STATE' ? '—' : code];
        }),
      );
      expect(Object.fromEntries(results)).toEqual(MACHINE[from]);
    },
  );

  it('a lead unit does not verify, send back or cancel its own work, even when it convenes the meeting', async () => {
    // The street convenes the meeting and leads this item: its representative supervises others' work, not its own.
    const itemId = await assignedItem(f, meetingId, 0);
    await bringTo(f, itemId, 0, 'awaiting_verification');
    const convener = f.reps[0]!;
    for (const transition of ['verify', 'reopen', 'cancel'] as const) {
      expect(await codeOf(actionItemTransitioner(f.as(convener), itemId, { transition }))).toBe('FORBIDDEN');
    }
    expect(await statusOf(itemId)).toBe('awaiting_verification');
    expect((await actionItemTransitioner(f.as(f.secretary), itemId, { transition: 'verify' })).status).toBe('closed');
  });

  it('the convener of the meeting that assigned the work verifies another unit’s work', async () => {
    const itemId = await assignedItem(f, meetingId, LEAD);
    await bringTo(f, itemId, LEAD, 'awaiting_verification');
    expect((await actionItemTransitioner(f.as(f.reps[0]!), itemId, { transition: 'verify' })).status).toBe('closed');
  });

  it('an item assigned outside a meeting has no convener: only a secretary signs it off', async () => {
    const itemId = await assignedItem(f, null, LEAD);
    await bringTo(f, itemId, LEAD, 'awaiting_verification');
    expect(await codeOf(actionItemTransitioner(f.as(f.reps[0]!), itemId, { transition: 'verify' }))).toBe('FORBIDDEN');
    const ctx = f.as(f.secretary);
    expect((await actionItemTransitioner(ctx, itemId, { transition: 'verify' })).status).toBe('closed');
    expect(ctx.events).toEqual([
      { type: 'actionItem.transitioned', allianceId: f.allianceId, meetingId: null, itemId },
    ]);
  });

  it('only the lead unit moves the work forward: not a cooperating unit, not a supervisor', async () => {
    const itemId = await assignedItem(f, meetingId, LEAD);
    const cooperating = f.reps[2]!; // assignedItem makes units[2] the cooperating unit
    for (const someone of [cooperating, f.secretary, f.reps[0]!]) {
      expect(await codeOf(actionItemTransitioner(f.as(someone), itemId, { transition: 'start' }))).toBe('FORBIDDEN');
      expect(await codeOf(actionItemTransitioner(f.as(someone), itemId, { transition: 'submit' }))).toBe('FORBIDDEN');
    }
    expect(await statusOf(itemId)).toBe('todo');
  });

  it('an observer unit and an outsider touch nothing', async () => {
    const itemId = await assignedItem(f, meetingId, LEAD);
    await bringTo(f, itemId, LEAD, 'awaiting_verification');
    for (const transition of ['start', 'submit', 'verify', 'reopen', 'cancel'] as const) {
      expect(await codeOf(actionItemTransitioner(f.as(f.observer), itemId, { transition }))).toBe('FORBIDDEN');
      expect(await codeOf(actionItemTransitioner(f.as(f.outsider), itemId, { transition }))).toBe('FORBIDDEN');
    }
    expect(await statusOf(itemId)).toBe('awaiting_verification');
  });

  it('work sent back (退回) keeps the reason on the item and goes back to the lead unit, who hands it in again', async () => {
    const itemId = await assignedItem(f, meetingId, LEAD);
    await bringTo(f, itemId, LEAD, 'awaiting_verification');
    const note = '佐证材料不全，请补充入户摸排照片和意愿台账。';
    expect((await actionItemTransitioner(f.as(f.secretary), itemId, { transition: 'reopen', note })).status).toBe(
      'in_progress',
    );
    // Back in the lead unit's hands: it reports progress and hands the work in again.
    await actionItemProgressReporter(lead(), itemId, { text: '已补充照片和台账。', percent: 100 });
    expect((await actionItemTransitioner(lead(), itemId, { transition: 'submit' })).status).toBe(
      'awaiting_verification',
    );
    const view = await actionItemView(db.models, new Types.ObjectId(itemId), new Date());
    expect(view.steps.map((s) => [s.transition, s.note])).toEqual([
      ['start', null],
      ['submit', null],
      ['reopen', note],
      ['submit', null],
    ]);
    const audit = await db.models.AuditEvent.findOne({ targetId: itemId, action: 'actionItem.reopen' }).lean();
    expect(audit?.changes).toEqual([
      { field: 'status', before: 'awaiting_verification', after: 'in_progress' },
      { field: 'note', after: note },
    ]);
  });

  it('two supervisors verifying at once: one closes it, the other finds it changed', async () => {
    const itemId = await assignedItem(f, meetingId, LEAD);
    await bringTo(f, itemId, LEAD, 'awaiting_verification');
    const codes = await Promise.all([
      codeOf(actionItemTransitioner(f.as(f.secretary), itemId, { transition: 'verify' })),
      codeOf(actionItemTransitioner(f.as(f.reps[0]!), itemId, { transition: 'cancel' })),
    ]);
    expect(codes.sort()).toEqual(['INVALID_STATE', 'ok']);
    expect(await db.models.ActionItemStep.countDocuments({ item: itemId, to: { $in: ['closed', 'cancelled'] } })).toBe(
      1,
    );
  });
});
