import { MinutesConfirmSchema, type Minutes } from '@tongxin/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/errors.js';
import { useConfirm } from './queries.js';

type Choice = 'confirmed' | 'commented';
type FieldErrors = Partial<Record<'state' | 'comment', string>>;

/**
 * A unit's answer to the draft: confirm it (确认) or ask for a change with a comment. Checked with
 * the same schema the server uses; a representative of several units picks which one answers.
 */
export function ConfirmForm({ minutes }: { minutes: Minutes }) {
  const { t } = useTranslation();
  const id = useId();
  const units = minutes.confirmations.filter((c) => minutes.can.confirmFor.includes(c.unit.id));
  const [unitId, setUnitId] = useState(minutes.can.confirmFor[0] ?? '');
  const current = minutes.confirmations.find((c) => c.unit.id === unitId);
  const [choice, setChoice] = useState<Choice | ''>('');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const confirm = useConfirm(minutes.meeting);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!choice) {
      setErrors({ state: t('minutes.choiceRequired') });
      return;
    }
    const parsed = MinutesConfirmSchema.safeParse({
      unitId: unitId || undefined,
      state: choice,
      comment: comment.trim() ? comment : undefined,
    });
    if (!parsed.success) {
      const next: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === 'comment')
          next.comment = issue.code === 'too_big' ? t('minutes.commentTooLong') : t('minutes.commentRequired');
        else next.state = t('minutes.choiceRequired');
      }
      setErrors(next);
      return;
    }
    setErrors({});
    confirm.mutate(parsed.data, {
      onSuccess: () => {
        setChoice('');
        setComment('');
      },
    });
  };

  const unitName = units.find((u) => u.unit.id === unitId)?.unit.name ?? '';
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('minutes.confirmTitle')}</h2>
      <form className="form minutes-confirm" onSubmit={submit} noValidate>
        {units.length > 1 ? (
          <label>
            {t('minutes.unit')}
            <select value={unitId} onChange={(e) => setUnitId(e.target.value)}>
              {units.map((u) => (
                <option key={u.unit.id} value={u.unit.id}>
                  {u.unit.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <p className="minutes-for">{t('minutes.confirmFor', { unit: unitName })}</p>
        )}
        {current && (
          <p className="muted small" data-testid="my-confirmation">
            {t('minutes.currentState', { state: t(`minutes.state.${current.state}`) })}
          </p>
        )}
        <fieldset
          className={errors.state ? 'minutes-choice invalid' : 'minutes-choice'}
          aria-describedby={errors.state ? `${id}-state-error` : undefined}
        >
          <legend>{t('minutes.choice')}</legend>
          {(['confirmed', 'commented'] as const).map((c) => (
            <label key={c} className="minutes-radio">
              <input
                type="radio"
                name={`${id}-choice`}
                value={c}
                checked={choice === c}
                onChange={() => {
                  setChoice(c);
                  setErrors((e) => ({ ...e, state: undefined }));
                }}
              />
              {c === 'confirmed' ? t('minutes.choiceConfirm') : t('minutes.choiceComment')}
            </label>
          ))}
          {errors.state && (
            <span id={`${id}-state-error`} className="field-error" role="alert">
              {errors.state}
            </span>
          )}
        </fieldset>
        <label className={errors.comment ? 'invalid' : undefined}>
          {t('minutes.comment')}
          <textarea
            value={comment}
            rows={4}
            maxLength={2000}
            onChange={(e) => setComment(e.target.value)}
            aria-invalid={errors.comment ? true : undefined}
            aria-describedby={`${id}-comment-hint${errors.comment ? ` ${id}-comment-error` : ''}`}
          />
          <span id={`${id}-comment-hint`} className="muted small">
            {t('minutes.commentHint')}
          </span>
          {errors.comment && (
            <span id={`${id}-comment-error`} className="field-error" role="alert">
              {errors.comment}
            </span>
          )}
        </label>
        <div className="form-actions">
          <button type="submit" disabled={confirm.isPending}>
            {confirm.isPending ? t('minutes.submitting') : t('minutes.submit')}
          </button>
          {confirm.isSuccess && !confirm.isPending && (
            <span role="status" className="success">
              {t('minutes.submitted')}
            </span>
          )}
          {confirm.isError && (
            <span role="alert" className="field-error">
              {errorMessage(t, confirm.error)}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
