import { POINT_CRITERIA, type PointTotals } from '@tongxin/shared';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { QueryState } from '../../app/QueryState.js';
import { useAlliance } from '../../lib/alliance.js';
import { EvaluationTabs } from './EvaluationTabs.js';
import { ManualPointsDialog } from './ManualPointsDialog.js';
import { PeriodPicker, currentPeriod } from './PeriodPicker.js';
import { PointLedger, type LedgerFilter } from './PointLedger.js';
import { formatPoints } from './pointsFormat.js';
import { useLivePoints, usePointTotals } from './pointsQueries.js';
import '../lists/lists.css';
import './evaluation.css';

/** 积分: an alliance's points in a period — per unit, per member (双报到) — and the ledger behind them. */
export default function PointsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const alliance = useAlliance(id);
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? currentPeriod('quarter');
  const filter: LedgerFilter = { unit: params.get('unit') ?? '', member: params.get('member') ?? '', criterion: params.get('criterion') ?? '' };
  const page = Number(params.get('page') ?? '1') || 1;
  const totals = usePointTotals(id, period);
  useLivePoints(id);
  const [entering, setEntering] = useState(false);
  const ledgerHeading = useRef<HTMLHeadingElement>(null);
  const [jump, setJump] = useState(0);

  const setQuery = (change: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(change)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in change)) next.delete('page');
    setParams(next, { replace: true });
  };
  // A unit or a member chosen in a table: its ledger comes into view with the focus on its heading.
  useEffect(() => {
    if (jump === 0) return;
    ledgerHeading.current?.scrollIntoView({ block: 'start' });
    ledgerHeading.current?.focus();
  }, [jump]);
  const openLedger = (change: Partial<LedgerFilter>) => {
    setQuery({ unit: '', member: '', ...change });
    setJump((n) => n + 1);
  };

  const units = (alliance.data?.memberships ?? []).map((m) => m.unit);
  const canManage = totals.data?.can.manage === true;
  return (
    <div className="page evaluation-page points-page">
      <header className="page-head">
        <p className="muted small">
          <Link to={`/alliances/${id}`}>{alliance.data?.name ?? '…'}</Link>
          {' · '}
          {t('evaluation.link')}
        </p>
        <h1>{t('evaluation.points.title')}</h1>
        <p className="lead">{t('evaluation.points.intro')}</p>
      </header>
      <EvaluationTabs allianceId={id} current="points" />
      <div className="evaluation-toolbar">
        <PeriodPicker period={period} onChange={(p) => setQuery({ period: p })} />
        <div className="evaluation-actions">
          {canManage && (
            <button type="button" onClick={() => setEntering(true)}>
              {t('evaluation.points.manual')}
            </button>
          )}
          <Link className="button outline" to={`/alliances/${id}/points/scheme`}>
            {t('evaluation.points.scheme')}
          </Link>
        </div>
      </div>
      <QueryState query={totals}>
        {(data) => (
          <>
            <UnitsTable totals={data} onOpen={(unit) => openLedger({ unit })} selected={filter.unit} />
            <MembersTable totals={data} onOpen={(member) => openLedger({ member })} selected={filter.member} />
          </>
        )}
      </QueryState>
      <PointLedger
        allianceId={id}
        period={period}
        filter={filter}
        page={page}
        units={units}
        members={totals.data?.members.map((m) => m.member) ?? []}
        canManage={canManage}
        headingRef={ledgerHeading}
        onFilter={(change) => setQuery(change)}
      />
      {entering && (
        <ManualPointsDialog
          allianceId={id}
          units={units}
          members={peopleOf(alliance.data?.memberships ?? [], totals.data?.members ?? [])}
          onClose={() => setEntering(false)}
          onDone={(entry) => {
            setEntering(false);
            openLedger(entry.unit ? { unit: entry.unit.id } : { member: entry.member?.id ?? '' });
          }}
        />
      )}
    </div>
  );
}

/** Everyone a manual entry may be for: the units' representatives and the members already serving, once each. */
function peopleOf(
  memberships: { representatives: { id: string; name: string }[] }[],
  serving: PointTotals['members'],
): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const m of memberships) for (const r of m.representatives) seen.set(r.id, r.name);
  for (const m of serving) seen.set(m.member.id, m.member.name);
  return [...seen].map(([id, name]) => ({ id, name }));
}

/** Ranks with ties sharing one (12, 12, 9 → 1, 1, 3). */
function ranked<T extends { total: number }>(rows: T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.total - a.total);
  return sorted.map((r) => ({ ...r, rank: sorted.findIndex((s) => s.total === r.total) + 1 }));
}

const wide = () => typeof window === 'undefined' || window.matchMedia('(min-width: 701px)').matches;

