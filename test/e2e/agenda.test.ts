import { describe, expect, it } from 'vitest';
import { screenshotPath } from './support/browser.js';
import { e2eWorld } from './support/server.js';
import { agendaTitles } from './support/screens.js';
import { loginInBrowser } from './support/session.js';

const titles = agendaTitles;

describe('the agenda, co-edited before the meeting', () => {
  const world = e2eWorld();

  it('two people build and reorder the agenda together; the time boxes add up against the duration', async () => {
    const sec = await loginInBrowser(world.browser, world.server.url, 'secretary');
    const rep = await loginInBrowser(world.browser, world.server.url, 'rep2', { width: 390 });
    // Every part of the page that shows the agenda shares one document and one socket.
    const yjsSockets: string[] = [];
    sec.page.on('websocket', (ws) => {
      if (ws.url().includes('/yjs/')) yjsSockets.push(new URL(ws.url()).pathname);
    });
    for (const p of [sec.page, rep.page]) {
      await p.getByRole('link', { name: '第二次联席会议：背街小巷环境整治' }).first().click();
      await p.getByRole('heading', { name: '议程' }).waitFor();
    }

    for (const [title, minutes] of [
      ['通报上次会议督办事项进展', '20'],
      ['审议背街小巷整治方案', '60'],
      ['研究垃圾分类驿站选址', '50'],
    ] as const) {
      await sec.page.getByLabel('添加议题').fill(title);
      await sec.page.getByRole('spinbutton', { name: '时长（分钟）' }).last().fill(minutes);
      await sec.page.getByRole('button', { name: '添加议题' }).click();
    }
    await expect
      .poll(() => titles(rep.page))
      .toEqual(['通报上次会议督办事项进展', '审议背街小巷整治方案', '研究垃圾分类驿站选址']);
    // 130 minutes planned for a 120-minute meeting: the overrun is flagged.
    await expect.poll(() => rep.page.getByTestId('agenda-total').textContent()).toContain('超出会议时长 10 分钟');

    // The representative moves the last item up by keyboard-reachable buttons.
    await rep.page
      .getByRole('listitem', { name: /第 3 项/ })
      .getByRole('button', { name: '上移' })
      .click();
    await expect
      .poll(() => titles(sec.page))
      .toEqual(['通报上次会议督办事项进展', '研究垃圾分类驿站选址', '审议背街小巷整治方案']);

    await sec.page
      .getByRole('listitem', { name: /第 2 项/ })
      .getByRole('spinbutton')
      .fill('40');
    await expect.poll(() => rep.page.getByTestId('agenda-total').textContent()).toContain('合计 120 分钟');

    // Notes (议题说明) are co-edited too: two people typing at either end both keep their words.
    const notes = (p: typeof sec.page) => p.getByRole('textbox', { name: '“通报上次会议督办事项进展”的议题说明' });
    for (const p of [sec.page, rep.page]) {
      await p
        .getByRole('listitem', { name: /第 1 项/ })
        .locator('summary')
        .click();
    }
    await notes(sec.page).fill('六项督办事项，两项逾期。');
    await expect.poll(() => notes(rep.page).inputValue()).toBe('六项督办事项，两项逾期。');
    await notes(sec.page).press('Home');
    await notes(rep.page).press('End');
    await Promise.all([
      notes(sec.page).pressSequentially('【背景】'),
      notes(rep.page).pressSequentially('请牵头单位说明。'),
    ]);
    for (const p of [sec.page, rep.page]) {
      await expect.poll(() => notes(p).inputValue()).toBe('【背景】六项督办事项，两项逾期。请牵头单位说明。');
    }
    // Nothing spills sideways on a phone.
    const spilling = await rep.page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map((e) => `${e.tagName}.${e.className}`),
    );
    expect(spilling).toEqual([]);
    await sec.page.screenshot({ path: screenshotPath('meeting-agenda-zh-CN-1440'), fullPage: true });
    await rep.page.screenshot({ path: screenshotPath('meeting-agenda-zh-CN-390'), fullPage: true });
    await sec.context.close();
    await rep.context.close();
    expect(yjsSockets.filter((p) => p.endsWith(':agenda'))).toHaveLength(1);
  });
});
