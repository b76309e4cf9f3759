import type { TFunction } from 'i18next';
import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import type { z } from 'zod';
import { ApiRequestError } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';

export type FieldErrors = Record<string, string>;

/** One message per field from the shared schema's issues, in the viewer's language. */
export function zodFieldErrors(t: TFunction, error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (!field || out[field]) continue;
    const msg = issue.message;
    out[field] =
      issue.code === 'too_small'
        ? t('lists.errors.required')
        : msg.includes('period')
          ? t('lists.errors.periodOrder')
          : msg.includes('lead unit')
            ? t('lists.errors.leadTwice')
            : msg.includes('twice')
              ? t('lists.errors.unitTwice')
              : t('actionItems.correct.invalid');
  }
  return out;
}

/** A server refusal: under the field it names, or for the whole form. */
export function serverErrors(t: TFunction, err: unknown): { fields: FieldErrors; form: string | null } {
  const field = err instanceof ApiRequestError ? (err.details as { field?: string } | undefined)?.field : undefined;
  if (field) return { fields: { [field]: errorMessage(t, err) }, form: null };
  return { fields: {}, form: errorMessage(t, err) };
}

/** A labelled control with its error under it, tied to it for screen readers. */
export function Field({
  label,
  error,
  hint,
  wide,
  children,
}: {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  wide?: boolean;
  children: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const described = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={['lists-field', error ? 'invalid' : '', wide ? 'wide' : ''].join(' ').trim()}>
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(error ? { 'aria-invalid': true as const } : {}), ...(described ? { 'aria-describedby': described } : {}) })}
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

/**
 * A form in a modal `<dialog>`: focus stays inside, Escape closes it, focus goes back to the button
 * that opened it. Cancel comes before Save, as in every dialog of the product.
 */
export function FormDialog({
  open,
  title,
  children,
  submitLabel,
  cancelLabel,
  pending,
  error,
  onSubmit,
  onClose,
  testId,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  submitLabel: string;
  cancelLabel: string;
  pending?: boolean;
  error?: string | null;
  onSubmit: (e: FormEvent) => void;
  onClose: () => void;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="lists-dialog"
      aria-labelledby={`${id}-title`}
      data-testid={testId}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {open && (
        <form className="lists-form" onSubmit={onSubmit} noValidate>
          <h2 id={`${id}-title`}>{title}</h2>
          <div className="lists-form-grid">{children}</div>
          {error && (
            <p role="alert" className="field-error">
              {error}
            </p>
          )}
          <div className="form-actions">
            <button type="button" className="ghost" onClick={onClose}>
              {cancelLabel}
            </button>
            <button type="submit" disabled={pending}>
              {submitLabel}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

/** Words typed with commas, 、 or spaces between them. */
export const splitTags = (s: string) =>
  s
    .split(/[\s,，、;；]+/)
    .map((x) => x.trim())
    .filter(Boolean);
