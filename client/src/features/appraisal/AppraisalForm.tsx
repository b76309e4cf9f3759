import {
  APPRAISAL_SCALES,
  APPRAISAL_SECRECY,
  AppraisalInputSchema,
  DEFAULT_APPRAISAL_CRITERIA,
  periodKey,
  type Appraisal,
  type AppraisalCriterion,
} from '@tongxin/shared';
import type { TFunction } from 'i18next';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { z } from 'zod';
import { useAlliance } from '../../lib/alliance.js';
import { Field, FormDialog, serverErrors, type FieldErrors } from '../lists/fields.js';
import { useMeetings } from '../meeting/queries.js';
import { patchAppraisal, postAppraisal, useAppraisalMutation } from './queries.js';

interface CriterionRow {
  key: string;
  label: string;
  weight: string;
}

/** A criterion key the schema accepts, not yet used in this form. */
function freshKey(rows: CriterionRow[]): string {
  for (let n = rows.length + 1; ; n += 1) if (!rows.some((r) => r.key === `c${n}`)) return `c${n}`;
}

/** Where each issue of the shared schema shows: under its field, a criterion's row, a group weight. */
function formErrors(t: TFunction, error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const [head, second, third] = issue.path.map(String);
    let key = head ?? '';
    let msg = issue.code === 'too_small' && issue.path.length === 1 ? t('appraisal.form.required') : t('appraisal.form.invalid');
    if (head === 'period') msg = t('appraisal.form.periodInvalid');
    if (head === 'reporters') msg = t('appraisal.form.pickReporters');
    if (head === 'criteria') {
      if (second !== undefined && third !== undefined) {
        key = `criteria.${second}.${third === 'weight' ? 'weight' : 'label'}`;
        msg = third === 'weight' ? t('appraisal.form.weightRange') : t('appraisal.form.required');
      } else msg = issue.message.includes('once') ? t('appraisal.form.criterionTwice') : t('appraisal.form.required');
    }
    if (head === 'aggregation') {
      key = third ? `aggregation.${third}` : `aggregation.${second ?? ''}`;
      msg = second === 'trim' ? t('appraisal.form.trimRange') : t('appraisal.form.groupWeightRange');
    }
    if (key && !out[key]) out[key] = msg;
  }
  return out;
}

/** The fields of a draft's form that differ from the draft as stored. */
function changedFields(a: Appraisal, next: z.output<typeof AppraisalInputSchema>): Partial<z.output<typeof AppraisalInputSchema>> {
  const was: Record<string, unknown> = {
    title: a.title,
    period: a.period,
    meetingId: a.meeting?.id ?? null,
    scale: a.scale,
    secrecy: a.secrecy,
    criteria: a.criteria.map((c) => ({ key: c.key, label: c.label, weight: c.weight })),
    aggregation: { method: a.aggregation.method, trim: a.aggregation.method === 'trimmedMean' ? a.aggregation.trim : 0, weights: a.aggregation.weights },
    reporters: a.reporters.map((r) => r.unit.id),
  };
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  return Object.fromEntries(Object.entries(next).filter(([k, v]) => !same(v, was[k])));
}

/**
 * 新建述职评议: title, period, the joint meeting it belongs to, scoring, criteria, aggregation,
 * reporting units. Given a draft `appraisal`, the same form edits it (修改述职评议) and stays on its page.
 */
