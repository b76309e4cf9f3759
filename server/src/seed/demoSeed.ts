import { randomUUID } from 'node:crypto';
import bcrypt from 'bcryptjs';
import * as Y from 'yjs';
import { docName, localDate, type ActionItemStatus, type DomainEvent, type UnitKind, type UnitLevel } from '@tongxin/shared';
import type { Connection, Types } from 'mongoose';
import { readableMeeting } from '../commands/loaders.js';
import { minutesConfirmer } from '../commands/minutesConfirmer.js';
import { minutesGenerator } from '../commands/minutesGenerator.js';
import { minutesPublisher } from '../commands/minutesPublisher.js';
import type { Models } from '../db/models/index.js';
import type { Logger } from '../logger.js';
import type { DocRegistry } from '../yjs/registry.js';
import { systemClock } from '../clock.js';
import { seedEvaluation } from './evaluationSeed.js';
import { seedLists } from './listsSeed.js';
import { seedWhistles } from './whistleSeed.js';

// The demo data. It is not part of db/: besides writing models it holds the first meeting's
// minutes through the real commands (generate, confirm, publish), and db/ knows no commands.

/** The demo password for every seeded login. Demo only: the README says so. */
export const DEMO_PASSWORD = 'tongxin-demo';

const UNITS: { name: string; kind: UnitKind; level: UnitLevel }[] = [
  { name: '和平街道党工委', kind: 'street', level: 'subdistrict' },
  { name: '和平里社区党委', kind: 'community', level: 'community' },
  { name: '青年湖社区党委', kind: 'community', level: 'community' },
  { name: '地坛社区党委', kind: 'community', level: 'community' },
  { name: '区住房和城乡建设局', kind: 'agency', level: 'district' },
  { name: '区城市管理综合行政执法局', kind: 'agency', level: 'district' },
  { name: '城投建设集团有限公司', kind: 'state_enterprise', level: 'district' },
  { name: '和平里第一中学', kind: 'school', level: 'district' },
];
const REP_NAMES = ['王建华', '李秀英', '张伟', '刘洋', '陈静', '杨帆', '赵磊', '周敏'];

/**
 * A realistic street-level 大工委 (eight member units, one representative each, a secretary and
 * an admin), so that a first run has something to show. Runs only on an empty database.
 */
/** What the seed needs to hold the first meeting's minutes through the real commands. */
export interface SeedLive {
  connection: Connection;
  yjs: DocRegistry;
}

