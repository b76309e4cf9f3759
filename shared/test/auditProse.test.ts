import { describe, expect, it } from 'vitest';
import {
  AUDIT_ACTIONS,
  AUDIT_CATEGORIES,
  AUDIT_FIELDS,
  auditActionKey,
  auditCategory,
  auditProse,
  catalogueString,
  formatLogTime,
  LOCALES,
  zonedInstant,
  type AuditEvent,
  type AuditRef,
  type ProseSegment,
} from '../src/index.js';

const NOW = new Date('2026-12-01T04:00:00Z');
const text = (segs: ProseSegment[]) => segs.map((s) => s.text).join('');
const zhang = { id: 'a'.repeat(24), name: '张敏' };
const chengdong = { id: 'b'.repeat(24), name: '城东街道' };

function event(action: string, target: AuditRef | null, more: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: 'c'.repeat(24),
    actor: zhang,
    actorUnit: chengdong,
    action,
    category: auditCategory(action),
    targetType: target?.kind ?? 'login',
    target,
    changes: [],
    // 21:05 in Beijing.
    at: '2026-11-30T13:05:00.000Z',
    ...more,
  };
}
const ref = (kind: AuditRef['kind'], name: string, path?: string): AuditRef => ({
  kind,
  id: 'd'.repeat(24),
  name,
  ...(path ? { path } : {}),
});

