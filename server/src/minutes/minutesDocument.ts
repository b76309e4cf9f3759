import type { Counts, ItemLight, VoteOutcome, VoteThreshold } from '@tongxin/shared';
import { chineseNumber, dateTimeFormat, lightWords } from '@tongxin/shared';
import type { PmNode } from '../yjs/prosemirror.js';

// The first draft of the minutes (会议纪要), built from what the meeting produced. Pure: content in,
// ProseMirror JSON (StarterKit nodes only: heading, paragraph, bold text)
// out, so the secretaries' editor opens it and the exports read it like any other document.

/** The Y.XmlFragment Tiptap's Collaboration extension binds to by default (as for decisions). */
export const MINUTES_FIELD = 'default';

export interface MinutesAttendance {
  unit: string;
  /** Voting member (成员单位) or observer (列席). */
  voting: boolean;
  status: 'present' | 'proxy' | 'absent';
  /** Representatives who checked in themselves. */
  checkedIn: string[];
  /** The secretary who recorded the unit present on its behalf (代签), if so. */
  onBehalfBy: string | null;
  /** The representative of another unit holding this unit's vote (委托), if any. */
  proxyTo: string | null;
  /**
   * Late arrivals, leaves and returns in the order they happened, Beijing time; an undone
   * check-in is not here at all.
   */
  movements?: { kind: 'late' | 'left' | 'returned'; at: Date }[];
}

const MOVEMENT_TEXT = { late: '迟到', left: '离会', returned: '返回' } as const;

export interface MinutesAgendaItem {
  title: string;
  presenterUnit: string | null;
  minutes: number;
  status: 'pending' | 'current' | 'done' | 'deferred';
  notes: string;
}

export interface MinutesVote {
  title: string;
  /** The exact text voted on (a frozen decision version's text, or the question put). */
  text: string;
  /** The decision version number voted on, if any. */
  version: number | null;
  basis: 'unit' | 'member';
  secret: boolean;
  threshold: VoteThreshold;
  counts: Counts;
  outcome: VoteOutcome;
  quorum: { eligible: number; present: number; required: number; reached: boolean };
  /** Of the ballots counted, how many the chair entered for units present without a device (举手/代投). */
  enteredByChair?: number;
  /** The head of the vote's ballot hash chain (hex), fixed at its close; null for a vote held before chains. */
  chainHead?: string | null;
  /** How many entries that chain has. */
  chainLength?: number;
}

/** A vote the chair cancelled (取消表决): it counts nothing. */
export interface MinutesCancelledVote {
  title: string;
  /** The decision version it was opened on, if any. */
  version: number | null;
  reason: string;
}

export interface MinutesDecision {
  title: string;
  status: string;
  /** Closed votes on this decision, in the order they were held. */
  votes: MinutesVote[];
  /** Votes on it the chair cancelled. */
  cancelledVotes?: MinutesCancelledVote[];
}

export interface MinutesActionItem {
  title: string;
  leadUnit: string;
  cooperatingUnits: string[];
  responsiblePerson: string;
  /** `YYYY-MM-DD` */
  dueDate: string;
  measures: string;
}

export interface MinutesContent {
  alliance: string;
  meeting: {
    title: string;
    seq: number;
    place: string;
    onlineLink: string | null;
    /** When it began (or was scheduled to) and ended (or was scheduled to). */
    start: Date;
    end: Date | null;
  };
  convenerUnit: string;
  attendance: MinutesAttendance[];
  agenda: MinutesAgendaItem[];
  decisions: MinutesDecision[];
  /** Votes on a question typed in the room rather than on a decision record. */
  otherVotes: MinutesVote[];
  /** Such votes the chair cancelled. */
  cancelledVotes?: MinutesCancelledVote[];
  actionItems: MinutesActionItem[];
  /**
   * 前期督办事项: items the alliance assigned before this meeting (at earlier meetings or between
   * them) that were still open when it began, or were closed since the meeting before it.
   */
  earlierItems?: MinutesEarlierItem[];
  /** 主持: who chaired (opened) the meeting, if known. */
  chair?: string | null;
  /** 记录: the secretaries who keep the record. */
  recorders?: string[];
}

