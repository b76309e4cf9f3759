import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { PmNode } from '../yjs/prosemirror.js';
import { breakLines, type Run } from './cjkLines.js';
import { woffToSfnt } from './woff.js';
import {
  DRAFT_NOTE,
  distributionText,
  docNumberText,
  labelOf,
  printedLine,
  VERIFICATION_TITLE,
  verificationLines,
  type MinutesExport,
} from './minutesExport.js';

// The minutes as a 纪要 of GB/T 9704-2012, A4:
// - 版心 156 × 225 mm; 天头 37 mm; 订口 28 mm (mirrored on even pages for double-sided printing);
//   22 lines of 28 characters at 3号 (16 pt): the characters are set 0.2 pt tighter than 16 pt
//   so 28 of them fill 156 mm exactly, and the lines sit on a 225/22 mm grid.
// - 版头: the issuing body centred 35 mm below the top of the 版心 (§10.3), red when 红头 is on;
//   the 文号 two lines below it; a red rule as wide as the 版心 4 mm under the 文号.
// - Title two lines under the rule in a 小标宋-style face (2号, 22 pt); body in the 仿宋 role;
//   一、 headings in the heavy face standing in for 黑体, （一） headings in a 楷体 face.
// - 版记 at the foot of the last page: 分送 and 印发机关/印发日期 (4号, 14 pt) between a thick
//   first and last rule (0.35 mm) with a thin one (0.25 mm) between; the last rule on the 版心's
//   bottom edge.
// - Page numbers "— 1 —", 4号, 7 mm under the 版心: odd pages right, even pages left, one
//   character in from the edge.
// - 核验信息 (the SHA-256 of the text, each vote's hash-chain head) on a page of its own, the
//   last; never in the body or a footer. A draft has a diagonal 草稿 on every page and its note
//   in the 天头, outside the 版心.
//
// Fonts ship in npm packages (never a system font): Noto Serif SC (SIL OFL) for the 宋/仿宋 roles
// and LXGW WenKai (SIL OFL) for 楷体. pdfkit embeds only the glyphs used.

const require = createRequire(import.meta.url);
const FONT_FILES = {
  /** 仿宋 role (正文); no free 仿宋 face ships in a registry package, so a light 宋. */
  body: '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
  /** 小标宋 role (版头, 标题). */
  title: '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
  /** 黑体 role (一级标题): the heaviest 宋 weight reads as 黑体 does, as a heading. */
  heavy: '@expo-google-fonts/noto-serif-sc/900Black/NotoSerifSC_900Black.ttf',
  /** 楷体 role (二级标题). */
  kai: '@fontsource/lxgw-wenkai/files/lxgw-wenkai-latin-500-normal.woff',
} as const;
type FontName = keyof typeof FONT_FILES;
let fonts: Record<FontName, Buffer> | null = null;
/** Read once per process; pdfkit parses and subsets them per document. */
export function loadFonts() {
  if (!fonts) {
    const cache = new Map<string, Buffer>();
    const read = (f: string) => cache.get(f) ?? cache.set(f, woffToSfnt(readFileSync(require.resolve(f)))).get(f)!;
    fonts = Object.fromEntries(Object.entries(FONT_FILES).map(([k, f]) => [k, read(f)])) as Record<FontName, Buffer>;
  }
  return fonts;
}

const MM = 72 / 25.4;
const TOP = 37 * MM;
const INNER = 28 * MM; // 订口
const WIDTH = 156 * MM;
const HEIGHT = 225 * MM;
const LINE = HEIGHT / 22;
const BODY = 16; // 3号
const TITLE = 22; // 2号
const SMALL = 14; // 4号
/** 28 characters of 3号 across 156 mm. */
const SPACING = WIDTH / 28 - BODY;
const RED = '#d40000';

type Doc = PDFKit.PDFDocument;

interface Style {
  size: number;
  font: FontName;
  /** Font for bold runs. */
  boldFont: FontName;
  spacing: number;
  pitch: number;
  color: string;
}

