import { PERIOD_KEY_PATTERN, PERIOD_KINDS, type PeriodKind } from '@tongxin/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import { QueryState } from '../../app/QueryState.js';
import { formatHours } from './issues.js';
import { kindOf, periodChoices, periodLabel, recentPeriods, switchKind } from './periods.js';
import { useUnitService } from './queries.js';
import './people.css';

/** 本单位党员双报到服务 (/units/:id/service?period=2026-Q4): each member's hours and activities in a period. */
export default function UnitServicePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asked = params.get('period') ?? '';
  // Without a period in the address the server answers for its current quarter.
  const service = useUnitService(id, PERIOD_KEY_PATTERN.test(asked) ? asked : null);
  const period = PERIOD_KEY_PATTERN.test(asked)
    ? asked
    : (service.data?.period ?? recentPeriods('quarter', new Date())[0]!);
  const kind = kindOf(period);
  // The server's current quarter, as it answered when no period was asked: the choices reach it.
  const [serverCurrent, setServerCurrent] = useState<string | null>(null);
  const answered = !PERIOD_KEY_PATTERN.test(asked) ? service.data?.period : undefined;
  useEffect(() => {
    if (answered) setServerCurrent(answered);
  }, [answered]);
  const options = periodChoices(kind, [period, serverCurrent], new Date());
  if (!options.includes(period)) options.unshift(period);
  const setPeriod = (p: string) => setParams({ period: p }, { replace: true });
  const unitName = service.data?.unit.name;

  return (
    <div className="page service-page unit-service-page">
      <header className="page-head">
        {unitName && <p className="muted small">{unitName}</p>}
        <h1>{unitName ? t('people.unit.title', { unit: unitName }) : t('people.unit.heading')}</h1>
        <p className="lead">{t('people.unit.intro')}</p>
      </header>
      <section className="card" aria-labelledby="unit-service-heading">
        <h2 id="unit-service-heading" className="visually-hidden">
          {t('people.unit.heading')}
        </h2>
        <div className="service-toolbar">
          <label className="service-inline-field">
            <span>{t('people.unit.periodKind')}</span>
            <select
              value={kind}
              onChange={(e) => setPeriod(switchKind(e.target.value as PeriodKind, period, new Date()))}
            >
              {PERIOD_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`people.unit.kind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="service-inline-field">
            <span>{t('people.unit.period')}</span>
            <select value={period} onChange={(e) => setPeriod(e.target.value)}>
              {options.map((p) => (
                <option key={p} value={p}>
                  {periodLabel(t, p)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <QueryState query={service}>
          {(s) => (
            <>
              <p className="service-total" data-testid="unit-total" aria-live="polite">
                <strong>{t('people.unit.totalHours', { hours: formatHours(s.totalHours, i18n.language) })}</strong>
              </p>
              {s.members.length === 0 ? (
                <p className="muted">{t('people.unit.empty')}</p>
              ) : (
                <div
                  className="table-wrap service-table-wrap"
                  tabIndex={0}
                  role="region"
                  aria-label={t('people.unit.tableLabel')}
                >
                  <table className="service-table" data-testid="unit-service-table">
                    <thead>
                      <tr>
                        <th scope="col">{t('people.unit.member')}</th>
                        <th scope="col">{t('people.unit.community')}</th>
                        <th scope="col" className="num">
                          {t('people.unit.hours')}
                        </th>
                        <th scope="col" className="num">
                          {t('people.unit.activities')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {s.members.map((m) => (
                        <tr key={`${m.member.id}-${m.community.id}`}>
                          <th scope="row">{m.member.name}</th>
                          <td>{m.community.name}</td>
                          <td className="num">{formatHours(m.hours, i18n.language)}</td>
                          <td className="num">{m.activities}</td>
                        </tr>
                      ))}
                    </tbody>
                    <tfoot>
                      <tr>
                        <th scope="row" colSpan={2}>
                          {t('people.unit.total')}
                        </th>
                        <td className="num">{formatHours(s.totalHours, i18n.language)}</td>
                        <td className="num">{s.members.reduce((n, m) => n + m.activities, 0)}</td>
                      </tr>
                    </tfoot>
                  </table>
                </div>
              )}
            </>
          )}
        </QueryState>
      </section>
    </div>
  );
}
