import { WhistleCreateSchema, WHISTLE_URGENCIES } from '@tongxin/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { Field, FormDialog, serverErrors, type FieldErrors } from '../lists/fields.js';
import { useCategories } from '../lists/queries.js';
import { postWhistle, useWhistleMutation } from './queries.js';

interface Unit {
  id: string;
  name: string;
}

/** 我要吹哨: the problem, where, its category and urgency, and the departments summoned. */
export function WhistleForm({ allianceId, units, members, onClose }: { allianceId: string; units: Unit[]; members: Unit[]; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const categories = useCategories(allianceId).data?.categories ?? [];
  const [v, setV] = useState({ unit: units[0]?.id ?? '', title: '', description: '', location: '', category: '', urgency: 'normal', leadUnit: '', assistingUnits: [] as string[] });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const raise = useWhistleMutation((body: unknown) => postWhistle(`/api/alliances/${allianceId}/whistles`, body));
  const set = (k: keyof typeof v, value: string | string[]) => setV((o) => ({ ...o, [k]: value }));
  const departments = members.filter((m) => m.id !== v.unit);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = WhistleCreateSchema.safeParse({ ...v, category: v.category || undefined, leadUnit: v.leadUnit || undefined });
    if (!parsed.success) {
      const out: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        if (field && !out[field]) out[field] = issue.code === 'too_small' || issue.code === 'invalid_type' ? t('whistles.form.required') : t('whistles.form.invalid');
      }
      setErrors(out);
      return;
    }
    setErrors({});
    raise.mutate(parsed.data, {
      onSuccess: (w) => w && navigate(`/whistles/${w.id}`),
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
      title={t('whistles.form.title')}
      submitLabel={t('whistles.form.submit')}
      cancelLabel={t('whistles.form.cancel')}
      pending={raise.isPending}
      error={formError}
      onSubmit={onSubmit}
      onClose={onClose}
      testId="whistle-form"
    >
      <Field label={t('whistles.form.unit')} error={errors.unit}>
        {(p) => (
          <select {...p} value={v.unit} onChange={(e) => set('unit', e.target.value)}>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('whistles.form.problem')} error={errors.title} wide>
        {(p) => <input {...p} value={v.title} maxLength={200} onChange={(e) => set('title', e.target.value)} />}
      </Field>
      <Field label={t('whistles.form.description')} error={errors.description} hint={t('whistles.form.evidenceHint')} wide>
        {(p) => <textarea {...p} rows={4} value={v.description} onChange={(e) => set('description', e.target.value)} />}
      </Field>
      <Field label={t('whistles.form.location')} error={errors.location}>
        {(p) => <input {...p} value={v.location} onChange={(e) => set('location', e.target.value)} />}
      </Field>
      <Field label={t('whistles.form.category')} error={errors.category}>
        {(p) => (
          <select {...p} value={v.category} onChange={(e) => set('category', e.target.value)}>
            <option value="">—</option>
            {categories.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('whistles.form.urgency')} error={errors.urgency}>
        {(p) => (
          <select {...p} value={v.urgency} onChange={(e) => set('urgency', e.target.value)}>
            {WHISTLE_URGENCIES.map((u) => (
              <option key={u} value={u}>
                {t(`whistles.urgency.${u}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('whistles.form.lead')} error={errors.leadUnit}>
        {(p) => (
          <select
            {...p}
            value={v.leadUnit}
            onChange={(e) => setV((o) => ({ ...o, leadUnit: e.target.value, assistingUnits: o.assistingUnits.filter((u) => u !== e.target.value) }))}
          >
            <option value="">—</option>
            {departments.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className="whistles-assisting lists-field wide">
        <legend>{t('whistles.form.assisting')}</legend>
        <span className="muted small">{t('whistles.form.assistingHint')}</span>
        {departments
          .filter((u) => u.id !== v.leadUnit)
          .map((u) => (
            <label key={u.id} className="whistles-check">
              <input
                type="checkbox"
                checked={v.assistingUnits.includes(u.id)}
                onChange={(e) => set('assistingUnits', e.target.checked ? [...v.assistingUnits, u.id] : v.assistingUnits.filter((x) => x !== u.id))}
              />
              <span>{u.name}</span>
            </label>
          ))}
        {errors.assistingUnits && <span className="field-error">{errors.assistingUnits}</span>}
      </fieldset>
    </FormDialog>
  );
}
