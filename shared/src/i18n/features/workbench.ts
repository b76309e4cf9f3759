import type { Widen } from '../widen.js';

// Strings of the workbench (工作台) and the system status on it.
// Both languages side by side so they stay in step.
// Keys must not contain dots. The shared i18n test checks both have the same keys and placeholders.

export const workbenchZh = {
  greeting: '{{name}}，您好',
  unitLine: '所在单位：{{unit}}',
  myAlliances: '我的联合体',
  noAlliances: '您所在的单位尚未加入任何联合体。请联系联合体秘书。',
  upcoming: '近期会议',
  noUpcoming: '暂无已安排的会议。',
  inSession: '{{title}} 正在进行中',
  enterMeeting: '进入会议',
  tasks: '待办事项',
  minutesToConfirm: '待确认纪要',
  minutesToPublish: '待签发',
  confirmFor: '请代表{{unit}}确认或提出意见',
  answered: '已答复 {{answered}} / {{asked}} 个单位',
  openMinutes: '前往纪要',
  openMinutesOf: '前往纪要：{{title}}',
} as const;

export const workbenchEn: Widen<typeof workbenchZh> = {
  greeting: 'Hello, {{name}}',
  unitLine: 'Unit: {{unit}}',
  myAlliances: 'My alliances',
  noAlliances: 'Your unit is not a member of any alliance yet. Please contact an alliance secretary.',
  upcoming: 'Upcoming meetings',
  noUpcoming: 'No meetings are scheduled.',
  inSession: '{{title}} is in session',
  enterMeeting: 'Join the meeting',
  tasks: 'To do',
  minutesToConfirm: 'Minutes to confirm',
  minutesToPublish: 'Minutes to publish',
  confirmFor: 'Confirm or comment for {{unit}}',
  answered: '{{answered}} of {{asked}} units have answered',
  openMinutes: 'Open the minutes',
  openMinutesOf: 'Open the minutes: {{title}}',
};

export const statusZh = {
  title: '系统状态',
  loading: '正在检查服务状态…',
  error: '无法连接服务器：{{message}}',
  retry: '重试',
  ok: '运行正常',
  degraded: '部分服务异常',
  down: '服务不可用：无法连接数据库',
  version: '版本',
  database: '数据库',
  redis: 'Redis',
  dbMode: {
    uri: 'MongoDB（外部）',
    mongod: 'MongoDB（本地 mongod）',
    emulator: '内置 MongoDB 模拟器（仅供试用）',
  },
  connected: '已连接',
  disconnected: '未连接',
  notConfigured: '未配置（单进程）',
} as const;

export const statusEn: Widen<typeof statusZh> = {
  title: 'System status',
  loading: 'Checking the service…',
  error: 'Cannot reach the server: {{message}}',
  retry: 'Retry',
  ok: 'All systems normal',
  degraded: 'Some services are degraded',
  down: 'Service unavailable: the database cannot be reached',
  version: 'Version',
  database: 'Database',
  redis: 'Redis',
  dbMode: {
    uri: 'MongoDB (external)',
    mongod: 'MongoDB (local mongod)',
    emulator: 'Built-in MongoDB emulator (trial only)',
  },
  connected: 'connected',
  disconnected: 'not connected',
  notConfigured: 'not configured (single process)',
};
