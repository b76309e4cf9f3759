import {
  ActionItemPatchSchema,
  type ActionItemDetail,
  type ActionItemEditableField,
  type ActionItemPatch,
} from '@tongxin/shared';
import type { TFunction } from 'i18next';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiRequestError } from '../../lib/api.js';
import { useAlliance } from '../../lib/alliance.js';
import { errorMessage } from '../../lib/errors.js';
import { useEditItem } from './queries.js';
import './actionItems.css';

type Field = ActionItemEditableField | 'reason';
type FieldErrors = Partial<Record<Field, string>>;
type Values = Pick<ActionItemPatch, ActionItemEditableField> & { cooperatingUnits: string[] };

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** One message per field, in the viewer's language, from the shared schema's issues. */
function fieldErrors(t: TFunction, error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path[0] as Field | undefined;
    if (!field || out[field]) continue;
    const empty = issue.code === 'too_small';
    if (field === 'reason') {
      out.reason = empty ? t('actionItems.correct.reasonRequired') : t('actionItems.correct.reasonTooLong');
    } else {
      out[field] = empty
        ? t('actionItems.correct.required')
        : issue.code === 'too_big'
          ? t('actionItems.correct.tooLong')
          : t('actionItems.correct.invalid');
    }
  }
  return out;
}

/**
 * 修改督办事项: the fields the server says this viewer may correct (all for a supervisor, the
 * measures for the lead unit), and the reason, checked with the shared schema. Only what changed
 * is sent.
 */
export function ItemEditForm({ item, onClose }: { item: ActionItemDetail; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const fields = item.can.edit;
  const may = (f: ActionItemEditableField) => fields.includes(f);
  const alliance = useAlliance(item.alliance);
  const edit = useEditItem(item.id);
  const heading = useRef<HTMLHeadingElement>(null);
  const [values, setValues] = useState<Values>(() => ({
    title: item.title,
    description: item.description,
    measures: item.measures,
    responsiblePerson: item.responsiblePerson,
    cooperatingUnits: item.cooperatingUnits.map((u) => u.id),
  }));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  // Keyboard and screen-reader users land on the form they opened.
  useEffect(() => heading.current?.focus(), []);

  const set = <K extends keyof Values>(k: K, v: Values[K]) => setValues((old) => ({ ...old, [k]: v }));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const parsed = ActionItemPatchSchema.safeParse({
      ...Object.fromEntries(fields.map((f) => [f, values[f]])),
      reason,
    });
    if (!parsed.success) {
      setErrors(fieldErrors(t, parsed.error));
      return;
    }
    setErrors({});
    const current: Values = {
      title: item.title,
      description: item.description,
      measures: item.measures,
      responsiblePerson: item.responsiblePerson,
      cooperatingUnits: item.cooperatingUnits.map((u) => u.id),
    };
    const changed = fields.filter((f) =>
      f === 'cooperatingUnits'
        ? !sameSet(parsed.data.cooperatingUnits ?? [], current.cooperatingUnits)
        : parsed.data[f] !== current[f],
    );
    if (changed.length === 0) {
      setFormError(t('actionItems.correct.nothingChanged'));
      return;
    }
    const patch = { ...Object.fromEntries(changed.map((f) => [f, parsed.data[f]])), reason: parsed.data.reason };
    edit.mutate(patch as ActionItemPatch, {
      onSuccess: () => onClose(true),
      onError: (err) => {
        const field =
          err instanceof ApiRequestError ? (err.details as { field?: string } | undefined)?.field : undefined;
        if (field === 'cooperatingUnits') setErrors({ cooperatingUnits: t('actionItems.correct.leadCoop') });
        else setFormError(errorMessage(t, err));
      },
    });
  };

  const units = (alliance.data?.memberships ?? []).filter((m) => m.unit.id !== item.leadUnit.id);

  return (
    <section className="card ai-correct" aria-labelledby="ai-edit-title" data-testid="item-edit">
      <h2 id="ai-edit-title" ref={heading} tabIndex={-1}>
        {t('actionItems.correct.editTitle')}
      </h2>
      {!may('title') && <p className="muted small">{t('actionItems.correct.leadHint')}</p>}
      <form className="form ai-form" onSubmit={onSubmit} noValidate>
        {may('title') && (
          <TextField id="ai-edit-title-input" label={t('actionItems.field.title')} error={errors.title}>
            {(p) => (
              <input {...p} maxLength={200} value={values.title} onChange={(e) => set('title', e.target.value)} />
            )}
          </TextField>
        )}
        {may('description') && (
          <TextField id="ai-edit-description" label={t('actionItems.field.description')} error={errors.description}>
            {(p) => (
              <textarea
                {...p}
                rows={3}
                value={values.description}
                onChange={(e) => set('description', e.target.value)}
              />
            )}
          </TextField>
        )}
        {may('responsiblePerson') && (
          <TextField
            id="ai-edit-person"
            label={t('actionItems.field.responsiblePerson')}
            error={errors.responsiblePerson}
          >
            {(p) => (
              <input
                {...p}
                maxLength={100}
                value={values.responsiblePerson}
                onChange={(e) => set('responsiblePerson', e.target.value)}
              />
            )}
          </TextField>
        )}
        {may('cooperatingUnits') && (
          <fieldset
            className="ai-fieldset"
            aria-describedby={errors.cooperatingUnits ? 'ai-edit-coop-error' : undefined}
          >
            <legend>{t('actionItems.field.cooperatingUnits')}</legend>
            <div className="ai-checks">
              {units.map((m) => (
                <label key={m.unit.id} className="ai-check-option">
                  <input
                    type="checkbox"
                    checked={values.cooperatingUnits.includes(m.unit.id)}
                    onChange={(e) =>
                      set(
                        'cooperatingUnits',
                        e.target.checked
                          ? [...values.cooperatingUnits, m.unit.id]
                          : values.cooperatingUnits.filter((u) => u !== m.unit.id),
                      )
                    }
                  />
                  <span>{m.unit.name}</span>
                </label>
              ))}
            </div>
            {errors.cooperatingUnits && (
              <span id="ai-edit-coop-error" className="field-error">
                {errors.cooperatingUnits}
              </span>
            )}
          </fieldset>
        )}
        {may('measures') && (
          <TextField id="ai-edit-measures" label={t('actionItems.field.measures')} error={errors.measures}>
            {(p) => (
              <textarea {...p} rows={4} value={values.measures} onChange={(e) => set('measures', e.target.value)} />
            )}
          </TextField>
        )}
        <TextField
          id="ai-edit-reason"
          label={t('actionItems.correct.reason')}
          error={errors.reason}
          hint={t('actionItems.correct.reasonHint')}
        >
          {(p) => <textarea {...p} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </TextField>
        <div className="form-actions">
          <button type="submit" disabled={edit.isPending}>
            {edit.isPending ? t('actionItems.correct.saving') : t('actionItems.correct.save')}
          </button>
          <button type="button" className="ghost" onClick={() => onClose(false)}>
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

/** A labelled control with its error (or hint) under it, tied to it for screen readers. */
export function TextField({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  children: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
}) {
  const described = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={error ? 'ai-field invalid' : 'ai-field'}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        ...(error ? { 'aria-invalid': true as const } : {}),
        ...(described ? { 'aria-describedby': described } : {}),
      })}
      {error ? (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      ) : (
        hint && (
          <span id={`${id}-hint`} className="muted small">
            {hint}
          </span>
        )
      )}
    </div>
  );
}
