import { describeAggregation, EVALUATOR_GROUPS, type Appraisal, type ReportResult } from '@tongxin/shared';
import { useTranslation } from 'react-i18next';

const fmt = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toFixed(1));

/**
 * 评议结果: each report's score by the stated aggregation (the server's words), by evaluator group
 * and by criterion; who gave what only in a named session.
 */
export function ResultsSection({ appraisal: a }: { appraisal: Appraisal }) {
  const { t, i18n } = useTranslation();
  // The server states it in Chinese; the same shared function says it in English.
  const words = i18n.language.startsWith('zh') ? a.aggregationText : describeAggregation(a.aggregation, a.scale, i18n.language);
  return (
    <section className="card appraisal-results" aria-labelledby="appraisal-results" data-testid="appraisal-results">
      <h2 id="appraisal-results">{t('appraisal.results.title')}</h2>
      <p className="appraisal-method">{t('appraisal.results.method', { text: words })}</p>
      {!a.results ? (
        <p className="muted">{t('appraisal.results.notYet')}</p>
      ) : (
        <>
          <div className="appraisal-table-wrap" tabIndex={0} role="region" aria-label={t('appraisal.results.title')}>
            <table className="appraisal-table">
              <thead>
                <tr>
                  <th scope="col">{t('appraisal.detail.reports')}</th>
                  <th scope="col">{t('appraisal.results.score')}</th>
                  {EVALUATOR_GROUPS.map((g) => (
                    <th key={g} scope="col">
                      {t(`appraisal.group.${g}`)}
                    </th>
                  ))}
                  {a.criteria.map((c) => (
                    <th key={c.key} scope="col">
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {a.results.map((r) => (
                  <tr key={r.reporter.id} data-testid="appraisal-result" data-unit={r.reporter.name}>
                    <th scope="row">
                      {r.reporter.name}
                      <span className="muted small appraisal-counts">{t('appraisal.results.counts', { units: r.counts.units, public: r.counts.public })}</span>
                    </th>
                    <td className="appraisal-score" data-testid="appraisal-score">
                      {r.score === null ? t('appraisal.results.noScore') : fmt(r.score)}
                    </td>
                    {EVALUATOR_GROUPS.map((g) => (
                      <td key={g}>{fmt(r.byGroup[g])}</td>
                    ))}
                    {a.criteria.map((c) => (
                      <td key={c.key}>{fmt(r.byCriterion[c.key])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {a.secrecy === 'named' ? (
            a.results.map((r) => <NamedScores key={r.reporter.id} result={r} />)
          ) : (
            <p className="muted small">{t('appraisal.results.secretNote')}</p>
          )}
        </>
      )}
    </section>
  );
}

function NamedScores({ result: r }: { result: ReportResult }) {
  const { t } = useTranslation();
  if (!r.named || r.named.length === 0) return null;
  return (
    <details className="appraisal-named">
      <summary>
        {t('appraisal.results.named')} · {r.reporter.name}
      </summary>
      <div className="appraisal-table-wrap" tabIndex={0} role="region" aria-label={`${t('appraisal.results.named')} · ${r.reporter.name}`}>
        <table className="appraisal-table">
          <thead>
            <tr>
              <th scope="col">{t('appraisal.results.evaluator')}</th>
              <th scope="col">{t('appraisal.results.group')}</th>
              <th scope="col">{t('appraisal.results.score')}</th>
              <th scope="col">{t('appraisal.results.comment')}</th>
            </tr>
          </thead>
          <tbody>
            {r.named.map((n, i) => (
              <tr key={i}>
                <td>{n.evaluator}</td>
                <td>{t(`appraisal.group.${n.group}`)}</td>
                <td>{fmt(n.score)}</td>
                <td>{n.comment}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
