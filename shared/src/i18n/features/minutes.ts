import type { Widen } from '../widen.js';

// Strings of one feature, both languages side by side so they stay in step.
// Keys must not contain dots. The shared i18n test checks both have the same keys and placeholders.

export const minutesZh = {
  title: '会议纪要',
} as const;

export const minutesEn: Widen<typeof minutesZh> = {
  title: 'Minutes',
};
