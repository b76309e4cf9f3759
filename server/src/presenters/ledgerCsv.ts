import { lightWords, type ActionItem } from '@tongxin/shared';

export const STATUS_LABEL: Record<ActionItem['status'], string> = {
  todo: '待办',
  in_progress: '进行中',
  awaiting_verification: '已完成待验收',
  closed: '已销号',
  cancelled: '已取消',
};

export const LEDGER_HEADER = [
  '序号',
  '督办事项',
  '事项说明',
  '牵头单位',
  '配合单位',
  '责任人',
  '推进措施',
  '完成时限',
  '原定完成时限',
  '状态',
  '进度(%)',
  '是否逾期',
  '亮灯',
  '亮灯原因',
  '最新推进情况',
  '更新时间',
];

/**
 * The ledger (工作台账) as CSV: UTF-8 with a byte-order mark, because Excel reads a BOM-less file
 * in the local code page and garbles the Chinese; CRLF line ends, as RFC 4180 and Excel expect.
 */
export function ledgerCsv(items: ActionItem[]): string {
  const rows = items.map(ledgerRow);
  return '\uFEFF' + [LEDGER_HEADER, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** One ledger line, cell by cell, as both exports write it. */
export function ledgerRow(i: ActionItem, n: number): string[] {
  return [
    String(n + 1),
    i.title,
    i.description,
    i.leadUnit.name,
    i.cooperatingUnits.map((u) => u.name).join('、'),
    i.responsiblePerson,
    i.measures,
    i.dueDate,
    // Filled only when the deadline was extended (延期): the date first promised.
    i.deadlineHistory.length > 0 ? i.originalDueDate : '',
    STATUS_LABEL[i.status],
    String(i.percent),
    i.overdue ? '是' : '否',
    // The light in words (the Excel export colours the cell too); nothing for finished work.
    i.light.light === 'none' ? '' : lightWords(i.light).colour,
    i.light.light === 'none' ? '' : lightWords(i.light).reason,
    i.progress.at(-1)?.text ?? '',
    i.updatedAt,
  ];
}

function csvCell(value: string): string {
  // A cell starting with = + - @ is a formula to Excel: neutralise it (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