const BODY_STYLE: Style = { size: BODY, font: 'body', boldFont: 'bold', spacing: SPACING, pitch: LINE, color: '#000' };

class Layout {
  y = TOP;
  page = 1;

  constructor(
    private readonly doc: Doc,
    private readonly onNewPage: () => void,
  ) {}

  /** The 版心's left edge on this page: 订口 on the left of odd pages, on the right of even ones. */
  get left() {
    return this.page % 2 === 1 ? INNER : this.doc.page.width - INNER - WIDTH;
  }
  get bottom() {
    return TOP + HEIGHT;
  }

  newPage() {
    this.doc.addPage();
    this.page += 1;
    this.y = TOP;
    this.onNewPage();
  }

  room(height: number) {
    return this.y + height <= this.bottom + 0.5;
  }

  private ensure(height: number) {
    if (!this.room(height)) this.newPage();
  }

  measure(style: Style) {
    return (text: string, bold: boolean) =>
      this.doc
        .font(bold ? style.boldFont : style.font)
        .fontSize(style.size)
        .widthOfString(text) +
      [...text].length * style.spacing;
  }

  /** One line of pieces at `x`, vertically centred in a line of the style's pitch. */
  private line(pieces: { text: string; bold: boolean }[], x: number, style: Style) {
    const measure = this.measure(style);
    // pdfkit places a line's top at y; Noto's ascent is about 1.16 em over a 1.45 em line.
    const textY = this.y + (style.pitch - style.size * 1.45) / 2;
    for (const p of pieces) {
      this.doc
        .font(p.bold ? style.boldFont : style.font)
        .fontSize(style.size)
        .fillColor(style.color)
        .text(p.text, x, textY, { lineBreak: false, characterSpacing: style.spacing });
      x += measure(p.text, p.bold);
    }
  }

  /**
   * A paragraph broken for Chinese: `first` is the first line's indent, `hang` the others'
   * (from the 版心's left edge, in points); `align: 'center'` centres every line.
   */
  paragraph(runs: Run[], style: Style, opts: { first?: number; hang?: number; align?: 'center'; right?: number } = {}) {
    const first = opts.first ?? 0;
    const hang = opts.hang ?? 0;
    const right = opts.right ?? 0;
    const lines = breakLines(runs, WIDTH - hang - right, this.measure(style), WIDTH - first - right);
    if (lines.length === 0) lines.push([]);
    lines.forEach((pieces, i) => {
      this.ensure(style.pitch);
      const used = pieces.reduce((s, p) => s + p.width, 0);
      const x = opts.align === 'center' ? this.left + (WIDTH - used) / 2 : this.left + (i === 0 ? first : hang);
      this.line(pieces, x, style);
      this.y += style.pitch;
    });
  }

  /** A line with text at the left (after `indent`) and text at the right (before `indent`). */
  spread(leftText: string, rightText: string, style: Style, indent: number) {
    const measure = this.measure(style);
    this.line([{ text: leftText, bold: false }], this.left + indent, style);
    this.line([{ text: rightText, bold: false }], this.left + WIDTH - indent - measure(rightText, false), style);
    this.y += style.pitch;
  }

  rule(width: number, color = '#000', y = this.y) {
    this.doc
      .save()
      .moveTo(this.left, y)
      .lineTo(this.left + WIDTH, y)
      .lineWidth(width)
      .strokeColor(color)
      .stroke()
      .restore();
  }

  gap(points: number) {
    this.y += points;
  }
}

const runsOf = (nodes: PmNode[]): Run[] =>
  nodes.map((n) => ({
    text: n.type === 'hardBreak' ? ' ' : (n.text ?? ''),
    bold: n.marks?.some((m) => m.type === 'bold') ?? false,
  }));

const HEADING_STYLE: Record<number, Style> = {
  1: { ...BODY_STYLE, size: TITLE, font: 'title', boldFont: 'title', spacing: 0, pitch: LINE * 1.25 },
  2: { ...BODY_STYLE, font: 'heavy', boldFont: 'heavy' },
  3: { ...BODY_STYLE, font: 'kai', boldFont: 'kai' },
};

