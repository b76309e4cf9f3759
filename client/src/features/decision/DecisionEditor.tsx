import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { formatList } from '../../lib/format.js';

export interface EditorUser {
  name: string;
  unit: string;
  color: string;
}

type Status = 'connecting' | 'connected' | 'disconnected';

/** The yjs endpoint on this origin (same host as the page, so the session cookie goes along). */
function yjsUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/yjs`;
}

/**
 * A decision draft edited live: Tiptap bound to the Yjs document, carets labelled with name and
 * unit. Edits made while offline stay in the local Y.Doc and merge when the connection returns.
 */
export default function DecisionEditor({
  docName,
  user,
  editable,
}: {
  docName: string;
  user: EditorUser;
  editable: boolean;
}) {
  const { t, i18n } = useTranslation();
  const ydoc = useMemo(() => new Y.Doc(), [docName]);
  const provider = useMemo(() => new WebsocketProvider(yjsUrl(), docName, ydoc, { connect: true }), [docName, ydoc]);
  const [status, setStatus] = useState<Status>('connecting');
  const [others, setOthers] = useState<EditorUser[]>([]);

  useEffect(() => {
    // A socket opened while the network is down can hang in "connecting" even after the network
    // returns; if one does not open within a few seconds, start over with a fresh one.
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const restart = () => {
      if (!provider.wsconnected) {
        provider.disconnect();
        provider.connect();
      }
    };
    const onStatus = ({ status }: { status: Status }) => {
      setStatus(status);
      clearTimeout(watchdog);
      if (status === 'connecting') watchdog = setTimeout(restart, 4_000);
    };
    const onAwareness = () => {
      const list: EditorUser[] = [];
      provider.awareness.getStates().forEach((state, clientId) => {
        const u = (state as { user?: EditorUser }).user;
        if (u && clientId !== provider.awareness.clientID) list.push(u);
      });
      setOthers(list);
    };
    // When the browser says the network is back, do not wait for the backoff.
    const onOnline = restart;
    provider.on('status', onStatus);
    // The socket may have opened before this effect subscribed.
    onStatus({ status: provider.wsconnected ? 'connected' : provider.wsconnecting ? 'connecting' : 'disconnected' });
    provider.awareness.on('change', onAwareness);
    window.addEventListener('online', onOnline);
    return () => {
      window.removeEventListener('online', onOnline);
      clearTimeout(watchdog);
      provider.off('status', onStatus);
      provider.awareness.off('change', onAwareness);
      provider.destroy();
      ydoc.destroy();
    };
  }, [provider, ydoc]);

  const editor = useEditor(
    {
      editable,
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
          'aria-label': t('decision.editorLabel'),
          'data-placeholder': t('decision.placeholder'),
        },
      },
    },
    [ydoc, provider],
  );

  useEffect(() => {
    editor?.setEditable(editable);
  }, [editor, editable]);

  return (
    <div className="editor-shell">
      {status !== 'connected' && (
        <p className={`conn-banner ${status}`} role="status" data-testid="connection-banner">
          {status === 'connecting' ? t('connection.connecting') : t('connection.offline')}
        </p>
      )}
      {others.length > 0 && (
        <p className="muted editors" data-testid="editors">
          {t('connection.editors', {
            names: formatList(
              others.map((o) => t('connection.person', { name: o.name, unit: o.unit })),
              i18n.language,
            ),
          })}
        </p>
      )}
      {!editable && <p className="muted">{t('decision.readOnly')}</p>}
      <EditorContent editor={editor} />
    </div>
  );
}
