import { actionItemsEn, actionItemsZh } from './features/actionItems.js';
import { adminEn, adminZh } from './features/admin.js';
import { agendaEn, agendaZh } from './features/agenda.js';
import { auditEn, auditZh } from './features/audit.js';
import {
  allianceEn,
  allianceKindEn,
  allianceKindZh,
  allianceZh,
  auditActionEn,
  auditActionZh,
  rolesEn,
  rolesZh,
  unitKindEn,
  unitKindZh,
} from './features/alliance.js';
import { allianceSettingsEn, allianceSettingsZh } from './features/allianceSettings.js';
import {
  appEn,
  appZh,
  commonEn,
  commonZh,
  connectionEn,
  connectionZh,
  errorsEn,
  errorsZh,
  navEn,
  navZh,
  notFoundEn,
  notFoundZh,
  userEn,
  userZh,
} from './features/app.js';
import { decisionEn, decisionZh } from './features/decision.js';
import { homeEn, homeZh, loginEn, loginZh } from './features/login.js';
import { meetingEn, meetingStatusEn, meetingStatusZh, meetingZh } from './features/meeting.js';
import { minutesEn, minutesZh } from './features/minutes.js';
import { roomEn, roomZh } from './features/room.js';
import { screenEn, screenZh } from './features/screen.js';
import { statusEn, statusZh, workbenchEn, workbenchZh } from './features/workbench.js';
import { verifyEn, verifyZh } from './features/verify.js';
import { notificationsEn, notificationsZh } from './features/notifications.js';
import { listsEn, listsZh } from './features/lists.js';
import { whistlesEn, whistlesZh } from './features/whistles.js';
import { ratingsEn, ratingsZh } from './features/ratings.js';
import { robotsEn, robotsZh } from './features/robots.js';
import { evidenceEn, evidenceZh, partsEn, partsZh } from './features/evidence.js';
import { peopleEn, peopleZh } from './features/people.js';
import { evaluationEn, evaluationZh } from './features/evaluation.js';
import { appraisalEn, appraisalZh } from './features/appraisal.js';
import type { Widen } from './widen.js';

// The catalogue is kept per feature (features/*.ts), each string in both languages side by side,
// so a key is added, renamed or removed in Chinese and English at once. This file only puts the
// features together under their top-level keys; the shared i18n test checks both languages have
// the same keys and placeholders.

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** 中文界面文案（默认语言）: its shape is the catalogue's shape. */
const zhCN = {
  app: appZh,
  nav: navZh,
  home: homeZh,
  status: statusZh,
  common: commonZh,
  errors: errorsZh,
  login: loginZh,
  user: userZh,
  roles: rolesZh,
  allianceKind: allianceKindZh,
  unitKind: unitKindZh,
  meetingStatus: meetingStatusZh,
  workbench: workbenchZh,
  alliance: allianceZh,
  allianceSettings: allianceSettingsZh,
  meeting: meetingZh,
  agenda: agendaZh,
  decision: decisionZh,
  connection: connectionZh,
  auditAction: auditActionZh,
  audit: auditZh,
  notFound: notFoundZh,
  room: roomZh,
  screen: screenZh,
  actionItems: actionItemsZh,
  minutes: minutesZh,
  admin: adminZh,
  verify: verifyZh,
  notifications: notificationsZh,
  lists: listsZh,
  whistles: whistlesZh,
  ratings: ratingsZh,
  robots: robotsZh,
  evidence: evidenceZh,
  actionItemParts: partsZh,
  people: peopleZh,
  evaluation: evaluationZh,
  appraisal: appraisalZh,
} as const;

/** The shape every catalogue must have. */
export type Catalogue = Widen<typeof zhCN>;

const en: Catalogue = {
  app: appEn,
  nav: navEn,
  home: homeEn,
  status: statusEn,
  common: commonEn,
  errors: errorsEn,
  login: loginEn,
  user: userEn,
  roles: rolesEn,
  allianceKind: allianceKindEn,
  unitKind: unitKindEn,
  meetingStatus: meetingStatusEn,
  workbench: workbenchEn,
  alliance: allianceEn,
  allianceSettings: allianceSettingsEn,
  meeting: meetingEn,
  agenda: agendaEn,
  decision: decisionEn,
  connection: connectionEn,
  auditAction: auditActionEn,
  audit: auditEn,
  notFound: notFoundEn,
  room: roomEn,
  screen: screenEn,
  actionItems: actionItemsEn,
  minutes: minutesEn,
  admin: adminEn,
  verify: verifyEn,
  notifications: notificationsEn,
  lists: listsEn,
  whistles: whistlesEn,
  ratings: ratingsEn,
  robots: robotsEn,
  evidence: evidenceEn,
  actionItemParts: partsEn,
  people: peopleEn,
  evaluation: evaluationEn,
  appraisal: appraisalEn,
};

export const catalogues: Record<Locale, Catalogue> = { 'zh-CN': zhCN, en };
