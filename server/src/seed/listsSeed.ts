import {
  addCalendarDays,
  addWorkingDays,
  localDate,
  type DemandSource,
  type DemandStatus,
  type DemandUrgency,
  type ProjectStatus,
  type ResourceKind,
  type ResourceStatus,
} from '@tongxin/shared';
import type { Types } from 'mongoose';
import { keysOf } from '../commands/listLoaders.js';
import type { Models } from '../db/models/index.js';

// The demo alliance's three lists (需求、资源、项目清单) a month into its life: demands in every
// state, what the member units offer, and two joint projects — one with a milestone already late,
// one with a milestone due within days — so a first run shows the lists, the suggestions, the
// projects' lights and the ledger's 共建项目 working. Written straight to the models (the seed runs
// before the server listens, and a real alliance's history has no events left to hear).

const DAY = 86_400_000;

interface SeedPeople {
  alliance: Types.ObjectId;
  /** The member units, in the demo seed's order (和平街道党工委 first). */
  units: Types.ObjectId[];
  /** Their representatives, unit by unit. */
  reps: Types.ObjectId[];
  secretary: Types.ObjectId;
  /** The first joint meeting: where one demand was raised. */
  meeting: Types.ObjectId;
}

// Unit indices of the demo seed.
const STREET = 0;
const HEPINGLI = 1;
const QINGNIANHU = 2;
const DITAN = 3;
const HOUSING = 4;
const URBAN_MGMT = 5;
const CHENGTOU = 6;
const SCHOOL = 7;

interface ResourceSeed {
  unit: number;
  kind: ResourceKind;
  category: string;
  title: string;
  description: string;
  quantity: string;
  /** Days from today the period ends (null: open-ended). */
  until: number | null;
  contact: string;
  conditions?: string;
  tags?: string[];
  status?: ResourceStatus;
  daysAgo: number;
}

const RESOURCES: ResourceSeed[] = [
  {
    unit: CHENGTOU,
    kind: 'venue',
    category: '停车',
    title: '城投大厦地下停车场夜间错时共享车位',
    description: '工作日 19:00 至次日 7:30、节假日全天向周边居民开放，按月登记使用。',
    quantity: '夜间 40 个车位',
    until: 365,
    contact: '物业部 赵经理 010-6421xxxx',
    conditions: '居民凭社区登记证明办理门禁卡，早 7:30 前驶离。',
    tags: ['错时停车'],
    daysAgo: 34,
  },
  {
    unit: CHENGTOU,
    kind: 'funds',
    category: '环境整治',
    title: '背街小巷环境提升共建资金',
    description: '用于楼道堆物清理、墙面粉刷和绿化补植，按项目进度拨付。',
    quantity: '20 万元',
    until: 200,
    contact: '党群工作部 周敏',
    conditions: '须纳入联合体共建项目，专款专用、结项审计。',
    daysAgo: 30,
  },
  {
    unit: CHENGTOU,
    kind: 'equipment',
    category: '安全隐患',
    title: '应急抢修工程车辆和发电设备',
    description: '汛期、雪天和突发停电时支援社区应急处置。',
    quantity: '工程车 2 辆、移动发电机 1 台',
    until: null,
    contact: '工程部值班室 24 小时',
    daysAgo: 26,
  },
  {
    unit: SCHOOL,
    kind: 'volunteers',
    category: '助学',
    title: '青年教师课后辅导志愿服务队',
    description: '为困难家庭子女提供课后作业辅导和阅读陪伴。',
    quantity: '每周 2 次，每次 10 人',
    until: 180,
    contact: '校团委 刘老师',
    tags: ['课后辅导'],
    daysAgo: 33,
  },
  {
    unit: SCHOOL,
    kind: 'venue',
    category: '文化活动',
    title: '学校体育馆和操场周末开放',
    description: '周末和寒暑假向社区开放，可承办文体活动和居民运动会。',
    quantity: '可容纳 300 人',
    until: 240,
    contact: '总务处 010-6422xxxx',
    conditions: '提前一周预约，活动方负责安全和清扫。',
    daysAgo: 25,
  },
  {
    unit: HEPINGLI,
    kind: 'venue',
    category: '养老服务',
    title: '和平里社区养老驿站活动室',
    description: '白天开放，设休息区、康复器材和阅览角，可开展日间照料和健康讲座。',
    quantity: '可容纳 40 人',
    until: null,
    contact: '养老驿站 站长 吴红',
    tags: ['日间照料'],
    daysAgo: 28,
  },
  {
    unit: HOUSING,
    kind: 'expertise',
    category: '环境整治',
    title: '老旧小区改造政策和技术咨询',
    description: '住建局派技术人员上门解读改造政策，指导楼道、管线和外立面整治方案。',
    quantity: '每月 1 次上门',
    until: null,
    contact: '城市更新科 陈静',
    daysAgo: 22,
  },
  {
    unit: STREET,
    kind: 'expertise',
    category: '就业',
    title: '街道社保所就业指导和专场招聘',
    description: '一对一职业指导、技能培训报名和每季度一次专场招聘会。',
    quantity: '每季度 1 场招聘会',
    until: 300,
    contact: '社保所 010-6423xxxx',
    daysAgo: 20,
  },
  {
    unit: QINGNIANHU,
    kind: 'venue',
    category: '文化活动',
    title: '青年湖社区文化广场',
    description: '已全部排给今冬的社区文艺演出，开春后再开放预约。',
    quantity: '可容纳 200 人',
    until: 120,
    contact: '社区居委会',
    status: 'used_up',
    daysAgo: 18,
  },
];

