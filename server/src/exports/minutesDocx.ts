import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IFontAttributesProperties,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import type { PmNode } from '../yjs/prosemirror.js';
import {
  distributionText,
  docNumberText,
  DRAFT_NOTE,
  labelOf,
  plainText,
  printedLine,
  VERIFICATION_TITLE,
  verificationLines,
  type MinutesExport,
} from './minutesExport.js';

// DOCX for Word and WPS in the form of GB/T 9704-2012: A4, 天头 37 mm, 订口 28 mm, 版心 156 ×
// 225 mm, a line grid of 22 lines a page, 3号 characters set 0.2 pt tighter so 28 fill a line.
// The fonts are named as the standard's: 方正小标宋简体 (版头, title), 仿宋_GB2312 (body), 黑体
// (一、 headings), 楷体_GB2312 (（一） headings), as eastAsia faces with Times New Roman for Latin
// text — a government PC that has them shows them, another substitutes its own 宋/仿宋.
// Page numbers "— 1 —" (4号 宋体) in odd and even footers, outside. The 版记 (分送, 印发) closes
// the document between thick and thin rules; the published record's 核验信息 is its own last page.

const TWIP_PER_MM = 1440 / 25.4;
const mm = (v: number) => Math.round(v * TWIP_PER_MM);
const LINE = Math.round((225 / 22) * TWIP_PER_MM); // 579 twips, 28.95 pt
const CHAR = 320; // one 3号 character, in twips (16 pt)

const font = (eastAsia: string): IFontAttributesProperties => ({
  ascii: 'Times New Roman',
  hAnsi: 'Times New Roman',
  eastAsia,
});
const XIAOBIAOSONG = font('方正小标宋简体');
const FANGSONG = font('仿宋_GB2312');
const HEITI = font('黑体');
const KAITI = font('楷体_GB2312');
const SONG = font('宋体');
const RED = 'D40000';

/**
 * XML 1.0 allows tab, LF, CR, U+0020–D7FF, U+E000–FFFD and U+10000–10FFFF, nothing else: one C0
 * control, U+FFFE, U+FFFF or lone surrogate anywhere in the text and Word refuses the whole file.
 * Minutes are co-edited, so their text may hold anything; such characters are dropped.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
export const xmlSafe = (s: string): string => s.replace(NOT_XML_CHAR, '');

/** Every run of text in the document goes through here. */
const text = (options: IRunOptions & { text: string }) => new TextRun({ ...options, text: xmlSafe(options.text) });

function runs(nodes: PmNode[], face: IFontAttributesProperties = FANGSONG): ParagraphChild[] {
  return nodes.map((n) =>
    n.type === 'hardBreak'
      ? text({ text: '', break: 1, font: face })
      : text({ text: n.text ?? '', bold: n.marks?.some((m) => m.type === 'bold') ?? false, font: face }),
  );
}

const exactLine = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

function blocks(nodes: PmNode[], level = 0): Paragraph[] {
  const out: Paragraph[] = [];
  const left = level * CHAR * 2;
  for (const n of nodes) {
    const children = n.content ?? [];
    switch (n.type) {
      case 'heading': {
        const l = Math.min(3, Math.max(1, Number(n.attrs?.level ?? 1)));
        const plain = children.map((c) => ({ ...c, marks: [] }));
        if (l === 1) {
          // The title: 2号 小标宋, centred, an empty line under it.
          out.push(
            new Paragraph({
              alignment: AlignmentType.CENTER,
              spacing: { line: Math.round(LINE * 1.25), lineRule: LineRuleType.EXACT, after: LINE },
              children: plain.map((c) =>
                c.type === 'hardBreak'
                  ? text({ text: '', break: 1 })
                  : text({ text: c.text ?? '', font: XIAOBIAOSONG, size: 44 }),
              ),
            }),
          );
        } else {
          out.push(
            new Paragraph({
              spacing: exactLine,
              indent: { left, firstLine: CHAR * 2 },
              children: runs(plain, l === 2 ? HEITI : KAITI),
            }),
          );
        }
        break;
      }
      case 'paragraph': {
        // 出席：… — the lines after the first line up under the first character after the colon.
        const label = labelOf(children);
        out.push(
          new Paragraph({
            spacing: exactLine,
            indent: label ? { left: left + CHAR * 5, hanging: CHAR * 3 } : { left, firstLine: CHAR * 2 },
            children: runs(children),
          }),
        );
        break;
      }
      case 'bulletList':
      case 'orderedList':
        children.forEach((item, i) => {
          const marker = n.type === 'bulletList' ? '·' : `${Number(n.attrs?.start ?? 1) + i}.`;
          const [first, ...rest] = item.content ?? [];
          const inner = left + CHAR * 2;
          out.push(
            new Paragraph({
              spacing: exactLine,
              indent: { left: inner },
              children: [
                text({ text: marker, font: FANGSONG }),
                ...(first?.type === 'paragraph' ? runs(first.content ?? []) : []),
              ],
            }),
          );
          out.push(...blocks(first?.type === 'paragraph' ? rest : (item.content ?? []), level + 1));
        });
        break;
      case 'blockquote':
        out.push(...blocks(children, level + 1));
        break;
      case 'codeBlock':
        out.push(
          new Paragraph({
            spacing: exactLine,
            indent: { left },
            children: [text({ text: plainText(n), font: 'Consolas' })],
          }),
        );
        break;
      case 'horizontalRule':
        out.push(new Paragraph({ spacing: exactLine, children: [] }));
        break;
      default:
        out.push(...blocks(children, level));
    }
  }
  return out;
}

