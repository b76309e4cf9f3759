import type { RatingTrend } from '@tongxin/shared';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { QueryState } from '../../app/QueryState.js';
import { useAlliance } from '../../lib/alliance.js';
import { EvaluationTabs } from '../evaluation/EvaluationTabs.js';
import { RulesDialog } from './RulesDialog.js';
import { useLiveRatings, useRatingOverview, useRatingTrend, type RatingOverview } from './queries.js';
import { figure, periodLabel, RulesSummary } from './ratingWords.js';
import '../lists/lists.css';
import './ratings.css';

const TREND_COUNT = 4;

/** 星级评定: the periods (the current one first) with their status, the rules in words, each unit's trend. */
export default function RatingsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const alliance = useAlliance(id);
  const overview = useRatingOverview(id);
  useLiveRatings(id);
  const [editingRules, setEditingRules] = useState(false);
  return (
    <div className="page ratings-page">
      <header className="page-head">
        <p className="muted small">
          <Link to={`/alliances/${id}`}>{alliance.data?.name ?? '…'}</Link>
        </p>
        <h1>{t('ratings.title')}</h1>
        <p className="lead">{t('ratings.intro')}</p>
      </header>
      <EvaluationTabs allianceId={id} current="ratings" />
      <QueryState query={overview}>
        {(o) => (
          <>
            <section className="card" aria-labelledby="ratings-periods">
              <div className="section-head ratings-head">
                <h2 id="ratings-periods">{t('ratings.periods')}</h2>
                {o.can.manage && (
                  <button type="button" className="ghost" onClick={() => setEditingRules(true)}>
                    {t('ratings.rulesButton')}
                  </button>
                )}
              </div>
              <RulesSummary rules={o.rules} />
              <PeriodList allianceId={id} overview={o} />
            </section>
            <TrendSection allianceId={id} />
            {editingRules && <RulesDialog allianceId={id} rules={o.rules} onClose={() => setEditingRules(false)} />}
          </>
        )}
      </QueryState>
    </div>
  );
}

function PeriodList({ allianceId, overview }: { allianceId: string; overview: RatingOverview }) {
  const { t, i18n } = useTranslation();
  // The current period first (even before it has a record), then the others, newest first.
  const known = overview.periods.find((p) => p.period === overview.current);
  const others = overview.periods
    .filter((p) => p.period !== overview.current)
    .sort((a, b) => b.period.localeCompare(a.period));
  const periods = [known ?? { period: overview.current, status: 'open' as const, version: 1 }, ...others];
  if (periods.length === 0) return <p className="muted">{t('ratings.periodsEmpty')}</p>;
  return (
    <ul className="plain-list ratings-periods" data-testid="rating-periods">
      {periods.map((p) => {
        const label = periodLabel(t, i18n.language, p.period);
        return (
          <li key={p.period} className="ratings-period" data-status={p.status}>
            <Link to={`/alliances/${allianceId}/ratings/${p.period}`} className="ratings-period-title">
              {label}
            </Link>
            {p.period === overview.current && <span className="tag">{t('ratings.current')}</span>}
            <span className={`rating-status rating-status-${p.status}`}>
              {p.status === 'published'
                ? t('ratings.publishedVersion', { n: p.version })
                : p.version > 1
                  ? t('ratings.reopenedVersion', { n: p.version - 1 })
                  : t('ratings.status.open')}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function TrendSection({ allianceId }: { allianceId: string }) {
  const { t, i18n } = useTranslation();
  const trend = useRatingTrend(allianceId, TREND_COUNT);
  const [measure, setMeasure] = useState<'points' | 'stars'>('points');
  const measureWord = t(`ratings.trend.measure.${measure}`);
  return (
    <section className="card" aria-labelledby="ratings-trend">
      <div className="section-head ratings-head">
        <h2 id="ratings-trend">{t('ratings.trend.title')}</h2>
        <fieldset className="ratings-measure">
          <legend className="visually-hidden">{t('ratings.trend.show')}</legend>
          {(['points', 'stars'] as const).map((m) => (
            <label key={m}>
              <input
                type="radio"
                name="rating-measure"
                value={m}
                checked={measure === m}
                onChange={() => setMeasure(m)}
              />
              <span>{t(`ratings.trend.${m}`)}</span>
            </label>
          ))}
        </fieldset>
      </div>
      <QueryState
        query={trend}
        isEmpty={(d) => d.periods.length === 0 || d.units.length === 0}
        empty={t('ratings.trend.empty')}
      >
        {(d) => {
          const labels = d.periods.map((p) => periodLabel(t, i18n.language, p));
          return (
            <>
              <TrendChart
                trend={d}
                measure={measure}
                caption={t('ratings.trend.chart', { count: d.periods.length, measure: measureWord })}
              />
              <TrendTable
                trend={d}
                labels={labels}
                measure={measure}
                caption={t('ratings.trend.table', { count: d.periods.length, measure: measureWord })}
              />
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

function TrendChart({ trend, measure, caption }: { trend: RatingTrend; measure: 'points' | 'stars'; caption: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const el = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let dispose: (() => void) | null = null;
    let cancelled = false;
    void import('./trendChart.js').then(({ drawTrendChart }) => {
      if (cancelled || !el.current) return;
      dispose = drawTrendChart(
        el.current,
        trend.periods.map((p) => periodLabel(t, lang, p)),
        trend.units.map((u) => ({ name: u.unit.name, values: measure === 'points' ? u.points : u.stars })),
        measure,
      );
      setReady(true);
    });
    return () => {
      cancelled = true;
      dispose?.();
    };
  }, [trend, measure, t, lang]);
  return (
    // The chart is a picture for the eye; the table below says the same in words.
    <figure className="rating-chart-figure">
      {!ready && (
        <p className="muted small" role="status">
          {t('ratings.trend.chartLoading')}
        </p>
      )}
      <div ref={el} className="rating-chart" role="img" aria-label={caption} data-testid="rating-trend-chart" />
    </figure>
  );
}

function TrendTable({
  trend,
  labels,
  measure,
  caption,
}: {
  trend: RatingTrend;
  labels: string[];
  measure: 'points' | 'stars';
  caption: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap rating-table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="rating-table" data-testid="rating-trend-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ratings.review.col.unit')}</th>
            {labels.map((l) => (
              <th key={l} scope="col" className="num">
                {l}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {trend.units.map((u) => (
            <tr key={u.unit.id}>
              <th scope="row">{u.unit.name}</th>
              {(measure === 'points' ? u.points : u.stars).map((v, i) => (
                <td key={i} className="num">
                  {v === null ? (
                    <span className="muted">
                      {measure === 'stars' ? t('ratings.trend.unpublished') : t('ratings.trend.none')}
                    </span>
                  ) : measure === 'stars' ? (
                    t('ratings.starsLabel', { count: v })
                  ) : (
                    figure(v)
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
