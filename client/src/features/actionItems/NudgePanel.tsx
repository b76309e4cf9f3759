import { NudgeCreateSchema, NUDGE_NOTE_MAX, type ActionItemDetail } from '@tongxin/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { formatShortDateTime } from '../../lib/format.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { useNudge } from './cycleQueries.js';
import { TextField } from './ItemEditForm.js';
import './supervisionCycle.css';

/**
 * 催办: a supervisor reminds the lead unit, with an optional note, in a dialog; everyone sees how
 * often the item was chased and by whom. The server accepts one reminder per item in ten minutes.
 */
export function NudgePanel({ item }: { item: ActionItemDetail }) {
  const { t, i18n } = useTranslation();
  const noteId = useId();
  const nudge = useNudge(item.id);
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  if (item.nudgeCount === 0 && !item.can.nudge) return null;

  const failure = () => {
    const err = nudge.error;
    if (err instanceof ApiRequestError && err.code === 'RATE_LIMITED') {
      const seconds = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 600;
      return t('actionItems.nudge.tooSoon', { minutes: Math.max(1, Math.ceil(seconds / 60)) });
    }
    return errorMessage(t, err);
  };
  const send = () => {
    const parsed = NudgeCreateSchema.safeParse({ note: note.trim() });
    if (!parsed.success) {
      setNoteError(t('actionItems.nudge.noteTooLong'));
      return;
    }
    setNoteError(null);
    nudge.mutate(parsed.data, {
      onSuccess: () => {
        setOpen(false);
        setNote('');
        setSent(true);
      },
    });
  };

  return (
    <section className="card ai-nudge" aria-labelledby="ai-nudge-title" data-testid="nudges">
      <div className="ai-cycle-head">
        <h2 id="ai-nudge-title">{t('actionItems.nudge.title')}</h2>
        <span className="ai-nudge-count" data-testid="nudge-count">
          {item.nudgeCount > 0 ? t('actionItems.nudge.count', { count: item.nudgeCount }) : t('actionItems.nudge.none')}
        </span>
        {item.can.nudge && (
          <button
            type="button"
            className="ghost"
            onClick={() => {
              setSent(false);
              nudge.reset();
              setOpen(true);
            }}
          >
            {t('actionItems.nudge.button')}
          </button>
        )}
      </div>
      {sent && (
        <p role="status" className="success">
          {t('actionItems.nudge.sent')}
        </p>
      )}
      {item.nudges.length > 0 && (
        <ul className="ai-nudge-list plain-list" aria-label={t('actionItems.nudge.history')}>
          {[...item.nudges].reverse().map((n) => (
            <li key={n.at}>
              <span className="ai-text">{n.note || t('actionItems.nudge.noNote')}</span>{' '}
              <span className="muted small">
                {t('actionItems.nudge.entryBy', { name: n.by.name, at: formatShortDateTime(n.at, i18n.language) })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {item.can.nudge && (
        <ConfirmDialog
          open={open}
          tone="primary"
          title={t('actionItems.nudge.dialogTitle')}
          confirmLabel={nudge.isPending ? t('actionItems.nudge.sending') : t('actionItems.nudge.send')}
          keepLabel={t('actionItems.nudge.keep')}
          pending={nudge.isPending}
          error={nudge.isError ? failure() : null}
          onConfirm={send}
          onClose={() => {
            setOpen(false);
            setNoteError(null);
            nudge.reset();
          }}
        >
          <p>{t('actionItems.nudge.lead', { unit: item.leadUnit.name, title: item.title })}</p>
          <div className="form ai-form">
            <TextField
              id={noteId}
              label={t('actionItems.nudge.note')}
              hint={t('actionItems.nudge.noteHint')}
              error={noteError ?? undefined}
            >
              {(p) => (
                <textarea
                  {...p}
                  rows={3}
                  maxLength={NUDGE_NOTE_MAX + 50}
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                />
              )}
            </TextField>
          </div>
        </ConfirmDialog>
      )}
    </section>
  );
}
