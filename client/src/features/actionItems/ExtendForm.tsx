import { ActionItemExtendSchema, extensionProblem, localDate, type ActionItemDetail } from '@tongxin/shared';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { formatDay } from '../../lib/format.js';
import { TextField } from './ItemEditForm.js';
import { useExtendItem } from './queries.js';
import './actionItems.css';

type FieldErrors = Partial<Record<'dueDate' | 'reason', string>>;

/** The day after `day` (`YYYY-MM-DD`), as a calendar day. */
function dayAfter(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * 延期: a later deadline and the reason for it, with the same date rules the server applies
 * (later than the current deadline, not in the past). The old date stays on the item.
 */
export function ExtendForm({ item, onClose }: { item: ActionItemDetail; onClose: (to: string | null) => void }) {
  const { t, i18n } = useTranslation();
  const extend = useExtendItem(item.id);
  const heading = useRef<HTMLHeadingElement>(null);
  const today = localDate(new Date());
  const earliest = [dayAfter(item.dueDate), today].sort().at(-1)!;
  const [dueDate, setDueDate] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  useEffect(() => heading.current?.focus(), []);

  const problemText = (problem: 'notLater' | 'past') =>
    problem === 'notLater'
      ? t('actionItems.extend.notLater', { date: formatDay(item.dueDate, i18n.language) })
      : t('actionItems.extend.past');

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const parsed = ActionItemExtendSchema.safeParse({ dueDate, reason });
    const next: FieldErrors = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === 'dueDate') next.dueDate = t('actionItems.extend.dateRequired');
        if (issue.path[0] === 'reason') {
          next.reason =
            issue.code === 'too_small'
              ? t('actionItems.extend.reasonRequired')
              : t('actionItems.correct.reasonTooLong');
        }
      }
    }
    const problem = parsed.success || !next.dueDate ? extensionProblem(item.dueDate, dueDate, today) : null;
    if (problem) next.dueDate = problemText(problem);
    if (!parsed.success || problem) {
      setErrors(next);
      return;
    }
    setErrors({});
    extend.mutate(parsed.data, {
      onSuccess: () => onClose(parsed.data.dueDate),
      onError: (err) => {
        const p =
          err instanceof ApiRequestError ? (err.details as { problem?: string } | undefined)?.problem : undefined;
        if (p === 'notLater' || p === 'past') setErrors({ dueDate: problemText(p) });
        else setFormError(errorMessage(t, err));
      },
    });
  };

  return (
    <section className="card ai-correct" aria-labelledby="ai-extend-title" data-testid="item-extend">
      <h2 id="ai-extend-title" ref={heading} tabIndex={-1}>
        {t('actionItems.extend.title')}
      </h2>
      <p className="muted">{t('actionItems.extend.current', { date: formatDay(item.dueDate, i18n.language) })}</p>
      <form className="form ai-form" onSubmit={onSubmit} noValidate>
        <TextField id="ai-extend-date" label={t('actionItems.extend.newDate')} error={errors.dueDate}>
          {(p) => (
            <input
              {...p}
              type="date"
              className="ai-date"
              min={earliest}
              value={dueDate}
              onChange={(e) => setDueDate(e.target.value)}
            />
          )}
        </TextField>
        <TextField id="ai-extend-reason" label={t('actionItems.extend.reason')} error={errors.reason}>
          {(p) => <textarea {...p} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </TextField>
        <div className="form-actions">
          <button type="submit" disabled={extend.isPending}>
            {extend.isPending ? t('actionItems.extend.submitting') : t('actionItems.extend.submit')}
          </button>
          <button type="button" className="ghost" onClick={() => onClose(null)}>
            {t('actionItems.correct.close')}
          </button>
          {formError && (
            <span role="alert" className="field-error">
              {formError}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