describe('an audit event in words', () => {
  it('a frozen decision draft: who, which unit, what, which decision (a link), Beijing time', () => {
    const e = event('decision.freeze', ref('decision', '关于共建停车场的决定', '/decisions/x'), {
      changes: [{ field: 'version', after: { type: 'number', value: 2, unit: 'version' } }],
    });
    const zh = auditProse(e, 'zh-CN', { now: NOW });
    expect(text(zh.sentence)).toBe('11月30日 21:05 城东街道 张敏 冻结了决议草稿《关于共建停车场的决定》的新版本');
    expect(zh.sentence).toContainEqual({ kind: 'target', text: '关于共建停车场的决定', path: '/decisions/x' });
    expect(zh.sentence[0]).toEqual({ kind: 'time', text: '11月30日 21:05', dateTime: e.at });
    expect(zh.changes).toEqual(['版本：第 2 版']);
    const en = auditProse(e, 'en', { now: NOW });
    expect(text(en.sentence)).toBe(
      '30 Nov 21:05 — 张敏 (城东街道) froze a new version of the draft decision “关于共建停车场的决定”',
    );
    expect(en.changes).toEqual(['Version: version 2']);
  });

  it('a meeting: its status change through the meeting-status labels, its time in Beijing time', () => {
    const e = event('meeting.update', ref('meeting', '第3次联席会议', '/meetings/m'), {
      changes: [
        { field: 'status', before: { type: 'enum', key: 'meetingStatus.scheduled' }, after: { type: 'enum', key: 'meetingStatus.in_session' } },
        { field: 'scheduledAt', before: { type: 'time', at: '2026-12-03T06:00:00.000Z' }, after: { type: 'time', at: '2026-12-04T01:30:00.000Z' } },
        { field: 'convenerUnit', after: { type: 'ref', ref: { kind: 'unit', id: chengdong.id, name: '城东街道' } } },
      ],
    });
    const zh = auditProse(e, 'zh-CN', { now: NOW });
    expect(text(zh.sentence)).toBe('11月30日 21:05 城东街道 张敏 修改了会议《第3次联席会议》');
    expect(zh.changes).toEqual(['状态：已安排 → 进行中', '开会时间：12月3日 14:00 → 12月4日 09:30', '召集单位：城东街道']);
    const en = auditProse(e, 'en', { now: NOW });
    expect(en.changes).toEqual(['Status: Scheduled → In session', 'Time: 3 Dec 14:00 → 4 Dec 09:30', 'Convener: 城东街道']);
  });

  it('a vote links to its meeting; the count and outcome in words', () => {
    const e = event('vote.close', ref('vote', '关于共建停车场的决定', '/meetings/m'), {
      changes: [
        { field: 'outcome', after: { type: 'enum', key: 'room.vote.outcome.adopted' } },
        { field: 'votesFor', after: { type: 'number', value: 5 } },
        { field: 'by', after: { type: 'enum', key: 'audit.closedBy.timer' } },
      ],
    });
    expect(text(auditProse(e, 'zh-CN', { now: NOW }).sentence)).toBe('11月30日 21:05 城东街道 张敏 结束了表决《关于共建停车场的决定》');
    expect(auditProse(e, 'zh-CN', { now: NOW }).changes).toEqual(['表决结果：通过', '同意票：5', '结束方式：限时到期自动结束']);
    expect(auditProse(e, 'en', { now: NOW }).changes).toEqual(['Outcome: Adopted', 'Votes for: 5', 'Closed: closed when time ran out']);
  });

  it('an action item: deadline as a day, progress as a percentage', () => {
    const e = event('actionItem.progress', ref('action_item', '老旧小区加装电梯', '/action-items/i'), {
      changes: [
        { field: 'percent', before: { type: 'number', value: 20, unit: 'percent' }, after: { type: 'number', value: 60, unit: 'percent' } },
        { field: 'dueDate', after: { type: 'day', day: '2027-03-05' } },
      ],
    });
    expect(text(auditProse(e, 'zh-CN', { now: NOW }).sentence)).toBe(
      '11月30日 21:05 城东街道 张敏 报告了督办事项《老旧小区加装电梯》的推进情况',
    );
    expect(auditProse(e, 'zh-CN', { now: NOW }).changes).toEqual(['完成进度：20% → 60%', '完成时限：2027年3月5日']);
    expect(auditProse(e, 'en', { now: NOW }).changes).toEqual(['Progress: 20% → 60%', 'Deadline: 5 Mar 2027']);
  });

  it('an alliance, a unit and a person are named; secretaries as a list of names', () => {
    const a = event('alliance.setSecretaries', ref('alliance', '城东党建联盟', '/alliances/a'), {
      changes: [
        {
          field: 'secretaries',
          after: { type: 'list', items: [{ type: 'ref', ref: { kind: 'user', name: '李华' } }, { type: 'ref', ref: { kind: 'user', name: '王芳' } }] },
        },
      ],
    });
    expect(text(auditProse(a, 'zh-CN', { now: NOW }).sentence)).toBe('11月30日 21:05 城东街道 张敏 设置了联合体“城东党建联盟”的秘书');
    expect(auditProse(a, 'zh-CN', { now: NOW }).changes).toEqual(['秘书：李华、王芳']);
    expect(auditProse(a, 'en', { now: NOW }).changes).toEqual(['Secretaries: 李华, 王芳']);

    const admin = { actor: { id: 'e'.repeat(24), name: '系统管理员' }, actorUnit: null };
    const u = event('unit.create', ref('unit', '城西社区'), { ...admin, changes: [{ field: 'kind', after: { type: 'enum', key: 'unitKind.community' } }] });
    expect(text(auditProse(u, 'zh-CN', { now: NOW }).sentence)).toBe('11月30日 21:05 系统管理员 新增了单位“城西社区”');
    expect(text(auditProse(u, 'en', { now: NOW }).sentence)).toBe('30 Nov 21:05 — 系统管理员 added the unit “城西社区”');
    expect(auditProse(u, 'zh-CN', { now: NOW }).changes).toEqual(['类型：社区']);

    const p = event('user.resetPassword', ref('user', '李华'), admin);
    expect(text(auditProse(p, 'zh-CN', { now: NOW }).sentence)).toBe('11月30日 21:05 系统管理员 重置了用户“李华”的密码');
  });

  it('a refused login names the login as typed; with no login it is the system', () => {
    const failed = event('login.failed', null, { actor: null, actorUnit: null, login: 'zhangmin' });
    expect(text(auditProse(failed, 'zh-CN', { now: NOW }).sentence)).toBe('11月30日 21:05 登录名“zhangmin” 登录失败');
    expect(text(auditProse(failed, 'en', { now: NOW }).sentence)).toBe('30 Nov 21:05 — Login “zhangmin” failed to sign in');
    const locked = event('login.locked', ref('user', '张敏'), {
      actor: null,
      actorUnit: null,
      login: 'zhangmin',
      changes: [{ field: 'retryAfterSeconds', after: { type: 'number', value: 900, unit: 'seconds' } }],
    });
    expect(text(auditProse(locked, 'zh-CN', { now: NOW }).sentence)).toBe(
      '11月30日 21:05 登录名“zhangmin” 因多次登录失败被暂时锁定（张敏）',
    );
    expect(auditProse(locked, 'zh-CN', { now: NOW }).changes).toEqual(['锁定时长：900 秒']);
    const system = event('meeting.update', ref('meeting', '第3次联席会议'), { actor: null, actorUnit: null });
    expect(text(auditProse(system, 'zh-CN', { now: NOW }).sentence)).toMatch(/^11月30日 21:05 系统 修改了会议/);
  });

  it('a removed record, an unknown code and a field without a label never show raw', () => {
    const e = event('actionItem.cancel', ref('action_item', '—'), {
      actor: { id: zhang.id, name: '—' },
      changes: [
        { field: 'status', after: { type: 'enum', key: 'actionItems.status.no_such_status' } },
        { field: 'someNewField', after: { type: 'text', text: 'x' } },
      ],
    });
    const zh = auditProse(e, 'zh-CN', { now: NOW });
    expect(text(zh.sentence)).toBe('11月30日 21:05 城东街道 （已删除） 取消了督办事项《（已删除）》');
    expect(zh.changes).toEqual(['状态：（未记录）']);
  });

  it('an action whose words do not place the target gets it appended; English labels read mid-sentence', () => {
    // As another part of the product might add an action: a bare label.
    const e = event('no.such.action', ref('meeting', '第3次联席会议', '/meetings/m'));
    expect(text(auditProse(e, 'zh-CN', { now: NOW }).sentence)).toBe('11月30日 21:05 城东街道 张敏 其他（第3次联席会议）');
    expect(text(auditProse(e, 'en', { now: NOW }).sentence)).toBe('30 Nov 21:05 — 张敏 (城东街道) other (第3次联席会议)');
  });

  it('long texts are shortened; a date of another year carries its year', () => {
    const e = event('alliance.setCharter', ref('alliance', '城东党建联盟'), {
      at: '2025-06-01T00:30:00.000Z',
      changes: [{ field: 'charter', after: { type: 'text', text: '第一条'.repeat(40) } }],
    });
    const zh = auditProse(e, 'zh-CN', { now: NOW });
    expect(zh.sentence[0]!.text).toBe('2025年6月1日 08:30');
    expect(zh.changes[0]).toMatch(/^章程：(第一条)+…$/);
    expect(zh.changes[0]!.length).toBeLessThan(70);
    expect(formatLogTime('2025-06-01T00:30:00.000Z', 'en', { now: NOW })).toBe('1 Jun 2025 08:30');
  });
});

