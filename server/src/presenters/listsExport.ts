import { catalogueString, lightWords, type Demand, type Project, type Resource } from '@tongxin/shared';
/** Which of the three lists. */
export type ListKind = 'demand' | 'resource' | 'project';

// The three lists as CSV and Excel: Chinese documents, as the ledger's exports are (a secretary
// forwards them to the street office). Labels of codes come from the zh-CN catalogue.

const zh = (key: string) => catalogueString('zh-CN', key) ?? key;
const day = (iso: string) => iso.slice(0, 10);

interface Sheet {
  name: string;
  columns: { header: string; width: number }[];
  rows: string[][];
}

function demandSheet(items: Demand[]): Sheet {
  return {
    name: '需求清单',
    columns: [
      { header: '序号', width: 6 },
      { header: '需求', width: 30 },
      { header: '需求描述', width: 40 },
      { header: '类别', width: 12 },
      { header: '地点', width: 20 },
      { header: '提出单位', width: 18 },
      { header: '来源', width: 14 },
      { header: '紧急程度', width: 10 },
      { header: '状态', width: 10 },
      { header: '认领单位', width: 18 },
      { header: '对接资源', width: 24 },
      { header: '不予受理理由', width: 24 },
      { header: '提出日期', width: 12 },
    ],
    rows: items.map((d, n) => [
      String(n + 1),
      d.title,
      d.description,
      d.category,
      d.location,
      d.unit.name,
      zh(`lists.source.${d.source}`) + (d.source === 'resident' && d.residentName ? `（${d.residentName}）` : ''),
      zh(`lists.urgency.${d.urgency}`),
      zh(`lists.demandStatus.${d.status}`),
      d.claimedBy?.name ?? '',
      d.resource?.name ?? '',
      d.rejectReason,
      day(d.createdAt),
    ]),
  };
}

function resourceSheet(items: Resource[]): Sheet {
  return {
    name: '资源清单',
    columns: [
      { header: '序号', width: 6 },
      { header: '资源', width: 30 },
      { header: '资源说明', width: 40 },
      { header: '类型', width: 10 },
      { header: '类别', width: 12 },
      { header: '提供单位', width: 18 },
      { header: '数量/容量', width: 16 },
      { header: '可用起始', width: 12 },
      { header: '可用截止', width: 12 },
      { header: '联系方式', width: 18 },
      { header: '使用条件', width: 24 },
      { header: '状态', width: 10 },
    ],
    rows: items.map((r, n) => [
      String(n + 1),
      r.title,
      r.description,
      zh(`lists.resourceKind.${r.kind}`),
      r.category,
      r.unit.name,
      r.quantity,
      r.availableFrom ?? '',
      r.availableTo ?? '',
      r.contact,
      r.conditions,
      zh(`lists.resourceStatus.${r.status}`),
    ]),
  };
}

function projectSheet(items: Project[]): Sheet {
  return {
    name: '项目清单',
    columns: [
      { header: '序号', width: 6 },
      { header: '共建项目', width: 30 },
      { header: '项目说明', width: 40 },
      { header: '类别', width: 12 },
      { header: '牵头单位', width: 18 },
      { header: '参与单位及投入', width: 36 },
      { header: '节点', width: 36 },
      { header: '预算(元)', width: 12 },
      { header: '状态', width: 10 },
      { header: '亮灯', width: 16 },
      { header: '最新进展', width: 36 },
    ],
    rows: items.map((p, n) => [
      String(n + 1),
      p.title,
      p.description,
      p.category,
      p.leadUnit.name,
      p.participants.map((x) => [x.unit.name, x.resource?.name, x.commitment].filter(Boolean).join('：')).join('；'),
      p.milestones.map((m) => `${m.dueDate} ${m.title}${m.done ? '（已完成）' : ''}`).join('；'),
      p.budget === null ? '' : String(p.budget),
      zh(`lists.projectStatus.${p.status}`),
      // 亮灯 from the next milestone, in words as the ledger's export says it (红灯 已逾期 3 天).
      p.light.light === 'none' ? '' : Object.values(lightWords(p.light)).join(' '),
      p.progress.at(-1)?.text ?? '',
    ]),
  };
}

export function listSheet(kind: ListKind, items: Demand[] | Resource[] | Project[]): Sheet {
  if (kind === 'demand') return demandSheet(items as Demand[]);
  if (kind === 'resource') return resourceSheet(items as Resource[]);
  return projectSheet(items as Project[]);
}

function csvCell(value: string): string {
  // A cell starting with = + - @ is a formula to Excel: neutralise it (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** UTF-8 with a byte-order mark (Excel reads a BOM-less file in the local code page), CRLF ends. */
export function listCsv(sheet: Sheet): string {
  return '\uFEFF' + [sheet.columns.map((c) => c.header), ...sheet.rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** The same columns as a workbook with a frozen, styled header; exceljs loads on first use. */
export async function listXlsx(sheet: Sheet): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'Tongxin 同心';
  const ws = book.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = sheet.columns.map((c) => ({ header: c.header, key: c.header, width: c.width }));
  const header = ws.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
  });
  for (const r of sheet.rows) ws.addRow(r).alignment = { vertical: 'top', wrapText: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  return Buffer.from(await book.xlsx.writeBuffer());
}
