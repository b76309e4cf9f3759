import * as Y from 'yjs';

/** ProseMirror's JSON shape, as Tiptap stores and reads it. */
export interface PmNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PmNode[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

/**
 * The ProseMirror JSON of a Y.XmlFragment bound by y-prosemirror (Tiptap's Collaboration
 * extension): elements are nodes, XmlText deltas are text with their formatting as marks.
 */
export function fragmentToProsemirror(fragment: Y.XmlFragment): PmNode {
  return { type: 'doc', content: fragment.toArray().flatMap(convert) };
}

function convert(node: Y.XmlElement | Y.XmlText | Y.XmlHook): PmNode[] {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[])
      .filter((d): d is { insert: string; attributes?: Record<string, unknown> } => typeof d.insert === 'string')
      .map((d) => ({
        type: 'text',
        text: d.insert,
        ...(d.attributes && Object.keys(d.attributes).length > 0
          ? {
              marks: Object.entries(d.attributes).map(([type, attrs]) =>
                attrs && typeof attrs === 'object' && Object.keys(attrs).length > 0
                  ? { type, attrs: attrs as Record<string, unknown> }
                  : { type },
              ),
            }
          : {}),
      }));
  }
  if (node instanceof Y.XmlElement) {
    const attrs = node.getAttributes();
    const content = node.toArray().flatMap(convert);
    return [
      {
        type: node.nodeName,
        ...(Object.keys(attrs).length > 0 ? { attrs } : {}),
        ...(content.length > 0 ? { content } : {}),
      },
    ];
  }
  return [];
}

/**
 * The plain text a vote is about: one line per block (paragraph, heading, list item), text
 * joined within it, hard breaks as new lines. Its SHA-256 fingerprints the version.
 */
export function prosemirrorToText(doc: PmNode): string {
  const lines: string[] = [];
  const walk = (node: PmNode) => {
    const children = node.content ?? [];
    if (children.length > 0 && children.every((c) => c.type === 'text' || c.type === 'hardBreak')) {
      lines.push(children.map((c) => (c.type === 'hardBreak' ? '\n' : (c.text ?? ''))).join(''));
    } else if (children.length === 0 && node.type !== 'doc' && node.type !== 'text') {
      lines.push('');
    } else {
      children.forEach(walk);
    }
  };
  walk(doc);
  return lines.join('\n').replace(/\n+$/, '');
}
