import type { Widen } from '../widen.js';

// Strings of the agenda editor.
// Both languages side by side so they stay in step.
// Keys must not contain dots. The shared i18n test checks both have the same keys and placeholders.

export const agendaZh = {
  title: '议程',
  empty: '还没有议题。',
  add: '添加议题',
  itemTitle: '议题',
  newTitle: '新议题名称',
  presenter: '汇报单位',
  noPresenter: '汇报单位：未指定',
  presenterIs: '汇报单位：{{unit}}',
  minuteUnit: '分钟',
  minutesIs: '时长：{{count}} 分钟',
  minutes: '时长（分钟）',
  total: '合计 {{total}} 分钟 / 会议时长 {{duration}} 分钟',
  over: '议程超出会议时长 {{over}} 分钟。',
  moveUp: '上移',
  moveDown: '下移',
  remove: '删除',
  dragHint: '可拖动排序，或用“上移”“下移”按钮。',
  itemLabel: '第 {{n}} 项：{{title}}',
  notes: '议题说明',
  notesPlaceholder: '背景、需要会议研究决定的事项、参考材料…',
  notesFor: '“{{title}}”的议题说明',
  status: {
    pending: '待议',
    current: '进行中',
    done: '已议',
    deferred: '暂缓',
  },
} as const;

export const agendaEn: Widen<typeof agendaZh> = {
  title: 'Agenda',
  empty: 'No agenda items yet.',
  add: 'Add item',
  itemTitle: 'Item',
  newTitle: 'New item title',
  presenter: 'Presenting unit',
  noPresenter: 'Presenting unit: not set',
  presenterIs: 'Presenting unit: {{unit}}',
  minuteUnit: 'min',
  minutesIs: 'Duration: {{count}} min',
  minutes: 'Minutes',
  total: 'Total {{total}} min of a {{duration}}-minute meeting',
  over: 'The agenda runs {{over}} min over the meeting’s duration.',
  moveUp: 'Move up',
  moveDown: 'Move down',
  remove: 'Remove',
  dragHint: 'Drag to reorder, or use Move up / Move down.',
  itemLabel: 'Item {{n}}: {{title}}',
  notes: 'Notes',
  notesPlaceholder: 'Background, what the meeting is asked to decide, papers…',
  notesFor: 'Notes on “{{title}}”',
  status: {
    pending: 'Pending',
    current: 'Current',
    done: 'Done',
    deferred: 'Deferred',
  },
};
