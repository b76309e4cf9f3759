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
  it('is a 纪要: numbered title, the meeting’s facts, the body in 一、（一）1. and attendance below it', () => {
    const doc = buildMinutesDocument({ ...sampleFacts(), chair: '张伟', recorders: ['孙丽'] });
    const text = prosemirrorToText(doc);
    const lines = text.split('\n');
    // The meeting's number, not its name nor a decision's.
    expect(lines[0]).toBe('第三次联席会议纪要');
    expect(lines.slice(1, 5)).toEqual([
      '时间：2026年5月12日 14:00—15:30',
      '地点：和平街道党群服务中心二楼会议室',
      '召集：和平街道党工委',
      '主持：张伟',
    ]);
    expect(text).toContain('2026年5月12日，和平街道党建联合体召开第三次联席会议（第三季度联席会议）。');
    expect(text).toContain('应出席成员单位4个，实到2个，委托表决1个，缺席1个；列席单位1个。现将会议议定事项纪要如下：');
    // The hierarchy: 一、 as level-2 headings, （一） as level-3, 1. as a bold run.
    const headings = (doc.content ?? []).filter((n) => n.type === 'heading');
    expect(headings.map((h) => [h.attrs?.level, prosemirrorToText(h)])).toEqual([
      [1, '第三次联席会议纪要'],
      [2, '一、会议议题'],
      [3, '（一）背街小巷环境整治进展'],
      [3, '（二）下季度工作安排'],
      [2, '二、议定事项'],
      [3, '（一）关于背街小巷环境整治的决议'],
      [3, '（二）关于共建文明实践站的决定'],
      [2, '三、督办事项'],
    ]);
    expect(text).toContain('由区城管执法局汇报（20分钟）。');
    expect(text).toContain('暂缓审议。');
    expect(text).toContain('通过的决议文本（第2版）：');
    expect(text).toContain('二、区城管执法局牵头，三个社区配合。');
    expect(text).toContain(
      '同意3票，反对0票，弃权0票（按成员单位计票，记名表决；应到4个单位，实到3个单位，法定人数2个单位，已达到）',
    );
    expect(text).toContain('表决结果：通过。');
    expect(text).toContain('本次会议未付表决，草案继续修改。');
    expect(text).toContain(
      '1.背街小巷环境整治。牵头单位：区城管执法局；配合单位：青年湖社区党委、和平街道党工委；责任人：李秀英；完成时限：2027年6月30日。',
    );
    // GB/T 9704 §10.3: 出席, 请假, 列席 after the body; a unit that handed over its vote was excused.
    expect(lines.slice(-5)).toEqual([
      '出席：和平街道党工委（张伟）、区城管执法局（由孙丽代为签到）',
      '请假：青年湖社区党委（表决权委托张伟代为行使）',
      '缺席：区卫健委',
      '列席：区融媒体中心（刘洋）',
      '记录：孙丽',
    ]);
    // No instruction to the units is part of the text: the draft's note is the exports' alone.
    expect(text).not.toMatch(/请于发布前|如有意见/);
    expect(text).not.toContain('•');
  });

  it('fits the editor’s schema and survives the trip through a Yjs document unchanged', () => {
    const doc = buildMinutesDocument(sampleFacts());
    const ydoc = new Y.Doc();
    writeProsemirror(ydoc.getXmlFragment('default'), doc);
    const back = fragmentToProsemirror(ydoc.getXmlFragment('default'));
    expect(prosemirrorToText(back)).toBe(prosemirrorToText(doc));
    expect(back.content?.[0]).toMatchObject({ type: 'heading', attrs: { level: 1 } });
  });

  it('reviews earlier items as the meeting found them, numbered between the agenda and the decisions', () => {
    const facts: MinutesContent = {
      ...sampleFacts(),
      earlierItems: [
        {
          title: '老旧小区加装电梯',
          leadUnit: '区住建局',
          dueDate: '2026-06-30',
          previousDueDates: ['2026-04-30'],
          status: 'in_progress',
          percent: 60,
          overdue: false,
          lastReport: { day: '2026-05-08', text: '已完成3个单元的加装。' },
        },
        { title: '社区停车位规划', leadUnit: '和平街道党工委', dueDate: '2026-05-01', previousDueDates: [], status: 'todo', percent: 0, overdue: true, lastReport: null },
        { title: '文明实践站挂牌', leadUnit: '青年湖社区党委', dueDate: '2026-04-15', previousDueDates: [], status: 'closed', percent: 100, overdue: false, lastReport: null },
      ],
    };
    const text = prosemirrorToText(buildMinutesDocument(facts));
    const order = ['一、会议议题', '二、前期督办事项落实情况', '三、议定事项', '四、督办事项'].map((h) => text.indexOf(h));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain('前期交办督办事项3项，其中已办结销号1项，已提请验收0项，正在办理2项（其中逾期1项），经批准延期1项。');
    expect(text).toContain(
      '1.老旧小区加装电梯。牵头单位：区住建局；完成时限：2026年6月30日（已延期，原定2026年4月30日）；正在办理，完成60%；最近报告（2026年5月8日）：已完成3个单元的加装。',
    );
    expect(text).toContain('2.社区停车位规划。牵头单位：和平街道党工委；完成时限：2026年5月1日；尚未启动，已逾期，完成0%。');
    expect(text).toContain('3.文明实践站挂牌。牵头单位：青年湖社区党委；完成时限：2026年4月15日；已办结销号，完成100%。');
    // Each item with its light when the meeting began: the overdue days said once, in the light.
    const lit = prosemirrorToText(
      buildMinutesDocument({
        ...facts,
        earlierItems: facts.earlierItems!.map((i, k) => ({
          ...i,
          light: [
            { light: 'yellow', reason: 'due_soon' },
            { light: 'red', reason: 'overdue', daysOverdue: 3 },
            { light: 'none', reason: 'finished' },
          ][k] as NonNullable<(typeof i)['light']>,
        })),
      }),
    );
    expect(lit).toContain('前期交办督办事项3项，其中已办结销号1项，已提请验收0项，正在办理2项（其中逾期1项），经批准延期1项。');
    expect(lit).toContain('完成时限：2026年6月30日（已延期，原定2026年4月30日）；亮灯：黄灯（临近时限）；正在办理，完成60%');
    expect(lit).toContain('2.社区停车位规划。牵头单位：和平街道党工委；完成时限：2026年5月1日；亮灯：红灯（已逾期 3 天）；尚未启动，完成0%。');
    expect(lit).toContain('3.文明实践站挂牌。牵头单位：青年湖社区党委；完成时限：2026年4月15日；已办结销号，完成100%。');
    // Without earlier items the section is left out and the numbering closes up.
    expect(prosemirrorToText(buildMinutesDocument(sampleFacts()))).toContain('二、议定事项');
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
      frame: {
        issuer: '和平街道党建联合体',
        red: true,
        docNumber: null,
        year: 2026,
        distribution: ['和平街道党工委', '区城管执法局'],
        printedOn: null,
      },
      votes: [],
    });
    expect(md.startsWith('> **草稿**')).toBe(true);
    expect(md).toContain('和平街道党建联合体\n\n〔2026〕\u3000号\n\n---');
    expect(md).toContain('# 第三次联席会议纪要');
    expect(md).toContain('**出席**：和平街道党工委');
    expect(md).toContain('分送：和平街道党工委、区城管执法局。');
    expect(md).not.toContain('核验信息');
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
