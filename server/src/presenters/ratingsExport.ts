import { starGlyphs, type RatingPeriod } from '@tongxin/shared';

// 星级评定结果 of all units, as CSV (UTF-8 with a BOM and CRLF, as the ledger's, so Excel reads the
// Chinese) and as an Excel workbook. The first line says what it is — and, while the period is
// open, that it is a draft (草稿) that may still change.

export const RATINGS_HEADER = ['名次', '单位', '积分', '述职评议得分', '综合得分', '星级', '星级（数字）', '调整说明'];

/** Whose ratings and of which period, in words: the alliance's name and 2026年第四季度. */
export interface RatingsExportHeading {
  allianceName: string;
  periodLabel: string;
}

/** The title line: alliance, period, and 第N版 with its date, or 草稿. */
export function ratingsTitle(h: RatingsExportHeading, r: RatingPeriod): string {
  const base = `${h.allianceName}${h.periodLabel}星级评定结果`;
  return r.status === 'published' && r.published
    ? `${base}（第${r.version}版，${r.published.at.slice(0, 10)}发布）`
    : `${base}（草稿，未发布，结果可能变化）`;
}

const num = (n: number) => String(Math.round(n * 100) / 100);

export function ratingsRow(u: RatingPeriod['rows'][number]): string[] {
  return [
    String(u.rank),
    u.unit.name,
    num(u.points),
    u.appraisal === null ? '未参加述职评议' : num(u.appraisal),
    num(u.composite),
    starGlyphs(u.stars),
    String(u.stars),
    u.adjustment ? `由${u.computedStars}星调整为${u.adjustment.stars}星：${u.adjustment.reason}` : '',
  ];
}

function csvCell(value: string): string {
  // A cell starting with = + - @ is a formula to Excel: neutralise it (CSV injection). Negative
  // points are numbers, not formulas, and stay as they are.
  const safe = /^[=+@\t\r]/.test(value) || (/^-/.test(value) && !/^-\d+(\.\d+)?$/.test(value)) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function ratingsCsv(h: RatingsExportHeading, r: RatingPeriod): string {
  const lines = [[ratingsTitle(h, r)], RATINGS_HEADER, ...r.rows.map(ratingsRow)];
  return '\uFEFF' + lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const WIDTHS = [6, 28, 10, 14, 10, 12, 10, 48];
const STAR_COLOUR = 'FFC00000';

/** The workbook: a title row (草稿 in red while open), the header frozen under it, one row per unit. */
export async function ratingsXlsx(h: RatingsExportHeading, r: RatingPeriod): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'Tongxin 同心';
  const draft = r.status !== 'published';
  const sheet = book.addWorksheet(draft ? '星级评定（草稿）' : '星级评定', { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = WIDTHS.map((width) => ({ width }));
  const title = sheet.addRow([ratingsTitle(h, r)]);
  sheet.mergeCells(1, 1, 1, RATINGS_HEADER.length);
  title.font = { bold: true, size: 14, ...(draft ? { color: { argb: 'FFC00000' } } : {}) };
  title.height = 24;
  const header = sheet.addRow(RATINGS_HEADER);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
  });
  for (const u of r.rows) {
    const cells = ratingsRow(u);
    // Figures as numbers, so the sheet can sort and sum them.
    const row = sheet.addRow([
      u.rank,
      cells[1],
      u.points,
      u.appraisal ?? cells[3],
      u.composite,
      cells[5],
      u.stars,
      cells[7],
    ]);
    row.alignment = { vertical: 'top', wrapText: true };
    row.getCell(6).font = { color: { argb: STAR_COLOUR } };
  }
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: RATINGS_HEADER.length } };
  return Buffer.from(await book.xlsx.writeBuffer());
}
