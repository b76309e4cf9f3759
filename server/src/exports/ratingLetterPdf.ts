import PDFDocument from 'pdfkit';
import { loadFonts } from './minutesPdf.js';
import type { LetterText } from './ratingLetters.js';

// 反馈函 as PDF, A4 with the minutes' 订口 and width (156 mm) in 3号 type, with the fonts the minutes
// embed (Noto Serif SC for 宋/仿宋 and the title, its heaviest weight for 黑体 headings). A letter
// is meant to fit one page, so it sets 1.5 lines (24 pt) rather than the 纪要's 22-line grid, from
// 30 mm down. letters.pdf is every unit's letter, each starting on a new page.

const MM = 72 / 25.4;
const TOP = 30 * MM;
const LEFT = 28 * MM;
const WIDTH = 156 * MM;
const HEIGHT = 240 * MM;
const LINE = 24;
const BODY = 16;
const TITLE = 22;
const SPACING = WIDTH / 28 - BODY;

/** Characters that must not begin a line (carried over with the one before), as cjkLines has it. */
const NO_START = new Set([...'，。、；：？！）》」』】〕〉’”…—·％%,.;:?!)]}']);
/** Characters that must not end a line. */
const NO_END = new Set([...'（《「『【〔〈‘“([{']);

/**
 * Breaks Chinese text into lines for `width` (`first` for the first line): any two characters may
 * part except inside a Latin word or number — and inside ★★★☆☆, which reads as one figure.
 */
export function letterLines(text: string, measure: (t: string) => number, width: number, first: number): string[] {
  const tokens = [...text.matchAll(/[★☆]+|[A-Za-z0-9.%+-]+|\s|./gsu)].map((m) => m[0]);
  const lines: string[][] = [];
  let line: string[] = [];
  let used = 0;
  for (const tok of tokens) {
    const room = lines.length === 0 ? first : width;
    const w = measure(tok);
    if (used + w <= room || line.length === 0) {
      line.push(tok);
      used += w;
      continue;
    }
    const carried: string[] = [];
    if (NO_START.has(tok[0]!) && line.length > 1) carried.unshift(line.pop()!);
    while (line.length > 1 && NO_END.has(line[line.length - 1]!)) carried.unshift(line.pop()!);
    lines.push(line);
    line = [...carried, tok];
    used = measure(line.join(''));
  }
  if (line.length > 0) lines.push(line);
  return lines.map((l) => l.join('').trimEnd());
}

type Doc = PDFKit.PDFDocument;
type Font = 'body' | 'title' | 'heavy';

class Writer {
  y = TOP;
  constructor(private readonly doc: Doc) {}

  private measure(font: Font, size: number, spacing: number) {
    return (text: string) => this.doc.font(font).fontSize(size).widthOfString(text) + [...text].length * spacing;
  }

  /** A paragraph: `indent` before its first line; centred or right-aligned lines when asked. */
  paragraph(
    text: string,
    opts: {
      font?: Font;
      size?: number;
      indent?: number;
      align?: 'center' | 'right';
      pitch?: number;
      right?: number;
    } = {},
  ) {
    const font = opts.font ?? 'body';
    const size = opts.size ?? BODY;
    const spacing = size === BODY ? SPACING : 0;
    const pitch = opts.pitch ?? LINE;
    const indent = opts.indent ?? 0;
    const right = opts.right ?? 0;
    const measure = this.measure(font, size, spacing);
    const lines = letterLines(text, measure, WIDTH - right, WIDTH - indent - right);
    lines.forEach((line, i) => {
      if (this.y + pitch > TOP + HEIGHT + 0.5) {
        this.doc.addPage();
        this.y = TOP;
      }
      const used = measure(line);
      const x =
        opts.align === 'center'
          ? LEFT + (WIDTH - used) / 2
          : opts.align === 'right'
            ? LEFT + WIDTH - right - used
            : LEFT + (i === 0 ? indent : 0);
      const textY = this.y + (pitch - size * 1.45) / 2;
      this.doc
        .font(font)
        .fontSize(size)
        .fillColor('#000')
        .text(line, x, textY, { lineBreak: false, characterSpacing: spacing });
      this.y += pitch;
    });
  }

  signature(issuer: string, date: string, right: number) {
    const measure = this.measure('body', BODY, SPACING);
    const dateX = LEFT + WIDTH - right - measure(date);
    const centre = dateX + measure(date) / 2;
    const issuerX = Math.min(centre - measure(issuer) / 2, LEFT + WIDTH - measure(issuer));
    const textY = (y: number) => y + (LINE - BODY * 1.45) / 2;
    this.doc
      .font('body')
      .fontSize(BODY)
      .text(issuer, issuerX, textY(this.y), { lineBreak: false, characterSpacing: SPACING });
    this.doc
      .font('body')
      .fontSize(BODY)
      .text(date, dateX, textY(this.y + LINE), { lineBreak: false, characterSpacing: SPACING });
    this.y += LINE * 2;
  }

  gap(points: number) {
    this.y += points;
  }
}

function letter(w: Writer, l: LetterText) {
  w.paragraph(l.title, { font: 'title', size: TITLE, align: 'center', pitch: TITLE * 1.6 });
  w.gap(LINE * 0.5);
  w.paragraph(l.addressee);
  for (const p of l.body) w.paragraph(p.text, { font: p.heading ? 'heavy' : 'body', indent: BODY * 2 });
  w.gap(LINE);
  // 署名 centred over the date, the date four characters in from the right (GB/T 9704 §7.3.5).
  w.signature(l.issuer, l.date, BODY * 4);
}

export function lettersPdf(letters: LetterText[]): Promise<Buffer> {
  const files = loadFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    info: {
      Title: letters.length === 1 ? letters[0]!.title : '星级评定结果反馈函',
      Creator: '同心 Tongxin',
      Producer: '同心 Tongxin',
    },
    lang: 'zh-CN',
  } as PDFKit.PDFDocumentOptions);
  doc.registerFont('body', files.body);
  doc.registerFont('title', files.title);
  doc.registerFont('heavy', files.heavy);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  letters.forEach((l, i) => {
    if (i > 0) doc.addPage();
    const w = new Writer(doc);
    letter(w, l);
  });
  if (letters.length === 0) {
    doc.font('body').fontSize(BODY).text('本期没有参评单位。', LEFT, TOP, { lineBreak: false });
  }
  doc.end();
  return done;
}
