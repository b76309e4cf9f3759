import type { Widen } from '../widen.js';

// Strings of the meeting page and meeting cards.
// Both languages side by side so they stay in step.
// Keys must not contain dots. The shared i18n test checks both have the same keys and placeholders.

export const meetingZh = {
  seq: '第 {{seq}} 次联席会议',
  when: '时间',
  duration: '时长',
  minutes: '{{count}} 分钟',
  place: '地点',
  onlineLink: '线上会议',
  convenerIs: '召集单位：{{unit}}',
  convener: '召集单位',
  invited: '参会单位',
  observers: '列席单位',
  /** My unit's part in a meeting, on the workbench. */
  myRole: '本单位：{{role}}',
  status: '状态',
  schedule: '发布会议安排',
  cancel: '取消会议',
  confirmCancel: '确定要取消这次会议吗？取消后不能恢复。',
  back: '返回联合体',
  form: {
    title: '会议名称',
    scheduledAt: '开始时间',
    durationMinutes: '时长（分钟）',
    place: '地点',
    onlineLink: '线上会议链接（可选）',
    convenerUnit: '召集单位',
    convenerDefault: '按轮值（{{unit}}）',
    submit: '创建会议草稿',
    submitting: '正在创建…',
    created: '已创建第 {{seq}} 次联席会议（草稿）。',
    needPlace: '请填写地点或线上会议链接。',
    webLinkOnly: '请填写以 http:// 或 https:// 开头的链接。',
  },
} as const;

export const meetingEn: Widen<typeof meetingZh> = {
  seq: 'Joint meeting no. {{seq}}',
  when: 'When',
  duration: 'Duration',
  minutes: '{{count}} min',
  place: 'Place',
  onlineLink: 'Online',
  convenerIs: 'Convened by {{unit}}',
  convener: 'Convener unit',
  invited: 'Invited units',
  observers: 'Observers',
  myRole: 'My unit: {{role}}',
  status: 'Status',
  schedule: 'Announce the meeting',
  cancel: 'Cancel the meeting',
  confirmCancel: 'Cancel this meeting? This cannot be undone.',
  back: 'Back to the alliance',
  form: {
    title: 'Title',
    scheduledAt: 'Starts at',
    durationMinutes: 'Duration (minutes)',
    place: 'Place',
    onlineLink: 'Online meeting link (optional)',
    convenerUnit: 'Convener unit',
    convenerDefault: 'By rotation ({{unit}})',
    submit: 'Create draft meeting',
    submitting: 'Creating…',
    created: 'Joint meeting no. {{seq}} created as a draft.',
    needPlace: 'Enter a place or an online meeting link.',
    webLinkOnly: 'Enter a link starting with http:// or https://.',
  },
};

export const meetingStatusZh = {
  draft: '草稿',
  scheduled: '已安排',
  in_session: '进行中',
  adjourned: '已休会',
  minutes_published: '纪要已发布',
  cancelled: '已取消',
} as const;

export const meetingStatusEn: Widen<typeof meetingStatusZh> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  in_session: 'In session',
  adjourned: 'Adjourned',
  minutes_published: 'Minutes published',
  cancelled: 'Cancelled',
};
