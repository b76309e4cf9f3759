import type { PmNode } from '../yjs/prosemirror.js';
import { DRAFT_NOTE, publishedNote, type MinutesExport } from './minutesExport.js';

// Markdown from ProseMirror JSON, for the node types the editor has (StarterKit).

function escape(s: string): string {
  return s.replace(/([\\`*_[\]<>])/g, '\\$1');
}

/**
 * Bold as `**…**`. CommonMark does not close `**` after punctuation when a letter follows, which
 * is the usual case in Chinese (`**牵头单位：**区民政局`): such punctuation is moved outside the
 * markers, where it looks the same.
 */
function inline(nodes: PmNode[]): string {
  let out = '';
  for (const n of nodes) {
    if (n.type === 'hardBreak') {
      out += '  \n';
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
        out.push(`${indent}${'#'.repeat(level)} ${inline(children)}`);
        break;
      }
      case 'paragraph':
        out.push(indent + startSafe(inline(children)));
        break;
      case 'bulletList':
      case 'orderedList': {
        const start = Number(n.attrs?.start ?? 1);
        const items = children.map((item, i) => {
          const marker = n.type === 'bulletList' ? '- ' : `${start + i}. `;
          const [first = '', ...rest] = blocks(item.content ?? [], '');
          const pad = ' '.repeat(marker.length);
          return [
            indent + marker + first,
            ...rest.map((b) =>
              b
                .split('\n')
                .map((l) => (l === '' ? '' : indent + pad + l))
                .join('\n'),
            ),
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
      case 'codeBlock':
        out.push(`${indent}\`\`\`\n${children.map((c) => c.text ?? '').join('')}\n${indent}\`\`\``);
        break;
      case 'horizontalRule':
        out.push(`${indent}---`);
        break;
      default:
        if (children.length > 0) out.push(...blocks(children, indent));
    }
  }
  return out;
}

/** A paragraph must not turn into a heading, list or quote because of how its text begins. */
function startSafe(s: string): string {
  return s.replace(/^(#{1,6}\s|[-+>]\s|\d+[.)]\s)/, '\\$1');
}

export function minutesMarkdown(m: MinutesExport): string {
  const body = blocks(m.doc.content ?? [], '').join('\n\n');
  const head = m.draft ? `> **草稿** ${escape(DRAFT_NOTE.replace(/^草稿：/, ''))}\n\n` : '';
  const foot = m.draft ? '' : `\n\n---\n\n${escape(publishedNote(m))}`;
  return `${head}${body}${foot}\n`;
}
