import { dateTimeFormat, docName, type ExportFormat } from '@tongxin/shared';
import { MINUTES_FIELD } from '../minutes/minutesDocument.js';
import type { MinutesFrame } from '../minutes/minutesFrame.js';
import type { PmNode } from '../yjs/prosemirror.js';
import { fragmentToProsemirror } from '../yjs/prosemirror.js';
import type { DocRegistry } from '../yjs/registry.js';

export type { MinutesFrame };

/** A closed vote of the meeting as the 核验信息 page lists it. */
export interface VerificationVote {
  title: string;
  version: number | null;
  outcome: string | null;
  /** The head of the vote's ballot hash chain (hex), where the vote has one. */
  chainHead: string | null;
}

/** What every export renders: the document, and whether it is a draft or the published record. */
export interface MinutesExport {
  doc: PmNode;
  /** The first heading's text, for the file name and the PDF's metadata. */
  title: string;
  draft: boolean;
  publishedAt: Date | null;
  sha256: string | null;
  /** 版头, 文号 and 版记. */
  frame: MinutesFrame;
  /** The meeting's closed votes, for the 核验信息 page of the published record. */
  votes: VerificationVote[];
}

export interface StoredMinutes {
  meeting: { toString(): string };
  status: string;
  docJson?: string | null;
  publishedAt?: Date | null;
  sha256?: string | null;
}

/**
 * The published snapshot, or the live document as the secretaries have it now (a draft), with
 * the frame (版头, 文号, 版记) and the votes for the 核验信息 page as the caller read them.
 */
export async function minutesForExport(
  registry: DocRegistry,
  m: StoredMinutes,
  around: { frame: MinutesFrame; votes: VerificationVote[] },
): Promise<MinutesExport> {
  const published = m.status === 'published' && m.docJson;
  const doc = published
    ? (JSON.parse(m.docJson!) as PmNode)
    : await registry.with(docName({ kind: 'minutes', meetingId: String(m.meeting) }), (d) =>
        fragmentToProsemirror(d.ydoc.getXmlFragment(MINUTES_FIELD)),
      );
  return {
    doc,
    title: titleOf(doc) || '会议纪要',
    draft: !published,
    publishedAt: published ? (m.publishedAt ?? null) : null,
    sha256: published ? (m.sha256 ?? null) : null,
    frame: around.frame,
    votes: published ? around.votes : [],
  };
}

/** "出席：" — a bold two-character label and a full-width colon (GB/T 9704 §10.3), then its value. */
export function labelOf(nodes: PmNode[]): string | null {
  const first = nodes[0];
  if (!first?.marks?.some((m) => m.type === 'bold') || nodes.length < 2) return null;
  return /^\p{Script=Han}{2}：$/u.test(first.text ?? '') ? first.text! : null;
}

export function plainText(node: PmNode): string {
  return node.text ?? (node.content ?? []).map(plainText).join('');
}

function titleOf(doc: PmNode): string {
  const first = (doc.content ?? []).find((n) => n.type === 'heading') ?? doc.content?.[0];
  return first ? plainText(first).trim() : '';
}

/** `会议纪要（草稿）.pdf`: the title, without characters a file system would refuse. */
export function exportFileName(m: MinutesExport, format: ExportFormat): string {
  const base =
    [...m.title]
      .filter((c) => c.charCodeAt(0) >= 0x20 && !'\\/:*?"<>|'.includes(c))
      .join('')
      .slice(0, 80) || '会议纪要';
  return `${base}${m.draft ? '（草稿）' : ''}.${format}`;
}

/** RFC 6266: an ASCII fallback, and the real UTF-8 name in `filename*`. */
export function contentDisposition(fileName: string, fallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** 2026年5月12日 14:05 (China time) for the published stamp. */
export function stampTime(d: Date): string {
  return dateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);
}

export const DRAFT_NOTE = '草稿：本纪要尚未发布，仅供成员单位确认或提出意见。';

/** 2026年5月12日 — dates in a 公文 are written out in Arabic numerals (GB/T 9704 §7.3.5.4). */
export function chinaDay(d: Date): string {
  const p = Object.fromEntries(
    dateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric' })
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}年${p.month}月${p.day}日`;
}

/** 〔2026〕3号, or while a draft the number left open (an ideographic space): 〔2026〕 号. */
export function docNumberText(frame: MinutesFrame): string {
  return frame.docNumber ?? `〔${frame.year}〕\u3000号`;
}

/** 版记's last line: 印发机关 on the left, 印发日期 on the right. */
export function printedLine(frame: MinutesFrame): { issuer: string; date: string } {
  return { issuer: frame.issuer, date: frame.printedOn ? `${chinaDay(frame.printedOn)}印发` : '（未印发）' };
}

/** 分送：A、B、C。 */
export function distributionText(frame: MinutesFrame): string {
  return frame.distribution.length > 0 ? `${frame.distribution.join('、')}。` : '各成员单位。';
}

export const VERIFICATION_TITLE = '核验信息';

/**
 * The 核验信息 page as lines of text: what a unit checks its copy against. Hashes are kept off the
 * body and the footers (a 公文 carries none); this page is the record's last.
 */
export function verificationLines(m: MinutesExport): { label: string; value: string; hash?: boolean }[] {
  const out: { label: string; value: string; hash?: boolean }[] = [
    { label: '说明', value: '本页供各成员单位核验纪要文本及表决记录，不属于纪要正文。' },
    { label: '文号', value: docNumberText(m.frame) },
    { label: '发布时间', value: m.publishedAt ? stampTime(m.publishedAt) : '—' },
    { label: '正文 SHA-256', value: m.sha256 ?? '—', hash: true },
  ];
  m.votes.forEach((v, i) => {
    const version = v.version !== null ? `（第${v.version}版）` : '';
    out.push({ label: `表决${i + 1}`, value: `《${v.title}》${version}` });
    out.push({ label: '表决链头', value: v.chainHead ?? '（本表决无哈希链记录）', hash: v.chainHead !== null });
  });
  return out;
}
