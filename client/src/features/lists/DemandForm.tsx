import {
  DEMAND_SOURCES,
  DEMAND_URGENCIES,
  DemandCreateSchema,
  DemandDetailSchema,
  DemandPatchSchema,
  type Demand,
} from '@tongxin/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormDialog, serverErrors, splitTags, zodFieldErrors, type FieldErrors } from './fields.js';
import { patch, post, useListMutation } from './queries.js';

interface Props {
  allianceId: string;
  categories: string[];
  /** Units the viewer may raise a demand for. */
  units: { id: string; name: string }[];
  /** Editing this demand; creating when absent. */
  demand?: Demand;
  open: boolean;
  onClose: (savedId?: string) => void;
}

/** 发布需求 / 编辑需求: checked with the shared schema first; errors under their fields. */
export function DemandForm({ allianceId, categories, units, demand, open, onClose }: Props) {
  const { t } = useTranslation();
  const [v, setV] = useState(() => ({
    title: demand?.title ?? '',
    description: demand?.description ?? '',
    category: demand?.category ?? '',
    location: demand?.location ?? '',
    unit: demand?.unit.id ?? units[0]?.id ?? '',
    source: demand?.source ?? 'unit',
    residentName: demand?.residentName ?? '',
    urgency: demand?.urgency ?? 'normal',
    tags: demand?.tags.join('、') ?? '',
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = (k: keyof typeof v, value: string) => setV((old) => ({ ...old, [k]: value }));
  const save = useListMutation((body: unknown) =>
    demand ? patch(`/api/demands/${demand.id}`, body, DemandDetailSchema) : post(`/api/alliances/${allianceId}/demands`, body, DemandDetailSchema),
  );

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const body = { ...v, tags: splitTags(v.tags) };
    const parsed = demand
      ? DemandPatchSchema.safeParse({
          title: body.title,
          description: body.description,
          category: body.category,
          location: body.location,
          urgency: body.urgency,
          residentName: body.residentName,
          tags: body.tags,
        })
      : DemandCreateSchema.safeParse(body);
    if (!parsed.success) {
      setErrors(zodFieldErrors(t, parsed.error));
      return;
    }
    setErrors({});
    save.mutate(parsed.data, {
      onSuccess: (saved) => onClose(saved.id),
      onError: (err) => {
        const s = serverErrors(t, err);
        setErrors(s.fields);
        setFormError(s.form);
      },
    });
  };

  return (
    <FormDialog
      open={open}
      title={demand ? t('lists.edit') : t('lists.newDemand')}
      submitLabel={t('lists.save')}
      cancelLabel={t('lists.cancel')}
      pending={save.isPending}
      error={formError}
      onSubmit={onSubmit}
      onClose={() => onClose()}
      testId="demand-form"
    >
      <Field label={t('lists.field.title')} error={errors.title} wide>
        {(p) => <input {...p} maxLength={200} value={v.title} onChange={(e) => set('title', e.target.value)} />}
      </Field>
      <Field label={t('lists.field.description')} error={errors.description} wide>
        {(p) => <textarea {...p} rows={3} value={v.description} onChange={(e) => set('description', e.target.value)} />}
      </Field>
      <Field label={t('lists.field.category')} error={errors.category}>
        {(p) => (
          <select {...p} value={v.category} onChange={(e) => set('category', e.target.value)}>
            <option value="">{t('lists.field.choose')}</option>
            {categories.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('lists.field.urgency')} error={errors.urgency}>
        {(p) => (
          <select {...p} value={v.urgency} onChange={(e) => set('urgency', e.target.value)}>
            {DEMAND_URGENCIES.map((u) => (
              <option key={u} value={u}>
                {t(`lists.urgency.${u}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {!demand && (
        <>
          <Field label={t('lists.field.unit')} error={errors.unit}>
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
          <Field label={t('lists.field.source')} error={errors.source}>
            {(p) => (
              <select {...p} value={v.source} onChange={(e) => set('source', e.target.value)}>
                {DEMAND_SOURCES.filter((s) => s !== 'meeting').map((s) => (
                  <option key={s} value={s}>
                    {t(`lists.source.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </>
      )}
      {v.source === 'resident' && (
        <Field label={t('lists.field.residentName')} error={errors.residentName}>
          {(p) => <input {...p} maxLength={50} value={v.residentName} onChange={(e) => set('residentName', e.target.value)} />}
        </Field>
      )}
      <Field label={t('lists.field.location')} error={errors.location}>
        {(p) => <input {...p} maxLength={200} value={v.location} onChange={(e) => set('location', e.target.value)} />}
      </Field>
      <Field label={t('lists.field.tags')} error={errors.tags} wide>
        {(p) => <input {...p} value={v.tags} onChange={(e) => set('tags', e.target.value)} />}
      </Field>
    </FormDialog>
  );
}
