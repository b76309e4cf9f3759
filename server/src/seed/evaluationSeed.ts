import {
  docName,
  localDate,
  periodKey,
  periodRange,
  previousPeriod,
  zonedInstant,
  type AppraisalGrade,
  type AuditAction,
  type DomainEvent,
} from '@tongxin/shared';
import { Types } from 'mongoose';
import { appraisalCreator } from '../commands/appraisalCreator.js';
import { hashLinkToken, newLinkToken } from '../commands/appraisalLinks.js';
import { appraisalCloser, appraisalOpener } from '../commands/appraisalStatusChanger.js';
import { auditChanges } from '../commands/audit.js';
import { committeeSetter } from '../commands/committeeSetter.js';
import type { CommandContext } from '../commands/context.js';
import { pointsManualEntrier } from '../commands/pointsManualEntrier.js';
import { ratingAdjuster } from '../commands/ratingAdjuster.js';
import { ratingPublisher } from '../commands/ratingPublisher.js';
import type { Models } from '../db/models/index.js';
import { rebuildAlliance } from '../points/pointsProjector.js';
import { REPORT_FIELD } from '../yjs/appraisalReport.js';
import type { DocRegistry } from '../yjs/registry.js';
import { writeProsemirror } from '../yjs/richText.js';
import type { PmNode } from '../yjs/prosemirror.js';

// The evaluation part of the demo (#16): the committee, 双报到 registrations and service
// activities, a closed 述职评议 and published star ratings for the quarter before, and the
// current quarter under way. Held through the real commands, each on a clock set to the moment
// it happens, so that every record lands in its quarter and the figures are what the product
// itself would compute.

const DAY = 24 * 3600 * 1000;
const HOUR = 3600 * 1000;

/**
 * The moments the seed uses, relative to `now`. Previous-quarter moments are days after its first
 * Beijing midnight (a quarter has at least 90 days); current-quarter moments are days before now,
 * squeezed into what has passed of the quarter (order kept) when it has only just begun.
 */
export function evaluationTimeline(now: Date) {
  const current = periodKey(now, 'quarter');
  const previous = previousPeriod(current)!;
  const cur = periodRange(current)!;
  const prev = periodRange(previous)!;
  const room = Math.max(0, now.getTime() - cur.start.getTime());
  return {
    current,
    previous,
    /** `days` days and `hour` hours (Beijing) into the previous quarter. */
    inPrevious: (days: number, hour = 10) => new Date(prev.start.getTime() + days * DAY + hour * HOUR),
    /** About `daysAgo` days ago (0–29), inside the current quarter and never after now. */
    inCurrent: (daysAgo: number) => new Date(now.getTime() - Math.min(daysAgo * DAY, (room * daysAgo) / 30)),
    /** A few days after the previous quarter ended, or now if that is still to come. */
    afterPrevious: (days: number) => new Date(Math.min(prev.end.getTime() + days * DAY, now.getTime())),
  };
}

export interface EvaluationSeedInput {
  alliance: Types.ObjectId;
  /** The eight member units in demo order: street, three communities, 住建局, 城管执法局, 城投, school. */
  units: Types.ObjectId[];
  /** rep1…rep8, one per unit in the same order. */
  reps: Person[];
  secretary: Person;
  /** The password hash for the in-service party members the seed adds (the demo password). */
  passwordHash: string;
  now: Date;
  yjs: DocRegistry;
  connection: CommandContext['connection'];
}

interface Person {
  _id: Types.ObjectId;
  name: string;
  unit?: Types.ObjectId | null;
}

/** In-service party members (在职党员) of the resident units, who register with a community. */
const PARTY_MEMBERS = [
  { name: '黄志刚', login: 'member1', unit: 4, community: 1, skills: ['政策咨询', '房屋安全'] },
  { name: '吴婷', login: 'member2', unit: 5, community: 2, skills: ['环境整治'] },
  { name: '郑凯', login: 'member3', unit: 6, community: 3, skills: ['水电维修', '驾驶'] },
  { name: '何丽娟', login: 'member4', unit: 7, community: 1, skills: ['课业辅导', '文艺'] },
] as const;

