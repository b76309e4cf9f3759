import { WHISTLE_PERIODS, type WhistleStatsRowView } from '@tongxin/shared';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { QueryState } from '../../app/QueryState.js';
import { useAlliance } from '../../lib/alliance.js';
import { useWhistleStats } from './queries.js';
import '../lists/lists.css';
import './whistles.css';

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

/** 吹哨报到统计: per department and period, a chart (ECharts, loaded on demand), the table, the exports. */
export default function WhistleStatsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const alliance = useAlliance(id);
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? 'month';
  const [range, setRange] = useState({ from: params.get('from') ?? '', to: params.get('to') ?? '' });
  const query = new URLSearchParams({ period, ...(params.get('from') ? { from: params.get('from')! } : {}), ...(params.get('to') ? { to: params.get('to')! } : {}) }).toString();
  const stats = useWhistleStats(id, query);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setParams(new URLSearchParams({ period, ...(range.from ? { from: range.from } : {}), ...(range.to ? { to: range.to } : {}) }), { replace: true });
  };
  return (
    <div className="page whistle-stats-page">
      <header className="page-head">
        <p className="muted small">
          <Link to={`/alliances/${id}`}>{alliance.data?.name ?? '…'}</Link>
          {' · '}
          <Link to={`/alliances/${id}/whistles`}>{t('whistles.title')}</Link>
        </p>
        <h1>{t('whistles.stat.title')}</h1>
        <p className="lead">{t('whistles.stat.intro')}</p>
      </header>
      <section className="card">
        <form className="whistles-filters" onSubmit={apply}>
          <label>
            <span>{t('whistles.stat.period')}</span>
            <select
              value={period}
              onChange={(e) => {
                const next = new URLSearchParams(params);
                next.set('period', e.target.value);
                setParams(next, { replace: true });
              }}
            >
              {WHISTLE_PERIODS.map((p) => (
                <option key={p} value={p}>
                  {t(`whistles.stat.periods.${p}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('whistles.stat.from')}</span>
            <input type="date" value={range.from} onChange={(e) => setRange((r) => ({ ...r, from: e.target.value }))} />
          </label>
          <label>
            <span>{t('whistles.stat.to')}</span>
            <input type="date" value={range.to} onChange={(e) => setRange((r) => ({ ...r, to: e.target.value }))} />
          </label>
          <button type="submit" className="outline">
            {t('whistles.stat.apply')}
          </button>
          <a className="button outline" href={`/api/alliances/${id}/whistle-stats/export?${query}&format=csv`} download>
            {t('whistles.stat.exportCsv')}
          </a>
          <a className="button outline" href={`/api/alliances/${id}/whistle-stats/export?${query}&format=xlsx`} download>
            {t('whistles.stat.exportXlsx')}
          </a>
        </form>
        <QueryState query={stats} isEmpty={(s) => s.rows.length === 0} empty={t('whistles.stat.empty')}>
          {(s) => (
            <>
              <StatsChart rows={s.rows} />
              <StatsTable rows={s.rows} />
            </>
          )}
        </QueryState>
      </section>
    </div>
  );
}

function StatsChart({ rows }: { rows: WhistleStatsRowView[] }) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let dispose: (() => void) | null = null;
    let cancelled = false;
    void import('./statsChart.js').then(({ drawStatsChart }) => {
      if (cancelled || !el.current) return;
      dispose = drawStatsChart(
        el.current,
        rows,
        { ack: t('whistles.stat.col.ackRate'), report: t('whistles.stat.col.reportRate'), satisfaction: t('whistles.stat.col.satisfaction') },
        new Set(rows.map((r) => r.period)).size > 1,
      );
      setReady(true);
    });
    return () => {
      cancelled = true;
      dispose?.();
    };
  }, [rows, t]);
  return (
    <figure className="whistle-chart-figure">
      <figcaption>{t('whistles.stat.chart')}</figcaption>
      {!ready && (
        <p className="muted small" role="status">
          {t('whistles.stat.chartLoading')}
        </p>
      )}
      <div ref={el} className="whistle-chart" role="img" aria-label={t('whistles.stat.chart')} data-testid="whistle-chart" />
    </figure>
  );
}

function StatsTable({ rows }: { rows: WhistleStatsRowView[] }) {
  const { t } = useTranslation();
  const col = (k: string) => t(`whistles.stat.col.${k}`);
  return (
    <div className="table-wrap whistle-stats-table" tabIndex={0} role="region" aria-label={t('whistles.stat.table')}>
      <table data-testid="whistle-stats-table">
        <caption>{t('whistles.stat.table')}</caption>
        <thead>
          <tr>
            {['period', 'unit', 'received', 'ackRate', 'reportRate', 'closed', 'avgClose', 'satisfied', 'basic', 'unsatisfied', 'satisfaction'].map((k) => (
              <th key={k} scope="col">
                {col(k)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.period}-${r.unit.id}`}>
              <td>{r.period}</td>
              <th scope="row">{r.unit.name}</th>
              <td>{r.received}</td>
              <td>{pct(r.ackOnTimeRate)}</td>
              <td>{pct(r.reportOnTimeRate)}</td>
              <td>{r.closed}</td>
              <td>{r.avgCloseHours === null ? '—' : t('whistles.stat.hours', { count: r.avgCloseHours })}</td>
              <td>{r.satisfied}</td>
              <td>{r.basic}</td>
              <td>{r.unsatisfied}</td>
              <td>{pct(r.satisfactionRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
