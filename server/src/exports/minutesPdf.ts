import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { PmNode } from '../yjs/prosemirror.js';
import { breakLines, type Run } from './cjkLines.js';
import { DRAFT_NOTE, publishedNote, type MinutesExport } from './minutesExport.js';

// PDF with a Chinese font shipped in an npm package (Noto Serif SC, SIL Open Font License), so it
// renders the same on any machine, with or without system fonts. pdfkit embeds only the glyphs
// used (a subset), so a one-page minutes file stays small although the font is 15 MB. pdfkit
// breaks lines at spaces only; Chinese is broken between characters by `breakLines`.

const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
};
let fonts: { regular: Buffer; bold: Buffer } | null = null;
/** Read once per process; pdfkit parses and subsets them per document. */
function loadFonts() {
  fonts ??= {
    regular: readFileSync(require.resolve(FONT_FILES.regular)),
    bold: readFileSync(require.resolve(FONT_FILES.bold)),
  };
  return fonts;
}

const MARGIN = 72; // 2.54 cm
const BODY_SIZE = 11.5;
const HEADING_SIZE: Record<number, number> = { 1: 20, 2: 15, 3: 13 };
const LINE = 1.65;
const RED = '#c00000';

type Doc = PDFKit.PDFDocument;

class Layout {
  private readonly left = MARGIN;
  private readonly right: number;
  private readonly bottom: number;
  y = MARGIN;

  constructor(
    private readonly doc: Doc,
    private readonly onNewPage: () => void,
  ) {
    this.right = doc.page.width - MARGIN;
    this.bottom = doc.page.height - MARGIN;
  }

  private measure(size: number) {
    return (text: string, bold: boolean) =>
      this.doc
        .font(bold ? 'bold' : 'regular')
        .fontSize(size)
        .widthOfString(text);
  }

  private ensure(height: number) {
    if (this.y + height <= this.bottom) return;
    this.doc.addPage();
    this.y = MARGIN;
    this.onNewPage();
  }

  /** Writes one paragraph of runs, wrapped for Chinese, at an indent; `marker` hangs in front (•). */
  paragraph(
    runs: Run[],
    opts: {
      size?: number;
      indent?: number;
      firstIndent?: number;
      align?: 'left' | 'center';
      marker?: string;
      color?: string;
    } = {},
  ) {
    const size = opts.size ?? BODY_SIZE;
    const indent = opts.indent ?? 0;
    const width = this.right - this.left - indent;
    const first = opts.firstIndent ?? 0;
    const lineHeight = size * LINE;
    const lines = breakLines(runs, width, this.measure(size), width - first);
    if (lines.length === 0) lines.push([]);
    lines.forEach((pieces, i) => {
      this.ensure(lineHeight);
      const used = pieces.reduce((s, p) => s + p.width, 0);
      let x = this.left + indent + (i === 0 ? first : 0);
      if (opts.align === 'center') x = this.left + indent + (width - used) / 2;
      const baselineY = this.y + (lineHeight - size) / 2;
      if (i === 0 && opts.marker) {
        this.doc
          .font('regular')
          .fontSize(size)
          .fillColor('#000000')
          .text(opts.marker, this.left + indent - size * 1.1, baselineY, { lineBreak: false });
      }
      for (const p of pieces) {
        this.doc
          .font(p.bold ? 'bold' : 'regular')
          .fontSize(size)
          .fillColor(opts.color ?? '#000000')
          .text(p.text, x, baselineY, { lineBreak: false });
        x += p.width;
      }
      this.y += lineHeight;
    });
  }

  gap(points: number) {
    this.y += points;
  }
}

function runsOf(nodes: PmNode[]): Run[] {
  return nodes.map((n) => ({
    text: n.type === 'hardBreak' ? ' ' : (n.text ?? ''),
    bold: n.marks?.some((m) => m.type === 'bold') ?? false,
  }));
}

function render(layout: Layout, nodes: PmNode[], level: number): void {
  for (const n of nodes) {
    const children = n.content ?? [];
    switch (n.type) {
      case 'heading': {
        const l = Math.min(3, Math.max(1, Number(n.attrs?.level ?? 1)));
        layout.gap(l === 1 ? 4 : 8);
        layout.paragraph(
          runsOf(children).map((r) => ({ ...r, bold: true })),
          { size: HEADING_SIZE[l], align: l === 1 ? 'center' : 'left' },
        );
        layout.gap(l === 1 ? 6 : 2);
        break;
      }
      case 'paragraph':
        // 首行缩进两字 for body paragraphs, as Chinese documents are set.
        layout.paragraph(runsOf(children), { indent: level * 22, firstIndent: level === 0 ? BODY_SIZE * 2 : 0 });
        break;
      case 'bulletList':
      case 'orderedList':
        children.forEach((item, i) => {
          const [first, ...rest] = item.content ?? [];
          const marker = n.type === 'bulletList' ? '•' : `${Number(n.attrs?.start ?? 1) + i}.`;
          const indent = (level + 1) * 22;
          if (first?.type === 'paragraph') {
            layout.paragraph(runsOf(first.content ?? []), { indent, marker });
            render(layout, rest, level + 1);
          } else {
            render(layout, item.content ?? [], level + 1);
          }
        });
        break;
      case 'blockquote':
        render(layout, children, level + 1);
        break;
      case 'horizontalRule':
        layout.gap(BODY_SIZE);
        break;
      default:
        if (n.text) layout.paragraph([{ text: n.text, bold: false }], { indent: level * 22 });
        else render(layout, children, level);
    }
  }
}

/** A light diagonal 草稿 across the page, under the text. */
function watermark(doc: Doc) {
  const { width, height } = doc.page;
  doc.save();
  doc.rotate(-30, { origin: [width / 2, height / 2] });
  doc.font('bold').fontSize(120).fillColor(RED).fillOpacity(0.12);
  doc.text('草稿', width / 2 - 120, height / 2 - 70, { lineBreak: false });
  doc.restore();
  doc.fillOpacity(1);
}

export function minutesPdf(m: MinutesExport): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: m.title, Creator: '同心 Tongxin', Producer: '同心 Tongxin' },
    lang: 'zh-CN',
  } as PDFKit.PDFDocumentOptions);
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const onNewPage = () => {
    if (m.draft) watermark(doc);
  };
  onNewPage();
  const layout = new Layout(doc, onNewPage);
  if (m.draft) {
    layout.paragraph([{ text: DRAFT_NOTE, bold: true }], { size: 10.5, align: 'center', color: RED });
    layout.gap(6);
  }
  render(layout, m.doc.content ?? [], 0);
  if (!m.draft) {
    layout.gap(12);
    layout.paragraph([{ text: publishedNote(m), bold: false }], { size: 8.5 });
  }

  // Page numbers once every page exists: 第 1 页 / 共 2 页.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const label = `第 ${i + 1} 页 / 共 ${range.count} 页${m.draft ? '（草稿）' : ''}`;
    doc.font('regular').fontSize(9).fillColor('#555555');
    const w = doc.widthOfString(label);
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not open a new page
    doc.text(label, (doc.page.width - w) / 2, doc.page.height - MARGIN / 2 - 9, { lineBreak: false });
    doc.page.margins.bottom = bottomMargin;
  }
  doc.end();
  return done;
}