/** What each quarter is commended for (manual points of the previous quarter). */
const COMMENDATION: Record<string, { days: number; reason: string }> = {
  Q1: { days: 20, reason: '元旦春节期间走访慰问困难群众工作受到街道党工委通报表扬' },
  Q2: { days: 30, reason: '获评区级“五四红旗团组织”，带动青年党员参与社区服务' },
  Q3: { days: 0, reason: '“七一”表彰：获评区级先进基层党组织' },
  Q4: { days: 0, reason: '国庆期间辖区环境保障工作受到区委通报表扬' },
};

const paragraph = (text: string): PmNode => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const heading = (text: string): PmNode => ({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text }] });

/** A 述职 report's text: what was done, what fell short, what comes next. */
function reportDoc(unitName: string, quarter: string, done: string, short: string, next: string): PmNode {
  return {
    type: 'doc',
    content: [
      paragraph(`${unitName}${quarter}抓基层党建工作述职报告`),
      heading('一、主要工作'),
      paragraph(done),
      heading('二、存在的不足'),
      paragraph(short),
      heading('三、下一步打算'),
      paragraph(next),
    ],
  };
}

const REPORTS: Record<number, [done: string, short: string, next: string]> = {
  1: [
    '完成辖区12个楼栋加装电梯意愿摸排，建立台账；组织在职党员开展助老服务4次，服务时长20余小时。',
    '部分楼栋低层住户意见分歧较大，协调工作进展偏慢。',
    '分片区召开居民议事会，推动首批试点楼栋开工。',
  ],
  2: [
    '推进垃圾分类桶前值守，组织党员志愿者定时定点值守；青年湖小区错时共享停车方案完成征求意见。',
    '志愿者队伍以老年党员为主，年轻党员参与不足。',
    '对接驻区单位在职党员，扩大志愿服务队伍。',
  ],
  3: [
    '开展楼道堆物清理专项行动，清理杂物30余处；与城投集团共建社区议事厅。',
    '居民议事会召开频次不够，议事成果公开不及时。',
    '每月召开一次居民议事会，议事结果在公示栏公开。',
  ],
  4: [
    '梳理市、区两级加装电梯补贴政策，编制一次性告知单；选派党员下沉社区提供政策咨询。',
    '政策宣传覆盖面有限，部分居民对审批流程仍不熟悉。',
    '在三个社区轮流开展政策宣讲，推行审批“一站式”服务。',
  ],
  6: [
    '牵头完成加装电梯涉及的管线迁改方案，现场踏勘6个楼栋；党员突击队参与背街小巷整治。',
    '与社区沟通机制不够固定，个别事项响应不及时。',
    '明确专人对接三个社区，建立问题快速响应清单。',
  ],
  7: [
    '开放学校操场和图书馆服务社区居民；组织党员教师开展课业辅导，服务青少年80余人次。',
    '开放时段与居民需求匹配不够。',
    '调整开放时段，增设周末课业辅导。',
  ],
};

/** Each evaluating unit's grades of the reports it scores, so the results differ from report to report. */
const GRADES: AppraisalGrade[][] = [
  ['good', 'good', 'fairlyGood'],
  ['fairlyGood', 'good', 'good'],
  ['good', 'fairlyGood', 'fairlyGood'],
  ['average', 'fairlyGood', 'good'],
];

