import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { ApiRequestError } from '../../lib/api.js';

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/** Fields whose own rule has a sentence of its own when the value is not empty but wrong. */
const SPECIFIC: Record<string, string> = {
  login: 'admin.fieldErrors.login',
  phone: 'admin.fieldErrors.phone',
  email: 'admin.fieldErrors.email',
  newPassword: 'admin.fieldErrors.password',
};

/**
 * One message per field from the issues of the shared schema — the same schema the server
 * parses with — in the viewer's language, for the error line under each field.
 */
export function fieldErrors<F extends string>(
  t: TFunction,
  error: z.ZodError,
  values: Record<F, unknown>,
  selects: readonly F[] = [],
): FieldErrors<F> {
  const out: FieldErrors<F> = {};
  for (const issue of error.issues) {
    const field = issue.path[0] as F | undefined;
    if (field === undefined || out[field]) continue;
    const value = values[field];
    const empty = value === '' || value === undefined;
    out[field] =
      issue.code === 'custom'
        ? field === 'confirmPassword'
          ? t('admin.fieldErrors.passwordMismatch')
          : field === 'newPassword'
            ? t('admin.fieldErrors.passwordSame')
            : t('admin.fieldErrors.invalid')
        : empty
          ? selects.includes(field)
            ? t('admin.fieldErrors.choose')
            : t('admin.fieldErrors.required')
          : issue.code === 'too_big' && !(field in SPECIFIC)
            ? t('admin.fieldErrors.tooLong')
            : SPECIFIC[field]
              ? t(SPECIFIC[field])
              : t('admin.fieldErrors.invalid');
  }
  return out;
}

/** A refusal the server pins to one field (a taken name or login, a wrong current password). */
export function serverFieldError(t: TFunction, err: unknown): { field: string; message: string } | null {
  if (!(err instanceof ApiRequestError)) return null;
  const details = err.details as { fields?: string; field?: string } | undefined;
  if (err.code === 'CONFLICT' && details?.fields === 'name')
    return { field: 'name', message: t('admin.fieldErrors.nameTaken') };
  if (err.code === 'CONFLICT' && details?.fields === 'login')
    return { field: 'login', message: t('admin.fieldErrors.loginTaken') };
  if (err.code === 'VALIDATION' && details?.field === 'currentPassword') {
    return { field: 'currentPassword', message: t('admin.fieldErrors.currentWrong') };
  }
  if (err.code === 'VALIDATION' && details?.field === 'newPassword') {
    return { field: 'newPassword', message: t('admin.fieldErrors.passwordSame') };
  }
  return null;
}
