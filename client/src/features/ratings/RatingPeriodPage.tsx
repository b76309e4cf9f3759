import type { RatingPeriod, UnitRating } from '@tongxin/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { QueryState } from '../../app/QueryState.js';
import { useAlliance } from '../../lib/alliance.js';
import { formatShortDateTime } from '../../lib/format.js';
import { EvaluationTabs } from '../evaluation/EvaluationTabs.js';
import { AdjustDialog, PublishDialog, ReopenDialog } from './ReviewDialogs.js';
import { ratingFiles, useLiveRatings, useRatingPeriod } from './queries.js';
import { figure, periodLabel, RulesSummary, Stars } from './ratingWords.js';
import '../lists/lists.css';
import './ratings.css';

/**
 * A period's 星级评定: the rules in words, each unit's points, 述职评议 score, composite and stars
 * (as computed, or as a secretary adjusted them), 发布 and 重新开启, the versions, the exports and
 * the 反馈函 to each unit.
 */
export default function RatingPeriodPage() {
  const { id = '', period = '' } = useParams();
  const { t, i18n } = useTranslation();
  const alliance = useAlliance(id);
  const rating = useRatingPeriod(id, period);
  useLiveRatings(id);
  const label = periodLabel(t, i18n.language, period);
  return (
    <div className="page ratings-page rating-period-page">
      <header className="page-head">
        <p className="muted small">
          <Link to={`/alliances/${id}`}>{alliance.data?.name ?? '…'}</Link>
          {' · '}
          <Link to={`/alliances/${id}/ratings`}>{t('ratings.title')}</Link>
        </p>
        <h1>{t('ratings.review.title', { period: label })}</h1>
      </header>
      <EvaluationTabs allianceId={id} current="ratings" />
      <QueryState query={rating}>{(r) => <Review allianceId={id} r={r} label={label} />}</QueryState>
    </div>
  );
}

type Dialog = { kind: 'adjust'; row: UnitRating } | { kind: 'publish' } | { kind: 'reopen' } | null;