interface DemandSeed {
  unit: number;
  title: string;
  description: string;
  category: string;
  location: string;
  urgency: DemandUrgency;
  source?: DemandSource;
  residentName?: string;
  status: DemandStatus;
  rejectReason?: string;
  /** The unit whose offer was accepted, and the resource (index in RESOURCES) it brought. */
  claimedBy?: number;
  resource?: number;
  /** An offer still waiting for the raiser. */
  pendingOffer?: { unit: number; note: string };
  tags?: string[];
  daysAgo: number;
}

const DEMANDS: DemandSeed[] = [
  {
    unit: QINGNIANHU,
    title: '青年湖小区夜间停车位紧张',
    description: '小区建于上世纪八十年代，车位不足 120 个，夜间车辆占用消防通道，居民反映强烈。',
    category: '停车',
    location: '青年湖小区',
    urgency: 'pressing',
    status: 'in_progress',
    claimedBy: CHENGTOU,
    resource: 0,
    tags: ['错时停车'],
    daysAgo: 32,
  },
  {
    unit: HEPINGLI,
    title: '和平里七区楼道堆物清理和环境提升',
    description: '楼道长期堆放杂物，存在消防隐患，墙面破损，需要资金和执法配合集中整治。',
    category: '环境整治',
    location: '和平里七区 1—12 号楼',
    urgency: 'urgent',
    status: 'in_progress',
    claimedBy: CHENGTOU,
    resource: 1,
    daysAgo: 29,
  },
  {
    unit: DITAN,
    title: '独居老人日间照料和健康监测',
    description: '社区 80 岁以上独居老人 46 位，白天无人照看，希望有固定场所提供日间照料和定期体检。',
    category: '养老服务',
    location: '地坛社区',
    urgency: 'urgent',
    source: 'resident',
    residentName: '张桂兰',
    status: 'open',
    tags: ['日间照料'],
    daysAgo: 9,
  },
  {
    unit: SCHOOL,
    title: '学校周边上下学时段交通拥堵',
    description: '早 7:20—7:50、午 16:30—17:10 校门口接送车辆乱停，学生过马路有安全隐患。',
    category: '安全隐患',
    location: '和平里第一中学东门',
    urgency: 'pressing',
    status: 'open',
    pendingOffer: { unit: URBAN_MGMT, note: '可在上下学时段派执法队员到校门口疏导、劝离违停车辆。' },
    daysAgo: 7,
  },
  {
    unit: HEPINGLI,
    title: '背街小巷垃圾清运不及时',
    description: '和平里北街垃圾桶满溢，夏季异味明显，需要增加清运频次并规范商户垃圾投放。',
    category: '环境整治',
    location: '和平里北街',
    urgency: 'normal',
    status: 'claimed',
    claimedBy: URBAN_MGMT,
    daysAgo: 12,
  },
  {
    unit: QINGNIANHU,
    title: '困难家庭子女课后托管',
    description: '双职工和低保家庭的小学生放学后无人看护，希望有老师帮助辅导作业。',
    category: '助学',
    location: '青年湖社区',
    urgency: 'normal',
    status: 'resolved',
    claimedBy: SCHOOL,
    resource: 3,
    tags: ['课后辅导'],
    daysAgo: 40,
  },
  {
    unit: DITAN,
    title: '失业居民就业技能培训',
    description: '第一次联席会议上提出：社区登记失业人员 31 人，希望开办家政、电工等技能培训并推荐岗位。',
    category: '就业',
    location: '地坛社区',
    urgency: 'normal',
    source: 'meeting',
    status: 'open',
    daysAgo: 27,
  },
  {
    unit: HEPINGLI,
    title: '小区内饲养家禽扰民',
    description: '居民反映有住户在楼下空地圈养鸡鸭，清晨噪声和异味影响休息。',
    category: '其他',
    location: '和平里五区',
    urgency: 'normal',
    source: 'resident',
    residentName: '刘先生',
    status: 'rejected',
    rejectReason: '属于物业管理和城管执法的日常事项，已转 12345 热线按程序办理，不列入联合体需求清单。',
    daysAgo: 15,
  },
];

