import { RESOURCE_KINDS, RESOURCE_STATUSES, ResourceCreateSchema, ResourcePatchSchema, ResourceSchema, type Resource } from '@tongxin/shared';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field, FormDialog, serverErrors, splitTags, zodFieldErrors, type FieldErrors } from './fields.js';
import { patch, post, useListMutation } from './queries.js';

interface Props {
  allianceId: string;
  categories: string[];
  units: { id: string; name: string }[];
  resource?: Resource;
  open: boolean;
  onClose: () => void;
}

/** 发布资源 / 编辑资源 */
export function ResourceForm({ allianceId, categories, units, resource, open, onClose }: Props) {
  const { t } = useTranslation();
  const [v, setV] = useState(() => ({
    unit: resource?.unit.id ?? units[0]?.id ?? '',
    kind: resource?.kind ?? 'venue',
    category: resource?.category ?? '',
    title: resource?.title ?? '',
    description: resource?.description ?? '',
    quantity: resource?.quantity ?? '',
    availableFrom: resource?.availableFrom ?? '',
    availableTo: resource?.availableTo ?? '',
    contact: resource?.contact ?? '',
    conditions: resource?.conditions ?? '',
    tags: resource?.tags.join('、') ?? '',
    status: resource?.status ?? 'available',
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = (k: keyof typeof v, value: string) => setV((old) => ({ ...old, [k]: value }));
  const save = useListMutation((body: unknown) =>
    resource ? patch(`/api/resources/${resource.id}`, body, ResourceSchema) : post(`/api/alliances/${allianceId}/resources`, body, ResourceSchema),
  );

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const { unit, status, ...rest } = v;
    const common = { ...rest, tags: splitTags(v.tags), availableFrom: v.availableFrom || null, availableTo: v.availableTo || null };
    const parsed = resource ? ResourcePatchSchema.safeParse({ ...common, status }) : ResourceCreateSchema.safeParse({ ...common, unit });
    if (!parsed.success) {
      setErrors(zodFieldErrors(t, parsed.error));
      return;
    }
    setErrors({});
    save.mutate(parsed.data, {
      onSuccess: () => onClose(),
      onError: (err) => {
        const s = serverErrors(t, err);
        setErrors(s.fields);
        setFormError(s.form);
      },
    });
  };

  const select = (k: 'kind' | 'status' | 'category' | 'unit', options: { value: string; label: string }[], chooser = false) =>
    function Select(p: object) {
      return (
        <select {...p} value={v[k]} onChange={(e) => set(k, e.target.value)}>
          {chooser && <option value="">{t('lists.field.choose')}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
    };

  return (
    <FormDialog
      open={open}
      title={resource ? t('lists.edit') : t('lists.newResource')}
      submitLabel={t('lists.save')}
      cancelLabel={t('lists.cancel')}
      pending={save.isPending}
      error={formError}
      onSubmit={onSubmit}
      onClose={onClose}
      testId="resource-form"
    >
      <Field label={t('lists.field.title')} error={errors.title} wide>
        {(p) => <input {...p} maxLength={200} value={v.title} onChange={(e) => set('title', e.target.value)} />}
      </Field>
      <Field label={t('lists.field.description')} error={errors.description} wide>
        {(p) => <textarea {...p} rows={3} value={v.description} onChange={(e) => set('description', e.target.value)} />}
      </Field>
      {!resource && (
        <Field label={t('lists.field.offeringUnit')} error={errors.unit}>
          {select('unit', units.map((u) => ({ value: u.id, label: u.name })))}
        </Field>
      )}
      <Field label={t('lists.field.kind')} error={errors.kind}>
        {select('kind', RESOURCE_KINDS.map((k) => ({ value: k, label: t(`lists.resourceKind.${k}`) })))}
      </Field>
      <Field label={t('lists.field.category')} error={errors.category}>
        {select('category', categories.map((c) => ({ value: c, label: c })), true)}
      </Field>
      <Field label={t('lists.field.quantity')} error={errors.quantity}>
        {(p) => <input {...p} maxLength={100} value={v.quantity} onChange={(e) => set('quantity', e.target.value)} />}
      </Field>
      <Field label={t('lists.field.availableFrom')} error={errors.availableFrom}>
        {(p) => <input {...p} type="date" value={v.availableFrom} onChange={(e) => set('availableFrom', e.target.value)} />}
      </Field>
      <Field label={t('lists.field.availableTo')} error={errors.availableTo}>
        {(p) => <input {...p} type="date" value={v.availableTo} onChange={(e) => set('availableTo', e.target.value)} />}
      </Field>
      <Field label={t('lists.field.contact')} error={errors.contact}>
        {(p) => <input {...p} maxLength={100} value={v.contact} onChange={(e) => set('contact', e.target.value)} />}
      </Field>
      {resource && (
        <Field label={t('lists.field.status')} error={errors.status}>
          {select('status', RESOURCE_STATUSES.map((s) => ({ value: s, label: t(`lists.resourceStatus.${s}`) })))}
        </Field>
      )}
      <Field label={t('lists.field.conditions')} error={errors.conditions} wide>
        {(p) => <textarea {...p} rows={2} value={v.conditions} onChange={(e) => set('conditions', e.target.value)} />}
      </Field>
      <Field label={t('lists.field.tags')} error={errors.tags} wide>
        {(p) => <input {...p} value={v.tags} onChange={(e) => set('tags', e.target.value)} />}
      </Field>
    </FormDialog>
  );
}
