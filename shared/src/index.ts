export * from './schemas/health.js';
export * from './schemas/error.js';
export * from './schemas/unit.js';
export * from './schemas/alliance.js';
export * from './schemas/meeting.js';
export * from './domain/meetingStatus.js';
export * from './i18n/index.js';
