import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { HealthSchema } from '@tongxin/shared';
import { getJson } from '../../lib/api.js';

export function SystemStatus() {
  const { t } = useTranslation();
  const health = useQuery({
    queryKey: ['health'],
    queryFn: () => getJson('/api/health', HealthSchema),
    refetchInterval: 30_000,
  });

  return (
    <section className="card" aria-labelledby="status-title" aria-busy={health.isPending}>
      <h2 id="status-title">{t('status.title')}</h2>
      {health.isPending && <p className="muted">{t('status.loading')}</p>}
      {health.isError && (
        <div role="alert" className="alert">
          <p>{t('status.error', { message: health.error.message })}</p>
          <button type="button" onClick={() => void health.refetch()}>
            {t('status.retry')}
          </button>
        </div>
      )}
      {health.data && (
        <>
          <p className={`badge ${health.data.status}`} data-testid="health-status">
            {t(`status.${health.data.status}`)}
          </p>
          <dl className="facts">
            <dt>{t('status.database')}</dt>
            <dd>
              {t(`status.dbMode.${health.data.db.mode}`)} ·{' '}
              {health.data.db.ok ? t('status.connected') : t('status.disconnected')}
            </dd>
            <dt>{t('status.redis')}</dt>
            <dd>
              {!health.data.redis.configured
                ? t('status.notConfigured')
                : health.data.redis.ok
                  ? t('status.connected')
                  : t('status.disconnected')}
            </dd>
            <dt>{t('status.version')}</dt>
            <dd>{health.data.version}</dd>
          </dl>
        </>
      )}
    </section>
  );
}
