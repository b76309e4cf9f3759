import type { TFunction } from 'i18next';
import { ApiRequestError } from './api.js';

const KNOWN = [
  'NETWORK',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'VALIDATION',
  'CONFLICT',
  'INVALID_STATE',
  'RATE_LIMITED',
] as const;

/** A sentence for the person in front of the screen, in their language, for any failure. */
export function errorMessage(t: TFunction, err: unknown): string {
  const code = err instanceof ApiRequestError ? err.code : 'INTERNAL';
  return (KNOWN as readonly string[]).includes(code)
    ? t(`errors.${code as (typeof KNOWN)[number]}`)
    : t('errors.INTERNAL');
}
