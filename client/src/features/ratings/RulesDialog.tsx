import { PERIOD_KINDS, RATING_METHODS, RatingRulesSchema, type RatingRules } from '@tongxin/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormDialog, serverErrors, type FieldErrors } from '../lists/fields.js';
import { putRules, useRatingMutation } from './queries.js';

type Four = [string, string, string, string];

/** 评定规则: period kind, method, the two weights, four thresholds or four rank shares. */
export function RulesDialog({
  allianceId,
  rules,
  onClose,
}: {
  allianceId: string;
  rules: RatingRules;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [v, setV] = useState({
    period: rules.period,
    method: rules.method,
    pointsWeight: String(rules.pointsWeight),
    appraisalWeight: String(rules.appraisalWeight),
    thresholds: rules.thresholds.map(String) as Four,
    rankShares: rules.rankShares.map(String) as Four,
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const save = useRatingMutation((body: RatingRules) => putRules(allianceId, body));
  const num = (s: string) => (s.trim() === '' ? NaN : Number(s));
  const four = (xs: Four) => xs.map(num) as [number, number, number, number];

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const errs: FieldErrors = {};
    const input = {
      period: v.period,
      method: v.method,
      pointsWeight: num(v.pointsWeight),
      appraisalWeight: num(v.appraisalWeight),
      thresholds: four(v.thresholds),
      rankShares: four(v.rankShares),
    };
    // The set the chosen method does not use keeps its saved figures if what was typed there is off.
    if (v.method === 'thresholds' && !RatingRulesSchema.shape.rankShares.safeParse(input.rankShares).success)
      input.rankShares = rules.rankShares;
    if (v.method === 'ranks' && !RatingRulesSchema.shape.thresholds.safeParse(input.thresholds).success)
      input.thresholds = rules.thresholds;
    for (const k of ['pointsWeight', 'appraisalWeight'] as const) {
      if (Number.isNaN(input[k])) errs[k] = t('ratings.rulesDialog.errors.number');
      else if (input[k] < 0 || input[k] > 10) errs[k] = t('ratings.rulesDialog.errors.weight');
    }
    if (input.thresholds.some(Number.isNaN)) errs.thresholds = t('ratings.rulesDialog.errors.number');
    else if (!RatingRulesSchema.shape.thresholds.safeParse(input.thresholds).success)
      errs.thresholds = t('ratings.rulesDialog.errors.ascending');
    if (input.rankShares.some(Number.isNaN)) errs.rankShares = t('ratings.rulesDialog.errors.number');
    else if (input.rankShares.some((s) => s < 0 || s > 100)) errs.rankShares = t('ratings.rulesDialog.errors.share');
    else if (!RatingRulesSchema.shape.rankShares.safeParse(input.rankShares).success)
      errs.rankShares = t('ratings.rulesDialog.errors.sharesSum');
    setErrors(errs);
    setFormError(null);
    const parsed = RatingRulesSchema.safeParse(input);
    if (Object.keys(errs).length > 0 || !parsed.success) return;
    save.mutate(parsed.data, {
      onSuccess: onClose,
      onError: (err) => {
        const server = serverErrors(t, err);
        setErrors(server.fields);
        setFormError(server.form);
      },
    });
  };

  const setFour = (k: 'thresholds' | 'rankShares', i: number, value: string) =>
    setV((o) => ({ ...o, [k]: o[k].map((x, j) => (j === i ? value : x)) as Four }));
  // Thresholds are listed from 2★ up; shares from 5★ down, as the schema keeps them.
  const fourFields = (k: 'thresholds' | 'rankShares') => {
    const stars = k === 'thresholds' ? [2, 3, 4, 5] : [5, 4, 3, 2];
    const error = errors[k];
    return (
      <fieldset
        className={['lists-field wide rating-four', error ? 'invalid' : ''].join(' ').trim()}
        aria-describedby={error ? `rating-${k}-error` : undefined}
      >
        <legend>{t(k === 'thresholds' ? 'ratings.rulesDialog.thresholds' : 'ratings.rulesDialog.shares')}</legend>
        <div className="rating-four-inputs">
          {stars.map((s, i) => (
            <label key={s}>
              <span>{t('ratings.rulesDialog.star', { count: s })}</span>
              <input
                type="number"
                inputMode="decimal"
                step="any"
                value={v[k][i]}
                aria-invalid={error ? true : undefined}
                onChange={(e) => setFour(k, i, e.target.value)}
              />
            </label>
          ))}
        </div>
        {error && (
          <span id={`rating-${k}-error`} className="field-error">
            {error}
          </span>
        )}
      </fieldset>
    );
  };

  return (
    <FormDialog
      open
      title={t('ratings.rulesDialog.title')}
      submitLabel={t('ratings.rulesDialog.save')}
      cancelLabel={t('ratings.rulesDialog.cancel')}
      pending={save.isPending}
      error={formError}
      onSubmit={onSubmit}
      onClose={onClose}
      testId="rating-rules-dialog"
    >
      <p className="muted small lists-field wide">{t('ratings.rulesDialog.intro')}</p>
      <Field label={t('ratings.rulesDialog.period')} error={errors.period}>
        {(p) => (
          <select
            {...p}
            value={v.period}
            onChange={(e) => setV((o) => ({ ...o, period: e.target.value as RatingRules['period'] }))}
          >
            {PERIOD_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`ratings.kind.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className="lists-field rating-method">
        <legend>{t('ratings.rulesDialog.method')}</legend>
        {RATING_METHODS.map((m) => (
          <label key={m}>
            <input
              type="radio"
              name="rating-method"
              value={m}
              checked={v.method === m}
              onChange={() => setV((o) => ({ ...o, method: m }))}
            />
            <span>{t(`ratings.method.${m}`)}</span>
          </label>
        ))}
      </fieldset>
      {(['pointsWeight', 'appraisalWeight'] as const).map((k) => (
        <Field key={k} label={t(`ratings.rulesDialog.${k}`)} error={errors[k]}>
          {(p) => (
            <input
              {...p}
              type="number"
              inputMode="decimal"
              step="any"
              min={0}
              max={10}
              value={v[k]}
              onChange={(e) => setV((o) => ({ ...o, [k]: e.target.value }))}
            />
          )}
        </Field>
      ))}
      {fourFields(v.method === 'thresholds' ? 'thresholds' : 'rankShares')}
    </FormDialog>
  );
}
