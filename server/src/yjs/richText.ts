import { getSchema } from '@tiptap/core';
import { Node } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
import { prosemirrorToYXmlFragment } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import type { PmNode } from './prosemirror.js';

/**
 * The editor schema the client's Tiptap editor uses (StarterKit), so that whatever the server
 * writes into a document is something the editor can open, and is checked as such.
 */
export const richTextSchema = getSchema([StarterKit.configure({ undoRedo: false })]);

/**
 * Makes an (empty) Y.XmlFragment hold ProseMirror JSON exactly as Tiptap's Collaboration extension
 * (y-prosemirror) would store it. Throws if the JSON does not fit the schema.
 */
export function writeProsemirror(fragment: Y.XmlFragment, json: PmNode): void {
  prosemirrorToYXmlFragment(Node.fromJSON(richTextSchema, json), fragment);
}
