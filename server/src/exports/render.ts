import type { ExportFormat } from '@tongxin/shared';
import type { MinutesExport } from './minutesExport.js';
import { minutesDocx } from './minutesDocx.js';
import { minutesMarkdown } from './minutesMarkdown.js';
import { minutesPdf } from './minutesPdf.js';

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

export async function renderMinutes(format: ExportFormat, m: MinutesExport): Promise<Buffer> {
  switch (format) {
    case 'md':
      return Buffer.from(minutesMarkdown(m), 'utf8');
    case 'docx':
      return minutesDocx(m);
    case 'pdf':
      return minutesPdf(m);
  }
}
