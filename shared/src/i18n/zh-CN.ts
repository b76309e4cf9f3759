/** 中文界面文案（默认语言）。The English catalogue must have exactly the same keys. */
export const zhCN = {
  app: {
    name: '同心',
    tagline: '联合体联席会议协同平台',
    skipToContent: '跳到主要内容',
    language: '语言',
    footer: '联合谋划 · 集体决策 · 共同实施',
  },
  nav: {
    home: '工作台',
    login: '登录',
  },
  home: {
    title: '工作台',
    intro: '成员单位在这里共同起草议程与决议、现场表决，并跟踪督办事项直至销号。',
    featuresTitle: '联席会议全流程',
    features: {
      agenda: '议程与决议实时协同起草',
      vote: '按成员单位表决，一单位一票',
      ledger: '督办事项台账，牵头单位跟踪到销号',
      minutes: '会议纪要生成、确认与发布',
    },
  },
  status: {
    title: '系统状态',
    loading: '正在检查服务状态…',
    error: '无法连接服务器：{{message}}',
    retry: '重试',
    ok: '运行正常',
    degraded: '部分服务异常',
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
  },
  notFound: {
    title: '页面不存在',
    body: '您访问的页面不存在或已被移除。',
    back: '返回工作台',
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
/** The shape every catalogue must have. */
export type Catalogue = Widen<typeof zhCN>;
