import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
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
import { DRAFT_NOTE, plainText, publishedNote, type MinutesExport } from './minutesExport.js';

// DOCX for Word and WPS: body in 宋体 (SimSun), headings in 黑体 (SimHei), Latin text in Times New
// Roman, sizes as Chinese official documents use them (三号 16 pt title, 四号 14 pt headings,
// 小四 12 pt body). Lists whose every item is "label：value" (attendance, meeting facts) become
// two-column tables, easier to read and to sign off on paper.

const BODY: IFontAttributesProperties = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'SimSun' };
const HEADING: IFontAttributesProperties = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: 'SimHei' };
const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const;
const RED = 'C00000';

/**
 * XML 1.0 allows tab, LF, CR, U+0020–D7FF, U+E000–FFFD and U+10000–10FFFF, nothing else: one C0
 * control, U+FFFE, U+FFFF or lone surrogate anywhere in the text and Word refuses the whole file.
 * Minutes are co-edited, so their text may hold anything; such characters are dropped.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
export const xmlSafe = (s: string): string => s.replace(NOT_XML_CHAR, '');

/** Every run of text in the document goes through here. */
const text = (options: IRunOptions & { text: string }) => new TextRun({ ...options, text: xmlSafe(options.text) });

function runs(nodes: PmNode[], font: IFontAttributesProperties = BODY): ParagraphChild[] {
  return nodes.map((n) =>
    n.type === 'hardBreak'
      ? text({ text: '', break: 1, font })
      : text({ text: n.text ?? '', bold: n.marks?.some((m) => m.type === 'bold') ?? false, font }),
  );
}

/** "标签：内容" split at the end of the leading bold text, or null when the item is not of that form. */
function labelled(item: PmNode): { label: PmNode[]; value: PmNode[] } | null {
  const blocks = item.content ?? [];
  if (blocks.length !== 1 || blocks[0]!.type !== 'paragraph') return null;
  const inl = blocks[0]!.content ?? [];
  const first = inl[0];
  if (!first?.marks?.some((m) => m.type === 'bold') || !/：$/.test(first.text ?? '')) return null;
  return { label: [{ ...first, text: first.text!.replace(/：$/, '') }], value: inl.slice(1) };
}

function table(rows: { label: PmNode[]; value: PmNode[] }[]): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '808080' };
  const borders = { top: border, bottom: border, left: border, right: border };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      (r) =>
        new TableRow({
          children: [
            new TableCell({
              width: { size: 30, type: WidthType.PERCENTAGE },
              borders,
              children: [new Paragraph({ children: runs(r.label) })],
            }),
            new TableCell({
              width: { size: 70, type: WidthType.PERCENTAGE },
              borders,
              children: [new Paragraph({ children: runs(r.value) })],
            }),
          ],
        }),
    ),
  });
}

function blocks(nodes: PmNode[], level = 0): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const n of nodes) {
    const children = n.content ?? [];
    switch (n.type) {
      case 'heading': {
        const l = Math.min(3, Math.max(1, Number(n.attrs?.level ?? 1)));
        out.push(
          new Paragraph({
            heading: HEADINGS[l - 1],
            alignment: l === 1 ? AlignmentType.CENTER : AlignmentType.LEFT,
            children: runs(children, HEADING),
          }),
        );
        break;
      }
      case 'paragraph':
        out.push(new Paragraph({ children: runs(children), ...(level > 0 ? { indent: { left: 420 * level } } : {}) }));
        break;
      case 'bulletList':
      case 'orderedList': {
        const rows = children.map(labelled);
        if (level === 0 && rows.length > 0 && rows.every((r) => r !== null)) {
          out.push(table(rows as { label: PmNode[]; value: PmNode[] }[]), new Paragraph({}));
          break;
        }
        for (const item of children) {
          const [first, ...rest] = item.content ?? [];
          out.push(
            new Paragraph({
              bullet: { level: Math.min(level, 8) },
              children: first && first.type === 'paragraph' ? runs(first.content ?? []) : [],
            }),
          );
          const more = first && first.type !== 'paragraph' ? [first, ...rest] : rest;
          out.push(...blocks(more, level + 1));
        }
        break;
      }
      case 'blockquote':
        out.push(...blocks(children, level + 1));
        break;
      case 'codeBlock':
        out.push(new Paragraph({ children: [text({ text: plainText(n), font: 'Consolas' })] }));
        break;
      case 'horizontalRule':
        out.push(
          new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '808080', space: 1 } } }),
        );
        break;
      default:
        out.push(...blocks(children, level));
    }
  }
  return out;
}

export async function minutesDocx(m: MinutesExport): Promise<Buffer> {
  const draftBanner = m.draft
    ? [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [text({ text: DRAFT_NOTE, bold: true, color: RED, font: HEADING })],
        }),
      ]
    : [];
  const doc = new Document({
    creator: '同心 Tongxin',
    title: xmlSafe(m.title),
    styles: {
      default: {
        document: { run: { font: BODY, size: 24 }, paragraph: { spacing: { line: 360 } } },
        heading1: {
          run: { font: HEADING, size: 32, bold: true, color: '000000' },
          paragraph: { spacing: { before: 240, after: 240 } },
        },
        heading2: {
          run: { font: HEADING, size: 28, bold: true, color: '000000' },
          paragraph: { spacing: { before: 240, after: 120 } },
        },
        heading3: {
          run: { font: HEADING, size: 24, bold: true, color: '000000' },
          paragraph: { spacing: { before: 120, after: 60 } },
        },
      },
    },
    sections: [
      {
        headers: m.draft
          ? {
              default: new Header({
                children: [
                  new Paragraph({
                    alignment: AlignmentType.RIGHT,
                    children: [text({ text: '草稿', bold: true, color: RED, size: 28, font: HEADING })],
                  }),
                ],
              }),
            }
          : undefined,
        footers: m.draft
          ? undefined
          : {
              default: new Footer({
                children: [new Paragraph({ children: [text({ text: publishedNote(m), size: 16, font: BODY })] })],
              }),
            },
        children: [...draftBanner, ...blocks(m.doc.content ?? [])],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
