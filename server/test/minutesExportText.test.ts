import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { minutesDocx } from '../src/exports/minutesDocx.js';
import type { MinutesExport } from '../src/exports/minutesExport.js';
import { minutesMarkdown } from '../src/exports/minutesMarkdown.js';
import type { PmNode } from '../src/yjs/prosemirror.js';
import type { ApiClient } from './support/api.js';
import { connect, ok, send, setUpAlliance, type RoomClient, type RoomFixture } from './support/room.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { xmlParts } from './support/zip.js';
import { openDoc } from './support/yjsClient.js';

// Minutes are co-edited rich text: whatever a secretary's editor (or a hostile client speaking
// the Yjs protocol) puts in them reaches the exports. A DOCX must stay well-formed XML — XML 1.0
// has no place for most C0 controls, U+FFFE, U+FFFF or lone surrogates, and Word refuses the
// whole file over one of them — and Markdown must not let text turn into raw HTML, which many
// renderers would show as markup or run.

const FENCE_AND_SCRIPT = "```\n<script>alert('fence')</script>\n````";
const HOSTILE_TEXT = '正文<script>alert(1)</script> &amp; &lt;b&gt; \u0001\u0008\u000B\uFFFE\uFFFF 结束';

/** XML 1.0 `Char`: tab, LF, CR, U+0020–D7FF, U+E000–FFFD, U+10000–10FFFF (no lone surrogates). */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/**
 * The lines of a CommonMark document that are inside fenced code blocks and those that are not,
 * following block quotes and list items as far as these exports use them: a fence closes on a
 * fence of the same character at least as long, or when its container ends (a line indented less
 * than the list item's content).
 */
function markdownLines(md: string): { code: string[]; text: string[] } {
  const code: string[] = [];
  const text: string[] = [];
  let fence: { char: string; length: number; indent: number } | null = null;
  let itemIndent = 0;
  for (const raw of md.split('\n')) {
    let line = raw;
    while (/^ {0,3}>/.test(line)) line = line.replace(/^ {0,3}> ?/, '');
    const indent = /^ */.exec(line)![0].length;
    if (fence) {
      if (line.trim() !== '' && indent < fence.indent) fence = null;
      else {
        const rest = line.slice(fence.indent);
        const close = /^ {0,3}(`+|~+)\s*$/.exec(rest);
        if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) fence = null;
        else code.push(rest);
        continue;
      }
    }
    const item = /^( *)([-+*]|\d+[.)]) +/.exec(line);
    if (item) itemIndent = item[0].length;
    else if (line.trim() !== '' && indent < itemIndent) itemIndent = 0;
    const offset = item ? item[0].length : indent;
    const open = /^(`{3,}|~{3,})/.exec(line.slice(offset));
    if (open && indent - (item ? 0 : itemIndent) <= 3) {
      fence = { char: open[1]![0]!, length: open[1]!.length, indent: item ? item[0].length : itemIndent };
      continue;
    }
    text.push(line);
  }
  return { code, text };
}

/** Text outside code that a CommonMark renderer would take as HTML: a `<` not escaped. */
const rawHtml = (lines: string[]) => lines.filter((l) => /(^|[^\\])(\\\\)*</.test(l));

const para = (text: string): PmNode => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const codeBlock = (text: string): PmNode => ({ type: 'codeBlock', content: [{ type: 'text', text }] });

/** A minutes document with every place text can hide in. */
const HOSTILE_DOC: PmNode = {
  type: 'doc',
  content: [
    {
      type: 'heading',
      attrs: { level: 1 },
      content: [{ type: 'text', text: '纪要<img src=x onerror=alert(1)>\u0001\uFFFF' }],
    },
    para(HOSTILE_TEXT),
    codeBlock(FENCE_AND_SCRIPT),
    codeBlock('~~~\n<script>alert("tilde")</script>'),
    {
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [codeBlock("```\n<script>alert('list')</script>")] },
        { type: 'listItem', content: [para('第二项'), codeBlock("<script>alert('nested')</script>\n`````")] },
      ],
    },
    { type: 'blockquote', content: [codeBlock("```\n<script>alert('quote')</script>")] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: '换行之后' },
        { type: 'hardBreak' },
        { type: 'text', text: '# 不是标题 <b>粗</b>' },
        { type: 'hardBreak' },
        { type: 'text', text: '- 不是列表' },
      ],
    },
    para('lone \uD800 surrogate and \uDC00 another'),
  ],
};

function exportOf(doc: PmNode, draft = true): MinutesExport {
  return {
    doc,
    title: '纪要\u0001\uFFFF',
    draft,
    publishedAt: draft ? null : new Date(),
    sha256: draft ? null : 'ab'.repeat(32),
    frame: {
      issuer: '<b>联合体</b>\u0001',
      red: true,
      docNumber: draft ? null : '〔2026〕1号',
      year: 2026,
      distribution: ['单位<i>甲</i>'],
      printedOn: draft ? null : new Date(),
    },
    votes: [],
  };
}

