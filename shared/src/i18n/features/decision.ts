import type { Widen } from '../widen.js';

// Strings of decision drafting, versions and comparison.
// Both languages side by side so they stay in step.
// Keys must not contain dots. The shared i18n test checks both have the same keys and placeholders.

export const decisionZh = {
  title: '决议',
  list: '决议草案',
  none: '本次会议还没有决议草案。',
  new: '新建决议草案',
  newTitle: '决议标题',
  create: '创建',
  creating: '正在创建…',
  open: '打开',
  status: {
    drafting: '起草中',
    voting: '表决中',
    adopted: '已通过',
    rejected: '未通过',
    withdrawn: '已撤回',
  },
  versions: '已定稿版本',
  noVersions: '还没有定稿版本。表决将基于定稿版本进行。',
  freeze: '定稿为新版本',
  freezing: '正在定稿…',
  frozen: '已定稿为第 {{number}} 版。',
  versionLabel: '第 {{number}} 版',
  frozenBy: '{{name}} 定稿于 {{time}}',
  fingerprint: '指纹（SHA-256）：{{hash}}',
  compare: '与上一版比较',
  hideCompare: '收起比较',
  compareCoarse: '两个版本差异过大，无法逐字比较：改动的段落整段显示为删除和新增。',
  readOnly: '您可以查看，但不能编辑这份草案。',
  editorLabel: '决议正文',
  placeholder: '在这里起草决议正文……',
  back: '返回会议',
} as const;

export const decisionEn: Widen<typeof decisionZh> = {
  title: 'Decision',
  list: 'Decision drafts',
  none: 'This meeting has no decision drafts yet.',
  new: 'New decision draft',
  newTitle: 'Decision title',
  create: 'Create',
  creating: 'Creating…',
  open: 'Open',
  status: {
    drafting: 'Drafting',
    voting: 'Voting',
    adopted: 'Adopted',
    rejected: 'Rejected',
    withdrawn: 'Withdrawn',
  },
  versions: 'Frozen versions',
  noVersions: 'No frozen versions yet. Votes are held on a frozen version.',
  freeze: 'Freeze as a new version',
  freezing: 'Freezing…',
  frozen: 'Frozen as version {{number}}.',
  versionLabel: 'Version {{number}}',
  frozenBy: 'Frozen by {{name}} on {{time}}',
  fingerprint: 'Fingerprint (SHA-256): {{hash}}',
  compare: 'Compare with the previous version',
  hideCompare: 'Hide comparison',
  compareCoarse:
    'The versions are too different to compare character by character: changed passages are shown whole, as removed and added.',
  readOnly: 'You can read this draft but not edit it.',
  editorLabel: 'Decision text',
  placeholder: 'Draft the decision here…',
  back: 'Back to the meeting',
};
