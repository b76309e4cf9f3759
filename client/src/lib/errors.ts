import type { TFunction } from 'i18next';
import { ErrorCodeSchema } from '@tongxin/shared';
import { ApiRequestError } from './api.js';

/**
 * Every code the server may answer with, plus the client's own: an unreachable server, an action
 * refused because the live connection is down, one sent whose answer never came.
 */
const KNOWN: readonly string[] = [...ErrorCodeSchema.options, 'NETWORK', 'OFFLINE', 'NOT_CONFIRMED'];

/** A sentence for the person in front of the screen, in their language, for any failure. */
export function errorMessage(t: TFunction, err: unknown): string {
  const code = err instanceof ApiRequestError ? err.code : 'INTERNAL';
  return KNOWN.includes(code) ? t(`errors.${code}`) : t('errors.INTERNAL');
}
