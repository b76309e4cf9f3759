import { MeetingCreateSchema, acknowledgementDueAt, zonedInstant } from '@tongxin/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SettableClock } from '../src/clock.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { actionItemTransitioner } from '../src/commands/actionItemTransitioner.js';
import { meetingCreator } from '../src/commands/meetingCreator.js';
import { meetingRescheduler } from '../src/commands/meetingRescheduler.js';
import { meetingTransitioner } from '../src/commands/meetingUpdater.js';
import type { NotifyRequest } from '../src/notify/notifier.js';
import { reminderScheduler, type ReminderScheduler } from '../src/notify/reminders.js';
import {
  assignedItem,
  castAll,
  foundAlliance,
  meetingInSession,
  openVote,
  type AllianceFixture,
  type TestDatabase,
} from './support/commandFixtures.js';
import { startTestServer, type TestServer } from './support/testServer.js';

/** A moment on a Beijing clock: `2026-02-13T10:00`. */
const bj = (local: string) => zonedInstant(local);

interface Delivery {
  key: string;
  kind: string;
  req?: NotifyRequest;
  digest?: { userId: string; day: string };
}

/**
 * The reminder scheduler against a real server's database, with the clock set by the test and the
 * deliveries recorded instead of notified: two scheduler instances tick at once at every step, as
 * two processes behind a load balancer do, and each occurrence must be delivered exactly once.
 */
