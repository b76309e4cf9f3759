import { docName } from '@tongxin/shared';
import { fragmentToProsemirror, prosemirrorToText } from './prosemirror.js';
import type { DocRegistry } from './registry.js';

/** The Y.XmlFragment the report editor (Tiptap's Collaboration extension) binds to, as decisions do. */
export const REPORT_FIELD = 'default';

/**
 * A 述职评议 report's text as it stands in its Yjs document, loading the document if no one has it
 * open: what a public representative reads before scoring (they have no account to open it live).
 */
export function reportText(registry: DocRegistry, appraisalId: string, unitId: string): Promise<string> {
  return registry.with(docName({ kind: 'appraisalReport', appraisalId, unitId }), (shared) =>
    prosemirrorToText(fragmentToProsemirror(shared.ydoc.getXmlFragment(REPORT_FIELD))),
  );
}
