import { en } from './en.js';
import { zhCN, type Catalogue } from './zh-CN.js';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const catalogues: Record<Locale, Catalogue> = { 'zh-CN': zhCN, en };
export type { Catalogue };