interface ProjectSeed {
  title: string;
  description: string;
  category: string;
  lead: number;
  participants: { unit: number; commitment: string; resource?: number }[];
  /** Due: days from today, or working days from today when `working`. */
  milestones: { title: string; due: number; working?: boolean; doneDaysAgo?: number }[];
  progress: { unit: number; daysAgo: number; text: string }[];
  budget: number | null;
  status: ProjectStatus;
  /** Index in DEMANDS of the demand it answers. */
  demand: number;
  daysAgo: number;
}

const PROJECTS: ProjectSeed[] = [
  {
    title: '青年湖小区错时共享停车',
    description: '城投大厦地下停车场夜间向青年湖小区居民开放，社区组织登记，城管规范周边道路停车秩序。',
    category: '停车',
    lead: CHENGTOU,
    participants: [
      { unit: QINGNIANHU, commitment: '组织居民登记、建立车辆台账' },
      { unit: URBAN_MGMT, commitment: '规范周边道路停车秩序' },
    ],
    milestones: [
      { title: '签订错时停车共享协议', due: -18, doneDaysAgo: 19 },
      // Late: the gate work slipped, so the project shows red.
      { title: '完成车辆登记和门禁改造', due: -3 },
      { title: '试运行满一个月评估', due: 28 },
    ],
    progress: [
      { unit: CHENGTOU, daysAgo: 19, text: '共享协议已签订，明确开放时段、收费标准和安全责任。' },
      { unit: QINGNIANHU, daysAgo: 8, text: '已登记居民车辆 37 辆，门禁系统改造因设备到货延迟尚未完成。' },
    ],
    budget: 35000,
    status: 'active',
    demand: 0,
    daysAgo: 24,
  },
  {
    title: '和平里七区背街小巷环境提升共建',
    description: '街道牵头，城投出资、城管执法保障、社区发动居民志愿者，集中整治楼道堆物并建立长效管护机制。',
    category: '环境整治',
    lead: STREET,
    participants: [
      { unit: HEPINGLI, commitment: '发动楼门长和居民志愿者参与清理' },
      { unit: CHENGTOU, commitment: '提供共建资金 20 万元', resource: 1 },
      { unit: URBAN_MGMT, commitment: '对拒不清理的堆物依法执法' },
    ],
    milestones: [
      { title: '完成现状摸底和整治方案', due: -10, doneDaysAgo: 11 },
      // Due within the alliance's three working days: the project shows yellow.
      { title: '清理楼道堆物和违规小广告', due: 2, working: true },
      { title: '墙面粉刷、绿化补植并验收', due: 45 },
    ],
    progress: [
      { unit: STREET, daysAgo: 11, text: '整治方案经居民议事会讨论通过，涉及 12 个楼栋 86 处堆物点位。' },
      { unit: HEPINGLI, daysAgo: 4, text: '已清理 7 个楼栋，组织志愿者 42 人次。' },
    ],
    budget: 200000,
    status: 'active',
    demand: 1,
    daysAgo: 20,
  },
];