export async function seedEvaluation(models: Models, s: EvaluationSeedInput): Promise<void> {
  const t = evaluationTimeline(s.now);
  const allianceId = String(s.alliance);
  const [prevYear, prevQ] = t.previous.split('-') as [string, string];
  const [curYear, curQ] = t.current.split('-') as [string, string];
  const quarterWords = (y: string, q: string) => `${y}年第${'一二三四'[Number(q.slice(1)) - 1]}季度`;
  const unitNames = new Map(
    (await models.Unit.find({ _id: { $in: s.units } }, { name: 1 }).lean()).map((u) => [String(u._id), u.name]),
  );
  const nameOf = (i: number) => unitNames.get(String(s.units[i])) ?? '';

  const ctxAt = (who: Person, at: Date): CommandContext => ({
    models,
    connection: s.connection,
    actor: { id: String(who._id), name: who.name, unit: who.unit ? String(who.unit) : null, isAdmin: false },
    // The seed runs before the server listens: no screen or connection hears its events.
    events: [] as DomainEvent[],
    clock: { now: () => at },
  });
  const sec = (at: Date) => ctxAt(s.secretary, at);

  // 委员名单: the street's representative as 书记, two 副书记, three 委员, two 兼职委员 from
  // resident units.
  const r = s.reps;
  const member = (i: number, post: 'secretary' | 'deputySecretary' | 'member' | 'partTimeMember', title: string) => ({
    name: r[i]!.name,
    user: String(r[i]!._id),
    post,
    homeUnit: String(s.units[i]),
    title,
  });
  await committeeSetter(sec(t.inPrevious(3)), allianceId, {
    members: [
      member(0, 'secretary', '和平街道党工委书记'),
      member(1, 'deputySecretary', '和平里社区党委书记'),
      {
        name: '马志强',
        user: null,
        post: 'deputySecretary',
        homeUnit: String(s.units[0]),
        title: '和平街道办事处主任',
      },
      member(2, 'member', '青年湖社区党委书记'),
      member(3, 'member', '地坛社区党委书记'),
      member(6, 'member', '城投建设集团有限公司党委副书记'),
      member(4, 'partTimeMember', '区住房和城乡建设局副局长'),
      member(7, 'partTimeMember', '和平里第一中学党委书记'),
    ],
  });

  // 双报到: four in-service party members of the resident units and the 住建局 representative.
  const created = await models.User.create(
    PARTY_MEMBERS.map((m) => ({ name: m.name, login: m.login, passwordHash: s.passwordHash, unit: s.units[m.unit] })),
  );
  const members: Person[] = created.map((u) => ({ _id: u._id, name: u.name, unit: u.unit ?? null }));
  const registrants: { who: Person; community: number; skills: readonly string[] }[] = [
    ...PARTY_MEMBERS.map((m, i) => ({ who: members[i]!, community: m.community, skills: m.skills })),
    { who: r[4]!, community: 2, skills: ['政策咨询'] },
  ];
  // Written as the commands would write them (many small steps: one insert each keeps the
  // seed quick), with the audit trail they would leave.
  const audit: Record<string, unknown>[] = [];
  const trail = (
    /** null: a 群众代表 through a link, no one signed in. */
    who: Person | null,
    at: Date,
    action: AuditAction,
    target: { type: 'unit' | 'service_activity' | 'appraisal'; id: Types.ObjectId },
    after: Record<string, unknown>,
    before?: Record<string, unknown>,
  ) =>
    audit.push({
      action,
      targetType: target.type,
      targetId: target.id,
      alliance: s.alliance,
      ...auditChanges(before, after),
      actor: who?._id,
      actorUnit: who?.unit ?? undefined,
      at,
    });
  await models.ServiceRegistration.insertMany(
    registrants.map((g, i) => {
      const at = t.inPrevious(5 + i);
      trail(
        g.who,
        at,
        'service.register',
        { type: 'unit', id: s.units[g.community]! },
        {
          member: String(g.who._id),
          community: String(s.units[g.community]),
          workUnit: g.who.unit ? String(g.who.unit) : undefined,
          skills: g.skills.join('、'),
        },
      );
      return {
        alliance: s.alliance,
        member: g.who._id,
        workUnit: g.who.unit ?? null,
        community: s.units[g.community],
        skills: [...g.skills],
        registeredAt: at,
      };
    }),
  );

  /**
   * An activity: published, signed up for and — once held — checked in (hours per member, the
   * activity's by default) and completed.
   */
  const activity = (a: {
    community: number;
    title: string;
    description: string;
    place: string;
    startsAt: Date;
    hours: number;
    needed: number;
    skills?: string[];
    signups: Person[];
    /** Who served and for how long; null while it is still to come. */
    served: [Person, number | undefined][] | null;
    publishedAt: Date;
  }) => {
    const organizer = s.reps[a.community]!;
    const id = new Types.ObjectId();
    const target = { type: 'service_activity' as const, id };
    // Checked in as it ends, or now if this quarter's activity ends later than that.
    const end = new Date(Math.min(a.startsAt.getTime() + a.hours * HOUR, s.now.getTime()));
    trail(organizer, a.publishedAt, 'service.createActivity', target, {
      title: a.title,
      community: String(s.units[a.community]),
      startsAt: a.startsAt,
      hours: a.hours,
      place: a.place,
      needed: a.needed,
    });
    const signups = a.signups.map((who, k) => {
      const at = new Date(Math.min(a.publishedAt.getTime() + (k + 1) * HOUR, s.now.getTime()));
      trail(who, at, 'service.signUp', target, { member: String(who._id) });
      return {
        member: who._id,
        workUnit: who.unit ?? null,
        signedUpAt: at,
        checkedInAt: null as Date | null,
        hours: null as number | null,
      };
    });
    for (const [who, hours] of a.served ?? []) {
      let signup = signups.find((x) => String(x.member) === String(who._id));
      if (!signup) {
        // A walk-in: registered, not signed up.
        signup = { member: who._id, workUnit: who.unit ?? null, signedUpAt: end, checkedInAt: null, hours: null };
        signups.push(signup);
      }
      signup.checkedInAt = end;
      signup.hours = hours ?? a.hours;
      trail(organizer, end, 'service.checkIn', target, { member: String(who._id), hours: signup.hours });
    }
    const present = signups.filter((x) => x.checkedInAt);
    if (a.served) {
      trail(
        organizer,
        end,
        'service.complete',
        target,
        {
          status: 'completed',
          present: present.length,
          hours: present.reduce((sum, x) => sum + (x.hours ?? 0), 0),
        },
        { status: 'open' },
      );
    }
    return {
      _id: id,
      alliance: s.alliance,
      community: s.units[a.community],
      title: a.title,
      description: a.description,
      startsAt: a.startsAt,
      hours: a.hours,
      place: a.place,
      needed: a.needed,
      skills: a.skills ?? [],
      status: a.served ? 'completed' : 'open',
      createdBy: organizer._id,
      completedAt: a.served ? end : null,
      signups,
    };
  };
  const [m1, m2, m3, m4] = members as [Person, Person, Person, Person];
  const heldAt = t.inCurrent(8);
  await models.ServiceActivity.insertMany([
    activity({
      community: 1,
      title: '为独居老人上门理发和健康测量',
      description: '在职党员分组入户，为辖区独居老人理发、测量血压血糖，登记照料需求。',
      place: '和平里社区党群服务站',
      startsAt: t.inPrevious(40, 9),
      hours: 2,
      needed: 6,
      signups: [m1, m4, r[4]!],
      served: [
        [m1, 3],
        [m4, undefined],
        [r[4]!, undefined],
      ],
      publishedAt: t.inPrevious(33),
    }),
    activity({
      community: 2,
      title: '垃圾分类桶前值守',
      description: '早晚高峰在青年湖小区各投放点值守，指导居民分类投放。',
      place: '青年湖小区各垃圾投放点',
      startsAt: t.inPrevious(55, 7),
      hours: 2,
      needed: 5,
      signups: [m2, m3, r[4]!],
      // One signed up and did not come.
      served: [
        [m2, undefined],
        [m3, 1.5],
      ],
      publishedAt: t.inPrevious(50),
    }),
    // This quarter: one held already (with a walk-in), one to come with members signed up.
    activity({
      community: 3,
      title: '楼道堆物清理',
      description: '清理地坛社区老旧楼栋楼道堆物，消除消防隐患。',
      place: '地坛社区3号院',
      startsAt: heldAt,
      hours: 3,
      needed: 8,
      signups: [m3, m1],
      served: [
        [m3, undefined],
        [m1, 2],
        [m4, undefined],
      ],
      publishedAt: new Date(heldAt.getTime() - 3 * DAY),
    }),
    activity({
      community: 1,
      title: '社区微花园共建',
      description: '在和平里七区空地共建微花园，需要会使用简单工具的志愿者。',
      place: '和平里七区中心绿地',
      startsAt: zonedInstant(`${localDate(new Date(s.now.getTime() + 5 * DAY))}T09:00`),
      hours: 2.5,
      needed: 6,
      skills: ['园艺'],
      signups: [m4, m2],
      served: null,
      publishedAt: new Date(s.now.getTime() - 2 * HOUR),
    }),
  ]);

  // 述职评议 of the previous quarter: three units report, seven units and two 群众代表 score, closed.
  const prevTitle = `${quarterWords(prevYear, prevQ)}基层党组织书记抓党建工作述职评议`;
  const prevAppraisal = await appraisalSession({
    title: prevTitle,
    period: t.previous,
    reporters: [1, 2, 6],
    quarter: quarterWords(prevYear, prevQ),
    createdAt: t.inPrevious(70),
    openedAt: t.inPrevious(75, 14),
    evaluators: [0, 3, 4, 5, 7, 1, 2],
  });
  // Two 群众代表 scored through their single-use links (tokens never kept: only their hashes).
  const linksAt = t.inPrevious(75, 15);
  const links = await models.AppraisalLink.insertMany(
    [1, 2].map((k) => ({
      appraisal: prevAppraisal,
      label: `居民代表（${k}）`,
      tokenHash: hashLinkToken(newLinkToken()),
      expiresAt: new Date(linksAt.getTime() + 48 * HOUR),
      usedAt: new Date(linksAt.getTime() + k * HOUR),
      createdBy: s.secretary._id,
      createdAt: linksAt,
    })),
  );
  trail(
    s.secretary,
    linksAt,
    'appraisal.link',
    { type: 'appraisal', id: prevAppraisal },
    { title: prevTitle, label: '居民代表', expiresAt: links[0]!.expiresAt },
  );
  await models.AppraisalScore.insertMany(
    links.flatMap((link, k) => {
      const grades = GRADES[(k + 2) % GRADES.length]!;
      trail(
        null,
        link.usedAt!,
        'appraisal.score',
        { type: 'appraisal', id: prevAppraisal },
        { title: prevTitle, reports: 3 },
      );
      return [1, 2, 6].map((u, j) => ({
        appraisal: prevAppraisal,
        reporter: s.units[u],
        evaluator: { group: 'public', link: link._id },
        scores: scoresOf(grades, j),
        comment: '',
        by: null,
        at: link.usedAt,
      }));
    }),
  );
  await appraisalCloser(sec(t.inPrevious(77)), String(prevAppraisal));

  // Manual points of the previous quarter (加分 / 扣分), each with its reason.
  const commendation = COMMENDATION[prevQ]!;
  await pointsManualEntrier(sec(t.inPrevious(commendation.days, 15)), allianceId, {
    unit: String(s.units[1]),
    points: 5,
    reason: commendation.reason,
  });
  await pointsManualEntrier(sec(t.inPrevious(25, 16)), allianceId, {
    unit: String(s.units[0]),
    points: 4,
    reason: '牵头完成大工委成员单位共建项目签约，形成需求、资源、项目三张清单',
  });
  await pointsManualEntrier(sec(t.inPrevious(45, 16)), allianceId, {
    unit: String(s.units[3]),
    points: 3,
    reason: '组织辖区党员开展“我为群众办实事”主题活动，办结群众急难愁盼事项12件',
  });
  await pointsManualEntrier(sec(t.inPrevious(60, 16)), allianceId, {
    unit: String(s.units[5]),
    points: -2,
    reason: '未按时报送季度共建工作总结，经提醒后仍逾期一周',
  });

  // This quarter: a session in scoring (three units have scored) and a commendation.
  await appraisalSession({
    title: `${quarterWords(curYear, curQ)}驻区单位党组织述职评议`,
    period: t.current,
    reporters: [3, 4, 7],
    quarter: quarterWords(curYear, curQ),
    createdAt: t.inCurrent(6),
    openedAt: t.inCurrent(2),
    evaluators: [0, 1, 2],
  });
  await pointsManualEntrier(sec(t.inCurrent(4)), allianceId, {
    unit: String(s.units[6]),
    points: 3,
    reason: '主动承担背街小巷环境整治机械和人员保障',
  });

  // Points from every record seeded so far (the seed's commands publish no events to the
  // points consumer), then the previous quarter's stars published as the secretary would.
  await models.AuditEvent.insertMany(audit);
  await rebuildAlliance(models, s.alliance);
  await ratingPublisher(sec(t.afterPrevious(3)), allianceId, t.previous, {
    note: `${quarterWords(prevYear, prevQ)}星级评定结果经大工委联席会议审议通过。`,
  });
  await ratingAdjuster(sec(s.now), allianceId, t.current, {
    unit: String(s.units[5]),
    stars: 4,
    reason: '牵头背街小巷环境整治成效突出，经大工委会议研究评为四星',
  });

  /** A session set up with its reports written, opened and scored by `evaluators` (in order). */
  async function appraisalSession(a: {
    title: string;
    period: string;
    reporters: number[];
    quarter: string;
    createdAt: Date;
    openedAt: Date;
    evaluators: number[];
  }): Promise<Types.ObjectId> {
    const appraisal = await appraisalCreator(sec(a.createdAt), s.yjs, allianceId, {
      title: a.title,
      period: a.period,
      reporters: a.reporters.map((u) => String(s.units[u])),
    });
    const id = String(appraisal._id);
    for (const u of a.reporters) {
      const [done, short, next] = REPORTS[u]!;
      await s.yjs.with(docName({ kind: 'appraisalReport', appraisalId: id, unitId: String(s.units[u]) }), (shared) => {
        const fragment = shared.ydoc.getXmlFragment(REPORT_FIELD);
        if (fragment.length === 0) writeProsemirror(fragment, reportDoc(nameOf(u), a.quarter, done, short, next));
      });
    }
    await appraisalOpener(sec(a.openedAt), id);
    await models.AppraisalScore.insertMany(
      a.evaluators.flatMap((e, k) => {
        const grades = GRADES[k % GRADES.length]!;
        const at = new Date(Math.min(a.openedAt.getTime() + (k + 1) * 10 * 60_000, s.now.getTime()));
        const others = a.reporters.filter((u) => u !== e);
        trail(
          s.reps[e]!,
          at,
          'appraisal.score',
          { type: 'appraisal', id: appraisal._id },
          { title: a.title, unit: String(s.units[e]), reports: others.length },
        );
        return others.map((u) => ({
          appraisal: appraisal._id,
          reporter: s.units[u],
          evaluator: { group: 'units', unit: s.units[e] },
          scores: scoresOf(grades, a.reporters.indexOf(u)),
          comment: '',
          by: s.reps[e]!._id,
          at,
        }));
      }),
    );
    return appraisal._id;
  }
}

/** The three default criteria's grades for the `j`-th report: the evaluator's grades, rotated. */
function scoresOf(grades: AppraisalGrade[], j: number): Record<string, AppraisalGrade> {
  const g = (n: number) => grades[(n + j) % grades.length]!;
  return { duty: g(0), results: g(1), cooperation: g(2) };
}