function render(layout: Layout, nodes: PmNode[], level: number): void {
  const indent = BODY * 2; // 首行缩进二字
  for (const n of nodes) {
    const children = n.content ?? [];
    switch (n.type) {
      case 'heading': {
        const l = Math.min(3, Math.max(1, Number(n.attrs?.level ?? 1)));
        const runs = runsOf(children).map((r) => ({ ...r, bold: false }));
        if (l === 1) {
          // The title: centred, with an empty line under it (§7.3.1).
          layout.paragraph(runs, HEADING_STYLE[1]!, { align: 'center' });
          layout.gap(LINE);
        } else {
          layout.paragraph(runs, HEADING_STYLE[l]!, { first: indent + level * BODY * 2, hang: level * BODY * 2 });
        }
        break;
      }
      case 'paragraph': {
        const label = labelOf(children);
        const left = level * BODY * 2;
        // 出席：… — the lines after the first line up under the first character after the colon.
        const hang = label ? left + indent + layout.measure(BODY_STYLE)(label, true) : left;
        layout.paragraph(runsOf(children), BODY_STYLE, { first: left + indent, hang });
        break;
      }
      case 'bulletList':
      case 'orderedList':
        children.forEach((item, i) => {
          const marker = n.type === 'bulletList' ? '·' : `${Number(n.attrs?.start ?? 1) + i}.`;
          const [first, ...rest] = item.content ?? [];
          const left = (level + 1) * BODY * 2;
          if (first?.type === 'paragraph') {
            layout.paragraph([{ text: marker, bold: false }, ...runsOf(first.content ?? [])], BODY_STYLE, {
              first: left,
              hang: left,
            });
            render(layout, rest, level + 1);
          } else {
            render(layout, item.content ?? [], level + 1);
          }
        });
        break;
      case 'blockquote':
        render(layout, children, level + 1);
        break;
      case 'codeBlock':
        for (const line of (children.map((c) => c.text ?? '').join('') || ' ').split('\n')) {
          layout.paragraph([{ text: line, bold: false }], BODY_STYLE, {
            first: level * BODY * 2,
            hang: level * BODY * 2,
          });
        }
        break;
      case 'horizontalRule':
        layout.gap(LINE);
        break;
      default:
        if (n.text) layout.paragraph([{ text: n.text, bold: false }], BODY_STYLE, { first: level * BODY * 2 });
        else render(layout, children, level);
    }
  }
}

/** 版头: the issuing body, 35 mm below the top of the 版心, the 文号 two lines under, a rule 4 mm under that. */
function letterhead(doc: Doc, layout: Layout, m: MinutesExport) {
  const color = m.frame.red ? RED : '#000';
  const issuer = m.frame.issuer || '会议纪要';
  // As large as fits one line of the 版心, at most about 15 mm tall.
  doc.font('title').fontSize(100);
  const size = Math.min(44, (WIDTH / doc.widthOfString(issuer)) * 100 * 0.98);
  layout.y = TOP + 35 * MM;
  const style: Style = { ...BODY_STYLE, size, font: 'title', boldFont: 'title', spacing: 0, pitch: size * 1.3, color };
  layout.y -= (style.pitch - size) / 2; // the characters' top edge, not the line's, at 35 mm
  layout.paragraph([{ text: issuer, bold: false }], style, { align: 'center' });
  layout.gap(LINE * 2);
  layout.paragraph([{ text: docNumberText(m.frame), bold: false }], BODY_STYLE, { align: 'center' });
  layout.rule(1.2, color, layout.y + 4 * MM - LINE * 0.2);
  layout.y += 4 * MM - LINE * 0.2 + LINE * 2;
}

