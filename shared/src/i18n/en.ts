import type { Catalogue } from './zh-CN.js';

export const en: Catalogue = {
  app: {
    name: 'Tongxin',
    tagline: 'Joint meetings for alliances of organizations',
    skipToContent: 'Skip to main content',
    language: 'Language',
    footer: 'Plan together · Decide together · Deliver together',
  },
  nav: {
    home: 'Workspace',
    login: 'Log in',
  },
  home: {
    title: 'Workspace',
    intro:
      'Member units co-draft agendas and decisions, vote live, and follow action items until they are closed.',
    featuresTitle: 'The whole joint meeting',
    features: {
      agenda: 'Agendas and decisions drafted together, live',
      vote: 'Votes by member unit, one unit one vote',
      ledger: 'Action-item ledger followed by lead units until closed',
      minutes: 'Minutes generated, confirmed and published',
    },
  },
  status: {
    title: 'System status',
    loading: 'Checking the service…',
    error: 'Cannot reach the server: {{message}}',
    retry: 'Retry',
    ok: 'All systems normal',
    degraded: 'Some services are degraded',
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
  },
  notFound: {
    title: 'Page not found',
    body: 'The page you asked for does not exist or has been removed.',
    back: 'Back to the workspace',
  },
};
