import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { breakLines } from '../src/exports/cjkLines.js';
import { minutesMarkdown } from '../src/exports/minutesMarkdown.js';
import { buildMinutesDocument, chineseNumber, type MinutesContent } from '../src/minutes/minutesDocument.js';
import { fragmentToProsemirror, prosemirrorToText } from '../src/yjs/prosemirror.js';
import { writeProsemirror } from '../src/yjs/richText.js';

export const sampleFacts = (): MinutesContent => ({
  alliance: '和平街道党建联合体',
  meeting: {
    title: '第三季度联席会议',
    seq: 3,
    place: '和平街道党群服务中心二楼会议室',
    onlineLink: null,
    start: new Date('2026-05-12T06:00:00Z'),
    end: new Date('2026-05-12T07:30:00Z'),
  },
  convenerUnit: '和平街道党工委',
  attendance: [
    { unit: '和平街道党工委', voting: true, status: 'present', checkedIn: ['张伟'], onBehalfBy: null, proxyTo: null },
    { unit: '区城管执法局', voting: true, status: 'present', checkedIn: [], onBehalfBy: '孙丽', proxyTo: null },
    { unit: '青年湖社区党委', voting: true, status: 'proxy', checkedIn: [], onBehalfBy: null, proxyTo: '张伟' },
    { unit: '区卫健委', voting: true, status: 'absent', checkedIn: [], onBehalfBy: null, proxyTo: null },
    { unit: '区融媒体中心', voting: false, status: 'present', checkedIn: ['刘洋'], onBehalfBy: null, proxyTo: null },
  ],
  agenda: [
    {
      title: '背街小巷环境整治进展',
      presenterUnit: '区城管执法局',
      minutes: 20,
      status: 'done',
      notes: '通报12条背街小巷整治情况。',
    },
    { title: '下季度工作安排', presenterUnit: null, minutes: 0, status: 'deferred', notes: '' },
  ],
  decisions: [
    {
      title: '关于背街小巷环境整治的决议',
      status: 'adopted',
      votes: [
        {
          title: '关于背街小巷环境整治的决议',
          text: '一、各成员单位按职责分工推进背街小巷整治。\n二、区城管执法局牵头，三个社区配合。',
          version: 2,
          basis: 'unit',
          secret: false,
          threshold: 'simple_majority',
          counts: { for: 3, against: 0, abstain: 0 },
          outcome: 'adopted',
          quorum: { eligible: 4, present: 3, required: 2, reached: true },
        },
      ],
    },
    { title: '关于共建文明实践站的决定', status: 'drafting', votes: [] },
  ],
  otherVotes: [],
  actionItems: [
    {
      title: '背街小巷环境整治',
      leadUnit: '区城管执法局',
      cooperatingUnits: ['青年湖社区党委', '和平街道党工委'],
      responsiblePerson: '李秀英',
      dueDate: '2027-06-30',
      measures: '一巷一策，每周巡查',
    },
  ],
});

describe('the generated minutes document', () => {
  it('records attendance by unit, the agenda, each decision with its adopted text and vote, and the action items', () => {
    const doc = buildMinutesDocument(sampleFacts());
    const text = prosemirrorToText(doc);
    expect(text.split('\n')[0]).toBe('第三季度联席会议纪要');
    expect(text).toContain('会议时间：2026年5月12日 14:00—15:30');
    expect(text).toContain('应出席成员单位4个，实到2个，委托表决1个，缺席1个；列席单位1个。');
    expect(text).toContain('区城管执法局：出席（由孙丽代为签到）');
    expect(text).toContain('青年湖社区党委：委托（表决权委托张伟代为行使）');
    expect(text).toContain('区卫健委：缺席');
    expect(text).toContain('区融媒体中心：列席（代表：刘洋）');
    expect(text).toContain('议题一：背街小巷环境整治进展（汇报单位：区城管执法局，20分钟）');
    expect(text).toContain('议题二：下季度工作安排（暂缓审议）');
    expect(text).toContain('通过的决议文本（第2版）：');
    expect(text).toContain('二、区城管执法局牵头，三个社区配合。');
    expect(text).toContain(
      '同意3票，反对0票，弃权0票（按成员单位计票，记名表决；应到4个单位，实到3个单位，法定人数2个单位，已达到）',
    );
    expect(text).toContain('表决结果：通过。');
    expect(text).toContain('本次会议未付表决，草案继续修改。');
    expect(text).toContain(
      '牵头单位：区城管执法局；配合单位：青年湖社区党委、和平街道党工委；责任人：李秀英；完成时限：2027年6月30日',
    );
  });

  it('fits the editor’s schema and survives the trip through a Yjs document unchanged', () => {
    const doc = buildMinutesDocument(sampleFacts());
    const ydoc = new Y.Doc();
    writeProsemirror(ydoc.getXmlFragment('default'), doc);
    const back = fragmentToProsemirror(ydoc.getXmlFragment('default'));
    expect(prosemirrorToText(back)).toBe(prosemirrorToText(doc));
    expect(back.content?.[0]).toMatchObject({ type: 'heading', attrs: { level: 1 } });
  });

  it('numbers in Chinese', () => {
    expect([1, 10, 11, 20, 25].map(chineseNumber)).toEqual(['一', '十', '十一', '二十', '二十五']);
  });

  it('Markdown keeps bold labels readable and marks a draft', () => {
    const md = minutesMarkdown({
      doc: buildMinutesDocument(sampleFacts()),
      title: 't',
      draft: true,
      publishedAt: null,
      sha256: null,
    });
    expect(md.startsWith('> **草稿**')).toBe(true);
    expect(md).toContain('# 第三季度联席会议纪要');
    expect(md).toContain('  **牵头单位**：区城管执法局；**配合单位**：青年湖社区党委');
  });
});

describe('Chinese line breaking', () => {
  const measure = (s: string) => [...s].length * 10;

  it('breaks between characters, never beyond the width', () => {
    const lines = breakLines([{ text: '各成员单位按职责分工推进背街小巷整治工作', bold: false }], 65, measure);
    expect(lines.map((l) => l.map((p) => p.text).join(''))).toEqual([
      '各成员单位按',
      '职责分工推进',
      '背街小巷整治',
      '工作',
    ]);
    expect(lines.every((l) => l.reduce((s, p) => s + p.width, 0) <= 65)).toBe(true);
  });

  it('does not begin a line with 。or ，, and keeps Latin words whole', () => {
    const lines = breakLines([{ text: '一二三四五六。七八 Tongxin 九', bold: false }], 60, measure).map((l) =>
      l.map((p) => p.text).join(''),
    );
    expect(lines.every((l) => !/^[。，]/.test(l))).toBe(true);
    expect(lines.join('|')).toContain('Tongxin');
    expect(lines.some((l) => l.includes('Tongxin'))).toBe(true);
  });
});
