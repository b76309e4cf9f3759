import type { Page } from 'playwright-core';
import { expect } from 'vitest';

// The check behind "no hard-coded strings": the app runs pseudo-localised (every catalogue string
// shows as ⟦…⟧), and every piece of visible text must be inside those marks, be data the server
// sent (names, titles…), or be made only of digits, punctuation and date characters.

const OPEN = '⟦';
const CLOSE = '⟧';

/** Turns pseudo-localisation on for every page of the context before the app starts. */
export const PSEUDO_INIT = "localStorage.setItem('tongxin.pseudo', '1')";

const pendingReads = new WeakMap<Set<string>, Promise<void>[]>();

/** Collects every string in the JSON the page receives from the API: that text is data, not UI. */
export function collectData(page: Page): Set<string> {
  const data = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.trim()) data.add(v.trim());
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  /** One Socket.IO packet (`42[…]`, `43[…]`): its JSON part, if any. */
  const walkPacket = (text: string) => {
    const start = text.search(/[[{]/);
    if (start < 0) return;
    try {
      walk(JSON.parse(text.slice(start)));
    } catch {
      // Binary Yjs frames and Engine.IO pings are not JSON.
    }
  };
  page.on('response', (res) => {
    let reading: Promise<void>;
    if ((res.headers()['content-type'] ?? '').includes('application/json')) reading = res.json().then(walk, () => undefined);
    // Before the upgrade to WebSocket, Socket.IO answers over HTTP long-polling: packets separated by U+001E.
    else if (res.url().includes('/socket.io/')) reading = res.text().then((t) => t.split('\u001e').forEach(walkPacket), () => undefined);
    else return;
    // Bodies arrive after the response event: the check waits for every one (see strayStrings).
    pendingReads.set(data, [...(pendingReads.get(data) ?? []), reading]);
  });
  // Socket.IO frames carry room snapshots and broadcasts: data too.
  page.on('websocket', (ws) => {
    ws.on('framereceived', ({ payload }) => walkPacket(typeof payload === 'string' ? payload : payload.toString('utf8')));
  });
  return data;
}

/** Visible text of the page and its accessible labels, outside editors (user content). */
async function textsOf(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const skip = (el: Element | null) =>
      el?.closest('script,style,noscript,[contenteditable="true"],.ProseMirror,[data-user-content]');
    // A catalogue sentence with data inside an element (an audit line's linked meeting title) is
    // split over several text nodes, none of them holding both of its marks: read such a text
    // with its enclosing elements until its marks pair up.
    const balanced = (t: string) => t.split('\u27e6').length === t.split('\u27e7').length;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      let text = n.textContent ?? '';
      for (let el = n.parentElement; !balanced(text) && el && el !== document.body; el = el.parentElement) {
        text = el.textContent ?? '';
      }
      if (text.trim() && !skip(n.parentElement) && !out.includes(text)) out.push(text);
    }
    for (const el of document.body.querySelectorAll('[aria-label],[placeholder],[title],[alt]')) {
      if (skip(el)) continue;
      for (const attr of ['aria-label', 'placeholder', 'title', 'alt']) {
        const v = el.getAttribute(attr);
        if (v?.trim()) out.push(v);
      }
    }
    out.push(document.title);
    return out;
  });
}

/** What remains of a text once catalogue strings (nested too) are taken out. */
function outsideMarks(text: string): string {
  let s = text;
  const inner = new RegExp(`${OPEN}[^${OPEN}${CLOSE}]*${CLOSE}`, 'g');
  for (let prev = ''; prev !== s;) {
    prev = s;
    s = s.replace(inner, ' ');
  }
  return s;
}

// Digits, punctuation, symbols and what Intl puts into Chinese dates, times and lists (和).
const NEUTRAL = /^[\d\s\p{P}\p{S}年月日时分秒周星期一二三四五六天上下午和]*$/u;

/** Texts on the page that are neither from the catalogue nor data nor neutral. Empty when all is well. */
export async function strayStrings(page: Page, data: Set<string>, extraData: string[] = []): Promise<string[]> {
  // Codes (enum values, ids) are data too, but taking them out of a text would hide UI words.
  const texts = await textsOf(page);
  // The data behind what is on screen was received before it was drawn; its body may still be read.
  await Promise.all(pendingReads.get(data) ?? []);
  const code = /^([a-z_]+|[0-9a-f]{24}|[0-9a-f]{64})$/;
  const known = [...data, ...extraData]
    .filter((d) => d.length > 1 && !code.test(d))
    .sort((a, b) => b.length - a.length);
  const stray: string[] = [];
  for (const text of texts) {
    let rest = outsideMarks(text);
    if (NEUTRAL.test(rest)) continue;
    for (const d of known) {
      if (rest.includes(d)) rest = rest.split(d).join(' ');
      if (NEUTRAL.test(rest)) break;
    }
    if (!NEUTRAL.test(rest)) stray.push(text.trim());
  }
  return [...new Set(stray)];
}

/**
 * Fails when the page shows text outside the catalogue. A screen may still be drawing what just
 * arrived, so a stray string must stay stray for a few seconds to count.
 */
export async function expectCatalogueOnly(page: Page, data: Set<string>, screen: string, extra: string[] = []) {
  await expect
    .poll(async () => ({ screen, stray: await strayStrings(page, data, extra) }), { timeout: 5_000 })
    .toEqual({ screen, stray: [] });
}
