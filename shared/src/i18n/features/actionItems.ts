import type { Widen } from '../widen.js';

// Strings of one feature, both languages side by side so they stay in step.
// Keys must not contain dots. The shared i18n test checks both have the same keys and placeholders.

export const actionItemsZh = {
  title: '督办事项',
} as const;

export const actionItemsEn: Widen<typeof actionItemsZh> = {
  title: 'Action items',
};