/** 版头: the issuing body 35 mm below the top of the 版心, the 文号 two lines under it, then the rule. */
function letterhead(m: MinutesExport): Paragraph[] {
  const color = m.frame.red ? RED : '000000';
  const issuer = m.frame.issuer || '会议纪要';
  // One line of the 版心 (156 mm ≈ 442 pt), at most 44 pt.
  const size = Math.max(24, Math.min(44, Math.floor(440 / Math.max(1, [...issuer].length))));
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: mm(35), after: LINE * 2, line: Math.round(size * 20 * 1.2), lineRule: LineRuleType.EXACT },
      children: [text({ text: issuer, font: XIAOBIAOSONG, size: size * 2, color })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { ...exactLine, after: LINE * 2 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color, space: 11 } },
      children: [text({ text: docNumberText(m.frame), font: FANGSONG })],
    }),
  ];
}

/** 版记: 分送 and 印发机关/印发日期 between a thick first and last rule and a thin one. */
function recordBlock(m: MinutesExport): Table {
  const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000' };
  const thin = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const printed = printedLine(m.frame);
  const small = { font: FANGSONG, size: 28 };
  const cell = (children: Paragraph[], top: typeof thick, bottom: typeof thick) =>
    new TableCell({
      borders: { top, bottom, left: none, right: none },
      width: { size: 100, type: WidthType.PERCENTAGE },
      children,
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        children: [
          cell(
            [
              new Paragraph({
                indent: { left: 280 + 840, hanging: 840, right: 280 },
                children: [text({ text: `分送：${distributionText(m.frame)}`, ...small })],
              }),
            ],
            thick,
            thin,
          ),
        ],
      }),
      new TableRow({
        children: [
          cell(
            [
              new Paragraph({
                indent: { left: 280, right: 280 },
                tabStops: [{ type: 'right', position: mm(156) - 560 }],
                children: [text({ text: `${printed.issuer}\t${printed.date}`, ...small })],
              }),
            ],
            thin,
            thick,
          ),
        ],
      }),
    ],
  });
}

/** 核验信息 on a page of its own. */
function verificationPage(m: MinutesExport): Paragraph[] {
  return [
    new Paragraph({
      pageBreakBefore: true,
      alignment: AlignmentType.CENTER,
      spacing: { line: Math.round(LINE * 1.25), lineRule: LineRuleType.EXACT, after: LINE },
      children: [text({ text: VERIFICATION_TITLE, font: XIAOBIAOSONG, size: 44 })],
    }),
    ...verificationLines(m).map(
      (l) =>
        new Paragraph({
          spacing: exactLine,
          indent: { left: CHAR * 2 },
          children: [
            text({ text: `${l.label}：`, font: HEITI }),
            ...(l.hash
              ? [text({ text: '', break: 1 }), text({ text: l.value, font: 'Courier New', size: 20 })]
              : [text({ text: l.value, font: FANGSONG })]),
          ],
        }),
    ),
    new Paragraph({ spacing: exactLine, children: [] }),
  ];
}

const pageNumber = (alignment: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
  new Footer({
    children: [
      new Paragraph({
        alignment,
        indent: { left: 280, right: 280 },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: SONG, size: 28 })],
      }),
    ],
  });

export async function minutesDocx(m: MinutesExport): Promise<Buffer> {
  const draftBanner = m.draft
    ? [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [text({ text: DRAFT_NOTE, bold: true, color: RED, font: HEITI, size: 21 })],
        }),
      ]
    : [];
  const draftHeader = () =>
    new Header({
      children: [
        new Paragraph({
          alignment: AlignmentType.RIGHT,
          children: [text({ text: '草稿', bold: true, color: RED, size: 28, font: HEITI })],
        }),
      ],
    });
  const doc = new Document({
    creator: '同心 Tongxin',
    title: xmlSafe(m.title),
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: FANGSONG, size: 32, characterSpacing: -4 },
          paragraph: { spacing: exactLine },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), header: mm(15), footer: mm(23) },
          },
          grid: { type: DocumentGridType.LINES, linePitch: LINE },
        },
        headers: m.draft ? { default: draftHeader(), even: draftHeader() } : undefined,
        footers: { default: pageNumber(AlignmentType.RIGHT), even: pageNumber(AlignmentType.LEFT) },
        children: [
          ...draftBanner,
          ...letterhead(m),
          ...blocks(m.doc.content ?? []),
          ...(m.draft ? [] : verificationPage(m)),
          new Paragraph({ spacing: exactLine, children: [] }),
          recordBlock(m),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