function UnitsTable({ totals, onOpen, selected }: { totals: PointTotals; onOpen: (unit: string) => void; selected: string }) {
  const { t, i18n } = useTranslation();
  const [showCriteria, setShowCriteria] = useState(wide);
  const criteria = POINT_CRITERIA.filter((c) => totals.units.some((u) => (u.byCriterion[c] ?? 0) !== 0));
  const rows = ranked(totals.units);
  const caption = t('evaluation.points.unitsHeading');
  const empty = rows.every((r) => r.total === 0 && r.capped === 0 && r.serviceHours === 0 && Object.values(r.byCriterion).every((v) => v === 0));
  return (
    <section className="card" aria-labelledby="points-units-heading">
      <div className="evaluation-section-head">
        <h2 id="points-units-heading">{caption}</h2>
        {!empty && criteria.length > 0 && (
          <button type="button" className="ghost" aria-expanded={showCriteria} aria-controls="points-units-table" onClick={() => setShowCriteria((s) => !s)}>
            {showCriteria ? t('evaluation.points.hideCriteria') : t('evaluation.points.showCriteria')}
          </button>
        )}
      </div>
      {empty ? (
        <p className="muted" data-testid="points-empty">
          {t('evaluation.points.emptyUnits')}
        </p>
      ) : (
        <div className="table-wrap evaluation-table" tabIndex={0} role="region" aria-label={t('evaluation.points.tableScroll', { table: caption })}>
          <table id="points-units-table" data-testid="points-units">
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('evaluation.points.rank')}
                </th>
                <th scope="col">{t('evaluation.points.unit')}</th>
                <th scope="col" className="num">
                  {t('evaluation.points.total')}
                </th>
                <th scope="col" className="num">
                  {t('evaluation.points.capped')}
                </th>
                {showCriteria &&
                  criteria.map((c) => (
                    <th scope="col" key={c} className="num criterion-col">
                      {t(`evaluation.criterion.${c}`)}
                    </th>
                  ))}
                <th scope="col" className="num">
                  {t('evaluation.points.serviceHours')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.unit.id} className={r.unit.id === selected ? 'clickable selected' : 'clickable'} onClick={() => onOpen(r.unit.id)} data-unit={r.unit.id}>
                  <td className="num">{r.rank}</td>
                  <th scope="row">
                    <button
                      type="button"
                      className="link-button"
                      aria-label={t('evaluation.points.showLedger', { unit: r.unit.name })}
                      onClick={(e) => {
                        e.stopPropagation();
                        onOpen(r.unit.id);
                      }}
                    >
                      {r.unit.name}
                    </button>
                  </th>
                  <td className="num total">{formatPoints(r.total, i18n.language, false)}</td>
                  <td className="num muted">{r.capped ? formatPoints(r.capped, i18n.language, false) : '—'}</td>
                  {showCriteria &&
                    criteria.map((c) => (
                      <td key={c} className="num">
                        {r.byCriterion[c] ? formatPoints(r.byCriterion[c], i18n.language, true) : '—'}
                      </td>
                    ))}
                  <td className="num">{r.serviceHours || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function MembersTable({ totals, onOpen, selected }: { totals: PointTotals; onOpen: (member: string) => void; selected: string }) {
  const { t, i18n } = useTranslation();
  const caption = t('evaluation.points.membersHeading');
  const rows = ranked(totals.members);
  return (
    <section className="card" aria-labelledby="points-members-heading">
      <h2 id="points-members-heading">{caption}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('evaluation.points.emptyMembers')}</p>
      ) : (
        <div className="table-wrap evaluation-table" tabIndex={0} role="region" aria-label={t('evaluation.points.tableScroll', { table: caption })}>
          <table data-testid="points-members">
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('evaluation.points.rank')}
                </th>
                <th scope="col">{t('evaluation.points.member')}</th>
                <th scope="col">{t('evaluation.points.workUnit')}</th>
                <th scope="col" className="num">
                  {t('evaluation.points.serviceHours')}
                </th>
                <th scope="col" className="num">
                  {t('evaluation.points.total')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.member.id} className={r.member.id === selected ? 'clickable selected' : 'clickable'} onClick={() => onOpen(r.member.id)}>
                  <td className="num">{r.rank}</td>
                  <th scope="row">
                    <button
                      type="button"
                      className="link-button"
                      aria-label={t('evaluation.points.showLedger', { unit: r.member.name })}
                      onClick={(e) => {
                        e.stopPropagation();
                        onOpen(r.member.id);
                      }}
                    >
                      {r.member.name}
                    </button>
                  </th>
                  <td>{r.workUnit?.name ?? '—'}</td>
                  <td className="num">{r.serviceHours}</td>
                  <td className="num total">{formatPoints(r.total, i18n.language, false)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