function Review({ allianceId, r, label }: { allianceId: string; r: RatingPeriod; label: string }) {
  const { t, i18n } = useTranslation();
  const [dialog, setDialog] = useState<Dialog>(null);
  const published = r.status === 'published';
  const close = () => setDialog(null);
  return (
    <>
      <section
        className={`card rating-state rating-state-${r.status}`}
        data-testid="rating-state"
        aria-label={t(`ratings.status.${r.status}`)}
      >
        {published && r.published ? (
          <div className="rating-locked" data-testid="rating-locked">
            <p className="rating-locked-title">{t('ratings.review.lockedBanner', { n: r.version })}</p>
            <p>
              {t('ratings.review.publishedBy', {
                name: r.published.by.name,
                time: formatShortDateTime(r.published.at, i18n.language),
              })}
            </p>
            {r.published.note && <p>{t('ratings.review.note', { note: r.published.note })}</p>}
          </div>
        ) : (
          <p className="rating-open">{t('ratings.review.openBanner')}</p>
        )}
        {r.can.manage && (
          <div className="rating-actions">
            {published ? (
              <button type="button" className="outline" onClick={() => setDialog({ kind: 'reopen' })}>
                {t('ratings.review.reopen')}
              </button>
            ) : (
              <button type="button" onClick={() => setDialog({ kind: 'publish' })} disabled={r.rows.length === 0}>
                {t('ratings.review.publish')}
              </button>
            )}
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="rating-rules-title">
        <h2 id="rating-rules-title">{t('ratings.review.rules')}</h2>
        <RulesSummary rules={r.rules} />
      </section>

      <section className="card" aria-labelledby="rating-table-title">
        <h2 id="rating-table-title">{t('ratings.review.table')}</h2>
        {r.rows.length === 0 ? (
          <p className="muted">{t('ratings.review.empty')}</p>
        ) : (
          <UnitTable allianceId={allianceId} r={r} onAdjust={(row) => setDialog({ kind: 'adjust', row })} />
        )}
      </section>

      <Downloads allianceId={allianceId} r={r} />

      <section className="card" aria-labelledby="rating-history-title">
        <h2 id="rating-history-title">{t('ratings.review.history')}</h2>
        <History r={r} />
      </section>

      {dialog?.kind === 'adjust' && (
        <AdjustDialog allianceId={allianceId} period={r.period} row={dialog.row} onClose={close} />
      )}
      {dialog?.kind === 'publish' && <PublishDialog allianceId={allianceId} r={r} label={label} onClose={close} />}
      {dialog?.kind === 'reopen' && <ReopenDialog allianceId={allianceId} r={r} onClose={close} />}
    </>
  );
}

function UnitTable({
  allianceId,
  r,
  onAdjust,
}: {
  allianceId: string;
  r: RatingPeriod;
  onAdjust: (row: UnitRating) => void;
}) {
  const { t } = useTranslation();
  const col = (k: string) => t(`ratings.review.col.${k}`);
  const published = r.status === 'published';
  const files = ratingFiles(allianceId, r.period);
  const canAdjust = r.can.manage && !published;
  return (
    <table className="rating-table rating-units" data-testid="rating-units">
      <thead>
        <tr>
          <th scope="col" className="num">
            {col('rank')}
          </th>
          <th scope="col">{col('unit')}</th>
          <th scope="col" className="num">
            {col('points')}
          </th>
          <th scope="col" className="num">
            {col('appraisal')}
          </th>
          <th scope="col" className="num">
            {col('composite')}
          </th>
          <th scope="col">{col('stars')}</th>
          <th scope="col">{col('letters')}</th>
          {canAdjust && <th scope="col">{col('actions')}</th>}
        </tr>
      </thead>
      <tbody>
        {r.rows.map((row) => (
          <tr key={row.unit.id} data-unit={row.unit.name} data-testid="rating-row">
            <td className="num" data-label={col('rank')}>
              {row.rank}
            </td>
            <th scope="row" data-label={col('unit')}>
              {row.unit.name}
            </th>
            <td className="num" data-label={col('points')}>
              <Link
                to={`/alliances/${allianceId}/points?period=${r.period}&unit=${row.unit.id}`}
                aria-label={t('ratings.review.pointsLink', { unit: row.unit.name, points: figure(row.points) })}
              >
                {figure(row.points)}
              </Link>
            </td>
            <td className="num" data-label={col('appraisal')}>
              {row.appraisal === null ? (
                <span className="muted">{t('ratings.review.noAppraisal')}</span>
              ) : (
                figure(row.appraisal)
              )}
            </td>
            <td className="num" data-label={col('composite')}>
              {figure(row.composite)}
            </td>
            <td data-label={col('stars')} data-testid="rating-stars-cell">
              <Stars stars={row.stars} />
              {row.adjustment && (
                <span className="rating-adjusted">
                  <span className="tag">{t('ratings.review.adjusted')}</span>{' '}
                  <span className="muted small">{t('ratings.review.computed', { count: row.computedStars })}</span>
                  <span className="muted small rating-adjusted-why">
                    {t('ratings.review.adjustedBy', { name: row.adjustment.by.name, reason: row.adjustment.reason })}
                  </span>
                </span>
              )}
            </td>
            <td data-label={col('letters')}>
              <span className="rating-letters">
                {(['docx', 'pdf'] as const).map((f) =>
                  published ? (
                    <a
                      key={f}
                      className="button outline small-button"
                      href={files.letter(row.unit.id, f)}
                      download
                      aria-label={t('ratings.downloads.letterLabel', { unit: row.unit.name, format: f.toUpperCase() })}
                    >
                      {t(`ratings.downloads.${f}`)}
                    </a>
                  ) : (
                    <button
                      key={f}
                      type="button"
                      className="outline small-button"
                      disabled
                      aria-label={t('ratings.downloads.letterLabel', { unit: row.unit.name, format: f.toUpperCase() })}
                      aria-describedby="rating-letters-reason"
                    >
                      {t(`ratings.downloads.${f}`)}
                    </button>
                  ),
                )}
              </span>
            </td>
            {canAdjust && (
              <td data-label={col('actions')}>
                <button
                  type="button"
                  className="ghost small-button"
                  onClick={() => onAdjust(row)}
                  aria-label={t('ratings.review.adjustLabel', { unit: row.unit.name })}
                >
                  {t('ratings.review.adjust')}
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Downloads({ allianceId, r }: { allianceId: string; r: RatingPeriod }) {
  const { t } = useTranslation();
  const files = ratingFiles(allianceId, r.period);
  const published = r.status === 'published';
  return (
    <section className="card" aria-labelledby="rating-downloads-title">
      <h2 id="rating-downloads-title">{t('ratings.downloads.title')}</h2>
      <div className="rating-downloads">
        <a className="button outline" href={files.csv} download>
          {t('ratings.downloads.csv')}
        </a>
        <a className="button outline" href={files.xlsx} download>
          {t('ratings.downloads.xlsx')}
        </a>
        {published ? (
          <a className="button outline" href={files.letters} download>
            {t('ratings.downloads.letters')}
          </a>
        ) : (
          <button type="button" className="outline" disabled aria-describedby="rating-letters-reason">
            {t('ratings.downloads.letters')}
          </button>
        )}
      </div>
      {!published && (
        <p id="rating-letters-reason" className="muted small">
          {t('ratings.downloads.notPublished')}
        </p>
      )}
    </section>
  );
}

function History({ r }: { r: RatingPeriod }) {
  const { t, i18n } = useTranslation();
  const current =
    r.status === 'published' && r.published
      ? [{ version: r.version, at: r.published.at, by: r.published.by, note: r.published.note, reopenReason: '' }]
      : [];
  const versions = [...current, ...r.history.filter((h) => current.every((c) => c.version !== h.version))];
  if (versions.length === 0) return <p className="muted">{t('ratings.review.historyEmpty')}</p>;
  return (
    <ol className="plain-list rating-history" data-testid="rating-history">
      {versions.map((h) => (
        <li key={h.version}>
          <p>
            {t('ratings.review.historyItem', {
              n: h.version,
              name: h.by.name,
              time: formatShortDateTime(h.at, i18n.language),
            })}
          </p>
          {h.note && <p className="muted small">{t('ratings.review.note', { note: h.note })}</p>}
          {h.reopenReason && (
            <p className="muted small">{t('ratings.review.reopenReason', { reason: h.reopenReason })}</p>
          )}
        </li>
      ))}
    </ol>
  );
}