export async function seedDemoData(models: Models, log: Logger, live: SeedLive): Promise<boolean> {
  if ((await models.User.estimatedDocumentCount()) > 0) return false;
  const { Unit, User, Alliance, Meeting } = models;
  const hash = (pw: string) => bcrypt.hash(pw, 10);

  const units = await Unit.insertMany(UNITS.map((u) => ({ ...u, region: '东城区和平街道' })));
  const unitIds = units.map((u) => u._id);
  await User.create({ name: '系统管理员', login: 'admin', passwordHash: await hash(DEMO_PASSWORD), isAdmin: true });
  const secretary = await User.create({
    name: '孙丽',
    login: 'secretary',
    passwordHash: await hash(DEMO_PASSWORD),
    unit: unitIds[0],
  });
  const reps = await Promise.all(
    REP_NAMES.map(async (name, i) =>
      User.create({ name, login: `rep${i + 1}`, passwordHash: await hash(DEMO_PASSWORD), unit: unitIds[i] }),
    ),
  );

  const alliance = await Alliance.create({
    name: '和平街道区域化党建大工委',
    kind: 'regional',
    description: '街道、社区、驻区单位共驻共建，联合谋划、集体决策、共同实施。',
    charter: '第一条 大工委实行联席会议制度，原则上每月召开一次，由成员单位轮值召集。',
    memberships: units.map((u, i) => ({
      unit: u._id,
      role: i === 0 ? 'lead' : 'member',
      representatives: [reps[i]!._id],
      joinedAt: new Date('2026-01-15T00:00:00Z'),
    })),
    secretaries: [secretary._id],
    rotation: unitIds,
    votingDefaults: { basis: 'unit', quorum: 0.5, threshold: 'simple_majority' },
    nextMeetingSeq: 3,
  });

  const day = 24 * 3600 * 1000;
  // Meetings start on the half hour at 14:30 Beijing time (06:30 UTC), as real ones do.
  const at = (daysFromNow: number) => {
    const d = new Date(Date.now() + daysFromNow * day);
    d.setUTCHours(6, 30, 0, 0);
    return d;
  };
  const [past, upcoming] = await Meeting.create([
    {
      alliance: alliance._id,
      seq: 1,
      title: '第一次联席会议：老旧小区加装电梯协调',
      scheduledAt: at(-28),
      durationMinutes: 90,
      place: '和平街道党群服务中心三楼会议室',
      convenerUnit: unitIds[0],
      // Adjourned here; its minutes are generated, confirmed and published below, as in real use.
      status: 'adjourned',
    },
    {
      alliance: alliance._id,
      seq: 2,
      title: '第二次联席会议：背街小巷环境整治',
      scheduledAt: at(3),
      durationMinutes: 120,
      place: '和平里社区党群服务站',
      convenerUnit: unitIds[1],
      status: 'scheduled',
    },
  ]);
  // The history a real alliance would have, so the audit log does not start empty.
  const bySecretary = { actor: secretary._id, actorUnit: unitIds[0] };
  await models.AuditEvent.insertMany([
    {
      ...bySecretary,
      action: 'alliance.create',
      targetType: 'alliance',
      targetId: alliance._id,
      alliance: alliance._id,
      changes: [{ field: 'name', after: alliance.name }, { field: 'units', after: units.length }],
      at: new Date('2026-01-15T02:00:00Z'),
    },
    {
      ...bySecretary,
      action: 'meeting.create',
      targetType: 'meeting',
      targetId: past!._id,
      alliance: alliance._id,
      changes: [{ field: 'seq', after: 1 }, { field: 'title', after: past!.title }],
      at: at(-40),
    },
    {
      ...bySecretary,
      action: 'meeting.schedule',
      targetType: 'meeting',
      targetId: past!._id,
      alliance: alliance._id,
      changes: [{ field: 'status', before: 'draft', after: 'scheduled' }],
      at: at(-39),
    },
    {
      ...bySecretary,
      action: 'meeting.create',
      targetType: 'meeting',
      targetId: upcoming!._id,
      alliance: alliance._id,
      changes: [{ field: 'seq', after: 2 }, { field: 'title', after: upcoming!.title }],
      at: at(-6),
    },
    {
      ...bySecretary,
      action: 'meeting.schedule',
      targetType: 'meeting',
      targetId: upcoming!._id,
      alliance: alliance._id,
      changes: [{ field: 'status', before: 'draft', after: 'scheduled' }],
      at: at(-5),
    },
  ]);
  await seedActionItems(models, {
    alliance: alliance._id,
    meeting: past!._id,
    assignedAt: past!.scheduledAt,
    createdBy: secretary._id,
    units: unitIds,
    reps: reps.map((r) => r._id),
  });
  await seedLists(models, { alliance: alliance._id, units: unitIds, reps: reps.map((r) => r._id), secretary: secretary._id, meeting: past!._id });
  await seedWhistles(models, { alliance: alliance._id, units: unitIds, reps: reps.map((r) => r._id), now: systemClock.now() });
  // Seven of eight units came to the first meeting; the eighth was recorded by the secretary.
  await models.Attendance.insertMany(
    unitIds.map((unit, i) => ({
      meeting: past!._id,
      unit,
      user: i === 7 ? null : reps[i]!._id,
      recordedBy: i === 7 ? secretary._id : reps[i]!._id,
      onBehalf: i === 7,
      at: new Date(past!.scheduledAt.getTime() - (10 - i) * 60_000),
    })),
  );
  await publishFirstMinutes(models, live, past!._id, secretary, reps);
  // The committee, 双报到 and a quarter evaluated (述职评议, stars published) with the next under way.
  await seedEvaluation(models, {
    alliance: alliance._id,
    units: unitIds,
    reps,
    secretary,
    passwordHash: await hash(DEMO_PASSWORD),
    now: systemClock.now(),
    yjs: live.yjs,
    connection: live.connection,
  });
  log.info({ units: units.length, users: await User.countDocuments() }, 'seeded the demo alliance (password: tongxin-demo)');
  return true;
}

/**
 * The first meeting's minutes, held the way the product holds them: generated from the meeting,
 * confirmed by most units (one comments), and published by the secretary.
 */
async function publishFirstMinutes(
  models: Models,
  live: SeedLive,
  meetingId: Types.ObjectId,
  secretary: { _id: Types.ObjectId; name: string; unit?: Types.ObjectId | null },
  reps: { _id: Types.ObjectId; name: string; unit?: Types.ObjectId | null }[],
) {
  const as = (u: { _id: Types.ObjectId; name: string; unit?: Types.ObjectId | null }) => ({
    models,
    connection: live.connection,
    yjs: live.yjs,
    actor: { id: String(u._id), name: u.name, unit: u.unit ? String(u.unit) : null, isAdmin: false },
    // The seed runs before the server listens: no screen or connection is there to hear events.
    events: [] as DomainEvent[],
    clock: systemClock,
  });
  const id = String(meetingId);
  const { meeting, alliance } = await readableMeeting(as(secretary), id);
  // The agenda the meeting followed, as the secretaries' editor writes it.
  await live.yjs.with(docName({ kind: 'agenda', meetingId: id }), (shared) => {
    const items = shared.ydoc.getArray<Y.Map<unknown>>('items');
    if (items.length > 0) return;
    shared.ydoc.transact(() => {
      for (const [title, minutes, unit] of [
        ['通报辖区老旧小区加装电梯需求摸排情况', 20, alliance.memberships[1]?.unit],
        ['研究加装电梯协调机制和试点楼栋', 50, alliance.memberships[0]?.unit],
        ['明确督办事项及牵头单位', 20, alliance.memberships[0]?.unit],
      ] as const) {
        const m = new Y.Map<unknown>();
        m.set('id', randomUUID());
        m.set('title', title);
        m.set('presenterUnit', unit ? String(unit) : '');
        m.set('minutes', minutes);
        m.set('status', 'done');
        m.set('notes', new Y.Text());
        items.push([m]);
      }
    });
  });
  await minutesGenerator(as(secretary), meeting, alliance);
  for (const rep of reps.slice(0, 6)) await minutesConfirmer(as(rep), id, { state: 'confirmed' });
  await minutesConfirmer(as(reps[6]!), id, { state: 'commented', comment: '建议补充加装电梯资金筹措方式的表述。' });
  await minutesPublisher(as(secretary), id);
}

