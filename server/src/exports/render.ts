import type { ExportFormat } from '@tongxin/shared';
import type { MinutesExport } from './minutesExport.js';

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

// The DOCX and PDF libraries take seconds to load: loaded on the first download, not at start,
// so that a restart (or a crash recovery) is not slowed down by them.
export async function renderMinutes(format: ExportFormat, m: MinutesExport): Promise<Buffer> {
  switch (format) {
    case 'md':
      return Buffer.from((await import('./minutesMarkdown.js')).minutesMarkdown(m), 'utf8');
    case 'docx':
      return (await import('./minutesDocx.js')).minutesDocx(m);
    case 'pdf':
      return (await import('./minutesPdf.js')).minutesPdf(m);
  }
}
