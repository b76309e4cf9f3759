import { WHISTLE_LIGHTS, WHISTLE_STATUSES, formatLogTime, type Whistle } from '@tongxin/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { Pager } from '../../app/Pager.js';
import { QueryState } from '../../app/QueryState.js';
import { useActingUnits } from '../lists/useActingUnits.js';
import { ClocksDialog } from './ClocksDialog.js';
import { WhistleForm } from './WhistleForm.js';
import { WhistleLight } from './WhistleLight.js';
import { useWhistleClocks, useWhistles } from './queries.js';
import '../lists/lists.css';
import './whistles.css';

const PAGE_SIZE = 20;

/** 吹哨报到: an alliance's whistles, filtered by status, light and unit, with the raise form. */
export default function WhistlesPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const { alliance, members, acting } = useActingUnits(id);
  const clocks = useWhistleClocks(id);
  const [raising, setRaising] = useState(false);
  const [editingClocks, setEditingClocks] = useState(false);
  const filter = { status: params.get('status') ?? '', light: params.get('light') ?? '', unit: params.get('unit') ?? '', mine: params.get('mine') === 'true' };
  const page = Number(params.get('page') ?? '1') || 1;
  const setFilter = (change: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(change)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in change)) next.delete('page');
    setParams(next, { replace: true });
  };
  const query = new URLSearchParams(Object.entries({ ...filter, mine: filter.mine ? 'true' : '' }).filter(([, v]) => v) as [string, string][]);
  const filtered = query.toString() !== '';
  const list = useWhistles(id, `${query.toString()}&page=${page}&pageSize=${PAGE_SIZE}`);

  return (
    <div className="page whistles-page">
      <header className="page-head">
        <p className="muted small">
          <Link to={`/alliances/${id}`}>{alliance.data?.name ?? '…'}</Link>
          {' · '}
          <Link to={`/alliances/${id}/lists`}>{t('lists.title')}</Link>
        </p>
        <h1>{t('whistles.title')}</h1>
        <p className="lead">{t('whistles.intro')}</p>
      </header>
      <section className="card whistles-card" aria-label={t('whistles.title')}>
        <div className="whistles-toolbar">
          {acting.length > 0 && (
            <button type="button" onClick={() => setRaising(true)}>
              {t('whistles.raise')}
            </button>
          )}
          <Link className="button outline" to={`/alliances/${id}/whistles/stats`}>
            {t('whistles.stats')}
          </Link>
          {clocks.data?.canEdit && (
            <button type="button" className="ghost" onClick={() => setEditingClocks(true)}>
              {t('whistles.clocksButton')}
            </button>
          )}
        </div>
        <fieldset className="whistles-filters">
          <legend className="visually-hidden">{t('whistles.filter.legend')}</legend>
          <label>
            <span>{t('whistles.filter.status')}</span>
            <select value={filter.status} onChange={(e) => setFilter({ status: e.target.value })}>
              <option value="">{t('whistles.filter.allStatuses')}</option>
              {WHISTLE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`whistles.status.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('whistles.filter.light')}</span>
            <select value={filter.light} onChange={(e) => setFilter({ light: e.target.value })}>
              <option value="">{t('whistles.filter.allLights')}</option>
              {WHISTLE_LIGHTS.filter((l) => l !== 'none').map((l) => (
                <option key={l} value={l}>
                  {t(`whistles.light.${l}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('whistles.filter.unit')}</span>
            <select value={filter.unit} onChange={(e) => setFilter({ unit: e.target.value })}>
              <option value="">{t('whistles.filter.allUnits')}</option>
              {members.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
          <label className="whistles-check">
            <input type="checkbox" checked={filter.mine} onChange={(e) => setFilter({ mine: e.target.checked ? 'true' : '' })} />
            <span>{t('whistles.filter.mine')}</span>
          </label>
          {filtered && (
            <button type="button" className="ghost" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
              {t('whistles.filter.clear')}
            </button>
          )}
        </fieldset>
        <QueryState query={list} isEmpty={(p) => p.items.length === 0} empty={filtered ? t('whistles.emptyFiltered') : t('whistles.empty')}>
          {(p) => (
            <>
              <p className="muted small" aria-live="polite">
                {t('whistles.total', { count: p.total })}
              </p>
              <ul className="plain-list whistles-items" data-testid="whistles-list">
                {p.items.map((w) => (
                  <WhistleRow key={w.id} whistle={w} />
                ))}
              </ul>
              <Pager page={page} pages={Math.ceil(p.total / PAGE_SIZE)} label={t('whistles.title')} onPage={(n) => setFilter({ page: String(n) })} />
            </>
          )}
        </QueryState>
      </section>
      {raising && <WhistleForm allianceId={id} units={acting} members={members} onClose={() => setRaising(false)} />}
      {editingClocks && clocks.data && <ClocksDialog allianceId={id} clocks={clocks.data.clocks} onClose={() => setEditingClocks(false)} />}
    </div>
  );
}

function WhistleRow({ whistle: w }: { whistle: Whistle }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  return (
    <li className="whistles-item" data-light={w.light}>
      <div className="whistles-item-head">
        <Link className="whistles-item-title" to={`/whistles/${w.id}`}>
          {w.title}
        </Link>
        <WhistleLight light={w.light} />
        <span className={`whistles-stage stage-${w.stage}`}>{t(`whistles.stage.${w.stage}`)}</span>
      </div>
      <p className="whistles-meta">
        <span className="tag">{w.category}</span>
        {w.urgency === 'urgent' && <span className="tag urgent">{t('whistles.urgency.urgent')}</span>}
        <span>{t('whistles.raisedBy', { unit: w.unit.name })}</span>
        <span>{t('whistles.raisedAt', { time: formatLogTime(w.raisedAt, i18n.language) })}</span>
        <span>
          {t('whistles.summoned', {
            units: w.departments.map((d) => (zh ? `${d.unit.name}（${t(`whistles.role.${d.role}`)}）` : `${d.unit.name} (${t(`whistles.role.${d.role}`)})`)).join(zh ? '、' : ', '),
          })}
        </span>
      </p>
    </li>
  );
}