/** An earlier item as the meeting found it: its state, progress and whether it ran late or was extended. */
export interface MinutesEarlierItem {
  title: string;
  leadUnit: string;
  dueDate: string;
  /** Earlier deadlines, oldest first (延期). */
  previousDueDates: string[];
  status: 'todo' | 'in_progress' | 'awaiting_verification' | 'closed' | 'cancelled';
  percent: number;
  /** Past its deadline while still open, on the day of the meeting. */
  overdue: boolean;
  /** The last progress report before the meeting ended: its day and text. */
  lastReport: { day: string; text: string } | null;
  /** 亮灯 when the meeting began: 红灯（已逾期 3 天）. */
  light?: ItemLight;
}

// The numerals live in shared/: screens and the minutes number meetings the same way.
export { chineseNumber };

const CHINA = 'Asia/Shanghai';

/** 2026年5月12日 */
export function chineseDate(d: Date): string {
  const p = parts(d);
  return `${p.year}年${Number(p.month)}月${Number(p.day)}日`;
}

/** 14:05, in China time whatever the server's zone. */
export function chineseTime(d: Date): string {
  const p = parts(d);
  return `${p.hour === '24' ? '00' : p.hour}:${p.minute}`;
}

function parts(d: Date): Record<string, string> {
  const fmt = dateTimeFormat('en-US', {
    timeZone: CHINA,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  return Object.fromEntries(fmt.formatToParts(d).map((p) => [p.type, p.value]));
}

/** `2027-06-30` → 2027年6月30日 */
export function chineseDay(ymd: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : ymd;
}

const THRESHOLD_TEXT: Record<VoteThreshold, string> = {
  simple_majority: '简单多数（同意票多于反对票）',
  majority_of_present: '出席过半数（同意票超过出席者的一半）',
  two_thirds: '三分之二多数（同意票不少于所投票数的三分之二）',
  unanimous: '一致同意',
};

const OUTCOME_TEXT: Record<VoteOutcome, string> = {
  adopted: '通过',
  rejected: '未通过',
  no_quorum: '未达法定人数，未作决定',
};

// ---- node helpers -------------------------------------------------------------------------

type Inline = string | { bold: string };

const text = (t: Inline): PmNode[] => {
  const s = typeof t === 'string' ? t : t.bold;
  if (s === '') return []; // ProseMirror has no empty text nodes
  return typeof t === 'string' ? [{ type: 'text', text: s }] : [{ type: 'text', text: s, marks: [{ type: 'bold' }] }];
};
const paragraph = (...inlines: Inline[]): PmNode => {
  const content = inlines.flatMap(text);
  return content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' };
};
const heading = (level: 1 | 2 | 3, title: string): PmNode => ({
  type: 'heading',
  attrs: { level },
  content: text(title),
});
/** Multi-line text as one paragraph per non-empty line. */
const lines = (s: string): PmNode[] =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => paragraph(l));

// ---- sections -----------------------------------------------------------------------------
// The layout is the 纪要 of GB/T 9704-2012 (§10.3) as offices write it: the title 第N次联席会议纪要,
// the facts of the meeting (时间, 地点, 召集, 主持), one paragraph on attendance, then the body in the
// standard's hierarchy — 一、 (a level-2 heading), （一） (level 3), 1. (a bold run) — and, one line
// below the body, 出席 / 请假 / 缺席 / 列席 / 记录, each "label：names" (§10.3 puts them after the
// body). The 版头, 文号 and 版记 are not part of the text: the exports and the screen add them.

/** 第三次联席会议纪要: the meeting's number, whatever the meeting was called. */
export function minutesTitle(f: Pick<MinutesContent, 'meeting'>): string {
  return `第${chineseNumber(f.meeting.seq)}次联席会议纪要`;
}

/** "时间：…" — a bold label and its value, one paragraph (the exports hang the value's lines). */
const labelled = (label: string, value: string): PmNode => paragraph({ bold: `${label}：` }, value);

function whenText(f: MinutesContent): string {
  const { start, end } = f.meeting;
  if (!end) return `${chineseDate(start)} ${chineseTime(start)}`;
  return chineseDate(start) === chineseDate(end)
    ? `${chineseDate(start)} ${chineseTime(start)}—${chineseTime(end)}`
    : `${chineseDate(start)} ${chineseTime(start)}—${chineseDate(end)} ${chineseTime(end)}`;
}

function opening(f: MinutesContent): PmNode[] {
  const voting = f.attendance.filter((a) => a.voting);
  const present = voting.filter((a) => a.status === 'present').length;
  const proxied = voting.filter((a) => a.status === 'proxy').length;
  const absent = voting.length - present - proxied;
  const observers = f.attendance.filter((a) => !a.voting && a.status === 'present').length;
  const place = [f.meeting.place.trim(), f.meeting.onlineLink ? `线上：${f.meeting.onlineLink}` : '']
    .filter(Boolean)
    .join('；');
  const numbered = `第${chineseNumber(f.meeting.seq)}次联席会议`;
  const named = f.meeting.title.trim();
  // A title that already says which meeting it is (第一次联席会议：…) is not said twice.
  const subject = !named || named === numbered ? numbered : named.startsWith(numbered) ? named : `${numbered}（${named}）`;
  const chair = f.chair?.trim();
  return [
    labelled('时间', whenText(f)),
    labelled('地点', place || '—'),
    labelled('召集', f.convenerUnit),
    // 主持 when the record says who opened the meeting; never a dash in an official document.
    ...(chair ? [labelled('主持', chair)] : []),
    paragraph(
      `${chineseDate(f.meeting.start)}，${f.alliance}召开${subject}。应出席成员单位${voting.length}个，实到${present}个，委托表决${proxied}个，缺席${absent}个` +
        (observers > 0 ? `；列席单位${observers}个。` : '。') +
        '现将会议议定事项纪要如下：',
    ),
  ];
}

/** 和平街道党工委（张伟；14:10迟到） — a unit and what the record says of its attendance. */
function attendee(a: MinutesAttendance): string {
  const notes: string[] = [];
  if (a.checkedIn.length > 0) notes.push(a.checkedIn.join('、'));
  if (a.onBehalfBy) notes.push(`由${a.onBehalfBy}代为签到`);
  if (a.proxyTo) notes.push(`表决权委托${a.proxyTo}代为行使`);
  // 城东街道（21:10迟到，21:40离会）
  const moves = (a.movements ?? []).map((m) => `${chineseTime(m.at)}${MOVEMENT_TEXT[m.kind]}`);
  if (moves.length > 0) notes.push(moves.join('，'));
  return a.unit + (notes.length > 0 ? `（${notes.join('；')}）` : '');
}

/** 出席 / 请假 / 缺席 / 列席 / 记录 (GB/T 9704 §10.3), below the body after an empty line. */
function attendance(f: MinutesContent): PmNode[] {
  const voting = f.attendance.filter((a) => a.voting);
  const list = (rows: MinutesAttendance[]) => rows.map(attendee).join('、');
  const lines: PmNode[] = [labelled('出席', list(voting.filter((a) => a.status === 'present')) || '—')];
  // A unit that handed its vote to another's representative was excused (请假), not absent.
  const excused = voting.filter((a) => a.status === 'proxy');
  if (excused.length > 0) lines.push(labelled('请假', list(excused)));
  const absent = voting.filter((a) => a.status === 'absent');
  if (absent.length > 0) lines.push(labelled('缺席', list(absent)));
  const observers = f.attendance.filter((a) => !a.voting);
  if (observers.length > 0) {
    lines.push(
      labelled('列席', observers.map((a) => (a.status === 'present' ? attendee(a) : `${a.unit}（未到会）`)).join('、')),
    );
  }
  const recorders = (f.recorders ?? []).filter((r) => r.trim() !== '');
  if (recorders.length > 0) lines.push(labelled('记录', recorders.join('、')));
  return [paragraph(), ...lines];
}

function agenda(f: MinutesContent, n: string): PmNode[] {
  const head = heading(2, `${n}、会议议题`);
  if (f.agenda.length === 0) return [head, paragraph('本次会议未列议题。')];
  return [
    head,
    ...f.agenda.flatMap((item, i) => {
      const who = item.presenterUnit ? `由${item.presenterUnit}汇报` : '';
      const time = item.minutes > 0 ? `${item.minutes}分钟` : '';
      const meta = [
        who && time ? `${who}（${time}）` : who || (time ? `时长${time}` : ''),
        item.status === 'deferred' ? '暂缓审议' : '',
      ]
        .filter(Boolean)
        .join('，');
      return [
        heading(3, `（${chineseNumber(i + 1)}）${item.title || '（未命名议题）'}`),
        ...(meta ? [paragraph(`${meta}。`)] : []),
        ...lines(item.notes),
      ];
    }),
  ];
}

/** 同意 9 票，反对 4 票，弃权 2 票 … — one line a reader can check against the tally. */
export function voteResultText(v: MinutesVote): string {
  const unit = v.basis === 'unit' ? '个单位' : '人';
  const how = `${v.basis === 'unit' ? '按成员单位计票' : '按成员计票'}，${v.secret ? '无记名表决' : '记名表决'}`;
  const quorum = `应到${v.quorum.eligible}${unit}，实到${v.quorum.present}${unit}，法定人数${v.quorum.required}${unit}，${v.quorum.reached ? '已达到' : '未达到'}`;
  return (
    `同意${v.counts.for}票，反对${v.counts.against}票，弃权${v.counts.abstain}票（${how}；${quorum}）；` +
    `表决规则：${THRESHOLD_TEXT[v.threshold]}；表决结果：${OUTCOME_TEXT[v.outcome]}。` +
    (v.enteredByChair ? `其中${v.enteredByChair}票由主持人代为录入（举手表决）。` : '')
  );
}

/** 表决《…》因…已取消，不计票。 */
export function cancelledVoteText(v: MinutesCancelledVote): string {
  const version = v.version !== null ? `（第${v.version}版）` : '';
  const reason = v.reason.trim().replace(/[。．.！!；;，,]+$/u, '');
  return `表决《${v.title}》${version}因${reason}已取消，不计票。`;
}

function voteBlocks(v: MinutesVote): PmNode[] {
  return [
    paragraph({ bold: v.version !== null ? `表决文本（第${v.version}版）：` : '表决事项：' }),
    ...lines(v.text),
    paragraph({ bold: '表决结果：' }, voteResultText(v)),
  ];
}

function decisions(f: MinutesContent, n: string): PmNode[] {
  const out: PmNode[] = [heading(2, `${n}、议定事项`)];
  const otherCancelled = f.cancelledVotes ?? [];
  if (f.decisions.length === 0 && f.otherVotes.length === 0 && otherCancelled.length === 0) {
    return [...out, paragraph('本次会议未作表决。')];
  }
  let k = 0;
  for (const d of f.decisions) {
    out.push(heading(3, `（${chineseNumber(++k)}）${d.title}`));
    const adopted = d.votes.find((v) => v.outcome === 'adopted');
    if (adopted) {
      out.push(paragraph({ bold: `通过的决议文本（第${adopted.version ?? '—'}版）：` }), ...lines(adopted.text));
      out.push(paragraph({ bold: '表决结果：' }, voteResultText(adopted)));
      for (const v of d.votes.filter((x) => x !== adopted)) {
        out.push(paragraph({ bold: '此前表决：' }, voteResultText(v)));
      }
    } else if (d.votes.length > 0) {
      for (const v of d.votes) out.push(...voteBlocks(v));
    } else if ((d.cancelledVotes ?? []).length === 0) {
      out.push(paragraph('本次会议未付表决，草案继续修改。'));
    }
    for (const v of d.cancelledVotes ?? []) out.push(paragraph(cancelledVoteText(v)));
  }
  for (const v of f.otherVotes) {
    out.push(heading(3, `（${chineseNumber(++k)}）${v.title}`), ...voteBlocks(v));
  }
  for (const v of otherCancelled) {
    out.push(heading(3, `（${chineseNumber(++k)}）${v.title}`), paragraph(cancelledVoteText(v)));
  }
  return out;
}

const EARLIER_STATUS_TEXT: Record<MinutesEarlierItem['status'], string> = {
  todo: '尚未启动',
  in_progress: '正在办理',
  awaiting_verification: '已提请验收',
  closed: '已办结销号',
  cancelled: '已撤销',
};

/** 前期督办事项落实情况: one summary sentence, then 1. per item (title in bold, its facts after). */
function earlierItems(items: MinutesEarlierItem[], n: string): PmNode[] {
  const count = (p: (i: MinutesEarlierItem) => boolean) => items.filter(p).length;
  const open = count((i) => i.status === 'todo' || i.status === 'in_progress');
  const parts = [
    `已办结销号${count((i) => i.status === 'closed')}项`,
    `已提请验收${count((i) => i.status === 'awaiting_verification')}项`,
    `正在办理${open}项` + (count((i) => i.overdue) > 0 ? `（其中逾期${count((i) => i.overdue)}项）` : ''),
  ];
  const extended = count((i) => i.previousDueDates.length > 0);
  if (extended > 0) parts.push(`经批准延期${extended}项`);
  const cancelled = count((i) => i.status === 'cancelled');
  if (cancelled > 0) parts.push(`撤销${cancelled}项`);
  return [
    heading(2, `${n}、前期督办事项落实情况`),
    paragraph(`会议听取了前期督办事项落实情况汇报。前期交办督办事项${items.length}项，其中${parts.join('，')}。`),
    ...items.map((i, k) => {
      const due =
        chineseDay(i.dueDate) +
        (i.previousDueDates.length > 0 ? `（已延期，原定${i.previousDueDates.map(chineseDay).join('、')}）` : '');
      // The light, where known, says the overdue days itself.
      const light = i.light && i.light.light !== 'none' ? `亮灯：${lightWords(i.light).colour}（${lightWords(i.light).reason}）；` : '';
      const state =
        light + EARLIER_STATUS_TEXT[i.status] + (i.overdue && !light ? '，已逾期' : '') + `，完成${i.percent}%`;
      const report = i.lastReport ? `；最近报告（${chineseDay(i.lastReport.day)}）：${i.lastReport.text.trim().replace(/[。．.]+$/u, '')}` : '';
      return paragraph({ bold: `${k + 1}.${i.title}。` }, `牵头单位：${i.leadUnit}；完成时限：${due}；${state}${report}。`);
    }),
  ];
}

function actionItems(f: MinutesContent, n: string): PmNode[] {
  const head = heading(2, `${n}、督办事项`);
  if (f.actionItems.length === 0) return [head, paragraph('本次会议未交办督办事项。')];
  return [
    head,
    // The third level of the hierarchy: 1. in bold, its facts in the same paragraph.
    ...f.actionItems.flatMap((a, i) => [
      paragraph(
        { bold: `${i + 1}.${a.title}。` },
        '牵头单位：',
        a.leadUnit,
        '；配合单位：',
        a.cooperatingUnits.length > 0 ? a.cooperatingUnits.join('、') : '无',
        '；责任人：',
        a.responsiblePerson,
        '；完成时限：',
        `${chineseDay(a.dueDate)}。`,
      ),
      ...(a.measures.trim() ? [paragraph(`推进措施：${a.measures.trim()}`)] : []),
    ]),
  ];
}

/** 一、会议议题 （二、前期督办事项落实情况） 二/三、议定事项 … — numbered in order. */
function sections(f: MinutesContent): PmNode[] {
  const parts: ((n: string) => PmNode[])[] = [(n) => agenda(f, n)];
  const earlier = f.earlierItems ?? [];
  if (earlier.length > 0) parts.push((n) => earlierItems(earlier, n));
  parts.push((n) => decisions(f, n), (n) => actionItems(f, n));
  return parts.flatMap((make, i) => make(chineseNumber(i + 1)));
}

/** The generated minutes, as a ProseMirror document for the editor and the exports. */
export function buildMinutesDocument(f: MinutesContent): PmNode {
  return {
    type: 'doc',
    content: [
      heading(1, minutesTitle(f)),
      ...opening(f),
      ...sections(f),
      ...attendance(f),
    ],
  };
}
