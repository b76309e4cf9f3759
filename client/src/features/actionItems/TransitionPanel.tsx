import {
  ActionItemTransitionBodySchema,
  submitProblem,
  type ActionItemDetail,
  type ActionItemTransition,
} from '@tongxin/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { useTransition } from './queries.js';
import './actionItems.css';

/** Forward moves first; cancelling is last and styled as the dangerous one. */
const ORDER: ActionItemTransition[] = ['start', 'submit', 'verify', 'reopen', 'cancel'];
type Confirmed = Extract<ActionItemTransition, 'cancel' | 'verify' | 'reopen'>;

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
  // Cancelling and 验收销号 cannot be undone, and 退回整改 sends the work back with its reason: all
  // three are confirmed first.
  const [confirming, setConfirming] = useState<Confirmed | null>(null);
  const allowed = [...item.can.transitions].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  const cancels = allowed.includes('cancel');
  const reopens = allowed.includes('reopen');
  // 提请验收 at 0 % is refused by the server: the button stays in view, disabled, with the reason.
  const submitBlocked = allowed.includes('submit') && submitProblem(item.percent) !== null;

  /** Checked with the shared schema: a cancellation needs its reason. */
  const bodyFor = (tr: ActionItemTransition) => {
    const body = ActionItemTransitionBodySchema.safeParse({ transition: tr, note: note.trim() || undefined });
    if (!body.success) {
      setNoteError(
        note.trim() !== ''
          ? t('actionItems.act.noteTooLong')
          : tr === 'reopen'
            ? t('actionItems.handIn.reopenReasonRequired')
            : t('actionItems.act.cancelReasonRequired'),
      );
      return null;
    }
    setNoteError(null);
    return body.data;
  };

  const run = (tr: ActionItemTransition) => {
    const body = bodyFor(tr);
    if (!body) return;
    if ((tr === 'cancel' || tr === 'verify' || tr === 'reopen') && confirming !== tr) {
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
            disabled={transition.isPending || (tr === 'submit' && submitBlocked)}
            aria-describedby={tr === 'submit' && submitBlocked ? `${noteId}-submit` : undefined}
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
      {submitBlocked && (
        <p id={`${noteId}-submit`} className="ai-submit-blocked" data-testid="submit-blocked">
          {t('actionItems.handIn.noProgress')}
        </p>
      )}
      {reopens && (
        <ConfirmDialog
          open={confirming === 'reopen'}
          title={t('actionItems.handIn.confirmReopenTitle')}
          confirmLabel={t('actionItems.handIn.confirmReopenButton')}
          keepLabel={t('actionItems.act.keep')}
          pending={transition.isPending}
          error={transition.isError ? errorMessage(t, transition.error) : null}
          onConfirm={() => run('reopen')}
          onClose={() => {
            setConfirming(null);
            transition.reset();
          }}
        >
          <p>{t('actionItems.handIn.confirmReopen', { title: item.title })}</p>
          <blockquote className="ai-quote">{note.trim()}</blockquote>
        </ConfirmDialog>
      )}
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