/**
 * The lists of the demo alliance. Part of the one-time demo seed (which runs only on an empty
 * database); it also leaves an alliance that already has a list alone.
 */
export async function seedLists(models: Models, s: SeedPeople): Promise<void> {
  if (await models.Demand.exists({ alliance: s.alliance })) return;
  const now = Date.now();
  const ago = (days: number) => new Date(now - days * DAY);
  const today = localDate(new Date(now));
  const u = (i: number) => s.units[i]!;
  const rep = (i: number) => s.reps[i] ?? s.secretary;

  const resources = await models.Resource.insertMany(
    RESOURCES.map((r) => ({
      alliance: s.alliance,
      unit: u(r.unit),
      kind: r.kind,
      category: r.category,
      title: r.title,
      description: r.description,
      quantity: r.quantity,
      availableFrom: localDate(ago(r.daysAgo)),
      availableTo: r.until === null ? null : addCalendarDays(today, r.until),
      contact: r.contact,
      conditions: r.conditions ?? '',
      tags: r.tags ?? [],
      status: r.status ?? 'available',
      searchKeys: keysOf(r.title, r.description, r.category, r.quantity, (r.tags ?? []).join(' ')),
      createdBy: rep(r.unit),
      createdAt: ago(r.daysAgo),
      updatedAt: ago(r.daysAgo),
    })),
    { timestamps: false },
  );

  const demands = await models.Demand.insertMany(
    DEMANDS.map((d) => {
      const offers = [];
      if (d.claimedBy !== undefined) {
        offers.push({
          unit: u(d.claimedBy),
          resource: d.resource !== undefined ? resources[d.resource]!._id : null,
          note: '',
          status: 'accepted',
          by: rep(d.claimedBy),
          at: ago(d.daysAgo - 2),
        });
      }
      if (d.pendingOffer) {
        offers.push({
          unit: u(d.pendingOffer.unit),
          resource: null,
          note: d.pendingOffer.note,
          status: 'pending',
          by: rep(d.pendingOffer.unit),
          at: ago(d.daysAgo - 2),
        });
      }
      return {
        alliance: s.alliance,
        title: d.title,
        description: d.description,
        category: d.category,
        location: d.location,
        unit: u(d.unit),
        source: d.source ?? 'unit',
        residentName: d.residentName ?? '',
        meeting: d.source === 'meeting' ? s.meeting : null,
        urgency: d.urgency,
        tags: d.tags ?? [],
        status: d.status,
        rejectReason: d.rejectReason ?? '',
        claimedBy: d.claimedBy !== undefined ? u(d.claimedBy) : null,
        resource: d.resource !== undefined ? resources[d.resource]!._id : null,
        offers,
        searchKeys: keysOf(d.title, d.description, d.category, d.location, (d.tags ?? []).join(' ')),
        createdBy: rep(d.unit),
        createdAt: ago(d.daysAgo),
        updatedAt: ago(Math.max(0, d.daysAgo - 3)),
      };
    }),
    { timestamps: false },
  );

  await models.Project.insertMany(
    PROJECTS.map((p) => ({
      alliance: s.alliance,
      title: p.title,
      description: p.description,
      category: p.category,
      leadUnit: u(p.lead),
      participants: p.participants.map((x) => ({
        unit: u(x.unit),
        commitment: x.commitment,
        resource: x.resource !== undefined ? resources[x.resource]!._id : null,
      })),
      milestones: p.milestones.map((m) => ({
        title: m.title,
        dueDate: m.working ? addWorkingDays(today, m.due) : addCalendarDays(today, m.due),
        done: m.doneDaysAgo !== undefined,
        doneAt: m.doneDaysAgo !== undefined ? ago(m.doneDaysAgo) : null,
      })),
      progress: p.progress.map((e) => ({ text: e.text, by: rep(e.unit), unit: u(e.unit), at: ago(e.daysAgo) })),
      budget: p.budget,
      status: p.status,
      demand: demands[p.demand]!._id,
      searchKeys: keysOf(p.title, p.description, p.category),
      createdBy: rep(p.lead),
      createdAt: ago(p.daysAgo),
      updatedAt: ago(Math.min(...p.progress.map((e) => e.daysAgo))),
    })),
    { timestamps: false },
  );
}
