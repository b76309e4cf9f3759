import type { ActionItem, StatusLight } from '@tongxin/shared';
import { LEDGER_HEADER, ledgerRow } from './ledgerCsv.js';

/**
 * Excel's own "good / neutral / bad" fills and their text colours: the light reads as a filled
 * cell, and the word in it says the same for whoever prints in black and white.
 */
const LIGHT_FILL: Record<StatusLight, { fill: string; font: string } | null> = {
  green: { fill: 'FFC6EFCE', font: 'FF006100' },
  yellow: { fill: 'FFFFEB9C', font: 'FF9C5700' },
  red: { fill: 'FFFFC7CE', font: 'FF9C0006' },
  none: null,
};

/** Column widths in characters (a Chinese character counts about two). */
const WIDTHS: Record<string, number> = {
  序号: 6,
  督办事项: 30,
  事项说明: 36,
  牵头单位: 16,
  配合单位: 22,
  责任人: 10,
  推进措施: 36,
  完成时限: 12,
  原定完成时限: 14,
  状态: 13,
  '进度(%)': 9,
  是否逾期: 10,
  亮灯: 8,
  亮灯原因: 18,
  最新推进情况: 40,
  更新时间: 22,
};

/**
 * The ledger (工作台账) as an Excel workbook: the same columns as the CSV, a styled header row that
 * stays in view while scrolling, and the light as a coloured cell with its word. exceljs is loaded
 * on first use, so the server starts without it.
 */
export async function ledgerXlsx(items: ActionItem[], sheetName = '工作台账'): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'Tongxin 同心';
  const sheet = book.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = LEDGER_HEADER.map((h) => ({ header: h, key: h, width: WIDTHS[h] ?? 14 }));
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.height = 22;
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
  });
  const lightColumn = LEDGER_HEADER.indexOf('亮灯') + 1;
  items.forEach((item, n) => {
    const row = sheet.addRow(ledgerRow(item, n));
    row.alignment = { vertical: 'top', wrapText: true };
    const colours = LIGHT_FILL[item.light.light];
    if (colours) {
      const cell = row.getCell(lightColumn);
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: colours.fill } };
      cell.font = { bold: true, color: { argb: colours.font } };
      cell.alignment = { vertical: 'top', horizontal: 'center' };
    }
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: LEDGER_HEADER.length } };
  return Buffer.from(await book.xlsx.writeBuffer());
}
