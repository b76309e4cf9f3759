import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  UnitInputSchema,
  UnitKindSchema,
  UnitLevelSchema,
  UnitPatchSchema,
  UnitSchema,
  type Unit,
} from '@tongxin/shared';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { send } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';
import { control, Field } from './Field.js';
import { fieldErrors, serverFieldError, type FieldErrors } from './fieldErrors.js';
import { UNITS_KEY } from './queries.js';

type F = 'name' | 'kind' | 'level' | 'region';

/** Create a unit (no `unit`) or edit one: name, kind, level, region, checked with the shared schema. */
export function UnitForm({
  unit,
  onDone,
  onCancel,
}: {
  unit?: Unit;
  onDone: (unit: Unit) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const uid = useId();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Record<F, string>>({
    name: unit?.name ?? '',
    kind: unit?.kind ?? '',
    level: unit?.level ?? '',
    region: unit?.region ?? '',
  });
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (body: unknown) =>
      unit ? send('PATCH', `/api/units/${unit.id}`, body, UnitSchema) : send('POST', '/api/units', body, UnitSchema),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: UNITS_KEY });
      if (!unit) {
        setValues({ name: '', kind: '', level: '', region: '' });
        setCreated(saved!.name);
      }
      onDone(saved!);
    },
    onError: (err) => {
      const pinned = serverFieldError(t, err);
      if (pinned) setErrors({ [pinned.field]: pinned.message });
      else setFormError(errorMessage(t, err));
    },
  });
  const set = (f: F) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [f]: e.target.value }));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    setCreated(null);
    const parsed = unit ? UnitPatchSchema.safeParse(changed(unit, values)) : UnitInputSchema.safeParse(values);
    // An edit that changes nothing: nothing to send.
    if (unit && Object.keys(changed(unit, values)).length === 0) return onCancel?.();
    if (!parsed.success) return setErrors(fieldErrors(t, parsed.error, values, ['kind', 'level']));
    setErrors({});
    save.mutate(parsed.data);
  };

  const id = (f: F) => `${uid}-${f}`;
  return (
    <form className="form grid admin-form" onSubmit={onSubmit} noValidate>
      <Field id={id('name')} label={t('admin.units.name')} error={errors.name}>
        <input
          value={values.name}
          onChange={set('name')}
          maxLength={100}
          autoComplete="off"
          {...control(id('name'), errors.name)}
        />
      </Field>
      <Field id={id('kind')} label={t('admin.units.kind')} error={errors.kind}>
        <select value={values.kind} onChange={set('kind')} {...control(id('kind'), errors.kind)}>
          <option value="">{t('admin.choose')}</option>
          {UnitKindSchema.options.map((k) => (
            <option key={k} value={k}>
              {t(`unitKind.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id={id('level')} label={t('admin.units.level')} error={errors.level}>
        <select value={values.level} onChange={set('level')} {...control(id('level'), errors.level)}>
          <option value="">{t('admin.choose')}</option>
          {UnitLevelSchema.options.map((l) => (
            <option key={l} value={l}>
              {t(`admin.level.${l}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id={id('region')} label={t('admin.units.region')} hint={t('admin.units.regionHint')} error={errors.region}>
        <input
          value={values.region}
          onChange={set('region')}
          maxLength={100}
          autoComplete="off"
          {...control(id('region'), errors.region, t('admin.units.regionHint'))}
        />
      </Field>
      {formError && (
        <p role="alert" className="field-error form-wide">
          {formError}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={save.isPending}>
          {unit ? t('common.save') : save.isPending ? t('admin.units.creating') : t('admin.units.create')}
        </button>
        {onCancel && (
          <button type="button" className="ghost" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
      {!unit && (
        <p role="status" className="success form-wide">
          {created ? t('admin.units.created', { name: created }) : ''}
        </p>
      )}
    </form>
  );
}

/** Only what the edit changed, so the audit trail names exactly that. */
function changed(unit: Unit, values: Record<F, string>): Partial<Record<F, string>> {
  return Object.fromEntries(
    (Object.keys(values) as F[]).filter((f) => values[f] !== (unit[f] ?? '')).map((f) => [f, values[f]]),
  );
}
