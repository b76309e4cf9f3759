import type { TFunction } from 'i18next';

/** 1.2 MB, 340 KB, 512 B — in the reader's language. */
export function formatFileSize(t: TFunction, bytes: number, lang: string): string {
  const n = (v: number) => new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(v);
  if (bytes < 1024) return t('evidence.size.bytes', { n: n(bytes) });
  if (bytes < 1024 * 1024) return t('evidence.size.kb', { n: n(bytes / 1024) });
  return t('evidence.size.mb', { n: n(bytes / 1024 / 1024) });
}

export const evidenceUrl = (id: string) => `/api/evidence/${id}`;
