import type { Widen } from '../widen.js';

// Strings of the app shell and what every screen shares: names, navigation, the signed-in user,
// common words, error messages, the live-document connection.
// Both languages side by side so they stay in step.
// Keys must not contain dots. The shared i18n test checks both have the same keys and placeholders.

export const appZh = {
  name: '同心',
  tagline: '联合体联席会议协同平台',
  skipToContent: '跳到主要内容',
  language: '语言',
  footer: '联合谋划 · 集体决策 · 共同实施',
  /** The brand mark: the same character in every language. */
  mark: '同',
  /** The window title. */
  documentTitle: '同心 · 联席会议协同平台',
  /** This language, named in itself (the language switch shows each in its own words). */
  nativeName: '中文',
} as const;

export const appEn: Widen<typeof appZh> = {
  name: 'Tongxin',
  tagline: 'Joint meetings for alliances of organizations',
  skipToContent: 'Skip to main content',
  language: 'Language',
  footer: 'Plan together · Decide together · Deliver together',
  mark: '同',
  documentTitle: 'Tongxin · Joint meetings',
  nativeName: 'English',
};

export const navZh = {
  home: '工作台',
  units: '成员单位',
  people: '人员',
  login: '登录',
  main: '主导航',
} as const;

export const navEn: Widen<typeof navZh> = {
  home: 'Workspace',
  units: 'Units',
  people: 'People',
  login: 'Log in',
  main: 'Main navigation',
};

export const userZh = {
  logout: '退出登录',
  admin: '管理员',
  noUnit: '未关联单位',
} as const;

export const userEn: Widen<typeof userZh> = {
  logout: 'Log out',
  admin: 'Admin',
  noUnit: 'No unit',
};

export const notFoundZh = {
  title: '页面不存在',
  body: '您访问的页面不存在或已被移除。',
  back: '返回工作台',
} as const;

export const notFoundEn: Widen<typeof notFoundZh> = {
  title: 'Page not found',
  body: 'The page you asked for does not exist or has been removed.',
  back: 'Back to the workspace',
};

export const commonZh = {
  loading: '加载中…',
  retry: '重试',
  /** A screen the server refuses to show (403): what usually explains it, and the way back. */
  forbiddenHere: '您无权查看此内容：您所在单位可能已不在该联合体中，或未受邀列席本次会议。',
  cancel: '取消',
  save: '保存',
  error: '出错了：{{message}}',
  empty: '暂无内容',
  previous: '上一页',
  next: '下一页',
  pageOf: '第 {{page}} / {{pages}} 页',
} as const;

export const commonEn: Widen<typeof commonZh> = {
  loading: 'Loading…',
  retry: 'Retry',
  forbiddenHere: 'You may not see this: your unit may no longer belong to this alliance, or is not invited to this meeting.',
  cancel: 'Cancel',
  save: 'Save',
  error: 'Something went wrong: {{message}}',
  empty: 'Nothing here yet',
  previous: 'Previous',
  next: 'Next',
  pageOf: 'Page {{page}} of {{pages}}',
};

export const errorsZh = {
  NETWORK: '无法连接服务器，请检查网络后重试。',
  /** Refused on the device while the live connection is down: nothing was sent, nothing will be later. */
  OFFLINE: '连接已断开，此操作没有发送，恢复连接后也不会自动补发。请在重新连接后再操作。',
  /** Sent, but the connection dropped (or the server did not answer) before the reply. */
  NOT_CONFIRMED: '连接中断，未能确认服务器是否已收到此操作。请在重新连接后查看最新状态，必要时再试（同一表决的选票不会重复计入）。',
  UNAUTHENTICATED: '登录已失效，请重新登录。',
  FORBIDDEN: '您没有权限执行此操作。',
  NOT_FOUND: '内容不存在或已被删除。',
  VALIDATION: '填写的内容有误，请检查。',
  CONFLICT: '与已有内容冲突（例如名称重复）。',
  INVALID_STATE: '当前状态下不能执行此操作，请刷新后重试。',
  UNPROCESSABLE: '填写的内容与现有记录不符，请检查。',
  RATE_LIMITED: '操作过于频繁，请稍后再试。',
  /** Said of the ballot, not the person: in a vote by unit, a colleague may have voted for the unit already. */
  ALREADY_VOTED: '已经投过票了，同一表决不能重复投票。',
  LINK_USED: '此测评链接已经使用过，每个链接只能提交一次。',
  LINK_GONE: '此测评链接已过期或已作废，请联系组织方。',
  PASSWORD_CHANGE_REQUIRED: '请先修改初始密码，再进行其他操作。',
  ACCOUNT_DEACTIVATED: '该账号已停用，不能登录。如有疑问请联系管理员。',
  INTERNAL: '服务器出错了，请稍后再试。',
} as const;