describe('reminders (提醒) derived from the records, once per occurrence', () => {
  const clock = new SettableClock(bj('2026-02-13T10:00'), { frozen: true });
  let server: TestServer;
  let f: AllianceFixture;
  let a: ReminderScheduler;
  let b: ReminderScheduler;
  const delivered: Delivery[] = [];
  let seen = 0;
  const recorder = {
    deliver: (req: NotifyRequest) => {
      delivered.push({ key: req.key, kind: req.kind, req });
      return Promise.resolve();
    },
    digest: (userId: string, day: string) => {
      delivered.push({ key: `digest:${userId}:${day}`, kind: 'digest.daily', digest: { userId, day } });
      return Promise.resolve();
    },
    tickMs: 0,
    leaseMs: 60_000,
  };

  /** Sets the clock, ticks both instances at once and then one of them again; what came out since the last step. */
  async function at(local: string): Promise<Delivery[]> {
    clock.set(bj(local), { frozen: true });
    await Promise.all([a.tick(), b.tick()]);
    await a.tick();
    const fresh = delivered.slice(seen);
    seen = delivered.length;
    return fresh;
  }
  const about = (id: string, list: Delivery[]) => list.filter((d) => d.key.includes(id));
  const kinds = (list: Delivery[]) => list.map((d) => d.kind);

  beforeAll(async () => {
    server = await startTestServer({ SEED_DEMO: 'false', REMINDER_TICK_MS: '0' }, { clock });
    const db: TestDatabase = {
      models: server.ctx.db.models,
      connection: server.ctx.db.connection,
      yjs: server.ctx.yjs,
      dispose: () => Promise.resolve(),
    };
    f = await foundAlliance(db);
    a = reminderScheduler(server.ctx, recorder);
    b = reminderScheduler(server.ctx, recorder);
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await server?.dispose();
  });

  it('walks an item through 春节 2026: 签收 overdue, due in 3 working days over a 调休 Saturday, due today, overdue day by day, handed in', async () => {
    const models = server.ctx.db.models;
    // Assigned on Friday 13 February, the last working day before the Spring Festival holiday.
    const itemId = await assignedItem(f, null, 1);
    const ackDueAt = acknowledgementDueAt(bj('2026-02-13T10:00'), 2);
    // 14 Feb is a 调休 Saturday (worked), 15–23 Feb are off: the 2nd working day is 24 Feb.
    expect(ackDueAt.toISOString()).toBe(new Date(bj('2026-02-25T00:00').getTime() - 1).toISOString());
    await models.ActionItem.updateOne({ _id: itemId }, { $set: { dueDate: '2026-03-02', ackDueAt, acknowledgedAt: null } });

    expect(about(itemId, await at('2026-02-13T10:00'))).toEqual([]);
    expect(about(itemId, await at('2026-02-24T20:00'))).toEqual([]);
    // 签收时限 passed at midnight; day reminders wait for office hours.
    expect(about(itemId, await at('2026-02-25T07:30'))).toEqual([]);
    const ack = about(itemId, await at('2026-02-25T09:00'));
    expect(kinds(ack)).toEqual(['item.ackOverdue']);
    expect(ack[0]!.req!.to).toEqual({ unitIds: [f.units[1]], secretaries: true });
    expect(ack[0]!.req!.params).toMatchObject({ title: '摸排辖区老旧小区加装电梯意愿', unit: '和平里社区党委', date: '2026-02-24 23:59' });
    expect(ack[0]!.req!.link).toBe(`/action-items/${itemId}`);
    expect(about(itemId, await at('2026-02-25T15:00'))).toEqual([]);

    // The lead unit acknowledges (签收).
    await models.ActionItem.updateOne({ _id: itemId }, { $set: { acknowledgedAt: bj('2026-02-25T15:05'), acknowledgedBy: f.reps[1]!.id } });
    // Thursday 26 Feb: Fri 27, Sat 28 (调休, worked), Mon 2 Mar — 3 working days, though 4 calendar days.
    expect(about(itemId, await at('2026-02-25T16:00'))).toEqual([]);
    const soon = about(itemId, await at('2026-02-26T09:00'));
    expect(kinds(soon)).toEqual(['item.dueSoon']);
    expect(soon[0]!.req!.params).toMatchObject({ date: '2026-03-02', days: 3, unit: '和平里社区党委' });
    expect(soon[0]!.req!.to).toEqual({ unitIds: [f.units[1]] });
    expect(about(itemId, await at('2026-02-27T09:00'))).toEqual([]);
    expect(about(itemId, await at('2026-02-28T09:00'))).toEqual([]);

    expect(kinds(about(itemId, await at('2026-03-02T08:05')))).toEqual(['item.dueToday']);
    expect(about(itemId, await at('2026-03-02T17:00'))).toEqual([]);

    expect(about(itemId, await at('2026-03-03T07:00'))).toEqual([]);
    const day1 = about(itemId, await at('2026-03-03T09:00'));
    expect(kinds(day1)).toEqual(['item.overdue']);
    expect(day1[0]!.req!).toMatchObject({
      key: `item:${itemId}:overdue:2026-03-03`,
      to: { unitIds: [f.units[1]], secretaries: true },
      params: { days: 1, date: '2026-03-02' },
      robots: true,
    });
    expect(about(itemId, await at('2026-03-03T16:00'))).toEqual([]);
    const day2 = about(itemId, await at('2026-03-04T09:00'));
    expect(day2.map((d) => d.key)).toEqual([`item:${itemId}:overdue:2026-03-04`]);
    expect(day2[0]!.req!.params.days).toBe(2);

    // Handed in (提请验收): the delay, if any, is now the verifier's.
    await models.ActionItem.updateOne({ _id: itemId }, { $set: { percent: 100 } });
    await actionItemTransitioner(f.as(f.reps[1]!), itemId, { transition: 'start' });
    await actionItemTransitioner(f.as(f.reps[1]!), itemId, { transition: 'submit' });
    expect(about(itemId, await at('2026-03-05T09:00'))).toEqual([]);
    expect(about(itemId, await at('2026-03-06T09:00'))).toEqual([]);
  });

  it('tells every unit of a scheduled meeting a day and an hour before, and again after it is moved', async () => {
    clock.set(bj('2026-03-01T10:00'), { frozen: true });
    const meeting = await meetingCreator(
      f.as(f.secretary),
      f.allianceId,
      MeetingCreateSchema.parse({
        title: '第一季度联席会议',
        scheduledAt: bj('2026-03-10T14:00'),
        place: '和平街道党群服务中心三楼会议室',
        convenerUnit: f.units[0],
      }),
    );
    const id = String(meeting._id);
    expect(about(id, await at('2026-03-09T13:30'))).toEqual([]);
    // Still a draft: nobody has been told of it yet.
    expect(about(id, await at('2026-03-09T14:30'))).toEqual([]);
    await meetingTransitioner(f.as(f.secretary), id, 'schedule');
    const day = about(id, await at('2026-03-09T14:31'));
    expect(kinds(day)).toEqual(['meeting.in24h']);
    expect(day[0]!.req!).toMatchObject({
      to: { unitIds: [...f.units, f.observerUnit] },
      params: { title: '第一季度联席会议', alliance: '和平街道区域化党建大工委', time: '2026-03-10 14:00', place: '和平街道党群服务中心三楼会议室' },
      link: `/meetings/${id}`,
      robots: true,
    });
    expect(about(id, await at('2026-03-10T12:00'))).toEqual([]);
    const hour = about(id, await at('2026-03-10T13:10'));
    expect(kinds(hour)).toEqual(['meeting.in1h']);
    expect(hour[0]!.req!.params.time).toBe('14:00');
    expect(about(id, await at('2026-03-10T13:50'))).toEqual([]);

    // 改期 to the next afternoon: the new time is announced by the same reminders.
    await meetingRescheduler(f.as(f.secretary), id, { scheduledAt: bj('2026-03-11T15:00') }, clock.now());
    expect(about(id, await at('2026-03-10T14:55'))).toEqual([]);
    expect(kinds(about(id, await at('2026-03-10T15:05')))).toEqual(['meeting.in24h']);
    expect(kinds(about(id, await at('2026-03-11T14:05')))).toEqual(['meeting.in1h']);
    expect(about(id, await at('2026-03-11T16:00'))).toEqual([]);

    // Called in the morning for the same evening: no "tomorrow", only the hour before.
    const evening = await meetingCreator(
      f.as(f.secretary),
      f.allianceId,
      MeetingCreateSchema.parse({ title: '临时碰头会', scheduledAt: bj('2026-03-12T18:00'), place: '街道会议室', convenerUnit: f.units[0] }),
    );
    const eveningId = String(evening._id);
    await meetingTransitioner(f.as(f.secretary), eveningId, 'schedule');
    expect(about(eveningId, await at('2026-03-12T09:00'))).toEqual([]);
    expect(kinds(about(eveningId, await at('2026-03-12T17:05')))).toEqual(['meeting.in1h']);
  });

  it('tells the units that have not voted five minutes before a timed vote closes', async () => {
    clock.set(new Date(), { frozen: true });
    const meetingId = await meetingInSession(f);
    const voteId = await openVote(f, meetingId, { durationSeconds: 3600 });
    const shortId = await openVote(f, meetingId, { title: '关于调整议程的决定', durationSeconds: 240 });
    await castAll(f, voteId, ['for', 'against']);
    const vote = await server.ctx.db.models.Vote.findById(voteId).lean();
    const closesAt = vote!.closesAt!.getTime();
    const near = (ms: number, at = closesAt) => {
      const w = new Date(at - ms);
      return `${w.toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' })}T${w.toLocaleTimeString('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' })}`;
    };
    expect(about(voteId, await at(near(10 * 60_000)))).toEqual([]);
    const soon = about(voteId, await at(near(4 * 60_000)));
    expect(kinds(soon)).toEqual(['vote.closingSoon']);
    expect(soon[0]!.req!.to).toEqual({ unitIds: f.units.slice(2) });
    expect(soon[0]!.req!.link).toBe(`/meetings/${meetingId}/live`);
    expect(about(voteId, await at(near(2 * 60_000)))).toEqual([]);
    // A four-minute vote is its own reminder: three minutes before its close, nothing is sent.
    const short = await server.ctx.db.models.Vote.findById(shortId).lean();
    expect(about(shortId, await at(near(3 * 60_000, short!.closesAt!.getTime())))).toEqual([]);
    expect(delivered.filter((d) => d.key.includes(shortId))).toEqual([]);
  });

  it('chases extension requests each working day and unanswered minutes for three working days (国庆 2026)', async () => {
    const models = server.ctx.db.models;
    clock.set(bj('2026-10-09T10:00'), { frozen: true });
    const itemId = await assignedItem(f, null, 2);
    const requestedAt = bj('2026-10-09T10:00');
    await models.ActionItem.updateOne(
      { _id: itemId },
      {
        $set: { acknowledgedAt: requestedAt },
        $push: {
          extensionRequests: { to: '2027-09-30', reason: '资金未到位', by: f.reps[2]!.id, unit: f.units[2], at: requestedAt, status: 'pending' },
        },
      },
    );
    const meetingId = await meetingInSession(f);
    await models.Minutes.create({
      meeting: meetingId,
      alliance: f.allianceId,
      status: 'draft',
      generatedAt: bj('2026-10-09T16:00'),
      confirmations: [{ unit: f.units[0], state: 'confirmed', user: f.reps[0]!.id, at: bj('2026-10-09T16:30') }],
    });
    const minutesId = String((await models.Minutes.findOne({ meeting: meetingId }).lean())!._id);
    const only = (kind: string, list: Delivery[]) => list.filter((d) => d.kind === kind);

    // The day they happen, the event notifications told everyone.
    let step = await at('2026-10-09T17:00');
    expect(about(itemId, step)).toEqual([]);
    expect(about(minutesId, step)).toEqual([]);

    // Saturday 10 October is a 调休 working day.
    step = await at('2026-10-10T09:00');
    const ext = about(itemId, step);
    expect(kinds(ext)).toEqual(['extension.awaitingDecision']);
    expect(ext[0]!.req!).toMatchObject({ to: { secretaries: true }, params: { unit: '区住房和城乡建设局', date: '2027-09-30' } });
    const asked = only('minutes.awaitingConfirmation', about(minutesId, step));
    expect(asked.map((d) => d.req!.to.unitIds![0]).sort()).toEqual(f.units.slice(1).sort());
    expect(asked[0]!.req!.link).toBe(`/meetings/${meetingId}/minutes`);

    // Sunday: nobody is chased.
    step = await at('2026-10-11T09:00');
    expect(about(itemId, step)).toEqual([]);
    expect(about(minutesId, step)).toEqual([]);

    await models.Minutes.updateOne(
      { _id: minutesId },
      { $push: { confirmations: { unit: f.units[1], state: 'commented', user: f.reps[1]!.id, comment: '第二项表述请斟酌', at: bj('2026-10-11T20:00') } } },
    );
    step = await at('2026-10-12T09:00');
    expect(kinds(about(itemId, step))).toEqual(['extension.awaitingDecision']);
    expect(about(minutesId, step)).toHaveLength(3);
    // The secretary decides: the request stops producing reminders.
    await models.ActionItem.updateOne({ _id: itemId, 'extensionRequests.status': 'pending' }, { $set: { 'extensionRequests.$.status': 'refused' } });
    step = await at('2026-10-13T09:00');
    expect(about(itemId, step)).toEqual([]);
    expect(about(minutesId, step)).toHaveLength(3);
    // Three working days asked; the fourth is not.
    expect(about(minutesId, await at('2026-10-14T09:00'))).toEqual([]);
  });

  it('sends the daily summary at 08:30 Beijing time to those who chose it, once a day', async () => {
    await server.ctx.db.models.NotificationPreference.create({ user: f.reps[3]!.id, dailyDigest: true });
    const mine = (list: Delivery[]) => list.filter((d) => d.kind === 'digest.daily');
    expect(mine(await at('2026-11-02T08:29'))).toEqual([]);
    expect(mine(await at('2026-11-02T08:31')).map((d) => d.digest)).toEqual([{ userId: f.reps[3]!.id, day: '2026-11-02' }]);
    expect(mine(await at('2026-11-02T18:00'))).toEqual([]);
    expect(mine(await at('2026-11-03T08:45')).map((d) => d.digest!.day)).toEqual(['2026-11-03']);
  });

  it('a claim left by a failed delivery is taken over once its lease has passed, and delivered once', async () => {
    const models = server.ctx.db.models;
    const itemId = await assignedItem(f, null, 3);
    await models.ActionItem.updateOne({ _id: itemId }, { $set: { dueDate: '2026-11-20', acknowledgedAt: bj('2026-11-16T09:00') } });
    clock.set(bj('2026-11-20T09:00'), { frozen: true });
    const failing = reminderScheduler(server.ctx, {
      ...recorder,
      deliver: () => Promise.reject(new Error('the notification centre is down')),
    });
    expect(await failing.tick()).toMatchObject({ failed: 1 });
    const claim = await models.ReminderOccurrence.findOne({ key: `item:${itemId}:dueToday:2026-11-20` }).lean();
    expect(claim).toMatchObject({ state: 'claimed', owner: failing.owner, lastError: 'the notification centre is down' });
    await failing.stop();

    // Within the lease, nobody else delivers it.
    expect(about(itemId, await at('2026-11-20T09:00'))).toEqual([]);
    // After it, one instance takes it over.
    const taken = about(itemId, await at('2026-11-20T09:02'));
    expect(taken.map((d) => d.key)).toEqual([`item:${itemId}:dueToday:2026-11-20`]);
    expect(await models.ReminderOccurrence.findOne({ key: taken[0]!.key }).lean()).toMatchObject({ state: 'done', attempts: 2 });
  });

  it('delivered every occurrence exactly once across both instances and repeated ticks', () => {
    const keys = delivered.map((d) => d.key);
    expect(keys.length).toBeGreaterThan(20);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('reminder configuration', () => {
  it('ticks every 30 s by default, 0 turns the scheduler off, and the test hold is refused outside tests', () => {
    expect(loadConfig({}, '/tmp')).toMatchObject({ REMINDER_TICK_MS: 30_000, REMINDER_LEASE_MS: 120_000, REMINDER_TEST_HOLD_MS: 0 });
    expect(loadConfig({ REMINDER_TICK_MS: '0' }, '/tmp').REMINDER_TICK_MS).toBe(0);
    expect(() => loadConfig({ REMINDER_TICK_MS: 'often' }, '/tmp')).toThrow(/REMINDER_TICK_MS/);
    expect(() => loadConfig({ REMINDER_TEST_HOLD_MS: '500' }, '/tmp')).toThrow(ConfigError);
    expect(loadConfig({ NODE_ENV: 'test', REMINDER_TEST_HOLD_MS: '500' }, '/tmp').REMINDER_TEST_HOLD_MS).toBe(500);
  });
});