/**
 * What the first meeting assigned (督办事项), at the stages a month later finds them: one handed
 * in, one closed, two overdue, the rest under way — so the ledger and the workbench have a story.
 */
async function seedActionItems(
  models: Models,
  s: {
    alliance: Types.ObjectId;
    meeting: Types.ObjectId;
    /** When the meeting assigned them: the items' creation time. */
    assignedAt: Date;
    createdBy: Types.ObjectId;
    units: Types.ObjectId[];
    reps: Types.ObjectId[];
  },
) {
  const day = 24 * 3600 * 1000;
  const due = (daysFromNow: number) => localDate(new Date(Date.now() + daysFromNow * day));
  const ago = (days: number) => new Date(Date.now() - days * day);
  const u = s.units;
  const items: {
    title: string;
    lead: number;
    coop: number[];
    person: string;
    measures: string;
    due: number;
    status: ActionItemStatus;
    progress: [daysAgo: number, percent: number, text: string][];
  }[] = [
    {
      title: '摸排辖区老旧小区加装电梯意愿',
      lead: 1,
      coop: [3],
      person: '李秀英',
      measures: '逐楼栋入户摸排，建立意愿台账，每周汇总上报街道。',
      due: -7,
      status: 'in_progress',
      progress: [
        [20, 30, '已完成和平里社区12个楼栋的入户摸排。'],
        [9, 60, '地坛社区摸排过半，意愿台账已建立。'],
      ],
    },
    {
      title: '公示首批加装电梯试点楼栋名单',
      lead: 0,
      coop: [1],
      person: '王建华',
      measures: '根据摸排结果确定试点楼栋，在社区公示栏和居民群公示7天。',
      due: -3,
      status: 'in_progress',
      progress: [[6, 40, '试点楼栋初选名单已形成，正在征求楼门长意见。']],
    },
    {
      title: '召开居民议事会征求加装电梯意见',
      lead: 0,
      coop: [1],
      person: '王建华',
      measures: '分片区召开居民议事会，重点听取低层住户意见，形成会议记录。',
      due: 12,
      status: 'todo',
      progress: [],
    },
    {
      title: '制定加装电梯资金补贴和审批流程指引',
      lead: 4,
      coop: [0],
      person: '陈静',
      measures: '梳理市、区补贴政策，编制一次性告知单和审批流程图。',
      due: 20,
      status: 'in_progress',
      progress: [[12, 30, '已梳理市区两级补贴政策，流程图初稿完成。']],
    },
    {
      title: '协调加装电梯涉及的管线迁改方案',
      lead: 6,
      coop: [5],
      person: '赵磊',
      measures: '会同燃气、电力、供水单位现场踏勘，逐楼栋出具迁改方案。',
      due: -2,
      status: 'awaiting_verification',
      progress: [
        [15, 50, '完成首批6个楼栋现场踏勘。'],
        [3, 100, '迁改方案已全部出具，提请验收。'],
      ],
    },
    {
      title: '成立加装电梯工作专班',
      lead: 0,
      coop: [4, 6],
      person: '王建华',
      measures: '街道分管领导牵头，住建、城投派员参加，明确专班职责和例会制度。',
      due: -21,
      status: 'closed',
      progress: [[24, 100, '工作专班已成立，首次例会已召开。']],
    },
  ];
  for (const i of items) {
    const last = i.progress.at(-1);
    const [item] = await models.ActionItem.create(
      [
        {
          alliance: s.alliance,
          meeting: s.meeting,
          title: i.title,
          leadUnit: u[i.lead]!,
          cooperatingUnits: i.coop.map((n) => u[n]!),
          responsiblePerson: i.person,
          measures: i.measures,
          dueDate: due(i.due),
          status: i.status,
          percent: last?.[1] ?? 0,
          createdBy: s.createdBy,
          createdAt: s.assignedAt,
          updatedAt: last ? ago(last[0]) : s.assignedAt,
        },
      ],
      { timestamps: false },
    );
    await models.ActionItemProgress.insertMany(
      i.progress.map(([days, percent, text]) => ({
        item: item!._id,
        text,
        percent,
        author: s.reps[i.lead],
        unit: u[i.lead],
        at: ago(days),
      })),
    );
  }
}