export const errorsEn: Widen<typeof errorsZh> = {
  NETWORK: 'Cannot reach the server. Check your connection and try again.',
  OFFLINE: 'The connection is down: this was not sent, and it will not be sent later by itself. Please do it again once reconnected.',
  NOT_CONFIRMED:
    'The connection dropped before the server answered, so it is not known whether this arrived. Once reconnected, check what the screen shows and try again if needed (a ballot is never counted twice).',
  UNAUTHENTICATED: 'Your session has ended. Please log in again.',
  FORBIDDEN: 'You are not allowed to do this.',
  NOT_FOUND: 'This does not exist or has been removed.',
  VALIDATION: 'Some fields are not valid. Please check them.',
  CONFLICT: 'This conflicts with something that exists (for example, a duplicate name).',
  INVALID_STATE: 'This cannot be done in the current state. Reload and try again.',
  UNPROCESSABLE: 'This does not match the existing records. Please check it.',
  ALREADY_VOTED: 'A ballot has already been cast; nobody can vote twice on the same question.',
  LINK_USED: 'This scoring link has been used already; each link can be submitted once.',
  LINK_GONE: 'This scoring link has expired or been revoked. Please contact the organisers.',
  RATE_LIMITED: 'Too many attempts. Please wait and try again.',
  PASSWORD_CHANGE_REQUIRED: 'Please change your one-time password before doing anything else.',
  ACCOUNT_DEACTIVATED: 'This account has been deactivated and cannot log in. Ask an administrator if this is unexpected.',
  INTERNAL: 'The server had a problem. Please try again later.',
};

export const connectionZh = {
  connecting: '正在连接协同服务…',
  offline: '连接已断开，正在重新连接。您的修改会保存在本机，恢复连接后自动同步。',
  online: '已连接',
  person: '{{name}}（{{unit}}）',
  editors: '正在编辑：{{names}}',
  /** Who has a read-only document open: they may be reading, not editing. */
  present: '在线：{{names}}',
  /** The server made this document read-only for the viewer, and why. */
  readOnly_not_editor: '您所在单位为列席单位或不参与编辑，此文档对您只读。',
  readOnly_decision_closed: '该决议已付诸表决或已有表决结果，草稿已锁定，不能再修改。',
  readOnly_decision_withdrawn: '该决议草案已撤回，不能再修改；可“修改后重新表决”另起新草案。',
  readOnly_meeting_closed: '会议已散会或已取消，议程不能再修改。',
  readOnly_minutes_locked: '会议纪要由秘书在散会后、发布前整理；现在不能修改。',
  readOnly_appraisal_locked: '述职评议已开始测评或已结束，述职报告已锁定，不能再修改。',
  /** The server closed the document connection for good (44xx). */
  closed_4401: '您的登录已结束（已退出登录，或密码已更改），请重新登录。',
  closed_4403: '您所在单位已不再参加本联合体，不能继续查看此文档。',
  closed_4413: '文档已达到大小上限，最近的修改未能保存。请复制您刚才的修改，刷新页面并删减内容后再继续。',
} as const;

export const connectionEn: Widen<typeof connectionZh> = {
  connecting: 'Connecting to the collaboration service…',
  offline: 'Connection lost; reconnecting. Your edits are kept on this device and sync when the connection returns.',
  online: 'Connected',
  person: '{{name}} ({{unit}})',
  editors: 'Editing now: {{names}}',
  present: 'Here now: {{names}}',
  readOnly_not_editor: 'Your unit attends as an observer or does not edit here: this document is read-only for you.',
  readOnly_decision_closed: 'This decision has been put to the vote or decided: the draft is locked.',
  readOnly_decision_withdrawn: 'This draft was withdrawn and can no longer change; it can be revised into a new draft for a new vote.',
  readOnly_meeting_closed: 'The meeting has been adjourned or cancelled: its agenda can no longer change.',
  readOnly_minutes_locked:
    'Secretaries write the minutes after adjournment and before publication; they cannot be changed now.',
  readOnly_appraisal_locked: 'Scoring of this report and appraisal session has begun or ended: the report is locked.',
  closed_4401: 'Your session has ended (you logged out, or your password was changed). Please log in again.',
  closed_4403: 'Your unit no longer takes part in this alliance: you can no longer see this document.',
  closed_4413:
    'This document has reached its size limit and your latest changes were not saved. Copy them, reload the page and shorten the text before going on.',
};
