import {
  AlignmentType,
  Document,
  DocumentGridType,
  LineRuleType,
  Packer,
  Paragraph,
  TextRun,
  type IFontAttributesProperties,
  type ISectionOptions,
} from 'docx';
import { xmlSafe } from './minutesDocx.js';
import type { LetterText } from './ratingLetters.js';

// 反馈函 as DOCX, in the page and type of the minutes export (GB/T 9704: A4, 天头 37 mm, 订口 28 mm,
// 22 lines of 3号 仿宋 a page; title in 2号 小标宋; headings in 黑体), the fonts named as eastAsia
// faces with Times New Roman for Latin text, so Word and WPS on a government PC use the 公文 faces.
// Several letters: one section each, so each starts on a new page.

const TWIP_PER_MM = 1440 / 25.4;
const mm = (v: number) => Math.round(v * TWIP_PER_MM);
const LINE = Math.round((225 / 22) * TWIP_PER_MM);
const CHAR = 320;
const font = (eastAsia: string): IFontAttributesProperties => ({
  ascii: 'Times New Roman',
  hAnsi: 'Times New Roman',
  eastAsia,
});
const XIAOBIAOSONG = font('方正小标宋简体');
const FANGSONG = font('仿宋_GB2312');
const HEITI = font('黑体');
const exactLine = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

const run = (text: string, face = FANGSONG, size = 32) => new TextRun({ text: xmlSafe(text), font: face, size });

function letterSection(l: LetterText): ISectionOptions {
  return {
    properties: {
      page: {
        size: { width: mm(210), height: mm(297) },
        margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), header: mm(15), footer: mm(23) },
      },
      grid: { type: DocumentGridType.LINES, linePitch: LINE },
    },
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { line: Math.round(LINE * 1.25), lineRule: LineRuleType.EXACT, after: LINE },
        children: [run(l.title, XIAOBIAOSONG, 44)],
      }),
      new Paragraph({ spacing: exactLine, children: [run(l.addressee)] }),
      ...l.body.map(
        (p) =>
          new Paragraph({
            spacing: exactLine,
            indent: { firstLine: CHAR * 2 },
            children: [run(p.text, p.heading ? HEITI : FANGSONG)],
          }),
      ),
      new Paragraph({ spacing: exactLine, children: [] }),
      new Paragraph({
        spacing: exactLine,
        alignment: AlignmentType.RIGHT,
        indent: { right: CHAR * 2 },
        children: [run(l.issuer)],
      }),
      new Paragraph({
        spacing: exactLine,
        alignment: AlignmentType.RIGHT,
        indent: { right: CHAR * 2 },
        children: [run(l.date)],
      }),
    ],
  };
}

export async function lettersDocx(letters: LetterText[]): Promise<Buffer> {
  const doc = new Document({
    creator: '同心 Tongxin',
    title: xmlSafe(letters.length === 1 ? letters[0]!.title : '星级评定结果反馈函'),
    styles: {
      default: {
        document: { run: { font: FANGSONG, size: 32, characterSpacing: -4 }, paragraph: { spacing: exactLine } },
      },
    },
    sections: letters.map(letterSection),
  });
  return Packer.toBuffer(doc);
}