/** 版记 at the foot of the current page (or of a new one when the text leaves no room). */
function recordBlock(doc: Doc, layout: Layout, m: MinutesExport) {
  const style: Style = { ...BODY_STYLE, size: SMALL, spacing: 0, pitch: LINE * 0.9 };
  const label = '分送：';
  const labelWidth = layout.measure(style)(label, false);
  const distribution = breakLines(
    [{ text: distributionText(m.frame), bold: false }],
    WIDTH - SMALL * 2 - labelWidth,
    layout.measure(style),
  );
  const height = (distribution.length + 1) * style.pitch;
  if (!layout.room(height + LINE)) layout.newPage();
  layout.y = layout.bottom - height;
  layout.rule(1); // 0.35 mm
  layout.paragraph([{ text: label + distributionText(m.frame), bold: false }], style, {
    first: SMALL,
    hang: SMALL + labelWidth,
    right: SMALL,
  });
  layout.rule(0.7); // 0.25 mm
  const printed = printedLine(m.frame);
  layout.spread(printed.issuer, printed.date, style, SMALL);
  layout.rule(1);
  void doc;
}

/** 核验信息: its own page, the last; the hashes in a smaller size so that one fits a line. */
function verificationPage(layout: Layout, m: MinutesExport) {
  layout.newPage();
  layout.paragraph([{ text: VERIFICATION_TITLE, bold: false }], HEADING_STYLE[1]!, { align: 'center' });
  layout.gap(LINE * 0.5);
  const hashStyle: Style = { ...BODY_STYLE, size: 10.5, spacing: 0, pitch: LINE * 0.8 };
  for (const l of verificationLines(m)) {
    if (l.hash) {
      layout.paragraph([{ text: `${l.label}：`, bold: true }], BODY_STYLE, { first: BODY * 2 });
      layout.paragraph([{ text: l.value, bold: false }], hashStyle, { first: BODY * 2, hang: BODY * 2 });
    } else {
      const label = `${l.label}：`;
      layout.paragraph(
        [
          { text: label, bold: true },
          { text: l.value, bold: false },
        ],
        BODY_STYLE,
        { first: BODY * 2, hang: BODY * 2 + layout.measure(BODY_STYLE)(label, true) },
      );
    }
  }
}

/** A light diagonal 草稿 across the page, under the text, and the draft's note in the 天头. */
function draftMarks(doc: Doc) {
  const { width, height } = doc.page;
  doc.save();
  doc.rotate(-30, { origin: [width / 2, height / 2] });
  doc.font('bold').fontSize(120).fillColor(RED).fillOpacity(0.1);
  doc.text('草稿', width / 2 - 120, height / 2 - 80, { lineBreak: false });
  doc.restore();
  doc.fillOpacity(1);
  doc.font('bold').fontSize(10.5).fillColor(RED);
  const w = doc.widthOfString(DRAFT_NOTE);
  doc.text(DRAFT_NOTE, (width - w) / 2, 16 * MM, { lineBreak: false });
}

export function minutesPdf(m: MinutesExport): Promise<Buffer> {
  const files = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    bufferPages: true,
    info: { Title: m.title, Creator: '同心 Tongxin', Producer: '同心 Tongxin' },
    lang: 'zh-CN',
  } as PDFKit.PDFDocumentOptions);
  for (const [name, data] of Object.entries(files)) doc.registerFont(name, data);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const onNewPage = () => {
    if (m.draft) draftMarks(doc);
  };
  onNewPage();
  const layout = new Layout(doc, onNewPage);
  letterhead(doc, layout, m);
  render(layout, m.doc.content ?? [], 0);
  if (!m.draft) verificationPage(layout, m);
  recordBlock(doc, layout, m);

  // — 1 —, once every page exists: 7 mm under the 版心, odd pages right and even pages left.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const n = i - range.start + 1;
    const label = `— ${n} —`;
    doc.font('body').fontSize(SMALL).fillColor('#000');
    const w = doc.widthOfString(label);
    const left = n % 2 === 1 ? INNER : doc.page.width - INNER - WIDTH;
    const x = n % 2 === 1 ? left + WIDTH - SMALL - w : left + SMALL;
    doc.text(label, x, TOP + HEIGHT + 7 * MM - SMALL * 0.35, { lineBreak: false });
  }
  doc.end();
  return done;
}
