import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConnectionBanner, writable } from '../../app/ConnectionBanner.js';
import { formatList } from '../../lib/format.js';
import { useYDoc } from '../../lib/useYDoc.js';
import './prosemirror.css';

export interface EditorUser {
  name: string;
  unit: string;
  color: string;
}

// One entry per person: a second tab (or a second connection of this page) is not a second
// person, and the viewer's own other tabs are not someone else.
const personKey = (u: EditorUser) => `${u.name}\u0000${u.unit}\u0000${u.color}`;

/**
 * A decision draft edited live: Tiptap bound to the Yjs document, carets labelled with name and
 * unit. Edits made while offline stay in the local Y.Doc and merge when the connection returns.
 * Other rich-text documents (the minutes) reuse it with their own label, placeholder and note.
 */
export default function DecisionEditor({
  docName,
  user,
  editable,
  label,
  placeholder,
  readOnlyNote,
  presenceText,
  page,
}: {
  docName: string;
  user: EditorUser;
  editable: boolean;
  /** Accessible name of the text box; the decision's by default. */
  label?: string;
  placeholder?: string;
  /** Shown when not editable; the decision's by default. */
  readOnlyNote?: string;
  /** The line naming who else has the document open ("editing: …" by default). */
  presenceText?: (names: string) => string;
  /** Sets the text on a page with a head and a foot around it (the minutes' 版头 and 版记). */
  page?: { head: ReactNode; foot: ReactNode; className: string; watermark?: string };
}) {
  const { t, i18n } = useTranslation();
  const { doc: ydoc, provider, status, access } = useYDoc(docName);
  // The screen's idea of who may edit, and the server's word on this very connection.
  const canEdit = editable && writable(access);
  const [others, setOthers] = useState<EditorUser[]>([]);
  const self = personKey(user);

  useEffect(() => {
    const onAwareness = () => {
      const seen = new Map<string, EditorUser>();
      provider.awareness.getStates().forEach((state, clientId) => {
        const u = (state as { user?: EditorUser }).user;
        if (u && clientId !== provider.awareness.clientID && personKey(u) !== self) seen.set(personKey(u), u);
      });
      setOthers([...seen.values()]);
    };
    provider.awareness.on('change', onAwareness);
    // States that arrived before this effect subscribed (the socket opens on first render).
    onAwareness();
    return () => provider.awareness.off('change', onAwareness);
  }, [provider, self]);

  const editor = useEditor(
    {
      editable: canEdit,
      // No <style> element: the Content-Security-Policy allows our own stylesheets only, and
      // ProseMirror's base styles come with ./prosemirror.css.
      injectCSS: false,
      extensions: [
        // Yjs keeps the history; ProseMirror's own undo would fight it.
        StarterKit.configure({ undoRedo: false }),
        Collaboration.configure({ document: ydoc }),
        CollaborationCaret.configure({
          provider,
          user,
          render: (u: Record<string, unknown>) => {
            const caret = document.createElement('span');
            caret.className = 'collab-caret';
            caret.style.borderColor = String(u.color);
            const label = document.createElement('span');
            label.className = 'collab-caret-label';
            label.style.backgroundColor = String(u.color);
            label.textContent = u.unit ? `${String(u.name)} · ${String(u.unit)}` : String(u.name);
            caret.append(label);
            return caret;
          },
        }),
      ],
      editorProps: {
        attributes: {
          class: 'prose-editor',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': label ?? t('decision.editorLabel'),
          'data-placeholder': placeholder ?? t('decision.placeholder'),
        },
      },
    },
    [ydoc, provider],
  );

  useEffect(() => {
    editor?.setEditable(canEdit);
  }, [editor, canEdit]);

  return (
    <div className="editor-shell">
      <ConnectionBanner status={status} access={access} showReadOnly={editable} />
      {others.length > 0 && (
        <p className="muted editors" data-testid="editors">
          {(presenceText ?? ((names: string) => t(canEdit ? 'connection.editors' : 'connection.present', { names })))(
            formatList(
              others.map((o) => t('connection.person', { name: o.name, unit: o.unit })),
              i18n.language,
            ),
          )}
        </p>
      )}
      {!editable && (
        <p className="muted" data-testid="read-only-note">
          {readOnlyNote ?? t('decision.readOnly')}
        </p>
      )}
      {page ? (
        <div className={page.className} data-watermark={page.watermark}>
          {page.head}
          <EditorContent editor={editor} />
          {page.foot}
        </div>
      ) : (
        <EditorContent editor={editor} />
      )}
    </div>
  );
}
