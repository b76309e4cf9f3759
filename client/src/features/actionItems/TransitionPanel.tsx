import {
  actionItemTransitionRole,
  ActionItemTransitionBodySchema,
  allowedActionItemTransitions,
  type ActionItem,
  type ActionItemTransition,
} from '@tongxin/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { useTransition } from './queries.js';
import './actionItems.css';

/** Forward moves first; cancelling is last and styled as the dangerous one. */
const ORDER: ActionItemTransition[] = ['start', 'submit', 'verify', 'reopen', 'cancel'];

/**
 * The next steps the viewer may take, from the shared state machine: the lead unit starts and
 * hands in the work; a secretary or the convener verifies and closes it (销号), sends it back, or
 * cancels it. The server decides; this shows only what it would accept.
 */
export function TransitionPanel({
  item,
  isLead,
  isSupervisor,
}: {
  item: ActionItem;
  isLead: boolean;
  isSupervisor: boolean;
}) {
  const { t } = useTranslation();
  const noteId = useId();
  const transition = useTransition(item.id);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [done, setDone] = useState<ActionItemTransition | null>(null);
  const allowed = allowedActionItemTransitions(item.status)
    .filter((tr) => (actionItemTransitionRole(tr) === 'lead' ? isLead : isSupervisor))
    .sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));

  const run = (tr: ActionItemTransition) => {
    if (tr === 'cancel' && !window.confirm(t('actionItems.act.confirmCancel'))) return;
    const body = ActionItemTransitionBodySchema.safeParse({ transition: tr, note: note.trim() || undefined });
    if (!body.success) {
      setNoteError(t('actionItems.act.noteTooLong'));
      return;
    }
    setNoteError(null);
    setDone(null);
    transition.mutate(body.data, {
      onSuccess: () => {
        setNote('');
        setDone(tr);
      },
    });
  };

  const waiting = item.status === 'awaiting_verification' && !isSupervisor;
  if (allowed.length === 0 && !waiting && !done) return null;
  return (
    <div className="ai-actions" role="group" aria-label={t('actionItems.act.title')}>
      {waiting && <p className="muted">{t('actionItems.act.awaiting')}</p>}
      {allowed.length > 0 && (
        <div className="form ai-form">
          <label htmlFor={noteId} className={noteError ? 'invalid' : undefined}>
            {t('actionItems.act.note')}
          </label>
          <textarea
            id={noteId}
            rows={2}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            aria-invalid={noteError ? true : undefined}
            aria-describedby={noteError ? `${noteId}-error` : undefined}
          />
          {noteError && (
            <span id={`${noteId}-error`} className="field-error">
              {noteError}
            </span>
          )}
        </div>
      )}
      <div className="form-actions">
        {allowed.map((tr) => (
          <button
            key={tr}
            type="button"
            className={tr === 'cancel' ? 'ghost danger' : tr === 'reopen' ? 'ghost' : undefined}
            disabled={transition.isPending}
            onClick={() => run(tr)}
          >
            {t(`actionItems.transition.${tr}`)}
          </button>
        ))}
        {transition.isPending && <span className="muted">{t('actionItems.act.working')}</span>}
        {done && !transition.isPending && (
          <span role="status" className="success">
            {t(`actionItems.transitionDone.${done}`)}
          </span>
        )}
        {transition.isError && (
          <span role="alert" className="field-error">
            {errorMessage(t, transition.error)}
          </span>
        )}
      </div>
    </div>
  );
}
