import type { PmNode } from '../yjs/prosemirror.js';
import {
  DRAFT_NOTE,
  distributionText,
  docNumberText,
  printedLine,
  VERIFICATION_TITLE,
  verificationLines,
  type MinutesExport,
} from './minutesExport.js';

// Markdown from ProseMirror JSON, for the node types the editor has (StarterKit). The minutes are
// co-edited, so their text may hold anything: text is escaped so that it never becomes markup —
// no raw HTML (`<`), no entity (`&`), no emphasis or code span — and no line of it can start a
// block; code blocks are fenced with more backticks than their content has in a row (CommonMark
// closes a fence on a run at least as long), so their content cannot end them early.

function escape(s: string): string {
  return s.replace(/([\\`*_[\]<>&])/g, '\\$1');
}

/**
 * Bold as `**…**`. CommonMark does not close `**` after punctuation when a letter follows, which
 * is the usual case in Chinese (`**牵头单位：**区民政局`): such punctuation is moved outside the
 * markers, where it looks the same.
 */
function inline(nodes: PmNode[], lineBreak = '  \n'): string {
  let out = '';
  for (const n of nodes) {
    if (n.type === 'hardBreak') {
      out += lineBreak;
      continue;
    }
    const text = escape(n.text ?? '');
    if (!n.marks?.some((m) => m.type === 'bold') || text.trim() === '') {
      out += text;
      continue;
    }
    const m = /^(\p{P}*)(.*?)(\p{P}*)$/su.exec(text)!;
    const [, lead = '', core = '', trail = ''] = m;
    out += core === '' ? text : `${lead}**${core}**${trail}`;
  }
  return out;
}

function blocks(nodes: PmNode[], indent: string): string[] {
  const out: string[] = [];
  for (const n of nodes) {
    const children = n.content ?? [];
    switch (n.type) {
      case 'heading': {
        const level = Math.min(6, Math.max(1, Number(n.attrs?.level ?? 1)));
        // A heading is one line: a break in it becomes a space.
        out.push(`${indent}${'#'.repeat(level)} ${inline(children, ' ').replace(/[\r\n]+/g, ' ')}`);
        break;
      }
      case 'paragraph':
        out.push(
          inline(children)
            .split(/\r\n?|\n/)
            .map((l) => indent + startSafe(l))
            .join('\n'),
        );
        break;
      case 'bulletList':
      case 'orderedList': {
        const start = Number(n.attrs?.start ?? 1);
        const items = children.map((item, i) => {
          const marker = n.type === 'bulletList' ? '- ' : `${start + i}. `;
          const [first = '', ...rest] = blocks(item.content ?? [], '');
          const pad = ' '.repeat(marker.length);
          // Every line of the item after the marker's own, code included, is indented to its content.
          const within = (lines: string[]) => lines.map((l) => (l === '' ? '' : indent + pad + l));
          const [head = '', ...tail] = first.split('\n');
          return [
            [indent + marker + head, ...within(tail)].join('\n'),
            ...rest.map((b) => within(b.split('\n')).join('\n')),
          ].join('\n\n');
        });
        out.push(items.join('\n'));
        break;
      }
      case 'blockquote':
        out.push(
          blocks(children, '')
            .map((b) =>
              b
                .split('\n')
                .map((l) => `${indent}> ${l}`)
                .join('\n'),
            )
            .join(`\n${indent}>\n`),
        );
        break;
      case 'codeBlock': {
        const code = children.map((c) => c.text ?? '').join('');
        const fence = '`'.repeat(Math.max(3, longestRun(code, '`') + 1));
        const lines = code.split(/\r\n?|\n/).map((l) => (l === '' ? '' : indent + l));
        out.push([indent + fence, ...lines, indent + fence].join('\n'));
        break;
      }
      case 'horizontalRule':
        out.push(`${indent}---`);
        break;
      default:
        if (children.length > 0) out.push(...blocks(children, indent));
    }
  }
  return out;
}

/** The longest run of `char` in `s`. */
function longestRun(s: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of s) {
    run = c === char ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/**
 * A line of a paragraph must not turn into a heading, list item, quote, rule, setext underline
 * or fence because of how its text begins (`>`, `*`, `_` and backticks are escaped already).
 */
const BLOCK_START = /^( {0,3})(?:(#{1,6}|[-+=~])(?=[ \t]|$|[-=~])|(\d{1,9})([.)])(?=[ \t]|$))/;
function startSafe(line: string): string {
  return line.replace(BLOCK_START, (_all, space: string, mark?: string, digits?: string, delimiter?: string) =>
    mark ? `${space}\\${mark}` : `${space}${digits}\\${delimiter}`,
  );
}

/**
 * The 版头 (issuing body and 文号) above the text, the 版记 (分送, 印发) below it, and for the
 * published record a 核验信息 section last — the same parts, in the same order, as the PDF.
 */
export function minutesMarkdown(m: MinutesExport): string {
  const body = blocks(m.doc.content ?? [], '').join('\n\n');
  const draft = m.draft ? `> **草稿** ${escape(DRAFT_NOTE.replace(/^草稿：/, ''))}\n\n` : '';
  const head = `${startSafe(escape(m.frame.issuer))}\n\n${escape(docNumberText(m.frame))}\n\n---\n\n`;
  const printed = printedLine(m.frame);
  const record = `\n\n---\n\n分送：${escape(distributionText(m.frame))}  \n${startSafe(escape(printed.issuer))}\u3000\u3000${escape(printed.date)}`;
  const verification = m.draft
    ? ''
    : `\n\n## ${VERIFICATION_TITLE}\n\n` +
      verificationLines(m)
        .map((l) => `- ${escape(l.label)}：${l.hash ? `\`${l.value}\`` : escape(l.value)}`)
        .join('\n');
  return `${draft}${head}${body}${record}${verification}\n`;
}
