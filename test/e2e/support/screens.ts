import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The agenda's item titles in order, whether shown as inputs (editors) or text (readers). */
export const agendaTitles = (page: Page) =>
  page
    .getByTestId('agenda')
    .locator('li')
    .evaluateAll((lis) =>
      lis.map(
        (li) =>
          (li.querySelector('input.agenda-title') as { value?: string } | null)?.value ??
          li.querySelector('.agenda-title')?.textContent ??
          '',
      ),
    );

/**
 * Downloads the minutes in each format from the minutes screen; checks each file is named after
 * the meeting and not empty. Returns the Markdown text.
 */
export async function downloadMinutes(page: Page, meetingTitle: string): Promise<string> {
  let markdown = '';
  for (const [label, ext] of [
    ['Word 文档（DOCX）', 'docx'],
    ['PDF 文件', 'pdf'],
    ['Markdown 文本', 'md'],
  ] as const) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: label }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${meetingTitle}.*\\.${ext}$`));
    const file = await download.path();
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    if (ext === 'md') markdown = fs.readFileSync(file, 'utf8');
  }
  return markdown;
}
