import type { Widen } from '../widen.js';

// 消息: what the bell, the notification list and the group robots (企业微信 / 钉钉 / 飞书) say. One
// title per kind (short, for the list and the robot card's heading) and one line of detail.
// Keys are the kinds with `_` for `.` (i18next reads dots as nesting): see notificationTextKey.
// Placeholders: {{alliance}} 联合体名称, {{place}} 地点, {{title}} 事项/会议/表决标题, {{unit}} 单位, {{date}} 日期,
// {{time}} 时间, {{days}} 天数, {{note}} 附言, {{person}} 人员, {{count}} 数量, {{outcome}} 结果.

export const notificationsZh = {
  kinds: {
    meeting_in24h: { title: '明天开会：{{title}}', body: '{{alliance}}的会议将于 {{time}} 在{{place}}召开。' },
    meeting_in1h: { title: '一小时后开会：{{title}}', body: '{{alliance}}的会议将于 {{time}} 开始，地点：{{place}}。' },
    vote_closingSoon: { title: '表决即将结束：{{title}}', body: '表决将于 {{time}} 结束，本单位尚未投票。' },
    item_ackOverdue: { title: '待签收已超时：{{title}}', body: '督办事项应于 {{date}} 前签收，{{unit}}尚未签收。' },
    item_dueSoon: { title: '临近时限：{{title}}', body: '督办事项将于 {{date}} 到期（还有 {{days}} 个工作日），牵头单位：{{unit}}。' },
    item_dueToday: { title: '今日到期：{{title}}', body: '督办事项今日（{{date}}）到期，牵头单位：{{unit}}。' },
    item_overdue: { title: '已逾期：{{title}}', body: '督办事项已于 {{date}} 到期，逾期 {{days}} 天，牵头单位：{{unit}}。' },
    minutes_awaitingConfirmation: { title: '纪要待确认：{{title}}', body: '请{{unit}}确认会议纪要。' },
    extension_awaitingDecision: { title: '延期申请待审批：{{title}}', body: '{{unit}}申请延期至 {{date}}，请审批。' },
    item_assigned: { title: '新的督办事项：{{title}}', body: '{{unit}}为牵头单位，完成时限 {{date}}，请及时签收。' },
    item_nudged: { title: '催办：{{title}}', body: '{{person}}催办：{{note}}' },
    item_extensionRequested: { title: '延期申请：{{title}}', body: '{{unit}}申请延期至 {{date}}，理由：{{note}}' },
    item_extensionDecided: { title: '延期申请已{{outcome}}：{{title}}', body: '完成时限：{{date}}。{{note}}' },
    item_progressReported: { title: '推进情况：{{title}}', body: '{{unit}}报告进度 {{count}}%：{{note}}' },
    item_submitted: { title: '提请验收：{{title}}', body: '{{unit}}已办结，请复核。' },
    item_verified: { title: '已销号：{{title}}', body: '督办事项已验收销号。' },
    item_reopened: { title: '退回整改：{{title}}', body: '{{note}}' },
    minutes_generated: { title: '会议纪要已生成：{{title}}', body: '请确认会议纪要。' },
    minutes_published: { title: '会议纪要已印发：{{title}}', body: '{{alliance}}的会议纪要已印发。' },
    digest_daily: { title: '每日汇总（{{date}}）', body: '共 {{count}} 条提醒。' },
  },
  outcomes: { approved: '批准', refused: '不予批准' },
};

export const notificationsEn: Widen<typeof notificationsZh> = {
  kinds: {
    meeting_in24h: { title: 'Meeting tomorrow: {{title}}', body: '{{alliance}} meets at {{time}} in {{place}}.' },
    meeting_in1h: { title: 'Meeting in one hour: {{title}}', body: '{{alliance}} meets at {{time}}, place: {{place}}.' },
    vote_closingSoon: { title: 'Vote closing soon: {{title}}', body: 'The vote closes at {{time}}; your unit has not voted.' },
    item_ackOverdue: { title: 'Not acknowledged in time: {{title}}', body: 'The action item was due for acknowledgement by {{date}}; {{unit}} has not acknowledged it.' },
    item_dueSoon: { title: 'Due soon: {{title}}', body: 'The action item is due on {{date}} ({{days}} working days left); lead unit: {{unit}}.' },
    item_dueToday: { title: 'Due today: {{title}}', body: 'The action item is due today ({{date}}); lead unit: {{unit}}.' },
    item_overdue: { title: 'Overdue: {{title}}', body: 'The action item was due on {{date}}, {{days}} days ago; lead unit: {{unit}}.' },
    minutes_awaitingConfirmation: { title: 'Minutes to confirm: {{title}}', body: '{{unit}} is asked to confirm the minutes.' },
    extension_awaitingDecision: { title: 'Extension awaiting a decision: {{title}}', body: '{{unit}} asks for a new deadline of {{date}}.' },
    item_assigned: { title: 'New action item: {{title}}', body: '{{unit}} leads it, due {{date}}. Please acknowledge it.' },
    item_nudged: { title: 'Reminder: {{title}}', body: '{{person}} reminds you: {{note}}' },
    item_extensionRequested: { title: 'Extension requested: {{title}}', body: '{{unit}} asks for a new deadline of {{date}}. Reason: {{note}}' },
    item_extensionDecided: { title: 'Extension {{outcome}}: {{title}}', body: 'Deadline: {{date}}. {{note}}' },
    item_progressReported: { title: 'Progress: {{title}}', body: '{{unit}} reports {{count}}%: {{note}}' },
    item_submitted: { title: 'Submitted for verification: {{title}}', body: '{{unit}} reports the work done; please verify.' },
    item_verified: { title: 'Closed: {{title}}', body: 'The action item was verified and closed.' },
    item_reopened: { title: 'Sent back: {{title}}', body: '{{note}}' },
    minutes_generated: { title: 'Minutes drafted: {{title}}', body: 'Please confirm the minutes.' },
    minutes_published: { title: 'Minutes published: {{title}}', body: 'The minutes of {{alliance}} are published.' },
    digest_daily: { title: 'Daily summary ({{date}})', body: '{{count}} reminders.' },
  },
  outcomes: { approved: 'approved', refused: 'refused' },
};
