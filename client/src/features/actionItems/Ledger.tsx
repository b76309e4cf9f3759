import { ACTION_ITEM_STATUSES, STATUS_LIGHTS, type ActionItem, type Alliance } from '@tongxin/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { Pager } from '../../app/Pager.js';
import { QueryState } from '../../app/QueryState.js';
import { useAlliance } from '../../lib/alliance.js';
import { ProjectLedger } from '../lists/ProjectLedger.js';
import { formatDay } from '../../lib/format.js';
import type { DeletedItemState } from './ActionItemPage.js';
import { ExtendedMark, PercentBar, ProgressLegend, StatusChip } from './ItemBadges.js';
import { useLedger, useLiveActionItems } from './queries.js';
import { LightBadge, LightLegend, LightSummary } from './StatusLight.js';
import './actionItems.css';

const PAGE_SIZE = 10;
/** The ledger's filters live in the URL, named as the API names them, so a link shares the view. */
const FILTERS = ['status', 'leadUnit', 'overdue', 'dueTo', 'light'] as const;

function filtersOf(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const f of FILTERS) {
    const v = params.get(f);
    if (v) out.set(f, v);
  }
  return out;
}

/** 工作台账: every action item of the alliance, filtered, paged, exportable as CSV. */
export function Ledger({ allianceId }: { allianceId: string }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const alliance = useAlliance(allianceId);
  useLiveActionItems([allianceId]);
  const filters = filtersOf(params);
  const page = Math.max(1, Math.floor(Number(params.get('page')) || 1));
  const query = new URLSearchParams(filters);
  query.set('page', String(page));
  query.set('pageSize', String(PAGE_SIZE));
  const ledger = useLedger(allianceId, query.toString());
  const filtered = filters.size > 0;

  const setFilter = (name: (typeof FILTERS)[number], value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete('page');
    setParams(next, { replace: true });
  };
  const setPage = (p: number) => {
    const next = new URLSearchParams(params);
    if (p > 1) next.set('page', String(p));
    else next.delete('page');
    setParams(next, { replace: true });
  };
  const clear = () => {
    const next = new URLSearchParams(params);
    for (const f of [...FILTERS, 'page']) next.delete(f);
    setParams(next, { replace: true });
  };
  const exportQuery = filtered ? `?${filters.toString()}` : '';
  const csv = `/api/alliances/${allianceId}/action-items.csv${exportQuery}`;
  const xlsx = `/api/alliances/${allianceId}/action-items.xlsx${exportQuery}`;
  // Arriving from an item just deleted: say so, since the row is simply gone.
  const deleted = (useLocation().state as Partial<DeletedItemState> | null)?.deletedItem;

  return (
    <>
      <section className="card ai-ledger" aria-labelledby="ledger">
        <div className="section-head">
          <h2 id="ledger">{t('actionItems.ledger.title')}</h2>
          <span className="ai-exports">
            <a className="button ai-export" href={csv} download title={t('actionItems.ledger.exportHint')}>
              {t('actionItems.ledger.export')}
            </a>
            <a className="button ai-export" href={xlsx} download title={t('actionItems.light.exportXlsxHint')}>
              {t('actionItems.light.exportXlsx')}
            </a>
          </span>
        </div>
        {deleted && (
          <p role="status" className="success">
            {t('actionItems.remove.deleted', { title: deleted })}
          </p>
        )}
        <Filters params={filters} alliance={alliance.data} onChange={setFilter} onClear={filtered ? clear : null} />
        <QueryState
          query={ledger}
          isEmpty={(p) => p.total === 0}
          empty={filtered ? t('actionItems.ledger.noMatch') : t('actionItems.ledger.empty')}
        >
          {(p) => {
            const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
            return (
              <div aria-busy={ledger.isPlaceholderData}>
                <LightSummary counts={p.lights} current={filters.get('light') ?? ''} onPick={(l) => setFilter('light', l)} />
                <p className="muted small ai-total">{t('actionItems.ledger.total', { total: p.total })}</p>
                <LedgerTable items={p.items} />
                <Pager page={page} pages={pages} label={t('actionItems.ledger.pages')} onPage={setPage} />
              </div>
            );
          }}
        </QueryState>
      </section>
      {/* 共建项目 beside the action items: their own section, so the ledger's counts and filters stay the items'. */}
      <ProjectLedger allianceId={allianceId} />
    </>
  );
}

function valuesOf(params: URLSearchParams): Record<(typeof FILTERS)[number], string> {
  return {
    status: params.get('status') ?? '',
    leadUnit: params.get('leadUnit') ?? '',
    overdue: params.get('overdue') ?? '',
    dueTo: params.get('dueTo') ?? '',
    light: params.get('light') ?? '',
  };
}

