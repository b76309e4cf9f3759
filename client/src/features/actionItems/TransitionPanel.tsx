import { ActionItemTransitionBodySchema, type ActionItemDetail, type ActionItemTransition } from '@tongxin/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { useTransition } from './queries.js';
import './actionItems.css';

/** Forward moves first; cancelling is last and styled as the dangerous one. */
const ORDER: ActionItemTransition[] = ['start', 'submit', 'verify', 'reopen', 'cancel'];

/**
 * The next steps the viewer may take, as the server's policies say (`can.transitions`): the lead
 * unit starts and hands in the work; a secretary or the convener verifies and closes it (销号),
 * sends it back, or cancels it — with the reason, after a confirmation.
 */
export function TransitionPanel({ item }: { item: ActionItemDetail }) {
  const { t } = useTranslation();
  const noteId = useId();
  const transition = useTransition(item.id);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [done, setDone] = useState<ActionItemTransition | null>(null);
  // Cancelling and 验收销号 cannot be undone: both are confirmed first.
  const [confirming, setConfirming] = useState<'cancel' | 'verify' | null>(null);
  const allowed = [...item.can.transitions].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  const cancels = allowed.includes('cancel');

  /** Checked with the shared schema: a cancellation needs its reason. */
  const bodyFor = (tr: ActionItemTransition) => {
    const body = ActionItemTransitionBodySchema.safeParse({ transition: tr, note: note.trim() || undefined });
    if (!body.success) {
      setNoteError(
        tr === 'cancel' && note.trim() === ''
          ? t('actionItems.act.cancelReasonRequired')
          : t('actionItems.act.noteTooLong'),
      );
      return null;
    }
    setNoteError(null);
    return body.data;
  };

  const run = (tr: ActionItemTransition) => {
    const body = bodyFor(tr);
    if (!body) return;
    if ((tr === 'cancel' || tr === 'verify') && confirming !== tr) {
      setConfirming(tr);
      return;
    }
    setDone(null);
    transition.mutate(body, {
      onSuccess: () => {
        setNote('');
        setDone(tr);
        setConfirming(null);
      },
    });
  };

  const waiting = item.status === 'awaiting_verification' && !allowed.includes('verify');
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
            aria-describedby={noteError ? `${noteId}-error` : cancels ? `${noteId}-hint` : undefined}
          />
          {noteError ? (
            <span id={`${noteId}-error`} className="field-error">
              {noteError}
            </span>
          ) : (
            cancels && (
              <span id={`${noteId}-hint`} className="muted small">
                {t('actionItems.act.cancelHint')}
              </span>
            )
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
        {transition.isError && confirming === null && (
          <span role="alert" className="field-error">
            {errorMessage(t, transition.error)}
          </span>
        )}
      </div>
      {allowed.includes('verify') && (
        <ConfirmDialog
          open={confirming === 'verify'}
          title={t('actionItems.act.confirmVerifyTitle')}
          confirmLabel={t('actionItems.act.confirmVerifyButton')}
          keepLabel={t('actionItems.act.keep')}
          pending={transition.isPending}
          error={transition.isError ? errorMessage(t, transition.error) : null}
          onConfirm={() => run('verify')}
          onClose={() => {
            setConfirming(null);
            transition.reset();
          }}
        >
          <p>{t('actionItems.act.confirmVerify', { title: item.title })}</p>
        </ConfirmDialog>
      )}
      {cancels && (
        <ConfirmDialog
          open={confirming === 'cancel'}
          title={t('actionItems.act.confirmCancelTitle')}
          confirmLabel={t('actionItems.act.confirmCancelButton')}
          keepLabel={t('actionItems.act.keep')}
          pending={transition.isPending}
          error={transition.isError ? errorMessage(t, transition.error) : null}
          onConfirm={() => run('cancel')}
          onClose={() => {
            setConfirming(null);
            transition.reset();
          }}
        >
          <p>{t('actionItems.act.confirmCancel')}</p>
          <blockquote className="ai-quote">{note.trim()}</blockquote>
        </ConfirmDialog>
      )}
    </div>
  );
}
