import type { TFunction } from 'i18next';
import { ApiRequestError } from '../../lib/api.js';
import { errorMessage } from '../../lib/errors.js';

/** Messages by the field's full path (`members.2.homeUnit`, `title`). */
export type PathErrors = Record<string, string>;

interface Issue {
  code?: string;
  path?: readonly PropertyKey[];
  origin?: string;
}

export interface IssueWords {
  /** A sentence of its own for a field, by the last part of its path (`hours`, `needed`). */
  special?: Record<string, string>;
  /** Fields that are chosen (selects): when empty, "please choose" rather than "please fill in". */
  selects?: string[];
  /** The body that was checked, to tell an empty field from a wrong one. */
  data?: unknown;
}

const valueAt = (data: unknown, path: string[]): unknown =>
  path.reduce<unknown>(
    (v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
    data,
  );

/**
 * One message per field path, from zod issues — those of the shared schema parsed here, or the
 * ones the server answers a refused body with (`details` of a VALIDATION error): the same schema,
 * so the same paths.
 */
export function issuesToErrors(t: TFunction, issues: readonly Issue[], words: IssueWords = {}): PathErrors {
  const out: PathErrors = {};
  for (const issue of issues) {
    const path = (issue.path ?? []).map(String);
    const key = path.join('.');
    if (!key || out[key]) continue;
    const last = path[path.length - 1] ?? '';
    const value = words.data === undefined ? 'unknown' : valueAt(words.data, path);
    const empty =
      value === '' || value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value));
    out[key] = empty
      ? words.selects?.includes(last)
        ? t('people.errors.choose')
        : t('people.errors.required')
      : (words.special?.[last] ??
        (issue.code === 'too_small' && issue.origin === 'string'
          ? t('people.errors.required')
          : issue.code === 'too_big' && issue.origin === 'string'
            ? t('people.errors.tooLong')
            : t('people.errors.invalid')));
  }
  return out;
}

/** A refusal from the server: under the fields its zod issues name, else one line for the form. */
export function serverIssues(
  t: TFunction,
  err: unknown,
  words: IssueWords = {},
): { fields: PathErrors; form: string | null } {
  if (err instanceof ApiRequestError && err.code === 'VALIDATION' && Array.isArray(err.details)) {
    const fields = issuesToErrors(t, err.details as Issue[], words);
    if (Object.keys(fields).length > 0) return { fields, form: null };
  }
  if (err instanceof ApiRequestError) {
    const field = (err.details as { field?: string } | undefined)?.field;
    if (field) return { fields: { [field]: errorMessage(t, err) }, form: null };
  }
  return { fields: {}, form: errorMessage(t, err) };
}

/** Words typed with commas, 、 or spaces between them, as the tags they name (no repeats). */
export const splitTags = (s: string) => [
  ...new Set(
    s
      .split(/[\s,，、;；]+/)
      .map((x) => x.trim())
      .filter(Boolean),
  ),
];

/** 1.5 → "1.5", 2 → "2": hours as people write them. */
export const formatHours = (h: number, lang: string) =>
  new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(h);
