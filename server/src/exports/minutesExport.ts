import { docName, type ExportFormat } from '@tongxin/shared';
import { MINUTES_FIELD } from '../minutes/minutesDocument.js';
import type { PmNode } from '../yjs/prosemirror.js';
import { fragmentToProsemirror } from '../yjs/prosemirror.js';
import type { DocRegistry } from '../yjs/registry.js';

/** What every export renders: the document, and whether it is a draft or the published record. */
export interface MinutesExport {
  doc: PmNode;
  /** The first heading's text, for the file name and the PDF's metadata. */
  title: string;
  draft: boolean;
  publishedAt: Date | null;
  sha256: string | null;
}

export interface StoredMinutes {
  meeting: { toString(): string };
  status: string;
  docJson?: string | null;
  publishedAt?: Date | null;
  sha256?: string | null;
}

/** The published snapshot, or the live document as the secretaries have it now (a draft). */
export async function minutesForExport(registry: DocRegistry, m: StoredMinutes): Promise<MinutesExport> {
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
  };
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
  return new Intl.DateTimeFormat('zh-CN', {
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

export function publishedNote(m: MinutesExport): string {
  return `本纪要已于${m.publishedAt ? stampTime(m.publishedAt) : '—'}发布。文本 SHA-256：${m.sha256 ?? '—'}`;
}