export function AppraisalForm({ allianceId, onClose, appraisal }: { allianceId: string; onClose: () => void; appraisal?: Appraisal }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const alliance = useAlliance(allianceId);
  // A meeting in session began before now: it is among the "past" ones by its time.
  const upcoming = useMeetings(allianceId, 'upcoming', 10);
  const started = useMeetings(allianceId, 'past', 10);
  const units = (alliance.data?.memberships ?? []).map((m) => m.unit);
  const openMeetings: { id: string; title: string }[] = [...(started.data?.items ?? []), ...(upcoming.data?.items ?? [])].filter(
    (m, i, all) => (m.status === 'scheduled' || m.status === 'in_session') && all.findIndex((x) => x.id === m.id) === i,
  );
  // The draft's own meeting stays a choice even when it is no longer open.
  const meetingChoices =
    appraisal?.meeting && !openMeetings.some((m) => m.id === appraisal.meeting!.id)
      ? [{ id: appraisal.meeting.id, title: appraisal.meeting.name }, ...openMeetings]
      : openMeetings;
  const [v, setV] = useState(() => ({
    title: appraisal?.title ?? '',
    period: appraisal?.period ?? periodKey(new Date(), 'quarter'),
    meetingId: appraisal?.meeting?.id ?? '',
    scale: appraisal?.scale ?? ('grade' as (typeof APPRAISAL_SCALES)[number]),
    secrecy: appraisal?.secrecy ?? ('secret' as (typeof APPRAISAL_SECRECY)[number]),
    method: appraisal?.aggregation.method ?? ('mean' as 'mean' | 'trimmedMean'),
    trim: String(appraisal && appraisal.aggregation.method === 'trimmedMean' ? appraisal.aggregation.trim : 1),
    unitsWeight: String(appraisal?.aggregation.weights.units ?? 0.7),
    publicWeight: String(appraisal?.aggregation.weights.public ?? 0.3),
    reporters: appraisal?.reporters.map((r) => r.unit.id) ?? ([] as string[]),
  }));
  const [criteria, setCriteria] = useState<CriterionRow[]>(() =>
    (appraisal?.criteria ?? DEFAULT_APPRAISAL_CRITERIA).map((c) => ({ ...c, weight: String(c.weight) })),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const create = useAppraisalMutation((body: unknown) =>
    appraisal ? patchAppraisal(appraisal.id, body) : postAppraisal(`/api/alliances/${allianceId}/appraisals`, body),
  );
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => setV((o) => ({ ...o, [k]: value }));
  const setRow = (i: number, change: Partial<CriterionRow>) => setCriteria((rows) => rows.map((r, j) => (j === i ? { ...r, ...change } : r)));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));
    const body = {
      title: v.title,
      period: v.period.trim(),
      meetingId: v.meetingId || null,
      scale: v.scale,
      secrecy: v.secrecy,
      criteria: criteria.map((c): AppraisalCriterion => ({ key: c.key, label: c.label.trim(), weight: num(c.weight) })),
      aggregation: {
        method: v.method,
        trim: v.method === 'trimmedMean' ? num(v.trim) : 0,
        weights: { units: num(v.unitsWeight), public: num(v.publicWeight) },
      },
      reporters: v.reporters,
    };
    const parsed = AppraisalInputSchema.safeParse(body);
    // Two criteria of one name read as one on the scoring form, though their keys differ.
    const labels = body.criteria.map((c) => c.label).filter(Boolean);
    const twice = new Set(labels).size !== labels.length;
    if (!parsed.success || twice) {
      const out = parsed.success ? {} : formErrors(t, parsed.error);
      if (twice && !out.criteria) out.criteria = t('appraisal.form.criterionTwice');
      setErrors(out);
      return;
    }
    setErrors({});
    setFormError(null);
    // Editing sends only what changed, so the audit trail names just that.
    const changes = appraisal ? changedFields(appraisal, parsed.data) : parsed.data;
    if (appraisal && Object.keys(changes).length === 0) return onClose();
    create.mutate(changes, {
      onSuccess: (a) => (appraisal ? onClose() : a && navigate(`/appraisals/${a.id}`)),
      onError: (err) => {
        const s = serverErrors(t, err);
        setErrors(s.fields);
        setFormError(s.form);
      },
    });
  };

  return (
    <FormDialog
      open
      title={t(appraisal ? 'appraisal.form.editTitle' : 'appraisal.form.title')}
      submitLabel={t(appraisal ? 'appraisal.form.save' : 'appraisal.form.submit')}
      cancelLabel={t('appraisal.form.cancel')}
      pending={create.isPending}
      error={formError}
      onSubmit={onSubmit}
      onClose={onClose}
      testId="appraisal-form"
    >
      <Field label={t('appraisal.form.name')} error={errors.title} wide>
        {(p) => <input {...p} value={v.title} maxLength={200} placeholder={t('appraisal.form.namePlaceholder')} onChange={(e) => set('title', e.target.value)} />}
      </Field>
      <Field label={t('appraisal.form.period')} error={errors.period} hint={t('appraisal.form.periodHint')}>
        {(p) => <input {...p} value={v.period} maxLength={7} onChange={(e) => set('period', e.target.value)} />}
      </Field>
      <Field label={t('appraisal.form.meeting')} error={errors.meetingId}>
        {(p) => (
          <select {...p} value={v.meetingId} onChange={(e) => set('meetingId', e.target.value)}>
            <option value="">{t('appraisal.form.noMeeting')}</option>
            {meetingChoices.map((m) => (
              <option key={m.id} value={m.id}>
                {m.title}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className="appraisal-choice lists-field">
        <legend>{t('appraisal.form.scale')}</legend>
        {APPRAISAL_SCALES.map((s) => (
          <label key={s} className="appraisal-check">
            <input type="radio" name="appraisal-scale" checked={v.scale === s} onChange={() => set('scale', s)} />
            <span>{t(`appraisal.scale.${s}`)}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="appraisal-choice lists-field">
        <legend>{t('appraisal.form.secrecy')}</legend>
        {APPRAISAL_SECRECY.map((s) => (
          <label key={s} className="appraisal-check">
            <input type="radio" name="appraisal-secrecy" checked={v.secrecy === s} onChange={() => set('secrecy', s)} />
            <span>{t(`appraisal.secrecy.${s}`)}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="appraisal-criteria lists-field wide" data-testid="appraisal-criteria">
        <legend>{t('appraisal.form.criteria')}</legend>
        {criteria.map((c, i) => (
          <div key={c.key} className="appraisal-criterion-row">
            <Field label={t('appraisal.form.criterion', { n: i + 1 })} error={errors[`criteria.${i}.label`]}>
              {(p) => <input {...p} value={c.label} maxLength={60} onChange={(e) => setRow(i, { label: e.target.value })} />}
            </Field>
            <Field label={t('appraisal.form.weight', { n: i + 1 })} error={errors[`criteria.${i}.weight`]}>
              {(p) => (
                <input {...p} type="number" inputMode="decimal" min={0.1} max={10} step={0.1} value={c.weight} onChange={(e) => setRow(i, { weight: e.target.value })} />
              )}
            </Field>
            <button
              type="button"
              className="ghost"
              disabled={criteria.length === 1}
              aria-label={t('appraisal.form.removeCriterion', { label: c.label || `#${i + 1}` })}
              onClick={() => setCriteria((rows) => rows.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </div>
        ))}
        {errors.criteria && <span className="field-error">{errors.criteria}</span>}
        {criteria.length < 10 && (
          <button type="button" className="ghost" onClick={() => setCriteria((rows) => [...rows, { key: freshKey(rows), label: '', weight: '1' }])}>
            {t('appraisal.form.addCriterion')}
          </button>
        )}
      </fieldset>
      <fieldset className="appraisal-aggregation lists-field wide">
        <legend>{t('appraisal.form.aggregation')}</legend>
        <Field label={t('appraisal.form.method')} error={errors['aggregation.method']}>
          {(p) => (
            <select {...p} value={v.method} onChange={(e) => set('method', e.target.value as 'mean' | 'trimmedMean')}>
              <option value="mean">{t('appraisal.method.mean')}</option>
              <option value="trimmedMean">{t('appraisal.method.trimmedMean')}</option>
            </select>
          )}
        </Field>
        {v.method === 'trimmedMean' && (
          <Field label={t('appraisal.form.trim')} error={errors['aggregation.trim']}>
            {(p) => <input {...p} type="number" inputMode="numeric" min={0} max={5} step={1} value={v.trim} onChange={(e) => set('trim', e.target.value)} />}
          </Field>
        )}
        <Field label={t('appraisal.form.unitsWeight')} error={errors['aggregation.units']}>
          {(p) => (
            <input {...p} type="number" inputMode="decimal" min={0} max={1} step={0.1} value={v.unitsWeight} onChange={(e) => set('unitsWeight', e.target.value)} />
          )}
        </Field>
        <Field label={t('appraisal.form.publicWeight')} error={errors['aggregation.public']}>
          {(p) => (
            <input {...p} type="number" inputMode="decimal" min={0} max={1} step={0.1} value={v.publicWeight} onChange={(e) => set('publicWeight', e.target.value)} />
          )}
        </Field>
      </fieldset>
      <fieldset className="appraisal-reporters lists-field wide" aria-describedby="appraisal-reporters-hint">
        <legend>{t('appraisal.form.reporters')}</legend>
        <span id="appraisal-reporters-hint" className="muted small">
          {t('appraisal.form.reportersHint')}
        </span>
        <div className="appraisal-reporter-options">
          {units.map((u) => (
            <label key={u.id} className="appraisal-check">
              <input
                type="checkbox"
                checked={v.reporters.includes(u.id)}
                onChange={(e) => set('reporters', e.target.checked ? [...v.reporters, u.id] : v.reporters.filter((x) => x !== u.id))}
              />
              <span>{u.name}</span>
            </label>
          ))}
        </div>
        {errors.reporters && <span className="field-error">{errors.reporters}</span>}
      </fieldset>
    </FormDialog>
  );
}
