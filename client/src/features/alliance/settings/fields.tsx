import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { z } from 'zod';

export type FieldErrors = Partial<Record<string, string>>;

/**
 * One message per field from the zod issues of the shared schema, in the viewer's language.
 * `special` names fields whose rule deserves its own sentence (the quorum's range…).
 */
export function fieldErrors(
  t: TFunction,
  error: z.ZodError,
  special: Record<string, string> = {},
  depth = 0,
): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[depth] ?? '');
    if (!key || out[key]) continue;
    out[key] =
      special[key] ??
      (issue.code === 'too_small' && 'origin' in issue && issue.origin === 'string'
        ? t('allianceSettings.errRequired')
        : issue.code === 'too_big'
          ? t('allianceSettings.errTooLong')
          : t('allianceSettings.errInvalid'));
  }
  return out;
}

export interface FieldProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

/** A labelled field with its own error under it, announced with it but not part of its name. */
export function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  children: (props: FieldProps) => ReactNode;
}) {
  const described = [error ? `${id}-err` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error !== undefined, 'aria-describedby': described })}
      {hint && (
        <span className="muted small" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="field-error" id={`${id}-err`}>
          {error}
        </span>
      )}
    </div>
  );
}