function Filters({
  params,
  alliance,
  onChange,
  onClear,
}: {
  params: URLSearchParams;
  alliance: Alliance | undefined;
  onChange: (name: (typeof FILTERS)[number], value: string) => void;
  onClear: (() => void) | null;
}) {
  const { t } = useTranslation();
  const id = useId();
  // The inputs answer at once; the URL (and the query) follow. A URL change from elsewhere — clear
  // filters, the back button — resets them (adjusting state while rendering, as React recommends).
  const urlKey = params.toString();
  const [seen, setSeen] = useState(urlKey);
  const [values, setValues] = useState(() => valuesOf(params));
  if (seen !== urlKey) {
    setSeen(urlKey);
    setValues(valuesOf(params));
  }
  const change = (name: (typeof FILTERS)[number], value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    onChange(name, value);
  };
  return (
    <form className="ai-filters" aria-label={t('actionItems.ledger.filters')} onSubmit={(e) => e.preventDefault()}>
      <label htmlFor={`${id}-status`}>
        {t('actionItems.ledger.status')}
        <select id={`${id}-status`} value={values.status} onChange={(e) => change('status', e.target.value)}>
          <option value="">{t('actionItems.ledger.allStatuses')}</option>
          {ACTION_ITEM_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`actionItems.status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label htmlFor={`${id}-lead`}>
        {t('actionItems.ledger.leadUnit')}
        <select id={`${id}-lead`} value={values.leadUnit} onChange={(e) => change('leadUnit', e.target.value)}>
          <option value="">{t('actionItems.ledger.allUnits')}</option>
          {alliance?.memberships.map((m) => (
            <option key={m.unit.id} value={m.unit.id}>
              {m.unit.name}
            </option>
          ))}
        </select>
      </label>
      <label htmlFor={`${id}-light`}>
        {t('actionItems.light.filter')}
        <select id={`${id}-light`} value={values.light} onChange={(e) => change('light', e.target.value)}>
          <option value="">{t('actionItems.light.all')}</option>
          {STATUS_LIGHTS.map((l) => (
            <option key={l} value={l}>
              {t(`actionItems.light.${l}`)}
            </option>
          ))}
        </select>
      </label>
      <label htmlFor={`${id}-due`}>
        {t('actionItems.ledger.dueTo')}
        <input id={`${id}-due`} type="date" value={values.dueTo} onChange={(e) => change('dueTo', e.target.value)} />
      </label>
      <label className="ai-check" htmlFor={`${id}-overdue`}>
        <input
          id={`${id}-overdue`}
          type="checkbox"
          checked={values.overdue === 'true'}
          onChange={(e) => change('overdue', e.target.checked ? 'true' : '')}
        />
        {t('actionItems.ledger.overdueOnly')}
      </label>
      {onClear && (
        <button type="button" className="ghost ai-clear" onClick={onClear}>
          {t('actionItems.ledger.clear')}
        </button>
      )}
    </form>
  );
}

/** A table on a desktop; each row becomes a card on a phone (see actionItems.css). */
function LedgerTable({ items }: { items: ActionItem[] }) {
  const { t, i18n } = useTranslation();
  const col = (k: 'title' | 'leadUnit' | 'dueDate' | 'status' | 'percent') => t(`actionItems.field.${k}`);
  // 亮灯 and status share a column: the light first, then the status it comes from.
  const statusCol = t('actionItems.light.statusColumn');
  return (
    <div className="ai-table-wrap">
      <table className="ai-table">
        <caption className="visually-hidden">{t('actionItems.ledger.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{col('title')}</th>
            <th scope="col">{col('leadUnit')}</th>
            <th scope="col">{col('dueDate')}</th>
            <th scope="col">{statusCol}</th>
            <th scope="col">{col('percent')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.id} className={i.overdue ? 'ai-row-late' : undefined} data-testid="ledger-row">
              <th scope="row" className="ai-cell-title">
                <Link to={`/action-items/${i.id}`}>{i.title}</Link>
                <span className="ai-person">{t('actionItems.personIs', { name: i.responsiblePerson })}</span>
              </th>
              <td data-label={col('leadUnit')} className="ai-cell-unit">
                {i.leadUnit.name}
              </td>
              <td data-label={col('dueDate')}>
                <span className="ai-due">
                  <time dateTime={i.dueDate} className={i.overdue ? 'ai-late' : undefined}>
                    {formatDay(i.dueDate, i18n.language)}
                  </time>
                  <ExtendedMark item={i} withOriginal />
                </span>
              </td>
              <td data-label={statusCol}>
                <span className="ai-cell-light">
                  <LightBadge light={i.light} />
                  <StatusChip item={i} />
                </span>
              </td>
              <td data-label={col('percent')}>
                <PercentBar item={i} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <LightLegend />
      <ProgressLegend />
    </div>
  );
}
