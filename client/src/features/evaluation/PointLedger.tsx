import { POINT_CRITERIA, type PointEntry, type Ref } from '@tongxin/shared';
import type { RefObject } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Pager } from '../../app/Pager.js';
import { QueryState } from '../../app/QueryState.js';
import { formatShortDateTime } from '../../lib/format.js';
import { EvidenceList } from '../actionItems/EvidenceList.js';
import { formatEntryDay, formatPoints, sourceLink } from './pointsFormat.js';
import { usePointEntries } from './pointsQueries.js';
import { VoidPointsDialog } from './VoidPointsDialog.js';

export interface LedgerFilter {
  unit: string;
  member: string;
  criterion: string;
}

const PAGE_SIZE = 20;

/** 积分明细: every entry of the period, newest first, each with its source; filters by unit, member, criterion. */
export function PointLedger({
  allianceId,
  period,
  filter,
  page,
  units,
  members,
  canManage,
  headingRef,
  onFilter,
}: {
  allianceId: string;
  period: string;
  filter: LedgerFilter;
  page: number;
  units: Ref[];
  members: Ref[];
  canManage: boolean;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onFilter: (change: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  const query = new URLSearchParams({ period, page: String(page), pageSize: String(PAGE_SIZE) });
  for (const [k, v] of Object.entries(filter)) if (v) query.set(k, v);
  const entries = usePointEntries(allianceId, query.toString());
  const [voiding, setVoiding] = useState<PointEntry | null>(null);
  const filtered = Boolean(filter.unit || filter.member || filter.criterion);
  const memberName = filter.member ? (members.find((m) => m.id === filter.member)?.name ?? '…') : '';
  const unitName = filter.unit ? units.find((u) => u.id === filter.unit)?.name : undefined;
  const subject = unitName ?? (filter.member ? memberName : undefined);
  return (
    <section className="card point-ledger" id="ledger" aria-labelledby="ledger-heading" data-testid="point-ledger">
      <h2 id="ledger-heading" ref={headingRef} tabIndex={-1}>
        {subject ? t('evaluation.ledger.headingOf', { name: subject }) : t('evaluation.ledger.heading')}
      </h2>
      <fieldset className="evaluation-filters">
        <legend className="visually-hidden">{t('evaluation.ledger.filterLegend')}</legend>
        <label>
          <span>{t('evaluation.ledger.unit')}</span>
          <select value={filter.unit} onChange={(e) => onFilter({ unit: e.target.value, member: '' })}>
            <option value="">{t('evaluation.ledger.allUnits')}</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('evaluation.ledger.criterion')}</span>
          <select value={filter.criterion} onChange={(e) => onFilter({ criterion: e.target.value })}>
            <option value="">{t('evaluation.ledger.allCriteria')}</option>
            {POINT_CRITERIA.map((c) => (
              <option key={c} value={c}>
                {t(`evaluation.criterion.${c}`)}
              </option>
            ))}
          </select>
        </label>
        {filter.member && <span className="tag">{t('evaluation.ledger.member', { name: memberName })}</span>}
        {filtered && (
          <button type="button" className="ghost" onClick={() => onFilter({ unit: '', member: '', criterion: '' })}>
            {t('evaluation.ledger.clear')}
          </button>
        )}
      </fieldset>
      <QueryState
        query={entries}
        isEmpty={(p) => p.items.length === 0}
        empty={<span data-testid="ledger-empty">{filtered ? t('evaluation.ledger.emptyFiltered') : t('evaluation.ledger.empty')}</span>}
      >
        {(p) => (
          <>
            <p className="muted small" aria-live="polite">
              {t('evaluation.ledger.total', { count: p.total })}
            </p>
            <ul className="plain-list ledger-entries" data-testid="ledger-entries">
              {p.items.map((e) => (
                <LedgerEntry key={e.id} entry={e} canVoid={canManage && e.criterion === 'manual' && !e.voided} onVoid={() => setVoiding(e)} />
              ))}
            </ul>
            <Pager page={page} pages={Math.ceil(p.total / PAGE_SIZE)} label={t('evaluation.ledger.heading')} onPage={(n) => onFilter({ page: String(n) })} />
          </>
        )}
      </QueryState>
      {voiding && <VoidPointsDialog entry={voiding} onClose={() => setVoiding(null)} />}
    </section>
  );
}

function LedgerEntry({ entry: e, canVoid, onVoid }: { entry: PointEntry; canVoid: boolean; onVoid: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const link = e.criterion === 'manual' ? null : sourceLink(e.source);
  const who = [e.unit?.name, e.member?.name].filter(Boolean).join(' · ');
  const sign = e.points < 0 ? 'minus' : 'plus';
  return (
    <li className={e.voided ? 'ledger-entry voided' : 'ledger-entry'} data-testid="ledger-entry" data-criterion={e.criterion}>
      <div className="ledger-line">
        <span className={`ledger-points ${e.points < 0 ? 'neg' : 'pos'}`} title={t(`evaluation.ledger.${sign}`, { points: formatPoints(Math.abs(e.points), lang, false) })}>
          {formatPoints(e.points, lang, true)}
        </span>
        <span className="ledger-what">
          <strong>{t(`evaluation.criterion.${e.criterion}`)}</strong>
          {who && <span className="ledger-who">{who}</span>}
        </span>
        <time className="ledger-date muted small" dateTime={e.at}>
          {formatEntryDay(e.at, lang)}
        </time>
      </div>
      {e.criterion !== 'manual' && (
        <p className="ledger-source small">
          <span className="muted">{t('evaluation.ledger.source')}</span>
          {link ? <Link to={link}>{e.source.title}</Link> : <span>{e.source.title}</span>}
        </p>
      )}
      {e.reason && <p className="ledger-reason small">{e.reason}</p>}
      <EvidenceList files={e.evidence} />
      <p className="muted small ledger-by">{e.by ? t('evaluation.ledger.by', { name: e.by.name }) : t('evaluation.ledger.auto')}</p>
      {e.voided && (
        <p className="ledger-voided small" data-testid="ledger-voided">
          {t('evaluation.ledger.voided', { name: e.voided.by.name, time: formatShortDateTime(e.voided.at, lang), reason: e.voided.reason })}
        </p>
      )}
      {canVoid && (
        <button type="button" className="ghost danger small-button ledger-void" onClick={onVoid}>
          {t('evaluation.ledger.void')}
        </button>
      )}
    </li>
  );
}
