import { describe, expect, it } from 'vitest';
import {
  allowedDemandTransitions,
  canMoveProject,
  catalogueString,
  DemandCreateSchema,
  DemandTransitionBodySchema,
  documentKeys,
  matchReasonText,
  nextDemandStatus,
  queryKeys,
  ResourceCreateSchema,
  scoreMatch,
  type MatchResource,
} from '../src/index.js';

describe('a demand’s status (待认领 → 已认领 → 办理中 → 已解决, or 不予受理)', () => {
  it('is claimed only while unclaimed, then worked on and resolved', () => {
    expect(nextDemandStatus('open', 'claim')).toBe('claimed');
    expect(nextDemandStatus('claimed', 'start')).toBe('in_progress');
    expect(nextDemandStatus('in_progress', 'resolve')).toBe('resolved');
    expect(nextDemandStatus('claimed', 'resolve')).toBe('resolved');
    expect(nextDemandStatus('claimed', 'claim')).toBeNull();
    expect(nextDemandStatus('open', 'resolve')).toBeNull();
  });

  it('is declined only before anyone took it on, and may be reopened', () => {
    expect(nextDemandStatus('open', 'reject')).toBe('rejected');
    expect(nextDemandStatus('in_progress', 'reject')).toBeNull();
    expect(nextDemandStatus('rejected', 'reopen')).toBe('open');
    expect(allowedDemandTransitions('open')).toEqual(['reject']);
    expect(allowedDemandTransitions('claimed')).toEqual(['start', 'resolve']);
  });

  it('a refusal (不予受理) needs a reason', () => {
    expect(DemandTransitionBodySchema.safeParse({ transition: 'reject' }).success).toBe(false);
    expect(DemandTransitionBodySchema.safeParse({ transition: 'reject', reason: '不属于本联合体职责' }).success).toBe(true);
    // Claiming is an accepted offer, never a bare button.
    expect(DemandTransitionBodySchema.safeParse({ transition: 'claim' }).success).toBe(false);
  });

  it('a demand raised at a meeting names the meeting', () => {
    const base = { title: '老人助餐', category: '养老服务', unit: 'a'.repeat(24) };
    expect(DemandCreateSchema.safeParse({ ...base, source: 'meeting' }).success).toBe(false);
    expect(DemandCreateSchema.parse(base)).toMatchObject({ source: 'unit', urgency: 'normal', tags: [] });
  });
});

describe('a project’s status (筹备 → 实施中 → 已完成, or 已终止)', () => {
  it('moves forward, may be terminated, and a terminated one stays so', () => {
    expect(canMoveProject('preparing', 'active')).toBe(true);
    expect(canMoveProject('active', 'completed')).toBe(true);
    expect(canMoveProject('preparing', 'completed')).toBe(false);
    expect(canMoveProject('terminated', 'active')).toBe(false);
  });
});

describe('search keys: Chinese without a segmenter', () => {
  it('stores every bigram and character, and Latin words whole', () => {
    expect(documentKeys('老人助餐')).toEqual(expect.arrayContaining(['老人', '人助', '助餐', '老', '餐']));
    expect(documentKeys('WiFi 覆盖 2026')).toEqual(expect.arrayContaining(['wifi', '覆盖', '2026']));
  });

  it('splits a query the same way, so "助餐" is found in "老人助餐"', () => {
    expect(queryKeys('助餐')).toEqual(['助餐']);
    expect(queryKeys('老人 助餐')).toEqual(['老人', '助餐']);
    expect(queryKeys('餐')).toEqual(['餐']);
    const keys = new Set(documentKeys('社区老人助餐点'));
    expect(queryKeys('老人助餐').every((k) => keys.has(k))).toBe(true);
    expect(queryKeys('停车').every((k) => keys.has(k))).toBe(false);
  });

  it('folds full-width letters and case', () => {
    expect(queryKeys('ＡＢＣ')).toEqual(['abc']);
  });
});

describe('matching a demand with resources', () => {
  const demand = { category: '养老服务', title: '老人助餐', description: '独居老人午餐没有着落，希望开设助餐点', tags: [] };
  const canteen: MatchResource = {
    category: '养老服务',
    title: '单位食堂助餐服务',
    description: '工作日中午为辖区老人提供助餐 30 份',
    tags: [],
    status: 'available',
    availableFrom: '2026-01-01',
    availableTo: '2027-03-31',
  };

  it('scores the same category, shared words and availability, and says why', () => {
    const m = scoreMatch(demand, canteen, '2026-12-07');
    expect(m).not.toBeNull();
    expect(m!.reasons).toEqual([
      { kind: 'category', category: '养老服务' },
      { kind: 'keywords', words: ['老人', '助餐'] },
      { kind: 'availableUntil', date: '2027-03-31' },
    ]);
    const str = (key: string) => catalogueString('zh-CN', key);
    expect(matchReasonText(m!.reasons, str)).toBe('同类：养老服务 · 关键词：老人、助餐 · 可用至 2027-03-31');
    const en = (key: string) => catalogueString('en', key);
    expect(matchReasonText(m!.reasons, en)).toBe('Same category: 养老服务 · Keywords: 老人, 助餐 · Available until 2027-03-31');
  });

  it('ranks a closer resource higher', () => {
    const venue = { ...canteen, title: '活动室借用', description: '可容纳 60 人的活动室', availableTo: null };
    const a = scoreMatch(demand, canteen, '2026-12-07')!;
    const b = scoreMatch(demand, venue, '2026-12-07')!;
    expect(a.score).toBeGreaterThan(b.score);
    expect(b.reasons).toEqual([{ kind: 'category', category: '养老服务' }, { kind: 'openEnded' }]);
  });

  it('leaves out what is not available today, and what has nothing in common', () => {
    expect(scoreMatch(demand, { ...canteen, availableTo: '2026-06-30' }, '2026-12-07')).toBeNull();
    expect(scoreMatch(demand, { ...canteen, status: 'used_up' }, '2026-12-07')).toBeNull();
    expect(scoreMatch(demand, { ...canteen, category: '停车', title: '停车位错时共享', description: '夜间开放 40 个车位' }, '2026-12-07')).toBeNull();
  });

  it('shared tags count and come first among the keywords', () => {
    const m = scoreMatch({ ...demand, tags: ['助老'] }, { ...canteen, tags: ['助老'] }, '2026-12-07')!;
    expect(m.reasons[1]).toEqual({ kind: 'keywords', words: ['助老', '老人', '助餐'] });
  });

  it('a resource period must end after it starts', () => {
    const r = { unit: 'a'.repeat(24), kind: 'venue', category: '其他', title: '会议室', availableFrom: '2027-01-02', availableTo: '2027-01-01' };
    expect(ResourceCreateSchema.safeParse(r).error?.issues[0]?.path).toEqual(['availableTo']);
  });
});
