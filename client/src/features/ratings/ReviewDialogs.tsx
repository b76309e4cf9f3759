import { DEFAULT_TIME_ZONE, periodRange, STARS, type RatingPeriod, type UnitRating } from '@tongxin/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from '../../app/ModalDialog.js';
import { errorMessage } from '../../lib/errors.js';
import { Field, FormDialog, serverErrors, type FieldErrors } from '../lists/fields.js';
import { postRating, useRatingMutation } from './queries.js';
import { figure, Stars } from './ratingWords.js';

/** 调整: a unit's stars set by hand (1–5) or back to what the rules give, always with a reason. */
export function AdjustDialog({
  allianceId,
  period,
  row,
  onClose,
}: {
  allianceId: string;
  period: string;
  row: UnitRating;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [stars, setStars] = useState<string>(row.adjustment ? String(row.adjustment.stars) : '');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const adjust = useRatingMutation((body: unknown) => postRating(allianceId, period, 'adjust', body));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const errs: FieldErrors = {};
    if (!stars) errs.stars = t('ratings.adjustDialog.pick');
    if (!reason.trim()) errs.reason = t('ratings.adjustDialog.required');
    setErrors(errs);
    setFormError(null);
    if (Object.keys(errs).length > 0) return;
    adjust.mutate(
      { unit: row.unit.id, stars: stars === 'remove' ? null : Number(stars), reason: reason.trim() },
      {
        onSuccess: onClose,
        onError: (err) => {
          const server = serverErrors(t, err);
          setErrors(server.fields);
          setFormError(server.form);
        },
      },
    );
  };
  return (
    <FormDialog
      open
      title={t('ratings.adjustDialog.title', { unit: row.unit.name })}
      submitLabel={t('ratings.adjustDialog.submit')}
      cancelLabel={t('ratings.adjustDialog.cancel')}
      pending={adjust.isPending}
      error={formError}
      onSubmit={onSubmit}
      onClose={onClose}
      testId="rating-adjust"
    >
      <p className="lists-field wide">
        {t('ratings.adjustDialog.computed', {
          count: row.computedStars,
          composite: figure(row.composite),
          rank: row.rank,
        })}
      </p>
      <fieldset
        className={['lists-field wide rating-star-choices', errors.stars ? 'invalid' : ''].join(' ').trim()}
        aria-describedby={errors.stars ? 'rating-adjust-stars-error' : undefined}
      >
        <legend>{t('ratings.adjustDialog.stars')}</legend>
        {STARS.map((s) => (
          <label key={s} className="rating-star-choice">
            <input
              type="radio"
              name="rating-stars"
              value={s}
              checked={stars === String(s)}
              onChange={() => setStars(String(s))}
            />
            <Stars stars={s} />
          </label>
        ))}
        {row.adjustment && (
          <label className="rating-star-choice">
            <input
              type="radio"
              name="rating-stars"
              value="remove"
              checked={stars === 'remove'}
              onChange={() => setStars('remove')}
            />
            <span>{t('ratings.adjustDialog.remove')}</span>
          </label>
        )}
        {errors.stars && (
          <span id="rating-adjust-stars-error" className="field-error">
            {errors.stars}
          </span>
        )}
      </fieldset>
      <Field
        label={t('ratings.adjustDialog.reason')}
        error={errors.reason}
        hint={t('ratings.adjustDialog.reasonHint')}
        wide
      >
        {(p) => <textarea {...p} rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
    </FormDialog>
  );
}

/** 发布: says that it locks the result and how many units get which stars; an optional note. */
export function PublishDialog({
  allianceId,
  r,
  label,
  onClose,
}: {
  allianceId: string;
  r: RatingPeriod;
  label: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [note, setNote] = useState('');
  const publish = useRatingMutation((body: unknown) => postRating(allianceId, r.period, 'publish', body));
  const counts = [...STARS].reverse().map((s) => ({ stars: s, count: r.rows.filter((row) => row.stars === s).length }));
  // Published before the period is over: later points will not move these stars.
  const range = periodRange(r.period);
  const lastDay =
    range && range.end.getTime() > Date.now()
      ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeZone: DEFAULT_TIME_ZONE }).format(new Date(range.end.getTime() - 1))
      : null;
  return (
    <ModalDialog
      className="lists-confirm rating-publish"
      open
      title={t('ratings.publishDialog.title', { period: label })}
      confirmLabel={t('ratings.publishDialog.confirm')}
      closeLabel={t('ratings.publishDialog.cancel')}
      pending={publish.isPending}
      error={publish.error ? errorMessage(t, publish.error) : null}
      tone="primary"
      onConfirm={() => publish.mutate({ note: note.trim() }, { onSuccess: onClose })}
      onClose={onClose}
    >
      <p>{t('ratings.publishDialog.body', { n: r.version })}</p>
      {lastDay && (
        <p className="rating-unfinished" data-testid="rating-unfinished">
          {t('ratings.publishDialog.unfinished', { date: lastDay })}
        </p>
      )}
      <p>{t('ratings.publishDialog.counts')}</p>
      <ul className="rating-counts" data-testid="rating-publish-counts">
        {counts.map((c) => (
          <li key={c.stars}>{t('ratings.publishDialog.count', { stars: c.stars, count: c.count })}</li>
        ))}
      </ul>
      <Field label={t('ratings.publishDialog.note')} wide>
        {(p) => <textarea {...p} rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
    </ModalDialog>
  );
}

/** 重新开启: a published rating back to review, with a reason; the next publication is a new version. */
export function ReopenDialog({ allianceId, r, onClose }: { allianceId: string; r: RatingPeriod; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const reopen = useRatingMutation((body: unknown) => postRating(allianceId, r.period, 'reopen', body));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    if (!reason.trim()) {
      setError(t('ratings.reopenDialog.required'));
      return;
    }
    setError(undefined);
    reopen.mutate(
      { reason: reason.trim() },
      {
        onSuccess: onClose,
        onError: (err) => {
          const server = serverErrors(t, err);
          setError(server.fields.reason);
          setFormError(server.form);
        },
      },
    );
  };
  return (
    <FormDialog
      open
      title={t('ratings.reopenDialog.title')}
      submitLabel={t('ratings.reopenDialog.submit')}
      cancelLabel={t('ratings.reopenDialog.cancel')}
      pending={reopen.isPending}
      error={formError}
      onSubmit={onSubmit}
      onClose={onClose}
      testId="rating-reopen"
    >
      <p className="lists-field wide">{t('ratings.reopenDialog.body', { n: r.version, next: r.version + 1 })}</p>
      <Field label={t('ratings.reopenDialog.reason')} error={error} wide>
        {(p) => <textarea {...p} rows={3} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
    </FormDialog>
  );
}