describe('minutes exports whatever the text holds', () => {
  it('Markdown: code blocks keep their fence closed, text never becomes raw HTML', () => {
    const md = minutesMarkdown(exportOf(HOSTILE_DOC));
    const { code, text } = markdownLines(md);
    expect(rawHtml(text)).toEqual([]);
    expect(text.join('\n')).not.toMatch(/(^|[^\\])<script/i);
    // The code blocks hold exactly what was written, hostile lines included.
    const inCode = code.join('\n');
    for (const line of [
      "<script>alert('fence')</script>",
      '````',
      '~~~',
      "<script>alert('list')</script>",
      "<script>alert('nested')</script>",
      '`````',
      "<script>alert('quote')</script>",
    ]) {
      expect(inCode).toContain(line);
    }
    // Entities are text, not markup: `&amp;` reads back as written.
    expect(md).toContain('\\&amp;');
    // A line after a hard break cannot turn into a heading or a list.
    expect(md).toMatch(/\n\\# 不是标题/);
    expect(md).toMatch(/\n\\- 不是列表/);
  });

  it('DOCX: every XML part is well-formed XML 1.0 and Word’s reader opens it', async () => {
    const docx = await minutesDocx(exportOf(HOSTILE_DOC));
    const parts = xmlParts(docx);
    expect(parts.has('word/document.xml')).toBe(true);
    for (const [name, xml] of parts) expect(NOT_XML_CHAR.exec(xml), name).toBeNull();
    const { value } = await mammoth.extractRawText({ buffer: docx });
    expect(value).toContain('正文<script>alert(1)</script> &amp; &lt;b&gt;  结束');
    expect(value).toContain("<script>alert('fence')</script>");
    expect(value).toContain('lone  surrogate and  another');
    expect(parts.get('docProps/core.xml')).toContain('<dc:title>纪要</dc:title>');
  });
});

/** The same, end to end: a secretary's edits to real minutes, downloaded from a running server. */
describe('minutes exports of a real meeting with hostile text', () => {
  let server: TestServer;
  let f: RoomFixture;
  let chair: RoomClient;

  beforeAll(async () => {
    server = await startTestServer({}, { yjs: { releaseAfterMs: 200 } });
    f = await setUpAlliance(server, 2);
    chair = await connect(server, f.secretary.token);
    ok(await send(chair, 'meeting:join', { meetingId: f.meetingId }));
    ok(await send(chair, 'meeting:start', { meetingId: f.meetingId, override: { reason: '测试：无需法定人数' } }));
    ok(await send(chair, 'meeting:adjourn', { meetingId: f.meetingId }));
  });
  afterAll(async () => {
    chair?.disconnect();
    await server?.dispose();
  });

  async function download(api: ApiClient, p: string) {
    const res = await fetch(`${server.url}/api${p}`, { headers: { authorization: `Bearer ${api.token}` } });
    return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
  }

  it('Markdown and DOCX downloads stay safe and well-formed', async () => {
    const minutes = (await f.secretary.get(`/meetings/${f.meetingId}/minutes`)).body;
    const editor = await openDoc(server, minutes.docName, f.secretary.token);
    editor.doc.transact(() => {
      const fragment = editor.doc.getXmlFragment('default');
      const element = (name: string, text: string) => {
        const el = new Y.XmlElement(name);
        el.insert(0, [new Y.XmlText(text)]);
        return el;
      };
      fragment.push([element('paragraph', HOSTILE_TEXT), element('codeBlock', FENCE_AND_SCRIPT)]);
    });
    const text = () => server.ctx.yjs.with(minutes.docName, (d) => d.ydoc.getXmlFragment('default').toString());
    const start = Date.now();
    while (!(await text()).includes('alert(&apos;fence&apos;)') && !(await text()).includes("alert('fence')")) {
      if (Date.now() - start > 10_000) throw new Error('the edit never reached the server');
      await new Promise((r) => setTimeout(r, 20));
    }
    editor.close();

    const md = await download(f.secretary, `/meetings/${f.meetingId}/minutes.md`);
    expect(md.status).toBe(200);
    const { code, text: lines } = markdownLines(md.body.toString('utf8'));
    expect(rawHtml(lines)).toEqual([]);
    expect(code.join('\n')).toContain("<script>alert('fence')</script>");

    const docx = await download(f.secretary, `/meetings/${f.meetingId}/minutes.docx`);
    expect(docx.status).toBe(200);
    for (const [name, xml] of xmlParts(docx.body)) expect(NOT_XML_CHAR.exec(xml), name).toBeNull();
    const { value } = await mammoth.extractRawText({ buffer: docx.body });
    expect(value).toContain('正文<script>alert(1)</script>');
    expect(value).toContain("<script>alert('fence')</script>");
  });
});