describe('the audit catalogue is complete', () => {
  it('every audit action has its words in both languages (a new action needs only these)', () => {
    for (const locale of LOCALES) {
      expect(AUDIT_ACTIONS.filter((a) => !catalogueString(locale, auditActionKey(a)))).toEqual([]);
    }
  });

  it('every action belongs to a kind the filters offer, other than "other"', () => {
    expect(AUDIT_ACTIONS.filter((a) => auditCategory(a) === 'other')).toEqual([]);
    for (const locale of LOCALES) {
      expect(AUDIT_CATEGORIES.filter((c) => !catalogueString(locale, `audit.category.${c}`))).toEqual([]);
    }
  });

  it('every field the log knows has a label, and every code list it names exists', () => {
    for (const locale of LOCALES) {
      expect(Object.keys(AUDIT_FIELDS).filter((f) => !catalogueString(locale, `audit.field.${f}`))).toEqual([]);
      const lists = Object.values(AUDIT_FIELDS).flatMap((s) => (s.type === 'enum' ? [s.catalogue] : []));
      for (const list of lists) {
        expect({ list, found: catalogueHasObject(locale, list) }).toEqual({ list, found: true });
      }
    }
  });
});

function catalogueHasObject(locale: (typeof LOCALES)[number], key: string): boolean {
  // A code list is an object of labels: ask for any one of its entries through the same look-up.
  const probeKeys: Record<string, string> = {
    roles: 'lead',
    'minutes.state': 'confirmed',
    'room.vote.choices': 'for',
    'room.vote.outcome': 'adopted',
    'room.vote.basis': 'unit',
    'room.vote.thresholds': 'two_thirds',
    'minutes.status': 'draft',
    'audit.closedBy': 'chair',
    'audit.via': 'env',
    'audit.tally': 'live',
    'audit.periodKind': 'quarter',
    'audit.ratingMethod': 'ranks',
    'robots.platform': 'wecom',
  };
  const k = probeKeys[key];
  return k !== undefined && catalogueString(locale, `${key}.${k}`) !== undefined;
}

describe('Beijing time', () => {
  it('a day picked in a filter starts at midnight Beijing time, whatever the computer’s zone', () => {
    expect(zonedInstant('2026-11-30').toISOString()).toBe('2026-11-29T16:00:00.000Z');
    expect(zonedInstant('2026-11-30T09:30').toISOString()).toBe('2026-11-30T01:30:00.000Z');
    expect(zonedInstant('2026-03-29T12:00', 'Europe/Berlin').toISOString()).toBe('2026-03-29T10:00:00.000Z');
    expect(Number.isNaN(zonedInstant('30.11.2026').getTime())).toBe(true);
  });
});
