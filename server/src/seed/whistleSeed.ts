import { whistleDeadlines, type WhistleUrgency } from '@tongxin/shared';
import type { Types } from 'mongoose';
import type { Models } from '../db/models/index.js';

interface WhistleSeedFacts {
  alliance: Types.ObjectId;
  /** The demo units in seed order: street, three communities, 住建局, 城管执法局, 城投, school. */
  units: Types.ObjectId[];
  /** Their representatives, in the same order. */
  reps: Types.ObjectId[];
  now: Date;
}

const HOUR = 3_600_000;

/**
 * 吹哨报到 as a street alliance has it after a few weeks: one whistle rated and closed, one late
 * (the assisting department 签收 late and nobody has reported in time: red), and one just blown
 * (waiting for 签收).
 */
export async function seedWhistles(models: Models, f: WhistleSeedFacts): Promise<void> {
  const { units, reps } = f;
  const whistle = (
    days: number,
    urgency: WhistleUrgency,
    whistler: number,
    lead: number,
    assisting: number[],
    fields: { title: string; description: string; location: string; category: string },
  ) => {
    const raisedAt = new Date(f.now.getTime() - days * 24 * HOUR);
    raisedAt.setUTCHours(2, 0, 0, 0); // 10:00 Beijing time
    const due = whistleDeadlines(raisedAt, urgency);
    const dept = (unit: number, role: 'lead' | 'assisting') => ({ unit: units[unit]!, role, ...due });
    return {
      raisedAt,
      due,
      doc: {
        alliance: f.alliance,
        unit: units[whistler]!,
        raisedBy: reps[whistler]!,
        raisedAt,
        urgency,
        ...fields,
        departments: [dept(lead, 'lead'), ...assisting.map((u) => dept(u, 'assisting'))],
      },
    };
  };
  const at = (from: Date, hours: number) => new Date(from.getTime() + hours * HOUR);

  const rated = whistle(20, 'normal', 2, 4, [6], {
    title: '青年湖小区加装电梯施工噪音扰民',
    description: '加装电梯工地夜间施工，居民多次反映噪音扰民，社区协调未果。',
    location: '青年湖小区 7 号楼',
    category: '环境整治',
  });
  rated.doc.departments = rated.doc.departments.map((d, i) => ({
    ...d,
    ackAt: at(rated.raisedAt, 0.5),
    ackBy: reps[i === 0 ? 4 : 6]!,
    contactAt: at(rated.raisedAt, 3),
    contactBy: reps[i === 0 ? 4 : 6]!,
    reportedAt: at(rated.raisedAt, 50),
    reports: [{ text: i === 0 ? '约谈施工单位，限定施工时间为 8:00–18:00，夜间停工。' : '调整施工排班，增设隔音围挡。', doneAt: at(rated.raisedAt, 48), at: at(rated.raisedAt, 50), by: reps[i === 0 ? 4 : 6]! }],
    rating: { value: i === 0 ? 'satisfied' : 'basic', comment: i === 0 ? '响应及时，问题解决' : '围挡到位稍慢', at: at(rated.raisedAt, 80) },
  })) as typeof rated.doc.departments;

  const late = whistle(8, 'urgent', 1, 5, [4], {
    title: '和平里北街夜市占道经营堵塞消防通道',
    description: '夜市摊点占用消防通道，居民投诉多次，社区无执法权，需城管牵头、住建配合整治。',
    location: '和平里北街 12 号至 30 号',
    category: '安全隐患',
  });
  late.doc.departments = late.doc.departments.map((d, i) => ({
    ...d,
    ackAt: at(late.raisedAt, i === 0 ? 0.5 : 30),
    ackBy: reps[i === 0 ? 5 : 4]!,
    ...(i === 0 ? { contactAt: at(late.raisedAt, 2), contactBy: reps[5]! } : {}),
  })) as typeof late.doc.departments;

  const fresh = whistle(0, 'normal', 3, 5, [], {
    title: '地坛社区共享单车乱停放',
    description: '地铁口共享单车堆积，影响居民出行，请城管执法部门协调运营企业清理。',
    location: '地坛社区地铁 B 口',
    category: '停车',
  });
  fresh.doc.raisedAt = new Date(f.now.getTime() - 10 * 60_000);
  fresh.doc.departments = fresh.doc.departments.map((d) => ({ ...d, ...whistleDeadlines(fresh.doc.raisedAt, 'normal') }));

  await models.Whistle.insertMany([
    { ...rated.doc, status: 'closed', closedAt: at(rated.raisedAt, 80), closedBy: reps[2]! },
    { ...late.doc, status: 'open' },
    { ...fresh.doc, status: 'open' },
  ]);
}
