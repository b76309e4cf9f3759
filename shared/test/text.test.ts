import { describe, expect, it } from 'vitest';
import {
  ActionItemCreateSchema,
  AllianceInputSchema,
  cleanName,
  DecisionCreateSchema,
  MeetingCreateSchema,
  MeetingPatchSchema,
  NameSchema,
  UnitInputSchema,
  UserCreateSchema,
  VoteOpenSchema,
} from '../src/index.js';

const ID = '0123456789abcdef01234567';
const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.error?.issues.map((i) => i.message) ?? [];

describe('names and titles people type', () => {
  it('names that differ only by invisible characters are the same name', () => {
    const plain = NameSchema.parse('青年湖社区党委');
    for (const disguised of [
      '青年湖\u200B社区党委', // zero-width space
      '青年湖\u200C社区\u200D党委', // zero-width non-joiner and joiner
      '\uFEFF青年湖社区党委\u2060', // byte-order mark, word joiner
      '青年湖\u202E社区\u202C党委', // right-to-left override … pop
      '\u200E青年湖社区党委\u200F', // LRM, RLM
      '\u2066青年湖社区党委\u2069', // isolates
      '  青年湖社区党委\u3000', // ordinary and ideographic space at the ends
    ]) {
      expect(NameSchema.parse(disguised)).toBe(plain);
    }
  });

  it('compatibility variants fold (NFKC); Chinese full-width punctuation stays as written', () => {
    expect(cleanName('ＡＢＣ物业公司')).toBe('ABC物业公司');
    expect(cleanName('第１２次联席会议')).toBe('第12次联席会议');
    expect(cleanName('ｶﾀｶﾅ')).toBe('カタカナ');
    expect(cleanName('联席会议（第三次）：议程……')).toBe('联席会议（第三次）：议程……');
    expect(cleanName('Cafe\u0301')).toBe('Café');
  });

  it('control characters are refused with a clear message, line breaks too', () => {
    for (const bad of ['a\u0007b', 'a\u0000b', '\u001B[31mred', 'a\nb', 'a\tb', 'a\u0085b', 'a\u007Fb']) {
      const r = NameSchema.safeParse(bad);
      expect(r.success, JSON.stringify(bad)).toBe(false);
      expect(messages(r)[0]).toMatch(/control characters/);
    }
  });

  it('a name made only of invisible characters is empty, so refused', () => {
    expect(NameSchema.safeParse('\u200B\u200D\uFEFF').success).toBe(false);
  });

  it('every name and title field in the API is cleaned the same way', () => {
    const zw = (s: string) => `${s.slice(0, 2)}\u200B${s.slice(2)}`;
    expect(UnitInputSchema.parse({ name: zw('青年湖社区党委'), kind: 'community', level: 'community' }).name).toBe(
      '青年湖社区党委',
    );
    expect(AllianceInputSchema.parse({ name: zw('安定门联合党委'), kind: 'regional' }).name).toBe('安定门联合党委');
    expect(UserCreateSchema.parse({ name: zw('张晓明'), login: 'zxm', password: 'long-enough-password' }).name).toBe(
      '张晓明',
    );
    expect(DecisionCreateSchema.parse({ title: zw('关于共建项目的决议') }).title).toBe('关于共建项目的决议');
    const meeting = MeetingCreateSchema.parse({
      title: zw('联席会议'),
      scheduledAt: '2026-06-01T09:00:00Z',
      place: zw('党群服务中心'),
    });
    expect([meeting.title, meeting.place]).toEqual(['联席会议', '党群服务中心']);
    const item = ActionItemCreateSchema.parse({
      title: zw('背街小巷整治'),
      leadUnit: ID,
      responsiblePerson: zw('李秀英'),
      dueDate: '2026-06-30',
    });
    expect([item.title, item.responsiblePerson]).toEqual(['背街小巷整治', '李秀英']);
    expect(VoteOpenSchema.parse({ meetingId: ID, title: zw('表决事项'), text: '同意。' }).title).toBe('表决事项');
    for (const r of [
      UnitInputSchema.safeParse({ name: 'a\u0007b', kind: 'community', level: 'community' }),
      AllianceInputSchema.safeParse({ name: 'a\u001Bb', kind: 'regional' }),
      DecisionCreateSchema.safeParse({ title: 'a\u0000b' }),
      MeetingPatchSchema.safeParse({ title: 'a\u0007b' }),
    ]) {
      expect(r.success).toBe(false);
    }
  });

  it('titles may be up to 200 characters (before, .max(200) on a 100-limit name kept them at 100)', () => {
    expect(DecisionCreateSchema.safeParse({ title: '决'.repeat(200) }).success).toBe(true);
    expect(DecisionCreateSchema.safeParse({ title: '决'.repeat(201) }).success).toBe(false);
    expect(NameSchema.safeParse('名'.repeat(101)).success).toBe(false);
  });
});

describe('multi-line text', () => {
  it('keeps line breaks, tabs, joiners and full-width punctuation; refuses other control characters', () => {
    const text = '一、按职责分工推进，每月通报。\n二、\t配合单位：👨‍👩‍👧 志愿服务队';
    const item = (description: string) =>
      ActionItemCreateSchema.safeParse({
        title: '督办',
        leadUnit: ID,
        responsiblePerson: '李秀英',
        dueDate: '2026-06-30',
        description,
      });
    const ok = item(`${text}\r\n`);
    expect(ok.success && ok.data.description).toBe(text);
    const bad = item('第一条\u0007第二条');
    expect(bad.success).toBe(false);
    expect(messages(bad)[0]).toMatch(/control characters/);
    expect(AllianceInputSchema.safeParse({ name: '联合体', kind: 'regional', charter: '章程\u0000' }).success).toBe(
      false,
    );
  });
});

describe('online meeting links', () => {
  const withLink = (onlineLink: string) =>
    MeetingCreateSchema.safeParse({ title: '联席会议', scheduledAt: '2026-06-01T09:00:00Z', onlineLink });

  it('http and https links, intranet addresses included, are accepted', () => {
    for (const link of [
      'https://meeting.tencent.com/dm/abc',
      'http://10.1.2.3:8080/room/7',
      'https://视频会议.example.cn/j/1',
    ]) {
      expect(withLink(link).success, link).toBe(true);
    }
  });

  it('javascript:, data:, vbscript: and other schemes are refused with a clear message', () => {
    for (const link of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'ftp://files.example.cn/',
      'https://a.example.cn/\u0007',
    ]) {
      const r = withLink(link);
      expect(r.success, link).toBe(false);
      expect(messages(r)[0]).toMatch(/http:\/\/ or https:\/\/|control characters/);
    }
    expect(messages(withLink('javascript:alert(1)'))).toContain('must be an http:// or https:// link');
    expect(MeetingPatchSchema.safeParse({ onlineLink: 'javascript:alert(1)' }).success).toBe(false);
  });
});
