import type { Widen } from '../widen.js';

// Strings of the login page and the product introduction beside it.
// Both languages side by side so they stay in step.
// Keys must not contain dots. The shared i18n test checks both have the same keys and placeholders.

export const loginZh = {
  title: '登录同心',
  subtitle: '联合体成员单位代表、秘书和管理员使用本单位分配的账号登录。',
  login: '登录名',
  password: '密码',
  submit: '登录',
  submitting: '正在登录…',
  required: '请输入登录名和密码。',
  wrong: '登录名或密码错误。',
  locked: '登录失败次数过多，账号已暂时锁定，请在 {{minutes}} 分钟后再试。',
  failed: '登录失败：{{message}}',
} as const;

export const loginEn: Widen<typeof loginZh> = {
  title: 'Log in to Tongxin',
  subtitle: 'Unit representatives, secretaries and admins log in with the account their unit issued.',
  login: 'Login',
  password: 'Password',
  submit: 'Log in',
  submitting: 'Logging in…',
  required: 'Enter your login and password.',
  wrong: 'Wrong login or password.',
  locked: 'Too many failed attempts. The account is locked for now; try again in {{minutes}} min.',
  failed: 'Login failed: {{message}}',
};

export const homeZh = {
  intro: '成员单位在这里共同起草议程与决议、现场表决，并跟踪督办事项直至销号。',
  featuresTitle: '联席会议全流程',
  features: {
    agenda: '议程与决议实时协同起草',
    vote: '按成员单位表决，一单位一票',
    ledger: '督办事项台账，牵头单位跟踪到销号',
    minutes: '会议纪要生成、确认与发布',
  },
} as const;

export const homeEn: Widen<typeof homeZh> = {
  intro: 'Member units co-draft agendas and decisions, vote live, and follow action items until they are closed.',
  featuresTitle: 'The whole joint meeting',
  features: {
    agenda: 'Agendas and decisions drafted together, live',
    vote: 'Votes by member unit, one unit one vote',
    ledger: 'Action-item ledger followed by lead units until closed',
    minutes: 'Minutes generated, confirmed and published',
  },
};
