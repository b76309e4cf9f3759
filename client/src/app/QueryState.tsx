import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiRequestError } from '../lib/api.js';
import { errorMessage } from '../lib/errors.js';

/** Loading, error (with retry, or the way back when refused) and empty states, the same on every screen. */
export function QueryState<T>({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: UseQueryResult<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <p className="muted" role="status">
        {t('common.loading')}
      </p>
    );
  }
  if (query.isError) {
    // Refused or gone: asking again will not change it; lead back instead.
    const status = query.error instanceof ApiRequestError ? query.error.status : 0;
    if (status === 403 || status === 404) {
      return (
        <div role="alert" className="alert">
          <p>{status === 403 ? t('common.forbiddenHere') : errorMessage(t, query.error)}</p>
          <Link to="/">{t('notFound.back')}</Link>
        </div>
      );
    }
    return (
      <div role="alert" className="alert">
        <p>{errorMessage(t, query.error)}</p>
        <button type="button" onClick={() => void query.refetch()}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  if (isEmpty?.(query.data)) return <p className="muted">{empty ?? t('common.empty')}</p>;
  return <>{children(query.data)}</>;
}
